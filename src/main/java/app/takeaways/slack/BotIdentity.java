package app.takeaways.slack;

import app.takeaways.workspace.TeamRetention;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.dao.DataAccessException;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Who the bot is in each workspace ({@code auth.test}: its user, and the workspace's address for permalinks). One
 * workspace: learnt in the background after start and retried until Slack answers, so neither the start nor any
 * request waits on it; a bad token is logged, not fatal. OAuth mode: learnt per workspace in the background when
 * first asked about, with that workspace's token.
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
    private final boolean oneWorkspace;
    /** One workspace: who the bot is in it, whatever team a request names. */
    private final AtomicReference<Identity> only = new AtomicReference<>();
    /** OAuth mode: who the bot is in each workspace asked about so far. */
    private final Map<String, Identity> byTeam = new ConcurrentHashMap<>();
    private final Set<String> learning = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "slack-auth-test");
        thread.setDaemon(true);
        return thread;
    });

    private final TeamRetention retention;

    BotIdentity(SlackGateway gateway, SlackProperties properties, TeamRetention retention) {
        this.gateway = gateway;
        this.retention = retention;
        this.oneWorkspace = !properties.oauthMode();
    }

    /**
     * Who the bot is in a workspace, without asking Slack: nothing to wait for on a busy thread. Empty until
     * {@code auth.test} answered; in OAuth mode the first question about a workspace has it asked in the background.
     */
    public Optional<Identity> of(String teamId) {
        if (oneWorkspace) {
            return Optional.ofNullable(only.get());
        }
        if (teamId == null) {
            return Optional.empty();
        }
        Identity known = byTeam.get(teamId);
        if (known == null && learning.add(teamId)) {
            retries.execute(() -> learnOnce(teamId));
        }
        return Optional.ofNullable(known);
    }

    /** Starts learning the one workspace's identity (OAuth mode learns each workspace's when first asked). */
    @EventListener(ApplicationReadyEvent.class)
    void learnInBackground() {
        if (oneWorkspace) {
            retries.execute(this::learnTheOne);
        }
    }

    /** Asks Slack now (with the team's token); keeps and returns the answer. */
    public Identity learnNow(String teamId) {
        Identity learnt = gateway.in(teamId).authTest();
        if (oneWorkspace) {
            only.set(learnt);
        } else {
            byTeam.put(teamId, learnt);
        }
        return learnt;
    }

    /** Forgets workspaces the app left: a re-install may come with another bot user. */
    public void forget(Collection<String> teamIds) {
        teamIds.forEach(byTeam::remove);
        learning.removeAll(teamIds);
    }

    /** Asks once; after a failure, not again for {@link #RETRY_SECONDS}, however many requests ask meanwhile. */
    private void learnOnce(String teamId) {
        try {
            learnNow(teamId);
            learning.remove(teamId);
        } catch (SlackApiCallException e) {
            log.warn("Slack auth.test failed for workspace {} ({}); asking again when needed after {} s", teamId,
                    e.error(), RETRY_SECONDS);
            retries.schedule(() -> learning.remove(teamId), RETRY_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** The one workspace, learnt with the configured token (which serves whatever team it is asked for). */
    private void learnTheOne() {
        try {
            Identity learnt = learnNow(null);
            log.info("Connected to Slack workspace {} as bot user {}", learnt.teamId(), learnt.botUserId());
            markBack(learnt.teamId());
        } catch (SlackApiCallException e) {
            String hint = e.is("invalid_auth") || e.is("not_authed") || e.is("account_inactive")
                    || e.is("token_revoked")
                    ? " Check SLACK_BOT_TOKEN (README.md, \"Configuration\")." : "";
            log.warn("Slack auth.test failed ({}); retrying in {} s.{}", e.error(), RETRY_SECONDS, hint);
            retries.schedule(this::learnTheOne, RETRY_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** The token works: if the workspace had uninstalled the app, it is back, and keeps its takeaways. */
    private void markBack(String teamId) {
        try {
            retention.reinstalled(teamId);
        } catch (DataAccessException e) {
            log.warn("Could not record that workspace {} has the app again (the database did not answer); trying again"
                    + " in {} s", teamId, RETRY_SECONDS);
            retries.schedule(() -> markBack(teamId), RETRY_SECONDS, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() {
        retries.shutdownNow();
    }
}
