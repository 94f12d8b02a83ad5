package app.takeaways.note;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Talks and the Slack threads that collect their takeaways: a thread the bot started ({@code /takeaway talk}) or
 * one someone asked it to track ({@code @Takeaways track}). Every human reply in a tracked thread is a takeaway of
 * its talk.
 */
@Service
public class TalkThreads {

    /** How a thread came to be tracked. */
    public enum Origin {
        COMMAND("command"), MENTION("mention");

        private final String value;

        Origin(String value) {
            this.value = value;
        }
    }

    /** A tracked thread and its talk. */
    public record TrackedThread(String channelId, String threadTs, long talkId, String talkTitle, List<String> tags) {

        public TrackedThread {
            tags = List.copyOf(tags);
        }
    }

    /** A talk someone may pick, most recently used first. */
    public record TalkChoice(long id, String title) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    TalkThreads(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Tracks a thread for a talk (found by title, or created). Tracking a thread again takes it up again, with the
     * new talk and tags.
     */
    @Transactional
    public TrackedThread track(String teamId, String channelId, String threadTs, String talkTitle, List<String> tags,
                               String userId, Origin origin) {
        String title = talkTitle.strip().replaceAll("\\s+", " ");
        if (title.length() > TakeawayTextParser.MAX_TALK_TITLE_LENGTH) {
            title = title.substring(0, TakeawayTextParser.MAX_TALK_TITLE_LENGTH).strip();
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        long talkId = jdbc.sql("""
                        INSERT INTO talks (team_id, title, title_key, created_by, created_at)
                        VALUES (:team, :title, :key, :user, :now)
                        ON CONFLICT (team_id, title_key) DO UPDATE SET title_key = EXCLUDED.title_key
                        RETURNING id
                        """)
                .param("team", teamId).param("title", title).param("key", TakeawayTextParser.talkKey(title))
                .param("user", userId).param("now", now)
                .query(Long.class).single();
        List<String> normalized = TakeawayCapture.mergeTags(List.of(), tags);
        jdbc.sql("""
                        INSERT INTO talk_threads (team_id, channel_id, thread_ts, talk_id, tags, started_by, origin,
                                                  created_at)
                        VALUES (:team, :channel, :thread, :talk, CAST(:tags AS text[]), :user, :origin, :now)
                        ON CONFLICT (team_id, channel_id, thread_ts)
                        DO UPDATE SET talk_id = EXCLUDED.talk_id, tags = EXCLUDED.tags, untracked_at = NULL
                        """)
                .param("team", teamId).param("channel", channelId).param("thread", threadTs).param("talk", talkId)
                .param("tags", normalized.toArray(String[]::new)).param("user", userId)
                .param("origin", origin.value).param("now", now)
                .update();
        String storedTitle = jdbc.sql("SELECT title FROM talks WHERE id = :id").param("id", talkId)
                .query(String.class).single();
        return new TrackedThread(channelId, threadTs, talkId, storedTitle, normalized);
    }

    /** Stops collecting a thread's replies; returns the thread if it was tracked. */
    public Optional<TrackedThread> untrack(String teamId, String channelId, String threadTs) {
        Optional<TrackedThread> thread = tracked(teamId, channelId, threadTs);
        thread.ifPresent(found -> jdbc.sql("""
                        UPDATE talk_threads SET untracked_at = :now
                        WHERE team_id = :team AND channel_id = :channel AND thread_ts = :thread
                        """)
                .param("now", OffsetDateTime.now(clock))
                .param("team", teamId).param("channel", channelId).param("thread", threadTs)
                .update());
        return thread;
    }

    public Optional<TrackedThread> tracked(String teamId, String channelId, String threadTs) {
        return jdbc.sql("""
                        SELECT t.channel_id, t.thread_ts, t.talk_id, k.title, t.tags
                        FROM talk_threads t JOIN talks k ON k.id = t.talk_id
                        WHERE t.team_id = :team AND t.channel_id = :channel AND t.thread_ts = :thread
                          AND t.untracked_at IS NULL
                        """)
                .param("team", teamId).param("channel", channelId).param("thread", threadTs)
                .query((rows, n) -> new TrackedThread(rows.getString("channel_id"), rows.getString("thread_ts"),
                        rows.getLong("talk_id"), rows.getString("title"),
                        List.of((String[]) rows.getArray("tags").getArray())))
                .optional();
    }

    /** The talks of a channel's recent threads and takeaways, to offer in the capture form. */
    public List<TalkChoice> recentTalks(String teamId, String channelId, int limit) {
        return jdbc.sql("""
                        SELECT k.id, k.title FROM talks k
                        JOIN (SELECT talk_id, created_at FROM talk_threads
                              WHERE team_id = :team AND channel_id = :channel
                              UNION ALL
                              SELECT talk_id, created_at FROM takeaways
                              WHERE team_id = :team AND channel_id = :channel AND talk_id IS NOT NULL
                                AND deleted_at IS NULL) used ON used.talk_id = k.id
                        WHERE k.team_id = :team
                        GROUP BY k.id, k.title
                        ORDER BY max(used.created_at) DESC
                        LIMIT :limit
                        """)
                .param("team", teamId).param("channel", channelId).param("limit", limit)
                .query((rows, n) -> new TalkChoice(rows.getLong("id"), rows.getString("title")))
                .list();
    }

    /** A talk of this workspace by id. */
    public Optional<String> talkTitle(String teamId, long talkId) {
        return jdbc.sql("SELECT title FROM talks WHERE team_id = :team AND id = :id")
                .param("team", teamId).param("id", talkId).query(String.class).optional();
    }
}
