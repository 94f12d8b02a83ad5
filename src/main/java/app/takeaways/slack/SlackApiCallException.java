package app.takeaways.slack;

/**
 * A Web API call Slack answered with an error ({@code ok: false}, or an HTTP error), or could not be made.
 * The message names the method and Slack's error code, never a token.
 */
public class SlackApiCallException extends RuntimeException {

    private final String method;
    private final String error;

    SlackApiCallException(String method, String error, Throwable cause) {
        super("Slack " + method + " failed: " + error, cause);
        this.method = method;
        this.error = error;
    }

    public String method() {
        return method;
    }

    /** Slack's error code ({@code not_in_channel}, {@code channel_not_found}, ...) or {@code http_NNN}/{@code unreachable}. */
    public String error() {
        return error;
    }

    public boolean is(String slackError) {
        return slackError.equals(error);
    }
}
