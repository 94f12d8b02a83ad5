package app.takeaways.note;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.OffsetDateTime;

/**
 * Reactions people add to the Slack messages takeaways were saved from: a digest shows the most reacted first.
 * Counted once per person and emoji, so Slack's retries change nothing; messages that are not takeaways are not
 * counted.
 */
@Service
public class TakeawayReactions {

    private final JdbcClient jdbc;
    private final Clock clock;

    TakeawayReactions(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void added(String teamId, String channelId, String messageTs, String userId, String reaction) {
        jdbc.sql("""
                        INSERT INTO takeaway_reactions (team_id, channel_id, message_ts, user_id, reaction, created_at)
                        SELECT :team, :channel, :ts, :user, :reaction, :now
                        WHERE EXISTS (SELECT 1 FROM takeaways
                                      WHERE team_id = :team AND channel_id = :channel AND message_ts = :ts)
                        ON CONFLICT DO NOTHING
                        """)
                .param("team", teamId).param("channel", channelId).param("ts", messageTs).param("user", userId)
                .param("reaction", reaction).param("now", OffsetDateTime.now(clock))
                .update();
    }

    public void removed(String teamId, String channelId, String messageTs, String userId, String reaction) {
        jdbc.sql("""
                        DELETE FROM takeaway_reactions
                        WHERE team_id = :team AND channel_id = :channel AND message_ts = :ts AND user_id = :user
                          AND reaction = :reaction
                        """)
                .param("team", teamId).param("channel", channelId).param("ts", messageTs).param("user", userId)
                .param("reaction", reaction)
                .update();
    }
}
