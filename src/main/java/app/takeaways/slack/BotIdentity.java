package app.takeaways.slack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Who the bot is in its workspace ({@code auth.test}). Learnt in the background after start and retried until
 * Slack answers, so neither the start nor any request waits on it; a bad token is logged, not fatal.
 */
@Component
public class BotIdentity implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BotIdentity.class);
    private static final long RETRY_SECONDS = 30;

    /** The workspace, the bot's user id and its bot id, and the workspace's address ({@code https://x.slack.com/}). */
    public record Identity(String teamId, String botUserId, String botId, String workspaceUrl) {

        /**
         * The link to a message, as {@code chat.getPermalink} writes it, without asking Slack: nothing to wait for
         * on a busy thread. Empty until {@code auth.test} told the workspace's address.
         */
        public Optional<String> permalink(String channelId, String messageTs, String threadTs) {
            if (workspaceUrl == null || workspaceUrl.isBlank() || messageTs == null) {
                return Optional.empty();
            }
            String base = workspaceUrl.endsWith("/") ? workspaceUrl : workspaceUrl + "/";
            String link = base + "archives/" + channelId + "/p" + messageTs.replace(".", "");
            if (threadTs != null && !threadTs.equals(messageTs)) {
                link += "?thread_ts=" + threadTs + "&cid=" + channelId;
            }
            return Optional.of(link);
        }
    }

    private final SlackGateway gateway;
    private final AtomicReference<Identity> identity = new AtomicReference<>();
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "slack-auth-test");
        thread.setDaemon(true);
        return thread;
    });

    BotIdentity(SlackGateway gateway) {
        this.gateway = gateway;
    }

    public Optional<Identity> current() {
        return Optional.ofNullable(identity.get());
    }

    @EventListener(ApplicationReadyEvent.class)
    void learnInBackground() {
        retries.execute(this::learn);
    }

    /** Asks Slack now; keeps and returns the answer. */
    public Identity learnNow() {
        Identity learnt = gateway.authTest();
        identity.set(learnt);
        return learnt;
    }

    private void learn() {
        try {
            Identity learnt = learnNow();
            log.info("Connected to Slack workspace {} as bot user {}", learnt.teamId(), learnt.botUserId());
        } catch (SlackApiCallException e) {
            String hint = e.is("invalid_auth") || e.is("not_authed") || e.is("account_inactive")
                    || e.is("token_revoked")
                    ? " Check SLACK_BOT_TOKEN (README.md, \"Configuration\")." : "";
            log.warn("Slack auth.test failed ({}); retrying in {} s.{}", e.error(), RETRY_SECONDS, hint);
            retries.schedule(this::learn, RETRY_SECONDS, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() {
        retries.shutdownNow();
    }
}
