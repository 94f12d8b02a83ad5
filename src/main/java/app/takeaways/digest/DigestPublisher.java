package app.takeaways.digest;

/**
 * Posts digests where the team reads them (the {@code slack} module implements it): the first message in the
 * channel, the rest in its thread, each within the chat's limits.
 */
public interface DigestPublisher {

    /** A digest made ready to post, in parts. */
    interface Posting {

        int parts();

        /**
         * Posts one part: the first ({@code threadTs} null) in the channel, later ones in its thread.
         *
         * @return the posted message's timestamp
         */
        String post(int part, String threadTs) throws DigestPostException;
    }

    Posting prepare(WeeklyDigest digest);

    /** Tells the person who subscribed that the channel's digest is paused, why, and how to resume it. */
    void tellPaused(String teamId, String userId, String channelId, String reason);
}
