package app.takeaways.digest;

import app.takeaways.note.TeamErased;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** Which channels get a weekly digest, when, and whether it is paused. */
@Service
public class DigestSubscriptions {

    /** Why a team's digests are paused when the app is uninstalled from it ({@link #stopTeam}). */
    public static final String APP_UNINSTALLED = "app_uninstalled";

    /** A channel's subscription as stored. */
    public record Subscription(String teamId, String channelId, WeeklySchedule schedule, String subscribedBy,
                               Instant nextRunAt, Optional<Instant> pausedAt, Optional<String> pausedReason) {

        public boolean isPaused() {
            return pausedAt.isPresent();
        }
    }

    /** The last digest run of a channel. */
    public record LastRun(Instant dueAt, String status, Optional<Integer> takeaways, Optional<Instant> finishedAt) {
    }

    private static final String SELECT = """
            SELECT team_id, channel_id, weekday, local_time, time_zone, subscribed_by, next_run_at, paused_at,
                   paused_reason
            FROM digest_subscriptions""";

    private final JdbcClient jdbc;
    private final Clock clock;

    DigestSubscriptions(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Subscribes the channel, or changes its schedule; resumes it if it was paused. The first digest is the next
     * due time from now.
     */
    public Subscription subscribe(String teamId, String channelId, WeeklySchedule schedule, String userId) {
        Instant now = clock.instant();
        Instant next = schedule.nextAfter(now);
        jdbc.sql("""
                        INSERT INTO digest_subscriptions (team_id, channel_id, weekday, local_time, time_zone,
                                                          subscribed_by, next_run_at, created_at, updated_at)
                        VALUES (:team, :channel, :weekday, :time, :zone, :user, :next, :now, :now)
                        ON CONFLICT (team_id, channel_id) DO UPDATE
                        SET weekday = EXCLUDED.weekday, local_time = EXCLUDED.local_time,
                            time_zone = EXCLUDED.time_zone, subscribed_by = EXCLUDED.subscribed_by,
                            next_run_at = EXCLUDED.next_run_at, paused_at = NULL, paused_reason = NULL,
                            updated_at = EXCLUDED.updated_at
                        """)
                .param("team", teamId).param("channel", channelId)
                .param("weekday", schedule.day().getValue()).param("time", schedule.time())
                .param("zone", schedule.zone().getId()).param("user", userId)
                .param("next", utc(next)).param("now", utc(now))
                .update();
        return find(teamId, channelId).orElseThrow();
    }

    /** Returns whether there was a subscription to end. */
    public boolean unsubscribe(String teamId, String channelId) {
        return jdbc.sql("DELETE FROM digest_subscriptions WHERE team_id = :team AND channel_id = :channel")
                .param("team", teamId).param("channel", channelId).update() > 0;
    }

    /**
     * The app was uninstalled from the team: every subscription of it is paused ({@link #APP_UNINSTALLED}), as a
     * channel the bot cannot post in is, and its runs not posted yet stop, so nothing is posted or rewritten with a
     * token that no longer works. A subscription paused already keeps its reason. {@code /takeaway digest on}
     * resumes one, as for any pause. Returns how many were paused.
     */
    @Transactional
    public int stopTeam(String teamId) {
        OffsetDateTime now = utc(clock.instant());
        int paused = jdbc.sql("""
                        UPDATE digest_subscriptions SET paused_at = :now, paused_reason = :reason, updated_at = :now
                        WHERE team_id = :team AND paused_at IS NULL
                        """)
                .param("now", now).param("reason", APP_UNINSTALLED).param("team", teamId).update();
        jdbc.sql("""
                        UPDATE digest_runs SET status = 'paused', last_error = :reason, finished_at = :now,
                                               locked_until = NULL
                        WHERE team_id = :team AND status IN ('pending', 'failed')
                        """)
                .param("now", now).param("reason", APP_UNINSTALLED).param("team", teamId).update();
        jdbc.sql("UPDATE digest_runs SET stale_since = NULL WHERE team_id = :team AND stale_since IS NOT NULL")
                .param("team", teamId).update();
        return paused;
    }

    /** A team's data is deleted: its subscriptions, runs and archive picks go with it, in that transaction. */
    @EventListener
    void teamErased(TeamErased erased) {
        String team = erased.teamId();
        jdbc.sql("DELETE FROM digest_resurfaced WHERE team_id = :team").param("team", team).update();
        jdbc.sql("DELETE FROM digest_runs WHERE team_id = :team").param("team", team).update();
        jdbc.sql("DELETE FROM digest_subscriptions WHERE team_id = :team").param("team", team).update();
    }

    public Optional<Subscription> find(String teamId, String channelId) {
        return jdbc.sql(SELECT + " WHERE team_id = :team AND channel_id = :channel")
                .param("team", teamId).param("channel", channelId)
                .query(DigestSubscriptions::subscription).optional();
    }

    /** Every subscription of a team, by channel. */
    public List<Subscription> inTeam(String teamId) {
        return jdbc.sql(SELECT + " WHERE team_id = :team ORDER BY channel_id")
                .param("team", teamId)
                .query(DigestSubscriptions::subscription).list();
    }

    public Optional<LastRun> lastRun(String teamId, String channelId) {
        return jdbc.sql("""
                        SELECT due_at, status, takeaways, finished_at FROM digest_runs
                        WHERE team_id = :team AND channel_id = :channel
                        ORDER BY due_at DESC LIMIT 1
                        """)
                .param("team", teamId).param("channel", channelId)
                .query((rows, n) -> new LastRun(instant(rows, "due_at"), rows.getString("status"),
                        Optional.ofNullable((Integer) rows.getObject("takeaways")),
                        Optional.ofNullable(instant(rows, "finished_at"))))
                .optional();
    }

    static Subscription subscription(ResultSet rows, int n) throws SQLException {
        WeeklySchedule schedule = new WeeklySchedule(DayOfWeek.of(rows.getInt("weekday")),
                rows.getObject("local_time", java.time.LocalTime.class), ZoneId.of(rows.getString("time_zone")));
        return new Subscription(rows.getString("team_id"), rows.getString("channel_id"), schedule,
                rows.getString("subscribed_by"), instant(rows, "next_run_at"),
                Optional.ofNullable(instant(rows, "paused_at")), Optional.ofNullable(rows.getString("paused_reason")));
    }

    static Instant instant(ResultSet rows, String column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
