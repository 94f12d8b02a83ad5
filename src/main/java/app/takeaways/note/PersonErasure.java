package app.takeaways.note;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/**
 * Erasing a person from a workspace: everything they wrote and reacted with, really deleted (rows gone, not
 * soft-deleted). The one owner of it, whether the person asked ({@code /takeaway forget me}) or Slack says their
 * account was forgotten. What quotes their takeaways (kept summaries, posted digests) is marked changed in the same
 * transaction, exactly as for a delete; what other modules keep of the person follows {@link PersonErased}.
 * Erasing again finds nothing: Slack's retries and double clicks are harmless.
 */
@Service
public class PersonErasure {

    /** A person's takeaways (those they see as theirs: not deleted) and the reactions they added. */
    public record Tally(int takeaways, int reactions) {

        public boolean isEmpty() {
            return takeaways == 0 && reactions == 0;
        }
    }

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    PersonErasure(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /** What {@link #erase} would delete now. */
    @Transactional(readOnly = true)
    public Tally count(String teamId, String userId) {
        int takeaways = jdbc.sql("""
                        SELECT count(*) FROM takeaways
                        WHERE team_id = :team AND user_id = :user AND deleted_at IS NULL AND source <> 'summary'
                        """)
                .param("team", teamId).param("user", userId).query(Integer.class).single();
        int reactions = jdbc.sql("SELECT count(*) FROM takeaway_reactions WHERE team_id = :team AND user_id = :user")
                .param("team", teamId).param("user", userId).query(Integer.class).single();
        return new Tally(takeaways, reactions);
    }

    /**
     * Deletes the person's takeaways in this workspace (the ones deleted before too: kept only against late
     * retries, they are still theirs), the reactions they added and those counted on their takeaways' messages,
     * and their name as who saved others' messages. Returns what they could see of it: their takeaways that were
     * not deleted, and their reactions.
     */
    @Transactional
    public Tally erase(String teamId, String userId) {
        List<Gone> gone = jdbc.sql("""
                        DELETE FROM takeaways
                        WHERE team_id = :team AND user_id = :user AND source <> 'summary'
                        RETURNING id, channel_id, message_ts, deleted_at IS NULL AS live
                        """)
                .param("team", teamId).param("user", userId)
                .query((rows, n) -> new Gone(rows.getLong("id"), rows.getString("channel_id"),
                        rows.getString("message_ts"), rows.getBoolean("live")))
                .list();
        int reactions = jdbc.sql("DELETE FROM takeaway_reactions WHERE team_id = :team AND user_id = :user")
                .param("team", teamId).param("user", userId).update();
        List<Gone> messages = gone.stream().filter(g -> g.messageTs() != null).toList();
        if (!messages.isEmpty()) {
            // Others' reactions on the erased takeaways' messages count for no takeaway any more.
            jdbc.sql("""
                            DELETE FROM takeaway_reactions r
                            USING unnest(CAST(:channels AS text[]), CAST(:messages AS text[])) AS m (channel_id, message_ts)
                            WHERE r.team_id = :team AND r.channel_id = m.channel_id AND r.message_ts = m.message_ts
                            """)
                    .param("team", teamId)
                    .param("channels", messages.stream().map(Gone::channelId).toArray(String[]::new))
                    .param("messages", messages.stream().map(Gone::messageTs).toArray(String[]::new))
                    .update();
        }
        jdbc.sql("UPDATE takeaways SET captured_by = NULL WHERE team_id = :team AND captured_by = :user")
                .param("team", teamId).param("user", userId).update();
        if (!gone.isEmpty()) {
            events.publishEvent(new TakeawaysChanged(teamId, gone.stream().map(Gone::id).toList()));
        }
        events.publishEvent(new PersonErased(teamId, userId));
        return new Tally((int) gone.stream().filter(Gone::live).count(), reactions);
    }

    private record Gone(long id, String channelId, String messageTs, boolean live) {
    }
}
