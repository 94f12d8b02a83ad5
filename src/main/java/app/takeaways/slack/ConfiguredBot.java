package app.takeaways.slack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * One workspace ({@code SLACK_BOT_TOKEN}): the configured token serves whatever workspace a request names, as it
 * always has, until Slack says the app was uninstalled or the token revoked; from then on nothing is called with it
 * (a new token needs a restart anyway).
 */
class ConfiguredBot implements TeamBots {

    private static final Logger log = LoggerFactory.getLogger(ConfiguredBot.class);

    private final String token;
    private volatile boolean revoked;

    ConfiguredBot(String token) {
        this.token = token;
    }

    @Override
    public Optional<TeamBot> bot(String enterpriseId, String teamId) {
        return revoked ? Optional.empty() : Optional.of(new TeamBot(teamId, token, null, null));
    }

    @Override
    public Collection<String> uninstalled(String enterpriseId, String teamId) {
        revoked = true;
        log.warn("Slack says the app was uninstalled from workspace {} (or its token revoked): no more calls with"
                + " SLACK_BOT_TOKEN. To use it again, install the app, set the new SLACK_BOT_TOKEN and restart.",
                teamId);
        return teamId == null ? List.of() : List.of(teamId);
    }
}
