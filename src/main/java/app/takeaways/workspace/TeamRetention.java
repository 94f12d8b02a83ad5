package app.takeaways.workspace;

import app.takeaways.platform.InvalidSettingException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What is kept of a workspace after the app is uninstalled from it: everything, for the retention period
 * ({@code TAKEAWAYS_RETENTION_AFTER_UNINSTALL}, 30 days unless set), so a re-install finds its takeaways; then a
 * background job deletes it all, one team per transaction ({@link #erase}).
 * <p>
 * A team with an installation stored (OAuth mode) is installed, whatever was recorded: its data is never deleted,
 * and its record is dropped ({@link #forgetReinstalled}), so a later uninstall starts a retention of its own.
 */
@Service
public class TeamRetention {

    /** The variable that sets the retention period. */
    public static final String VARIABLE = "TAKEAWAYS_RETENTION_AFTER_UNINSTALL";
    static final Duration DEFAULT = Duration.ofDays(30);

    /** Not deleted whatever was recorded: the app is installed in the team (an org-wide install has no team). */
    private static final String NOT_INSTALLED = """
            NOT EXISTS (SELECT 1 FROM installations i WHERE i.team_id = u.team_id AND NOT i.is_enterprise_install)
            """;

    /** A team whose retention ended: when the app was uninstalled from it. */
    public record Expired(String teamId, Instant uninstalledAt) {
    }

    private final JdbcClient jdbc;
    private final TransactionOperations transactions;
    private final ChannelDirectory channels;
    private final Clock clock;
    private final Duration retention;

    TeamRetention(JdbcClient jdbc, TransactionOperations transactions, ChannelDirectory channels, Clock clock,
                  @Value("${takeaways.retention-after-uninstall:30d}") String retention) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.channels = channels;
        this.clock = clock;
        this.retention = period(retention);
    }

    /**
     * The retention period a setting gives: a duration such as {@code 30d}, {@code 12h} or {@code PT720H}; blank
     * is the default (30 days), zero deletes at the next round.
     *
     * @throws InvalidSettingException naming {@link #VARIABLE} if it is not a duration of zero or more
     */
    static Duration period(String setting) {
        if (setting == null || setting.isBlank()) {
            return DEFAULT;
        }
        Duration period;
        try {
            period = DurationStyle.detectAndParse(setting.strip());
        } catch (IllegalArgumentException e) {
            period = null;
        }
        if (period == null || period.isNegative()) {
            throw new InvalidSettingException(VARIABLE, VARIABLE + " must be a duration of zero or more, such as"
                    + " 30d (the default), 12h or 0 (deleted at the next round): how long a workspace's takeaways"
                    + " are kept after the app is uninstalled from it.");
        }
        return period;
    }

    /** How long a team's data is kept after the app is uninstalled from it. */
    public Duration retention() {
        return retention;
    }

    /**
     * The app was uninstalled from these teams (or their tokens revoked): their data is deleted once the retention
     * period has passed from now. A team already recorded keeps its earlier time, so a retried event never extends
     * the retention.
     */
    public void uninstalled(Collection<String> teamIds) {
        // Sorted: two calls naming the same teams insert them in one order, and never wait on each other in a cycle.
        String[] teams = new TreeSet<>(teamIds).toArray(String[]::new);
        if (teams.length == 0) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO uninstalled_teams (team_id, uninstalled_at)
                        SELECT t.team_id, :now FROM unnest(CAST(:teams AS text[])) AS t (team_id) ORDER BY t.team_id
                        ON CONFLICT (team_id) DO UPDATE
                        SET uninstalled_at = LEAST(uninstalled_teams.uninstalled_at, EXCLUDED.uninstalled_at)
                        """)
                .param("teams", teams)
                .param("now", OffsetDateTime.now(clock))
                .update();
    }

    /** The app is installed in the team again: nothing of it will be deleted. */
    public void reinstalled(String teamId) {
        jdbc.sql("DELETE FROM uninstalled_teams WHERE team_id = :team").param("team", teamId).update();
    }

    /** Whether the app was uninstalled from the team (and not installed again since): its data is due for deletion. */
    public boolean isUninstalled(String teamId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM uninstalled_teams WHERE team_id = :team)")
                .param("team", teamId).query(Boolean.class).single();
    }

    /** The teams whose retention has ended by now, uninstalled longest ago first. */
    public List<Expired> expired() {
        return jdbc.sql("SELECT u.team_id, u.uninstalled_at FROM uninstalled_teams u WHERE u.uninstalled_at <= :cutoff"
                        + " AND " + NOT_INSTALLED + " ORDER BY u.uninstalled_at, u.team_id")
                .param("cutoff", cutoff())
                .query((rows, n) -> new Expired(rows.getString("team_id"),
                        rows.getObject("uninstalled_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    /**
     * Deletes a team's data if its retention has ended, in one transaction: the team's record is claimed first
     * ({@code FOR UPDATE SKIP LOCKED}: of several instances, one erases it and the others skip it), then
     * {@code eraseData} deletes what the other modules keep of the team, then its conversations and its record go.
     * If anything fails, all of it is rolled back, and the team is as it was.
     *
     * @return what {@code eraseData} returned; empty when the team was not due (any more): another instance is
     * erasing it or did, or it was installed again
     */
    public <T> Optional<T> erase(String teamId, Function<String, T> eraseData) {
        return transactions.execute(status -> {
            boolean claimed = jdbc.sql("SELECT u.team_id FROM uninstalled_teams u WHERE u.team_id = :team"
                            + " AND u.uninstalled_at <= :cutoff AND " + NOT_INSTALLED + " FOR UPDATE SKIP LOCKED")
                    .param("team", teamId)
                    .param("cutoff", cutoff())
                    .query(String.class)
                    .optional()
                    .isPresent();
            if (!claimed) {
                return Optional.empty();
            }
            T erased = eraseData.apply(teamId);
            channels.forgetTeam(teamId);
            jdbc.sql("DELETE FROM uninstalled_teams WHERE team_id = :team").param("team", teamId).update();
            return Optional.of(erased);
        });
    }

    /**
     * Drops the records of teams that have an installation stored: they were installed again without
     * {@link #reinstalled} being told, and keep their data.
     *
     * @return those teams
     */
    public List<String> forgetReinstalled() {
        return jdbc.sql("DELETE FROM uninstalled_teams u WHERE NOT (" + NOT_INSTALLED + ") RETURNING u.team_id")
                .query(String.class).list();
    }

    private OffsetDateTime cutoff() {
        return OffsetDateTime.now(clock).minus(retention);
    }
}
