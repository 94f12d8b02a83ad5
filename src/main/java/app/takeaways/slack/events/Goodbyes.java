package app.takeaways.slack.events;

import app.takeaways.digest.DigestSubscriptions;
import app.takeaways.slack.BotIdentity;
import app.takeaways.slack.DatabaseCalls;
import app.takeaways.slack.SlackRetryException;
import app.takeaways.slack.SlackSurface;
import app.takeaways.slack.TeamBots;
import app.takeaways.workspace.TeamRetention;
import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.AppUninstalledEvent;
import com.slack.api.model.event.TokensRevokedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Collection;

/**
 * The app leaving a workspace: {@code app_uninstalled}, or {@code tokens_revoked} naming the bot's token. In one
 * transaction its installation goes (no call is made with the dead token again, on any instance once it reads
 * again), the workspaces it served stop their digests, and their retention starts
 * ({@code TAKEAWAYS_RETENTION_AFTER_UNINSTALL}; a re-install within it keeps everything). Done before the ack, so
 * that when the database is away Slack delivers the event again rather than the installation surviving.
 */
@Component
class Goodbyes implements SlackSurface {

    private static final Logger log = LoggerFactory.getLogger(Goodbyes.class);

    private final TeamBots bots;
    private final BotIdentity identity;
    private final TeamRetention retention;
    private final DigestSubscriptions digests;
    private final TransactionTemplate transactions;

    Goodbyes(TeamBots bots, BotIdentity identity, TeamRetention retention, DigestSubscriptions digests,
             TransactionTemplate transactions) {
        this.bots = bots;
        this.identity = identity;
        this.retention = retention;
        this.digests = digests;
        this.transactions = transactions;
    }

    @Override
    public void register(App app) {
        app.event(AppUninstalledEvent.class, (payload, context) -> leave(payload, context, "uninstalled"));
        app.event(TokensRevokedEvent.class, (payload, context) -> {
            TokensRevokedEvent.Tokens tokens = payload.getEvent().getTokens();
            if (tokens == null || tokens.getBot() == null || tokens.getBot().isEmpty()) {
                return context.ack(); // only people's tokens: the app keeps none
            }
            return leave(payload, context, "bot token revoked");
        });
    }

    private Response leave(EventsApiPayload<?> payload, EventContext context, String why) {
        String enterpriseId = payload.getEnterpriseId();
        String teamId = payload.getTeamId();
        Collection<String> teams;
        try {
            teams = DatabaseCalls.retryingOnce(() -> transactions.execute(status -> {
                Collection<String> left = bots.uninstalled(enterpriseId, teamId);
                retention.uninstalled(left);
                left.forEach(digests::stopTeam);
                return left;
            }));
        } catch (DataAccessException | TransactionException e) {
            throw new SlackRetryException("the database is unavailable to remove the installation of " + teamId
                    + " (" + DatabaseCalls.describe(e) + ")", e);
        }
        identity.forget(teams);
        log.info("The app left workspaces {} ({}): their digests are stopped, their takeaways kept for {}", teams,
                why, retention.retention());
        return context.ack();
    }
}
