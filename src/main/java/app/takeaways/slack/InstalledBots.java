package app.takeaways.slack;

import app.takeaways.workspace.BotTokens;
import app.takeaways.workspace.Installation;
import app.takeaways.workspace.Installations;
import app.takeaways.workspace.TeamRetention;
import com.slack.api.Slack;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.oauth.OAuthV2AccessResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OAuth mode: each workspace is served by the token of the installation that serves it ({@link Installations}).
 * <p>
 * Installations are read from Postgres and kept {@link #REREAD_AFTER} in memory, so a request does not wait on the
 * database each time and still finds its token while the database is briefly away; an installation made or removed
 * on another instance is seen within that time (a workspace not found is not remembered, so a fresh install works at
 * once everywhere). With token rotation, a token expiring within {@link #refreshBefore} is refreshed
 * ({@code oauth.v2.access}, {@code grant_type=refresh_token}) before it is handed out, one refresh at a time per
 * installation here, and stored with {@link Installations#rotate}: of two instances refreshing at once one stores,
 * and the other takes the stored tokens, so no refresh token is lost.
 */
class InstalledBots implements TeamBots {

    private static final Logger log = LoggerFactory.getLogger(InstalledBots.class);

    static final Duration REREAD_AFTER = Duration.ofMinutes(1);

    private record Known(Installation installation, Instant readAt) {
    }

    private final Installations installations;
    private final Slack slack;
    private final String clientId;
    private final String clientSecret;
    private final Clock clock;
    private final Duration refreshBefore;
    private final TeamRetention retention;
    private final Map<String, Known> byTeam = new ConcurrentHashMap<>();
    private final Map<String, Object> refreshing = new ConcurrentHashMap<>();

    InstalledBots(Installations installations, Slack slack, String clientId, String clientSecret, Clock clock,
                  Duration refreshBefore, TeamRetention retention) {
        this.installations = installations;
        this.slack = slack;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.clock = clock;
        this.refreshBefore = refreshBefore;
        this.retention = retention;
    }

    @Override
    public Optional<TeamBot> bot(String enterprise, String teamId) {
        String enterpriseId = orNull(enterprise);
        if (teamId == null && enterpriseId == null) {
            return Optional.empty();
        }
        return installation(enterpriseId, teamId)
                .map(this::fresh)
                .map(found -> new TeamBot(teamId, found.botToken(), found.botUserId(), found.botId()));
    }

    @Override
    public Collection<String> uninstalled(String enterprise, String teamId) {
        String enterpriseId = orNull(enterprise);
        Set<String> teams = new LinkedHashSet<>();
        if (teamId != null) {
            teams.add(teamId);
        }
        installations.find(enterpriseId, teamId).ifPresent(found -> {
            teams.addAll(installations.servedTeams(found.tenantId()));
            installations.delete(found.tenantId());
            log.info("Removed the installation of {} (workspaces {}): uninstalled, or its token revoked",
                    found.tenantId(), teams);
        });
        byTeam.values().removeIf(known -> teams.contains(known.installation().teamId())
                || enterpriseId != null && enterpriseId.equals(known.installation().tenantId()));
        teams.forEach(byTeam::remove);
        return teams;
    }

    /** Forgets what is kept of a team's installation: the next call reads it again (a new install, say). */
    void reread(String teamId) {
        byTeam.remove(teamId);
    }

    private Optional<Installation> installation(String enterpriseId, String teamId) {
        String key = teamId != null ? teamId : enterpriseId;
        Known known = byTeam.get(key);
        Instant now = clock.instant();
        if (known != null && known.readAt().plus(REREAD_AFTER).isAfter(now)) {
            return Optional.of(known.installation());
        }
        Optional<Installation> read;
        try {
            read = installations.find(enterpriseId, teamId);
        } catch (DataAccessException e) {
            if (known != null) {
                return Optional.of(known.installation());
            }
            throw e;
        }
        read.ifPresentOrElse(found -> byTeam.put(key, new Known(found, now)), () -> byTeam.remove(key));
        if (known == null && teamId != null && read.isPresent()) {
            // Served again (installed anew, or org-wide): nothing of it is to be deleted after an earlier uninstall.
            retention.reinstalled(teamId);
        }
        return read;
    }

    /** The installation with a token that is not about to expire: refreshed first when it is. */
    private Installation fresh(Installation installation) {
        if (!expiresSoon(installation)) {
            return installation;
        }
        Object lock = refreshing.computeIfAbsent(installation.tenantId(), tenant -> new Object());
        synchronized (lock) {
            Installation current = installations.find(installation.enterpriseId(), installation.teamId())
                    .filter(found -> found.tenantId().equals(installation.tenantId()))
                    .orElse(installation);
            if (!expiresSoon(current)) {
                remember(current);
                return current;
            }
            Optional<BotTokens> rotated = refresh(current);
            if (rotated.isEmpty()) {
                return current;
            }
            if (!installations.rotate(current.tenantId(), current.botRefreshToken(), rotated.get())) {
                log.info("Another instance refreshed the token of {} first: using the one it stored",
                        current.tenantId());
                Installation stored = installations.find(current.enterpriseId(), current.teamId()).orElse(current);
                remember(stored);
                return stored;
            }
            Installation refreshed = current.withTokens(rotated.get());
            remember(refreshed);
            return refreshed;
        }
    }

    private void remember(Installation installation) {
        Instant now = clock.instant();
        byTeam.replaceAll((team, known) -> known.installation().tenantId().equals(installation.tenantId())
                ? new Known(installation, now) : known);
    }

    private boolean expiresSoon(Installation installation) {
        return installation.botRefreshToken() != null && installation.botTokenExpiresAt() != null
                && installation.botTokenExpiresAt().minus(refreshBefore).isBefore(clock.instant());
    }

    /** New tokens for the installation's refresh token; empty when Slack refuses (logged, never the tokens). */
    private Optional<BotTokens> refresh(Installation installation) {
        try {
            OAuthV2AccessResponse response = slack.methods().oauthV2Access(r -> r
                    .clientId(clientId)
                    .clientSecret(clientSecret)
                    .grantType("refresh_token")
                    .refreshToken(installation.botRefreshToken()));
            if (!response.isOk() || response.getAccessToken() == null) {
                log.warn("Slack oauth.v2.access failed to refresh the token of {}: {}", installation.tenantId(),
                        response.getError());
                return Optional.empty();
            }
            Instant expiresAt = response.getExpiresIn() == null ? null
                    : clock.instant().plusSeconds(response.getExpiresIn());
            return Optional.of(new BotTokens(response.getAccessToken(),
                    response.getRefreshToken() == null ? installation.botRefreshToken() : response.getRefreshToken(),
                    expiresAt));
        } catch (IOException | SlackApiException e) {
            log.warn("Could not refresh the token of {}: {}", installation.tenantId(), e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    /** Slack sends {@code ""} for "no enterprise" in some payloads. */
    private static String orNull(String id) {
        return id == null || id.isBlank() ? null : id;
    }
}
