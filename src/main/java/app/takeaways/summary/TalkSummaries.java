package app.takeaways.summary;

import app.takeaways.search.SearchQuery;
import app.takeaways.search.TakeawaySearch;
import app.takeaways.workspace.ChannelType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Summaries of a talk's takeaways or of a search's best matches, as they may be shown in a conversation: only what
 * that conversation may see (public takeaways and its own), never another private one. A talk's summary that was
 * posted is kept as a takeaway of the talk (source {@code summary}), found by search under the same privacy rule,
 * and refreshed when the talk's takeaways change.
 */
@Service
public class TalkSummaries {

    private static final Logger log = LoggerFactory.getLogger(TalkSummaries.class);

    /** Themes a summary names at most. */
    static final int THEMES = 5;
    /** Takeaways of a talk, or matches of a search, summarised at most. */
    static final int MAX_TAKEAWAYS = 2000;
    static final int MAX_MATCHES = 200;

    /** A talk, by id and title. */
    public record TalkRef(long id, String title) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final TeamCorpus corpus;
    private final TakeawaySearch search;
    private final LlmOverview llm;
    private final SummaryPublisher publisher;
    private final Clock clock;

    TalkSummaries(JdbcClient jdbc, TransactionTemplate transactions, TeamCorpus corpus, TakeawaySearch search,
                  LlmOverview llm, SummaryPublisher publisher, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.corpus = corpus;
        this.search = search;
        this.llm = llm;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** The team's talk titled so, else the busiest whose title contains the text. */
    public Optional<TalkRef> findTalk(String teamId, String text) {
        String wanted = text.strip().replaceAll("\\s+", " ");
        if (wanted.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        SELECT k.id, k.title FROM talks k
                        WHERE k.team_id = :team AND (k.title_key = lower(:title) OR k.title ILIKE :pattern)
                        ORDER BY k.title_key = lower(:title) DESC,
                                 (SELECT count(*) FROM takeaways t WHERE t.talk_id = k.id AND t.deleted_at IS NULL) DESC,
                                 k.created_at DESC
                        LIMIT 1
                        """)
                .param("team", teamId).param("title", wanted)
                .param("pattern", "%" + wanted.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
                .query((r, n) -> new TalkRef(r.getLong("id"), r.getString("title"))).optional();
    }

    /** A talk's summary as {@code channelId} may see it; empty when it has no takeaways there. */
    public Optional<SummaryReport> ofTalk(String teamId, TalkRef talk, String channelId) {
        List<Row> rows = jdbc.sql("""
                        SELECT t.id, t.user_id, t.text, t.permalink FROM takeaways t
                        WHERE t.team_id = :team AND t.talk_id = :talk AND t.deleted_at IS NULL
                          AND t.source <> 'summary'
                          AND (t.channel_type = 'public_channel' OR t.channel_id = :channel)
                        ORDER BY t.created_at, t.id
                        LIMIT :limit
                        """)
                .param("team", teamId).param("talk", talk.id()).param("channel", channelId)
                .param("limit", MAX_TAKEAWAYS)
                .query((r, n) -> new Row(r.getLong("id"), r.getString("user_id"), r.getString("text"),
                        Optional.ofNullable(r.getString("permalink"))))
                .list();
        return report(teamId, Optional.of(talk.id()), talk.title(), talk.title(), rows);
    }

    /**
     * A summary of a search's best matches as {@code channelId} may see them (a summary is posted for everyone in
     * the conversation: the asker's own private takeaways from elsewhere are left out).
     */
    public Optional<SummaryReport> ofSearch(String teamId, String channelId, SearchQuery query) {
        List<TakeawaySearch.Hit> hits = search.bestMatches(new TakeawaySearch.Request(teamId, null, channelId, query,
                0), MAX_MATCHES);
        if (hits.isEmpty()) {
            return Optional.empty();
        }
        List<Long> ids = hits.stream().map(TakeawaySearch.Hit::id).toList();
        Map<Long, Row> byId = new HashMap<>();
        jdbc.sql("SELECT id, user_id, text, permalink FROM takeaways WHERE team_id = :team AND id IN (:ids)")
                .param("team", teamId).param("ids", ids)
                .query((r, n) -> new Row(r.getLong("id"), r.getString("user_id"), r.getString("text"),
                        Optional.ofNullable(r.getString("permalink"))))
                .list().forEach(row -> byId.put(row.id(), row));
        List<Row> rows = ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
        return report(teamId, Optional.empty(), query.text(), null, rows);
    }

    private Optional<SummaryReport> report(String teamId, Optional<Long> talkId, String subject, String title,
                                           List<Row> rows) {
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Map<Long, List<Summary.Link>> links = new HashMap<>();
        jdbc.sql("SELECT takeaway_id, url, label FROM takeaway_links WHERE takeaway_id IN (:ids) ORDER BY takeaway_id, position")
                .param("ids", rows.stream().map(Row::id).toList())
                .query((r, n) -> Map.entry(r.getLong("takeaway_id"), new Summary.Link(r.getString("url"),
                        r.getString("label"))))
                .list().forEach(entry -> links.computeIfAbsent(entry.getKey(), id -> new ArrayList<>())
                        .add(entry.getValue()));
        List<ExtractiveSummarizer.Note> notes = rows.stream().map(row -> new ExtractiveSummarizer.Note(row.id(),
                row.userId(), row.text(), links.getOrDefault(row.id(), List.of()))).toList();
        Summary summary = ExtractiveSummarizer.summarize(title, notes, corpus.of(teamId), THEMES);
        summary = summary.withOverview(llm.write(subject, rows.stream().map(Row::text).toList()).orElse(""));
        Map<Long, SummaryReport.Cited> cited = new LinkedHashMap<>();
        Map<Long, Row> byId = new HashMap<>();
        rows.forEach(row -> byId.put(row.id(), row));
        summary.themes().stream().flatMap(theme -> theme.takeawayIds().stream()).distinct().map(byId::get)
                .forEach(row -> cited.put(row.id(), new SummaryReport.Cited(row.id(), row.userId(), row.text(),
                        row.permalink())));
        return Optional.of(new SummaryReport(talkId, subject, summary, cited));
    }

    /**
     * Keeps a talk's summary that was just posted: searchable (as a takeaway of the talk, in the conversation it
     * was posted in, whose privacy it takes), and refreshed as the talk changes. A newer summary of the same talk
     * in the same conversation replaces the older one.
     */
    public void keep(String teamId, String channelId, ChannelType channelType, String messageTs, String threadTs,
                     String permalink, String requestedBy, SummaryReport report) {
        long talkId = report.talkId().orElseThrow(() -> new IllegalArgumentException("Only talk summaries are kept"));
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        transactions.executeWithoutResult(status -> {
            jdbc.sql("""
                            UPDATE takeaways SET deleted_at = :now, updated_at = :now
                            WHERE id = (SELECT takeaway_id FROM talk_summaries
                                        WHERE team_id = :team AND talk_id = :talk AND channel_id = :channel)
                              AND message_ts <> :ts
                            """)
                    .param("now", now).param("team", teamId).param("talk", talkId).param("channel", channelId)
                    .param("ts", messageTs).update();
            long takeawayId = jdbc.sql("""
                            INSERT INTO takeaways (team_id, channel_id, channel_type, user_id, text, talk_id, source,
                                                   message_ts, thread_ts, permalink, created_at, updated_at)
                            VALUES (:team, :channel, :type, :user, :text, :talk, 'summary', :ts, :thread, :permalink,
                                    :now, :now)
                            ON CONFLICT (team_id, channel_id, message_ts) WHERE message_ts IS NOT NULL
                            DO UPDATE SET text = EXCLUDED.text, updated_at = EXCLUDED.updated_at
                            RETURNING id
                            """)
                    .param("team", teamId).param("channel", channelId).param("type", channelType.value())
                    .param("user", requestedBy).param("text", report.searchableText()).param("talk", talkId)
                    .param("ts", messageTs).param("thread", threadTs).param("permalink", permalink)
                    .param("now", now)
                    .query(Long.class).single();
            jdbc.sql("""
                            INSERT INTO talk_summaries (team_id, talk_id, channel_id, takeaway_id, message_ts, thread_ts,
                                                        requested_by, refreshed_at)
                            VALUES (:team, :talk, :channel, :takeaway, :ts, :thread, :user, :now)
                            ON CONFLICT (team_id, talk_id, channel_id) DO UPDATE
                            SET takeaway_id = EXCLUDED.takeaway_id, message_ts = EXCLUDED.message_ts,
                                thread_ts = EXCLUDED.thread_ts, requested_by = EXCLUDED.requested_by,
                                refreshed_at = EXCLUDED.refreshed_at
                            """)
                    .param("team", teamId).param("talk", talkId).param("channel", channelId)
                    .param("takeaway", takeawayId).param("ts", messageTs).param("thread", threadTs)
                    .param("user", requestedBy).param("now", now)
                    .update();
        });
        // Slack may have said what kind of channel this is while the summary was kept (the type is asked after the
        // ack and applied to the rows committed by then): the kept summary follows what is known now.
        jdbc.sql("""
                        UPDATE takeaways t SET channel_type = c.channel_type
                        FROM channels c
                        WHERE t.team_id = :team AND t.channel_id = :channel AND t.message_ts = :ts
                          AND c.team_id = t.team_id AND c.channel_id = t.channel_id AND c.channel_type <> t.channel_type
                        """)
                .param("team", teamId).param("channel", channelId).param("ts", messageTs).update();
    }

    /**
     * Refreshes the kept summaries whose talk gained, changed or lost takeaways since: the stored text, and the
     * posted message. Any instance may run it; each summary is claimed by one. Returns how many were refreshed.
     */
    public int refreshChanged() {
        Instant now = clock.instant();
        List<Kept> changed = transactions.execute(status -> jdbc.sql("""
                        UPDATE talk_summaries s SET refreshed_at = :now
                        FROM (SELECT s2.team_id, s2.talk_id, s2.channel_id FROM talk_summaries s2
                              JOIN takeaways kept ON kept.id = s2.takeaway_id AND kept.deleted_at IS NULL
                              WHERE EXISTS (SELECT 1 FROM takeaways t
                                            WHERE t.talk_id = s2.talk_id AND t.team_id = s2.team_id
                                              AND t.source <> 'summary' AND t.updated_at > s2.refreshed_at)
                              ORDER BY s2.refreshed_at
                              LIMIT 20
                              FOR UPDATE OF s2 SKIP LOCKED) due
                        WHERE s.team_id = due.team_id AND s.talk_id = due.talk_id AND s.channel_id = due.channel_id
                        RETURNING s.team_id, s.talk_id, s.channel_id, s.takeaway_id, s.message_ts,
                                  (SELECT title FROM talks WHERE id = s.talk_id) AS title
                        """)
                .param("now", now.atOffset(ZoneOffset.UTC))
                .query((r, n) -> new Kept(r.getString("team_id"), r.getLong("talk_id"), r.getString("channel_id"),
                        r.getLong("takeaway_id"), r.getString("message_ts"), r.getString("title")))
                .list());
        int refreshed = 0;
        for (Kept kept : changed == null ? List.<Kept>of() : changed) {
            Optional<SummaryReport> report = ofTalk(kept.teamId(), new TalkRef(kept.talkId(), kept.title()),
                    kept.channelId());
            if (report.isEmpty()) {
                continue; // every takeaway of the talk was deleted: the last summary stands
            }
            jdbc.sql("UPDATE takeaways SET text = :text, updated_at = :now WHERE id = :id")
                    .param("text", report.get().searchableText()).param("now", now.atOffset(ZoneOffset.UTC))
                    .param("id", kept.takeawayId()).update();
            try {
                publisher.update(kept.teamId(), kept.channelId(), kept.messageTs(), report.get());
            } catch (RuntimeException e) {
                log.warn("The summary of \"{}\" in {} was refreshed, but its message could not be updated: {}",
                        kept.title(), kept.channelId(), e.getMessage());
            }
            refreshed++;
        }
        return refreshed;
    }

    private record Row(long id, String userId, String text, Optional<String> permalink) {
    }

    private record Kept(String teamId, long talkId, String channelId, long takeawayId, String messageTs,
                        String title) {
    }
}
