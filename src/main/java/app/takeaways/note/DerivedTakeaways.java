package app.takeaways.note;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;

/**
 * Takeaways the bot derived from others (kept summaries): written only here, credited to the bot, kept in the
 * conversation they were posted in, and remembering what they quote, so {@link Visibility} never shows one more
 * widely than the least visible takeaway it quotes.
 */
@Service
public class DerivedTakeaways {

    private final JdbcClient jdbc;
    private final Clock clock;

    DerivedTakeaways(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Keeps a summary that was posted: as a takeaway of its talk (if any), in the conversation it was posted in,
     * searchable. The same message kept again is updated. Returns its id.
     *
     * @param botUserId who it is credited to: the bot
     * @param quotes    the takeaways it quotes (summarises)
     */
    public long keep(String teamId, Conversation postedIn, String messageTs, String threadTs, String permalink,
                     String botUserId, Long talkId, String text, Collection<Long> quotes) {
        OffsetDateTime now = now();
        return jdbc.sql("""
                        INSERT INTO takeaways (team_id, channel_id, channel_type, user_id, text, talk_id, source,
                                               message_ts, thread_ts, permalink, quotes, created_at, updated_at)
                        VALUES (:team, :channel, :type, :user, :text, :talk, 'summary', :ts, :thread, :permalink,
                                CAST(:quotes AS bigint[]), :now, :now)
                        ON CONFLICT (team_id, channel_id, message_ts) WHERE message_ts IS NOT NULL
                        DO UPDATE SET text = EXCLUDED.text, quotes = EXCLUDED.quotes, updated_at = EXCLUDED.updated_at,
                                      deleted_at = NULL, quotes_changed_at = NULL
                        RETURNING id
                        """)
                .param("team", teamId).param("channel", postedIn.id()).param("type", postedIn.kind().value())
                .param("user", botUserId).param("text", StoredText.storable(text)).param("talk", talkId)
                .param("ts", messageTs).param("thread", threadTs).param("permalink", permalink)
                .param("quotes", ids(quotes)).param("now", now)
                .query(Long.class).single();
    }

    /**
     * A kept summary brought up to date: its new text and what it quotes now, as read at {@code readAt}. It shows
     * again unless what it quotes changed after that.
     */
    public void update(String teamId, long id, String text, Collection<Long> quotes, Instant readAt) {
        jdbc.sql("""
                        UPDATE takeaways SET text = :text, quotes = CAST(:quotes AS bigint[]), updated_at = :now,
                                             quotes_changed_at = CASE WHEN quotes_changed_at <= :readAt THEN NULL
                                                                      ELSE quotes_changed_at END
                        WHERE team_id = :team AND id = :id AND source = 'summary'
                        """)
                .param("text", StoredText.storable(text)).param("quotes", ids(quotes)).param("now", now())
                .param("readAt", readAt.atOffset(ZoneOffset.UTC)).param("team", teamId).param("id", id).update();
    }

    /**
     * Takeaways changed: the kept summaries that quote them are shown nowhere until derived again. In the
     * transaction that changed them.
     */
    @EventListener
    void sourcesChanged(TakeawaysChanged changed) {
        jdbc.sql("""
                        UPDATE takeaways SET quotes_changed_at = :now
                        WHERE team_id = :team AND quotes IS NOT NULL AND quotes && CAST(:ids AS bigint[])
                          AND quotes_changed_at IS NULL
                        """)
                .param("now", now()).param("team", changed.teamId()).param("ids", ids(changed.takeawayIds()))
                .update();
    }

    /** A kept summary taken back: nothing it quoted may be shown any more (or it was replaced). */
    public void withdraw(String teamId, long id) {
        jdbc.sql("""
                        UPDATE takeaways SET deleted_at = :now, updated_at = :now
                        WHERE team_id = :team AND id = :id AND source = 'summary' AND deleted_at IS NULL
                        """)
                .param("now", now()).param("team", teamId).param("id", id).update();
    }

    /** What a kept summary quotes. */
    public List<Long> quotes(String teamId, long id) {
        return jdbc.sql("SELECT quotes FROM takeaways WHERE team_id = :team AND id = :id AND quotes IS NOT NULL")
                .param("team", teamId).param("id", id)
                .query((rows, n) -> List.of((Long[]) rows.getArray("quotes").getArray()))
                .optional().orElse(List.of());
    }

    /** The kept summaries (deleted or not) that quote any of these takeaways. */
    public List<Long> quoting(String teamId, Collection<Long> takeawayIds) {
        if (takeawayIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT id FROM takeaways
                        WHERE team_id = :team AND quotes IS NOT NULL AND quotes && CAST(:ids AS bigint[])
                        """)
                .param("team", teamId).param("ids", ids(takeawayIds))
                .query(Long.class).list();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static Long[] ids(Collection<Long> ids) {
        return ids.stream().distinct().toArray(Long[]::new);
    }
}
