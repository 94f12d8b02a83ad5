package app.takeaways.digest;

/** A digest could not be posted. */
public class DigestPostException extends RuntimeException {

    /** Whether trying again can help. */
    public enum Kind {
        /** The channel cannot take posts (the bot left it, it was deleted or archived): pause until someone acts. */
        CHANNEL_UNAVAILABLE,
        /** Anything else (Slack unreachable, rate limits that outlasted the wait): try again later. */
        TRY_AGAIN
    }

    private final Kind kind;
    private final String reason;

    /** @param reason Slack's error code, e.g. {@code not_in_channel} */
    public DigestPostException(Kind kind, String reason, Throwable cause) {
        super("Digest not posted: " + reason, cause);
        this.kind = kind;
        this.reason = reason;
    }

    public Kind kind() {
        return kind;
    }

    public String reason() {
        return reason;
    }
}
