package app.takeaways.digest;

import app.takeaways.digest.DigestSubscriptions.Subscription;
import app.takeaways.note.Conversation;
import app.takeaways.note.TakeawaysChanged;
import app.takeaways.workspace.ConversationKinds;
import app.takeaways.platform.RepeatingWork;
import app.takeaways.summary.TeamCorpus;
import app.takeaways.platform.DatabaseFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Posts weekly digests on time, once. Every tick it finds the subscriptions that are due in the database and
 * claims each (channel, due time) by inserting its run row, unique in the database, in the same transaction that
 * moves the subscription to its next due time; then it posts the claimed runs. Any number of app instances may
 * tick: a subscription row is claimed by one ({@code FOR UPDATE SKIP LOCKED}), a run is posted by the instance
 * holding its lease, and a retry continues after the parts already posted.
 * <p>
 * A due time missed while no instance ran (a restart, an outage) is posted when one is back, once, and marked late
 * when more than an hour late; of several missed weeks only the latest is posted. Slack errors: a channel the bot
 * cannot post in pauses the subscription and tells the subscriber; anything else is retried on a later tick.
 * <p>
 * A lease is held by a token: the instance posting renews it before each part and records each part under it, so
 * an instance whose lease ran out (a long rate-limit wait) stops instead of racing the one that took over, and no
 * part is posted twice. A posted digest remembers its messages and the takeaways it was built from; when one of
 * them is edited, deleted or becomes less visible, the digest is rebuilt and its messages rewritten.
 */
@Component
public class DigestScheduler extends RepeatingWork {

    private static final Logger log = LoggerFactory.getLogger(DigestScheduler.class);

    static final Duration LATE_AFTER = Duration.ofHours(1);
    static final Duration LEASE = Duration.ofMinutes(15);
    static final int MAX_ATTEMPTS = 20;
    static final int CLAIMS_PER_TICK = 50;
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(30);
    /** How long before a digest is due its team's words are counted (for the themes), off the digest's path. */
    static final Duration COUNT_WORDS_AHEAD = Duration.ofMinutes(10);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final WeeklyDigestBuilder builder;
    private final TeamCorpus corpus;
    private final DigestPublisher publisher;
    private final DigestSubscriptions subscriptions;
    private final ConversationKinds kinds;
    private final Duration pauseBetweenMessages;
    private final MeterRegistry meters;

    DigestScheduler(JdbcClient jdbc, TransactionTemplate transactions, Clock clock, WeeklyDigestBuilder builder,
                    TeamCorpus corpus, DigestPublisher publisher, DigestSubscriptions subscriptions,
                    ConversationKinds kinds, MeterRegistry meters,
                    @Value("${takeaways.digest.tick:30s}") Duration tick,
                    @Value("${takeaways.digest.pause-between-messages:1s}") Duration pauseBetweenMessages,
                    @Value("${takeaways.digest.scheduler-enabled:true}") boolean enabled) {
        super("digest-scheduler", tick, enabled);
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.builder = builder;
        this.corpus = corpus;
        this.publisher = publisher;
        this.subscriptions = subscriptions;
        this.kinds = kinds;
        this.pauseBetweenMessages = pauseBetweenMessages;
        this.meters = meters;
    }

    /**
     * Gets the digests due soon ready, claims what is due, posts every claimed run it can, then rewrites the posted
     * digests whose takeaways changed.
     */
    public void tick() {
        countWordsAhead();
        claimDue();
        while (postNext()) {
            // one run after another until none is left for this instance
        }
        while (followNext()) {
            // one changed digest after another
        }
    }

    /**
     * Counts the words of each team with a digest due soon (a team's whole recent history, the slowest part of a
     * digest's themes; kept for hours), so a digest is built without waiting on it. Any instance may be the one
     * that posts, so each counts for itself.
     */
    void countWordsAhead() {
        jdbc.sql("""
                        SELECT DISTINCT team_id FROM digest_subscriptions
                        WHERE paused_at IS NULL AND next_run_at <= :soon
                        """)
                .param("soon", DigestSubscriptions.utc(clock.instant().plus(COUNT_WORDS_AHEAD)))
                .query(String.class).list()
                .forEach(corpus::of);
    }

    /**
     * Claims the due subscriptions (at most {@link #CLAIMS_PER_TICK} a tick): one run row per (channel, due time).
     * Each in a transaction of its own, so no transaction spans teams (or, with the database distributed by team,
     * nodes). Returns how many were claimed.
     */
    int claimDue() {
        int claimed = 0;
        while (claimed < CLAIMS_PER_TICK && claimOne()) {
            claimed++;
        }
        return claimed;
    }

    private boolean claimOne() {
        Instant now = clock.instant();
        Integer claimed = transactions.execute(status -> {
            List<Subscription> due = jdbc.sql("""
                            SELECT team_id, channel_id, weekday, local_time, time_zone, subscribed_by, next_run_at,
                                   paused_at, paused_reason
                            FROM digest_subscriptions
                            WHERE paused_at IS NULL AND next_run_at <= :now
                            ORDER BY next_run_at
                            LIMIT 1
                            FOR UPDATE SKIP LOCKED
                            """)
                    .param("now", DigestSubscriptions.utc(now))
                    .query(DigestSubscriptions::subscription).list();
            for (Subscription subscription : due) {
                WeeklySchedule schedule = subscription.schedule();
                Instant dueAt = schedule.latestAtOrBefore(now);
                WeeklySchedule.Period period = schedule.periodEndingAt(dueAt);
                jdbc.sql("""
                                INSERT INTO digest_runs (team_id, channel_id, due_at, period_start, period_end, run_after,
                                                         created_at)
                                VALUES (:team, :channel, :due, :start, :end, :now, :now)
                                ON CONFLICT (team_id, channel_id, due_at) DO NOTHING
                                """)
                        .param("team", subscription.teamId()).param("channel", subscription.channelId())
                        .param("due", DigestSubscriptions.utc(dueAt))
                        .param("start", DigestSubscriptions.utc(period.start()))
                        .param("end", DigestSubscriptions.utc(period.end()))
                        .param("now", DigestSubscriptions.utc(now))
                        .update();
                jdbc.sql("""
                                UPDATE digest_subscriptions SET next_run_at = :next
                                WHERE team_id = :team AND channel_id = :channel
                                """)
                        .param("next", DigestSubscriptions.utc(schedule.nextAfter(now)))
                        .param("team", subscription.teamId()).param("channel", subscription.channelId())
                        .update();
            }
            return due.size();
        });
        return claimed != null && claimed > 0;
    }

    /** Posts the next open run this instance can lease; false when there is none. */
    boolean postNext() {
        Instant now = clock.instant();
        Optional<Run> leased = jdbc.sql("""
                        UPDATE digest_runs SET locked_until = :leaseEnd, attempts = attempts + 1,
                                               lease_token = gen_random_uuid()
                        WHERE id = (SELECT id FROM digest_runs
                                    WHERE status IN ('pending', 'failed') AND run_after <= :now
                                      AND (locked_until IS NULL OR locked_until < :now)
                                    ORDER BY due_at
                                    LIMIT 1
                                    FOR UPDATE SKIP LOCKED)
                        RETURNING id, team_id, channel_id, due_at, period_start, period_end, parts_posted, thread_ts,
                                  attempts, lease_token, archive_id
                        """)
                .param("leaseEnd", DigestSubscriptions.utc(now.plus(LEASE)))
                .param("now", DigestSubscriptions.utc(now))
                .query((r, n) -> new Run(r.getLong("id"), r.getString("team_id"), r.getString("channel_id"),
                        r.getObject("due_at", OffsetDateTime.class).toInstant(),
                        new WeeklySchedule.Period(r.getObject("period_start", OffsetDateTime.class).toInstant(),
                                r.getObject("period_end", OffsetDateTime.class).toInstant()),
                        r.getInt("parts_posted"), r.getString("thread_ts"), r.getInt("attempts"),
                        r.getObject("lease_token", UUID.class), (Long) r.getObject("archive_id")))
                .optional();
        if (leased.isEmpty()) {
            return false;
        }
        post(leased.get(), now);
        return true;
    }

    private void post(Run run, Instant now) {
        Optional<Subscription> subscription = subscriptions.find(run.teamId(), run.channelId());
        if (subscription.isEmpty() || subscription.get().isPaused()) {
            finish(run, subscription.isEmpty() ? "abandoned" : "paused", null, "not subscribed any more");
            return;
        }
        try {
            Optional<Instant> late = now.isAfter(run.dueAt().plus(LATE_AFTER)) ? Optional.of(run.dueAt())
                    : Optional.empty();
            Conversation channel = new Conversation(run.channelId(), kinds.kindNow(run.teamId(), run.channelId()));
            ZoneId zone = subscription.get().schedule().zone();
            // A run continued after a failure keeps the pick from the archive its first parts may already show.
            WeeklyDigest digest = run.partsPosted() > 0
                    ? builder.rebuild(run.teamId(), channel, run.period(), zone, late, Optional.ofNullable(run.archiveId()))
                    : builder.build(run.teamId(), channel, run.period(), zone, late);
            if (digest.isEmpty()) {
                finish(run, "empty", 0, null);
                return;
            }
            int parts = post(digest, run.partsPosted(), run.threadTs(), new Progress() {
                @Override
                public void beforePart() {
                    renewLease(run);
                }

                @Override
                public void posted(int count, String threadTs, String ts) {
                    record(run, digest, count, threadTs, ts);
                }
            });
            finish(run, "posted", digest.takeaways(), null);
            log.info("Weekly digest posted in {} ({} takeaways, {} messages)", run.channelId(), digest.takeaways(),
                    parts);
        } catch (LostLease e) {
            log.warn("Stopped posting the weekly digest for {}: its lease ran out and another instance may have"
                    + " taken it over", run.channelId());
        } catch (DigestPostException e) {
            if (e.kind() == DigestPostException.Kind.CHANNEL_UNAVAILABLE) {
                pause(run, subscription.get(), e.reason());
            } else {
                retryLater(run, e.reason());
            }
        } catch (RuntimeException e) {
            if (DatabaseFailures.unreachable(e)) {
                throw e; // nothing can be recorded: the lease runs out and the run is taken up again, said once
            }
            log.error("Weekly digest for {} failed; trying again later", run.channelId(), e);
            retryLater(run, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /**
     * Posts a digest now ({@code /takeaway digest now}), outside the schedule: all its parts, paced. It is recorded
     * as a posted run, so it follows its takeaways' edits and deletes like a scheduled one.
     *
     * @throws DigestPostException when Slack does not take it
     */
    public void postNow(WeeklyDigest digest) {
        List<String> parts = new ArrayList<>();
        post(digest, 0, null, new Progress() {
            @Override
            public void beforePart() {
            }

            @Override
            public void posted(int count, String threadTs, String ts) {
                parts.add(ts);
            }
        });
        Instant now = clock.instant();
        jdbc.sql("""
                        INSERT INTO digest_runs (team_id, channel_id, due_at, period_start, period_end, status, attempts,
                                                 run_after, parts_posted, thread_ts, takeaways, created_at, finished_at,
                                                 part_ts, sources, archive_id)
                        VALUES (:team, :channel, :now, :start, :end, 'posted', 1, :now, :parts, :thread, :takeaways,
                                :now, :now, CAST(:partTs AS text[]), CAST(:sources AS bigint[]), :archive)
                        ON CONFLICT (team_id, channel_id, due_at) DO NOTHING
                        """)
                .param("team", digest.teamId()).param("channel", digest.channelId())
                .param("now", DigestSubscriptions.utc(now)).param("start", DigestSubscriptions.utc(digest.periodStart()))
                .param("end", DigestSubscriptions.utc(digest.periodEnd())).param("parts", parts.size())
                .param("thread", parts.isEmpty() ? null : parts.get(0)).param("takeaways", digest.takeaways())
                .param("partTs", parts.toArray(String[]::new))
                .param("sources", digest.sources().toArray(Long[]::new))
                .param("archive", digest.archivedId())
                .update();
    }

    /** What posting a digest reports as it goes. */
    private interface Progress {

        /** Before each part: the last moment to stop. */
        void beforePart();

        /** After each part: how many are posted, the thread (the first's timestamp), and this one's. */
        void posted(int count, String threadTs, String ts);
    }

    /**
     * Posts the parts from {@code from} on, one a second, each in the thread of the first; tells {@code progress}
     * before and after each. Returns how many parts the digest has.
     */
    private int post(WeeklyDigest digest, int from, String thread, Progress progress) {
        DigestPublisher.Posting posting = publisher.prepare(digest);
        String threadTs = thread;
        for (int part = from; part < posting.parts(); part++) {
            if (part > from) {
                pace();
            }
            progress.beforePart();
            String ts = posting.post(part, threadTs);
            threadTs = threadTs == null ? ts : threadTs;
            progress.posted(part + 1, threadTs, ts);
        }
        digest.fromTheArchive().ifPresent(item -> builder.recordResurfaced(digest.teamId(), item.id()));
        return posting.parts();
    }

    /** Holds the lease for another {@link #LEASE}, or stops: it ran out and another instance may be posting. */
    private void renewLease(Run run) {
        Instant now = clock.instant();
        int renewed = jdbc.sql("""
                        UPDATE digest_runs SET locked_until = :leaseEnd
                        WHERE id = :id AND lease_token = :token AND locked_until >= :now
                          AND status IN ('pending', 'failed')
                        """)
                .param("leaseEnd", DigestSubscriptions.utc(now.plus(LEASE))).param("id", run.id())
                .param("token", run.leaseToken()).param("now", DigestSubscriptions.utc(now))
                .update();
        if (renewed == 0) {
            throw new LostLease();
        }
    }

    /** A part was posted: recorded under the lease, with what the digest quotes, so nobody posts it again. */
    private void record(Run run, WeeklyDigest digest, int count, String threadTs, String ts) {
        int recorded = jdbc.sql("""
                        UPDATE digest_runs SET parts_posted = :parts, thread_ts = :thread,
                                               part_ts = array_append(part_ts, CAST(:ts AS text)),
                                               sources = CAST(:sources AS bigint[]), archive_id = :archive
                        WHERE id = :id AND lease_token = :token
                        """)
                .param("parts", count).param("thread", threadTs).param("ts", ts)
                .param("sources", digest.sources().toArray(Long[]::new))
                .param("archive", digest.archivedId())
                .param("id", run.id()).param("token", run.leaseToken())
                .update();
        if (recorded == 0) {
            throw new LostLease();
        }
    }

    /** Takeaways changed: the posted digests built from them are due for a rewrite (in the same transaction). */
    @EventListener
    void sourcesChanged(TakeawaysChanged changed) {
        jdbc.sql("""
                        UPDATE digest_runs SET stale_since = :now
                        WHERE team_id = :team AND status = 'posted' AND sources && CAST(:ids AS bigint[])
                          AND stale_since IS NULL
                        """)
                .param("now", DigestSubscriptions.utc(clock.instant())).param("team", changed.teamId())
                .param("ids", changed.takeawayIds().toArray(Long[]::new))
                .update();
    }

    /**
     * Rewrites the next posted digest whose takeaways changed, if this instance can lease one: rebuilt for its week
     * as it is now (with the same pick from the archive, if it may still be shown), each posted message updated.
     */
    boolean followNext() {
        Instant now = clock.instant();
        Optional<Posted> stale = jdbc.sql("""
                        UPDATE digest_runs SET locked_until = :leaseEnd
                        WHERE id = (SELECT id FROM digest_runs
                                    WHERE stale_since IS NOT NULL AND status = 'posted'
                                      AND (locked_until IS NULL OR locked_until < :now)
                                    ORDER BY stale_since
                                    LIMIT 1
                                    FOR UPDATE SKIP LOCKED)
                        RETURNING id, team_id, channel_id, due_at, period_start, period_end, finished_at, part_ts,
                                  archive_id, stale_since
                        """)
                .param("leaseEnd", DigestSubscriptions.utc(now.plus(LEASE)))
                .param("now", DigestSubscriptions.utc(now))
                .query((r, n) -> new Posted(r.getLong("id"), r.getString("team_id"), r.getString("channel_id"),
                        r.getObject("due_at", OffsetDateTime.class).toInstant(),
                        new WeeklySchedule.Period(r.getObject("period_start", OffsetDateTime.class).toInstant(),
                                r.getObject("period_end", OffsetDateTime.class).toInstant()),
                        r.getObject("finished_at", OffsetDateTime.class).toInstant(),
                        List.of((String[]) r.getArray("part_ts").getArray()), (Long) r.getObject("archive_id"),
                        r.getObject("stale_since", OffsetDateTime.class)))
                .optional();
        if (stale.isEmpty()) {
            return false;
        }
        follow(stale.get());
        return true;
    }

    private void follow(Posted run) {
        ZoneId zone = subscriptions.find(run.teamId(), run.channelId()).map(s -> s.schedule().zone())
                .orElse(java.time.ZoneOffset.UTC);
        Optional<Instant> late = run.finishedAt().isAfter(run.dueAt().plus(LATE_AFTER)) ? Optional.of(run.dueAt())
                : Optional.empty();
        WeeklyDigest digest;
        try {
            Conversation channel = new Conversation(run.channelId(), kinds.kindNow(run.teamId(), run.channelId()));
            digest = builder.rebuild(run.teamId(), channel, run.period(), zone, late,
                    Optional.ofNullable(run.archiveId()));
            if (!run.partTs().isEmpty()) {
                publisher.rewrite(digest, run.partTs());
            }
            log.info("Weekly digest due {} in {} rewritten: takeaways it showed changed", run.dueAt(),
                    run.channelId());
        } catch (DigestPostException e) {
            if (e.kind() == DigestPostException.Kind.TRY_AGAIN) {
                log.warn("Weekly digest for {} not rewritten ({}); trying again in {}", run.channelId(), e.reason(),
                        LEASE);
                return; // left stale, under its lease: tried again once the lease runs out
            }
            // The messages are gone or can no longer be edited: nothing is left to rewrite, or to follow.
            log.warn("Weekly digest for {} cannot be rewritten any more: Slack said {}", run.channelId(), e.reason());
            digest = null;
        } catch (RuntimeException e) {
            if (DatabaseFailures.unreachable(e)) {
                throw e;
            }
            log.error("Rewriting the weekly digest for {} failed; trying again in {}", run.channelId(), LEASE, e);
            return;
        }
        jdbc.sql("""
                        UPDATE digest_runs
                        SET locked_until = NULL, sources = CAST(:sources AS bigint[]), archive_id = :archive,
                            stale_since = CASE WHEN stale_since <= :claimed THEN NULL ELSE stale_since END
                        WHERE id = :id
                        """)
                .param("sources", digest == null ? new Long[0] : digest.sources().toArray(Long[]::new))
                .param("archive", digest == null ? null : digest.archivedId())
                .param("claimed", run.staleSince()).param("id", run.id())
                .update();
    }

    private void pause(Run run, Subscription subscription, String reason) {
        log.warn("Weekly digest for {} paused: Slack said {}", run.channelId(), reason);
        transactions.executeWithoutResult(status -> {
            jdbc.sql("""
                            UPDATE digest_subscriptions SET paused_at = :now, paused_reason = :reason, updated_at = :now
                            WHERE team_id = :team AND channel_id = :channel
                            """)
                    .param("now", DigestSubscriptions.utc(clock.instant())).param("reason", reason)
                    .param("team", run.teamId()).param("channel", run.channelId()).update();
            finish(run, "paused", null, reason);
        });
        try {
            publisher.tellPaused(run.teamId(), subscription.subscribedBy(), run.channelId(), reason);
        } catch (RuntimeException e) {
            log.warn("Could not tell {} that the digest for {} is paused: {}", subscription.subscribedBy(),
                    run.channelId(), e.getMessage());
        }
    }

    private void retryLater(Run run, String error) {
        boolean giveUp = run.attempts() >= MAX_ATTEMPTS;
        Duration backoff = Duration.ofMinutes(1L << Math.min(5, run.attempts() - 1));
        jdbc.sql("""
                        UPDATE digest_runs SET status = :status, run_after = :after, locked_until = NULL,
                                               last_error = :error
                        WHERE id = :id AND lease_token = :token
                        """)
                .param("token", run.leaseToken())
                .param("status", giveUp ? "abandoned" : "failed")
                .param("after", DigestSubscriptions.utc(clock.instant().plus(backoff.compareTo(MAX_BACKOFF) > 0
                        ? MAX_BACKOFF : backoff)))
                .param("error", error).param("id", run.id())
                .update();
        if (giveUp) {
            log.error("Weekly digest for {} due {} abandoned after {} attempts: {}", run.channelId(), run.dueAt(),
                    run.attempts(), error);
        } else {
            log.warn("Weekly digest for {} not posted ({}); trying again in {}", run.channelId(), error, backoff);
        }
    }

    private void finish(Run run, String status, Integer takeaways, String error) {
        int finished = jdbc.sql("""
                        UPDATE digest_runs SET status = :status, takeaways = :takeaways, last_error = :error,
                                               finished_at = :now, locked_until = NULL
                        WHERE id = :id AND lease_token = :token
                        """)
                .param("token", run.leaseToken())
                .param("status", status).param("takeaways", takeaways).param("error", error)
                .param("now", DigestSubscriptions.utc(clock.instant())).param("id", run.id())
                .update();
        if (finished == 1) {
            meters.counter("takeaways.digests", "status", status).increment();
        }
    }

    /** Slack takes about one message a second in a channel. (Tests take the time this waits to do other things.) */
    void pace() {
        if (pauseBetweenMessages.isZero()) {
            return;
        }
        try {
            Thread.sleep(pauseBetweenMessages.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while posting a digest", e);
        }
    }

    @Override
    protected void runOnce() {
        tick();
    }

    private record Run(long id, String teamId, String channelId, Instant dueAt, WeeklySchedule.Period period,
                       int partsPosted, String threadTs, int attempts, UUID leaseToken, Long archiveId) {
    }

    private record Posted(long id, String teamId, String channelId, Instant dueAt, WeeklySchedule.Period period,
                          Instant finishedAt, List<String> partTs, Long archiveId, OffsetDateTime staleSince) {
    }

    /** The lease on a run ran out while it was being posted: another instance may have it now. */
    private static final class LostLease extends RuntimeException {

        LostLease() {
            super("The digest run's lease ran out", null, false, false);
        }
    }
}
