package app.takeaways.slack;

/**
 * A Slack delivery this app could not take now (its database is down): thrown from a handler so the request is
 * not acknowledged and Slack delivers it again (Events API retries, Socket Mode redelivery).
 */
public class SlackRetryException extends RuntimeException {

    public SlackRetryException(String message, Throwable cause) {
        super(message, cause);
    }
}
