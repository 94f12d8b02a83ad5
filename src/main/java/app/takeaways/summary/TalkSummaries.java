package app.takeaways.summary;

import app.takeaways.note.Audience;
import app.takeaways.note.Conversation;
import app.takeaways.note.DerivedTakeaways;
import app.takeaways.note.TakeawaysChanged;
import app.takeaways.note.TeamErased;
import app.takeaways.note.Visibility;
import app.takeaways.search.SearchQuery;
import app.takeaways.search.TakeawaySearch;
import app.takeaways.workspace.ConversationKinds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Summaries of a talk's takeaways or of a search's best matches, for everyone in a conversation: only what that
 * conversation may see ({@link Visibility}, for its members: public takeaways and its own, never another private
 * one; in a channel shared with another organisation, only its own). Every summary posted is kept (as a derived
 * takeaway, credited to the bot, searchable where it may be seen) and follows what it quotes: a talk's summary takes
 * in the talk's new takeaways; any summary is rewritten when a takeaway it quotes is edited, deleted or becomes less
 * visible, and withdrawn (its message too) when nothing it quoted may be shown any more.
 */
@Service
public class TalkSummaries {

    private static final Logger log = LoggerFactory.getLogger(TalkSummaries.class);

    /** Themes a summary names at most. */
    static final int THEMES = 5;
    /** Takeaways of a talk, or matches of a search, summarised at most. */
    static final int MAX_TAKEAWAYS = 2000;
    static final int MAX_MATCHES = 200;
    /** How long a refresh may take before another instance may try it. */
    static final Duration REFRESH_LEASE = Duration.ofMinutes(5);

    /** A talk, by id and title. */
    public record TalkRef(long id, String title) {
    }

    /** A summary that was posted: where, and what of. */
    public record Posted(String teamId, Conversation postedIn, String messageTs, String threadTs, String permalink,
                         String requestedBy, String botUserId) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final TeamCorpus corpus;
    private final TakeawaySearch search;
    private final LlmOverview llm;
    private final SummaryPublisher publisher;
    private final DerivedTakeaways derived;
    private final ConversationKinds kinds;
    private final Clock clock;

    TalkSummaries(JdbcClient jdbc, TransactionTemplate transactions, TeamCorpus corpus, TakeawaySearch search,
                  LlmOverview llm, SummaryPublisher publisher, DerivedTakeaways derived, ConversationKinds kinds,
                  Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.corpus = corpus;
        this.search = search;
        this.llm = llm;
        this.publisher = publisher;
        this.derived = derived;
        this.kinds = kinds;
        this.clock = clock;
    }

    /**
     * The team's talk titled so, else the one whose title contains the text with the most takeaways the audience
     * may see.
     */
    public Optional<TalkRef> findTalk(Audience audience, String text) {
        String wanted = text.strip().replaceAll("\\s+", " ");
        if (wanted.isEmpty()) {
            return Optional.empty();
        }
        Visibility.Predicate visible = Visibility.of(audience, "t", Visibility.Derived.EXCLUDED);
        return jdbc.sql("""
                        SELECT k.id, k.title FROM talks k
                        WHERE k.team_id = :team AND (k.title_key = lower(:title) OR k.title ILIKE :pattern)
                        ORDER BY k.title_key = lower(:title) DESC,
                                 (SELECT count(*) FROM takeaways t WHERE t.talk_id = k.id AND\s""" + visible.sql() + """
                                 ) DESC,
                                 k.created_at DESC
                        LIMIT 1
                        """)
                .params(visible.params())
                .param("team", audience.teamId()).param("title", wanted)
                .param("pattern", "%" + wanted.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
                .query((r, n) -> new TalkRef(r.getLong("id"), r.getString("title"))).optional();
    }

    /** A talk's summary as the audience may see it; empty when it has no takeaways the audience may see. */
    public Optional<SummaryReport> ofTalk(Audience audience, TalkRef talk) {
        Visibility.Predicate visible = Visibility.of(audience, "t", Visibility.Derived.EXCLUDED);
        List<Row> rows = jdbc.sql("""
                        SELECT t.id, t.user_id, t.text, t.permalink,\s""" + Visibility.writtenColumns("t") + """

                        FROM takeaways t
                        WHERE t.talk_id = :talk AND\s""" + visible.sql() + """

                        ORDER BY t.created_at, t.id
                        LIMIT :limit
                        """)
                .params(visible.params()).param("talk", talk.id()).param("limit", MAX_TAKEAWAYS)
                .query(TalkSummaries::row)
                .list();
        return report(audience, Optional.of(talk.id()), talk.title(), talk.title(), rows);
    }

    /**
     * A summary of a search's best matches as the audience may see them (a summary is posted for everyone in the
     * conversation: the asker's own private takeaways from elsewhere are left out, and kept summaries are not
     * summarised again).
     */
    public Optional<SummaryReport> ofSearch(Audience audience, SearchQuery query) {
        List<TakeawaySearch.Hit> hits = search.bestMatches(new TakeawaySearch.Request(audience, query, 0,
                Visibility.Derived.EXCLUDED), MAX_MATCHES);
        return ofTakeaways(audience, query.text(), hits.stream().map(TakeawaySearch.Hit::id).toList());
    }

    /** A summary of these takeaways, those of them the audience may see, in this order. */
    private Optional<SummaryReport> ofTakeaways(Audience audience, String subject, List<Long> ids) {
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        Visibility.Predicate visible = Visibility.of(audience, "t", Visibility.Derived.EXCLUDED);
        Map<Long, Row> byId = new HashMap<>();
        jdbc.sql("SELECT t.id, t.user_id, t.text, t.permalink, " + Visibility.writtenColumns("t")
                        + " FROM takeaways t WHERE t.id IN (:ids) AND " + visible.sql())
                .params(visible.params()).param("ids", ids)
                .query(TalkSummaries::row)
                .list().forEach(row -> byId.put(row.id(), row));
        List<Row> rows = ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
        return report(audience, Optional.empty(), subject, null, rows);
    }

    private Optional<SummaryReport> report(Audience audience, Optional<Long> talkId, String subject, String title,
                                           List<Row> rows) {
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Map<Long, List<Summary.Link>> links = new HashMap<>();
        jdbc.sql("""
                        SELECT takeaway_id, url, label FROM takeaway_links WHERE team_id = :team AND takeaway_id IN (:ids)
                        ORDER BY takeaway_id, position
                        """)
                .param("team", audience.teamId())
                .param("ids", rows.stream().map(Row::id).toList())
                .query((r, n) -> Map.entry(r.getLong("takeaway_id"), new Summary.Link(r.getString("url"),
                        r.getString("label"))))
                .list().forEach(entry -> links.computeIfAbsent(entry.getKey(), id -> new ArrayList<>())
                        .add(entry.getValue()));
        List<ExtractiveSummarizer.Note> notes = rows.stream().map(row -> new ExtractiveSummarizer.Note(row.id(),
                row.userId(), row.text(), links.getOrDefault(row.id(), List.of()))).toList();
        Summary summary = ExtractiveSummarizer.summarize(title, notes, corpus.of(audience.teamId()), THEMES);
        summary = summary.withOverview(llm.write(subject, promptable(audience, rows)).orElse(""));
        Map<Long, SummaryReport.Cited> cited = new LinkedHashMap<>();
        Map<Long, Row> byId = new HashMap<>();
        rows.forEach(row -> byId.put(row.id(), row));
        summary.themes().stream().flatMap(theme -> theme.takeawayIds().stream()).distinct().map(byId::get)
                .forEach(row -> cited.put(row.id(), new SummaryReport.Cited(row.id(), row.userId(), row.text(),
                        row.permalink())));
        return Optional.of(new SummaryReport(talkId, subject, summary, cited, rows.stream().map(Row::id).toList()));
    }

    /**
     * What may go into a language model's prompt: the notes leave the team's infrastructure, so each is checked once
     * more, by the same rule that read it, just before it goes.
     */
    private static List<String> promptable(Audience audience, List<Row> rows) {
        return rows.stream()
                .filter(row -> Visibility.allows(audience, row.written()))
                .map(Row::text)
                .toList();
    }

    /**
     * Keeps a summary that was just posted: searchable (as a derived takeaway in the conversation it was posted in,
     * quoting what it summarised), and followed as its sources change. A newer summary of the same talk in the same
     * conversation replaces the older one, whose message says so.
     */
    public void keep(Posted posted, SummaryReport report) {
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        List<Replaced> replaced = new ArrayList<>();
        transactions.executeWithoutResult(status -> {
            report.talkId().ifPresent(talkId -> replaced.addAll(jdbc.sql("""
                            UPDATE posted_summaries SET withdrawn_at = :now
                            WHERE team_id = :team AND talk_id = :talk AND channel_id = :channel AND withdrawn_at IS NULL
                              AND message_ts <> :ts
                            RETURNING takeaway_id, message_ts
                            """)
                    .param("now", now).param("team", posted.teamId()).param("talk", talkId)
                    .param("channel", posted.postedIn().id()).param("ts", posted.messageTs())
                    .query((r, n) -> new Replaced(r.getLong("takeaway_id"), r.getString("message_ts"))).list()));
            replaced.forEach(old -> derived.withdraw(posted.teamId(), old.takeawayId()));
            long takeawayId = derived.keep(posted.teamId(), posted.postedIn(), posted.messageTs(), posted.threadTs(),
                    posted.permalink(), posted.botUserId(), report.talkId().orElse(null), report.searchableText(),
                    report.sources());
            jdbc.sql("""
                            INSERT INTO posted_summaries (team_id, takeaway_id, channel_id, message_ts, thread_ts, talk_id,
                                                          subject, requested_by, posted_at, refreshed_at)
                            VALUES (:team, :takeaway, :channel, :ts, :thread, :talk, :subject, :user, :now, :now)
                            ON CONFLICT (team_id, takeaway_id) DO UPDATE
                            SET refreshed_at = EXCLUDED.refreshed_at, withdrawn_at = NULL, stale_since = NULL
                            """)
                    .param("team", posted.teamId()).param("takeaway", takeawayId)
                    .param("channel", posted.postedIn().id()).param("ts", posted.messageTs())
                    .param("thread", posted.threadTs()).param("talk", report.talkId().orElse(null))
                    .param("subject", report.subject()).param("user", posted.requestedBy()).param("now", now)
                    .update();
        });
        for (Replaced old : replaced) {
            tellReplaced(posted.teamId(), posted.postedIn().id(), old.messageTs());
        }
    }

    /** Takeaways changed: the summaries that quote them are due for an update (in the same transaction). */
    @EventListener
    void sourcesChanged(TakeawaysChanged changed) {
        List<Long> quoting = derived.quoting(changed.teamId(), changed.takeawayIds());
        if (quoting.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        UPDATE posted_summaries SET stale_since = :now
                        WHERE team_id = :team AND takeaway_id IN (:ids) AND withdrawn_at IS NULL AND stale_since IS NULL
                        """)
                .param("now", clock.instant().atOffset(ZoneOffset.UTC)).param("team", changed.teamId())
                .param("ids", quoting).update();
    }

    /** A team's data is deleted: its posted summaries go first, in that transaction (they refer to its takeaways). */
    @EventListener
    void teamErased(TeamErased erased) {
        jdbc.sql("DELETE FROM posted_summaries WHERE team_id = :team").param("team", erased.teamId()).update();
    }

    /**
     * Brings posted summaries up to date: those whose talk gained or changed takeaways since, and those a quoted
     * takeaway of which changed. The kept text and the posted message are rewritten; a summary left with nothing it
     * may show is withdrawn. Any instance may run it; each summary is leased by one. Returns how many were handled.
     */
    public int refreshChanged() {
        Instant now = clock.instant();
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        List<Due> due = transactions.execute(status -> jdbc.sql("""
                        UPDATE posted_summaries s SET lease_until = :leaseEnd
                        FROM (SELECT s2.team_id, s2.takeaway_id FROM posted_summaries s2
                              WHERE s2.withdrawn_at IS NULL AND (s2.lease_until IS NULL OR s2.lease_until < :now)
                                AND (s2.stale_since IS NOT NULL
                                     OR (s2.talk_id IS NOT NULL AND EXISTS (
                                         SELECT 1 FROM takeaways t
                                         WHERE t.talk_id = s2.talk_id AND t.team_id = s2.team_id
                                           AND t.updated_at > s2.refreshed_at AND\s""" + Visibility.ordinary("t") + """
                                     )))
                              ORDER BY s2.refreshed_at
                              LIMIT 20
                              FOR UPDATE OF s2 SKIP LOCKED) claimed
                        WHERE s.team_id = claimed.team_id AND s.takeaway_id = claimed.takeaway_id
                        RETURNING s.team_id, s.takeaway_id, s.channel_id, s.message_ts, s.talk_id, s.subject,
                                  (SELECT title FROM talks WHERE id = s.talk_id) AS title
                        """)
                .param("now", at).param("leaseEnd", now.plus(REFRESH_LEASE).atOffset(ZoneOffset.UTC))
                .query((r, n) -> new Due(r.getString("team_id"), r.getLong("takeaway_id"), r.getString("channel_id"),
                        r.getString("message_ts"), (Long) r.getObject("talk_id"), r.getString("subject"),
                        r.getString("title")))
                .list());
        int handled = 0;
        for (Due summary : due == null ? List.<Due>of() : due) {
            refresh(summary, at);
            handled++;
        }
        return handled;
    }

    private void refresh(Due summary, OffsetDateTime claimedAt) {
        Audience audience = Audience.members(summary.teamId(), new Conversation(summary.channelId(),
                kinds.kindNow(summary.teamId(), summary.channelId())));
        Optional<SummaryReport> report = summary.talkId() != null
                ? ofTalk(audience, new TalkRef(summary.talkId(), summary.title()))
                : ofTakeaways(audience, summary.subject(), derived.quotes(summary.teamId(), summary.takeawayId()));
        transactions.executeWithoutResult(status -> {
            if (report.isEmpty()) {
                derived.withdraw(summary.teamId(), summary.takeawayId());
            } else {
                derived.update(summary.teamId(), summary.takeawayId(), report.get().searchableText(),
                        report.get().sources(), claimedAt.toInstant());
            }
            jdbc.sql("""
                            UPDATE posted_summaries
                            SET refreshed_at = :at, lease_until = NULL,
                                stale_since = CASE WHEN stale_since <= :at THEN NULL ELSE stale_since END,
                                withdrawn_at = CASE WHEN :withdrawn THEN :at ELSE withdrawn_at END
                            WHERE team_id = :team AND takeaway_id = :id
                            """)
                    .param("at", claimedAt).param("withdrawn", report.isEmpty())
                    .param("team", summary.teamId()).param("id", summary.takeawayId()).update();
        });
        try {
            if (report.isEmpty()) {
                publisher.withdraw(summary.teamId(), summary.channelId(), summary.messageTs(),
                        SummaryPublisher.Withdrawal.SOURCES_GONE);
                log.info("Withdrew the summary of \"{}\" in {}: nothing it quoted may be shown there any more",
                        summary.subject(), summary.channelId());
            } else {
                publisher.update(summary.teamId(), summary.channelId(), summary.messageTs(), report.get());
            }
        } catch (RuntimeException e) {
            log.warn("The summary of \"{}\" in {} was brought up to date, but its message could not be updated: {}",
                    summary.subject(), summary.channelId(), e.getMessage());
        }
    }

    private void tellReplaced(String teamId, String channelId, String messageTs) {
        try {
            publisher.withdraw(teamId, channelId, messageTs, SummaryPublisher.Withdrawal.REPLACED);
        } catch (RuntimeException e) {
            log.warn("A replaced summary's message in {} could not be updated: {}", channelId, e.getMessage());
        }
    }

    private static Row row(java.sql.ResultSet r, int n) throws java.sql.SQLException {
        return new Row(r.getLong("id"), r.getString("user_id"), r.getString("text"),
                Optional.ofNullable(r.getString("permalink")), Visibility.written(r));
    }

    private record Row(long id, String userId, String text, Optional<String> permalink, Visibility.Written written) {
    }

    private record Replaced(long takeawayId, String messageTs) {
    }

    private record Due(String teamId, long takeawayId, String channelId, String messageTs, Long talkId,
                       String subject, String title) {
    }
}
