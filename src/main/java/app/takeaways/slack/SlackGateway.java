package app.takeaways.slack;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.auth.AuthTestResponse;
import app.takeaways.slack.blocks.SlackMessage;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.methods.response.conversations.ConversationsInfoResponse;
import com.slack.api.methods.response.conversations.ConversationsRepliesResponse;
import com.slack.api.methods.response.users.UsersConversationsResponse;
import com.slack.api.model.Conversation;
import com.slack.api.model.ConversationType;
import com.slack.api.model.Message;
import com.slack.api.model.view.View;
import com.slack.api.util.json.GsonFactory;
import com.slack.api.webhook.WebhookResponse;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one way to Slack's Web API. Checks {@code ok}, turns errors into {@link SlackApiCallException}s with Slack's
 * error code, waits out 429 {@code Retry-After} (a few times), and never logs a token. Every call into a workspace
 * goes through {@link #in}, with that workspace's token. Blocking: call it after the ack, never on the way to one.
 */
@Component
public class SlackGateway {

    private static final Logger log = LoggerFactory.getLogger(SlackGateway.class);

    static final int MAX_ATTEMPTS = 4;
    static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);

    /** The error of a call into a workspace no token serves: the app is not installed there (any more). */
    public static final String NOT_INSTALLED = "not_installed";

    private static final Observation.Event RATE_LIMITED = Observation.Event.of("rate.limited",
            "Slack rate-limited the call; waiting out Retry-After");

    private final Slack slack;
    private final TeamBots bots;
    private final Sleeper sleeper;
    private final ObservationRegistry observations;

    SlackGateway(Slack slack, TeamBots bots, Sleeper sleeper, ObservationRegistry observations) {
        this.slack = slack;
        this.bots = bots;
        this.sleeper = sleeper;
        this.observations = observations;
    }

    /**
     * Calls into one workspace, each made with the token {@link TeamBots} says serves it at the time of the call (so
     * work running long after its request uses a token refreshed meanwhile). A workspace the app is not installed
     * in fails every call with {@code not_installed}, and nothing is sent.
     */
    public Team in(String teamId) {
        return new Team(teamId);
    }

    /** Answers through an interaction's {@code response_url}: works where the bot is not a member too. */
    public void respond(String responseUrl, SlackMessage message, boolean replaceOriginal) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("response_type", "ephemeral");
        payload.put("replace_original", replaceOriginal);
        payload.put("text", message.text());
        payload.put("blocks", message.blocks());
        String json = GsonFactory.createSnakeCase().toJson(payload);
        observed("response_url", () -> {
            try {
                WebhookResponse response = slack.send(responseUrl, json);
                if (response.getCode() != 200) {
                    throw failure("response_url", "http_" + response.getCode(), null);
                }
                return response;
            } catch (IOException e) {
                throw failure("response_url", "unreachable", e);
            }
        });
    }

    /** The Web API in one workspace ({@link #in}). */
    public final class Team {

        private final String teamId;

        private Team(String teamId) {
            this.teamId = teamId;
        }

        public String teamId() {
            return teamId;
        }

        public BotIdentity.Identity authTest() {
            AuthTestResponse response = call("auth.test", methods -> methods.authTest(r -> r));
            return new BotIdentity.Identity(response.getTeamId(), response.getUserId(), response.getBotId(),
                    response.getUrl());
        }

        /** The conversation's details; {@code channel_not_found} for a private channel the bot is not in. */
        public Conversation conversationInfo(String channelId) {
            ConversationsInfoResponse response = call("conversations.info",
                    methods -> methods.conversationsInfo(r -> r.channel(channelId)));
            return response.getChannel();
        }

        /** Posts a message; returns its timestamp. */
        public String postMessage(String channelId, String threadTs, SlackMessage message) {
            ChatPostMessageResponse response = call("chat.postMessage", methods -> methods.chatPostMessage(r -> r
                    .channel(channelId)
                    .threadTs(threadTs)
                    .text(message.text())
                    .blocks(message.blocks())
                    .unfurlLinks(false)
                    .unfurlMedia(false)
                    // never turn a plain "@channel" in a takeaway into a mention
                    .linkNames(false)));
            return response.getTs();
        }

        /** Replaces a message the bot posted. */
        public void updateMessage(String channelId, String ts, SlackMessage message) {
            call("chat.update", methods -> methods.chatUpdate(r -> r
                    .channel(channelId)
                    .ts(ts)
                    .text(message.text())
                    .blocks(message.blocks())
                    .linkNames(false)));
        }

        /** A person's time zone as Slack knows it (users.info {@code tz}); empty when Slack does not say. */
        public Optional<java.time.ZoneId> userTimeZone(String userId) {
            String tz = user(userId).getTz();
            try {
                return tz == null || tz.isBlank() ? Optional.empty() : Optional.of(java.time.ZoneId.of(tz));
            } catch (java.time.DateTimeException e) {
                return Optional.empty();
            }
        }

        /** A person as Slack knows them ({@code users.info}): names, time zone. */
        public com.slack.api.model.User user(String userId) {
            return call("users.info", methods -> methods.usersInfo(r -> r.user(userId))).getUser();
        }

        /** A message only {@code userId} sees, in a conversation the bot is in. */
        public void postEphemeral(String channelId, String userId, String threadTs, SlackMessage message) {
            call("chat.postEphemeral", methods -> methods.chatPostEphemeral(r -> r
                    .channel(channelId)
                    .user(userId)
                    .threadTs(threadTs)
                    .text(message.text())
                    .blocks(message.blocks())));
        }

        public void openView(String triggerId, View view) {
            call("views.open", methods -> methods.viewsOpen(r -> r.triggerId(triggerId).view(view)));
        }

        public void publishHome(String userId, View view) {
            call("views.publish", methods -> methods.viewsPublish(r -> r.userId(userId).view(view)));
        }

        public String permalink(String channelId, String messageTs) {
            return call("chat.getPermalink", methods -> methods.chatGetPermalink(r -> r.channel(channelId)
                    .messageTs(messageTs))).getPermalink();
        }

        /**
         * A message by its timestamp: a top-level one from {@code conversations.history}, else a thread reply from
         * {@code conversations.replies}. Empty when Slack has no such message (deleted).
         */
        public Optional<Message> message(String channelId, String messageTs) {
            ConversationsHistoryResponse history = call("conversations.history",
                    methods -> methods.conversationsHistory(r -> r
                    .channel(channelId).latest(messageTs).inclusive(true).limit(1)));
            Optional<Message> topLevel = history.getMessages() == null ? Optional.empty()
                    : history.getMessages().stream().filter(m -> messageTs.equals(m.getTs())).findFirst();
            if (topLevel.isPresent()) {
                return topLevel;
            }
            ConversationsRepliesResponse replies = call("conversations.replies",
                    methods -> methods.conversationsReplies(r -> r
                    .channel(channelId).ts(messageTs).latest(messageTs).oldest(messageTs).inclusive(true).limit(1)));
            return replies.getMessages() == null ? Optional.empty()
                    : replies.getMessages().stream().filter(m -> messageTs.equals(m.getTs())).findFirst();
        }

        /** The first message of a thread. */
        public Optional<Message> threadParent(String channelId, String threadTs) {
            ConversationsRepliesResponse replies = call("conversations.replies",
                    methods -> methods.conversationsReplies(r -> r
                    .channel(channelId).ts(threadTs).limit(1)));
            return replies.getMessages() == null ? Optional.empty()
                    : replies.getMessages().stream().filter(m -> threadTs.equals(m.getTs())).findFirst();
        }

        public void addReaction(String channelId, String messageTs, String name) {
            try {
                call("reactions.add",
                        methods -> methods.reactionsAdd(r -> r.channel(channelId).timestamp(messageTs).name(name)));
            } catch (SlackApiCallException e) {
                if (!e.is("already_reacted")) {
                    throw e;
                }
            }
        }

        /**
         * The channels (public and private) a person is in that the bot may know of (users.conversations, every page):
         * a public channel they joined, a private one the bot is in too. Archived ones are left out.
         */
        public java.util.Set<String> channelsOf(String userId) {
            java.util.Set<String> channels = new java.util.LinkedHashSet<>();
            String cursor = null;
            do {
                String page = cursor;
                UsersConversationsResponse response = call("users.conversations",
                        methods -> methods.usersConversations(r -> r
                        .user(userId)
                        .types(java.util.List.of(ConversationType.PUBLIC_CHANNEL, ConversationType.PRIVATE_CHANNEL))
                        .excludeArchived(true)
                        .limit(999)
                        .cursor(page)));
                if (response.getChannels() != null) {
                    response.getChannels().forEach(channel -> channels.add(channel.getId()));
                }
                cursor = response.getResponseMetadata() == null ? null : response.getResponseMetadata().getNextCursor();
            } while (cursor != null && !cursor.isBlank());
            return channels;
        }

        /** A file's details ({@code files.info}, scope {@code files:read}): name, type, size, download URL. */
        public com.slack.api.model.File fileInfo(String fileId) {
            return call("files.info", methods -> methods.filesInfo(r -> r.file(fileId))).getFile();
        }

        /**
         * A Web API call made by another class of this package that wraps a Web API of its own (file uploads),
         * checked and retried as every call here.
         */
        <T extends SlackApiTextResponse> T callWith(String method, MethodsCall<T> call) {
            return call(method, call);
        }

        private <T extends SlackApiTextResponse> T call(String method, MethodsCall<T> call) {
            TeamBot bot = bots.bot(teamId).orElseThrow(() -> failure(method, NOT_INSTALLED, null));
            MethodsClient methods = slack.methods(bot.token(), teamId);
            return SlackGateway.this.call(method, () -> call.execute(methods));
        }
    }

    <T extends SlackApiTextResponse> T call(String method, SlackCall<T> call) {
        return observed(method, () -> attempts(method, call));
    }

    /**
     * One call as an observation {@code slack.api} (a span when tracing is on, the timer
     * {@code slack_api_seconds{method,outcome}}), its outcome {@code ok} or Slack's error code; each wait for a rate
     * limit is an event ({@code slack_api_rate_limited_total{method}}). Only the method and the outcome: never what
     * was sent, nor the token.
     */
    private <T> T observed(String method, Supplier<T> call) {
        Observation observation = Observation.createNotStarted("slack.api", observations)
                .contextualName("slack " + method)
                .lowCardinalityKeyValue("method", method)
                .start();
        String outcome = "exception";
        try (Observation.Scope scope = observation.openScope()) {
            T response = call.get();
            outcome = "ok";
            return response;
        } catch (RuntimeException e) {
            if (e instanceof SlackApiCallException failed) {
                outcome = failed.error();
            }
            observation.error(e);
            throw e;
        } finally {
            observation.lowCardinalityKeyValue("outcome", outcome);
            observation.stop();
        }
    }

    private <T extends SlackApiTextResponse> T attempts(String method, SlackCall<T> call) {
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
        Observation call = observations.getCurrentObservation();
        if (call != null) {
            call.event(RATE_LIMITED);
        }
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

    @FunctionalInterface
    interface MethodsCall<T> {
        T execute(MethodsClient methods) throws IOException, SlackApiException;
    }

    /** Waiting out a {@code Retry-After}; tests replace it. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }
}
