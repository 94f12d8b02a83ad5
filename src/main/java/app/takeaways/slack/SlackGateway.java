package app.takeaways.slack;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.auth.AuthTestResponse;
import com.slack.api.methods.response.conversations.ConversationsInfoResponse;
import com.slack.api.model.Conversation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.time.Duration;

/**
 * The one way to Slack's Web API. Checks {@code ok}, turns errors into {@link SlackApiCallException}s with Slack's
 * error code, waits out 429 {@code Retry-After} (a few times), and never logs a token. Blocking: call it after
 * the ack, never on the way to one.
 */
@Component
public class SlackGateway {

    private static final Logger log = LoggerFactory.getLogger(SlackGateway.class);

    static final int MAX_ATTEMPTS = 4;
    static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);

    private final MethodsClient methods;
    private final Sleeper sleeper;

    SlackGateway(Slack slack, SlackProperties properties, Sleeper sleeper) {
        this.methods = slack.methods(properties.botToken());
        this.sleeper = sleeper;
    }

    public BotIdentity.Identity authTest() {
        AuthTestResponse response = call("auth.test", () -> methods.authTest(r -> r));
        return new BotIdentity.Identity(response.getTeamId(), response.getUserId(), response.getBotId());
    }

    /** The conversation's details; {@code channel_not_found} for a private channel the bot is not in. */
    public Conversation conversationInfo(String channelId) {
        ConversationsInfoResponse response = call("conversations.info",
                () -> methods.conversationsInfo(r -> r.channel(channelId)));
        return response.getChannel();
    }

    <T extends SlackApiTextResponse> T call(String method, SlackCall<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                T response = call.execute();
                if (response.isOk()) {
                    return response;
                }
                if (!"ratelimited".equals(response.getError()) || attempt == MAX_ATTEMPTS) {
                    throw failure(method, response.getError(), null);
                }
                waitBeforeRetry(method, Duration.ofSeconds(1), attempt);
            } catch (SlackApiException e) {
                int status = e.getResponse().code();
                if (status != 429 || attempt == MAX_ATTEMPTS) {
                    String error = e.getError() != null && e.getError().getError() != null
                            ? e.getError().getError() : "http_" + status;
                    throw failure(method, error, e);
                }
                waitBeforeRetry(method, retryAfter(e.getResponse().header("Retry-After")), attempt);
            } catch (IOException e) {
                throw failure(method, "unreachable", e);
            }
        }
    }

    private void waitBeforeRetry(String method, Duration wait, int attempt) {
        log.info("Slack rate-limited {}; retrying in {} s (attempt {} of {})", method, wait.toSeconds(), attempt + 1,
                MAX_ATTEMPTS);
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(method, "interrupted", e);
        }
    }

    static Duration retryAfter(String header) {
        try {
            long seconds = Long.parseLong(header == null ? "1" : header.strip());
            Duration wait = Duration.ofSeconds(Math.max(1, seconds));
            return wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait;
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }

    private static SlackApiCallException failure(String method, String error, Exception cause) {
        SlackApiCallException failure = new SlackApiCallException(method, error, cause);
        log.warn("{}", failure.getMessage());
        return failure;
    }

    @FunctionalInterface
    interface SlackCall<T> {
        T execute() throws IOException, SlackApiException;
    }

    /** Waiting out a {@code Retry-After}; tests replace it. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }
}
