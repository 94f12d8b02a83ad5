package app.takeaways.workspace;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * What the bot knows about the conversations it was used in: their type (for privacy) and name. Filled from
 * Slack's {@code conversations.info} after the fact, so a capture never waits on it.
 */
@Service
public class ChannelDirectory {

    private final JdbcClient jdbc;
    private final Clock clock;

    ChannelDirectory(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Optional<ChannelType> typeOf(String teamId, String channelId) {
        return jdbc.sql("SELECT channel_type FROM channels WHERE team_id = :team AND channel_id = :channel")
                .param("team", teamId)
                .param("channel", channelId)
                .query(String.class)
                .optional()
                .map(ChannelType::fromValue);
    }

    /** Records what Slack said about a conversation; returns whether its type changed. */
    @Transactional
    public boolean record(String teamId, String channelId, ChannelType type, String name) {
        Optional<ChannelType> before = jdbc.sql("""
                        SELECT channel_type FROM channels WHERE team_id = :team AND channel_id = :channel FOR UPDATE
                        """)
                .param("team", teamId)
                .param("channel", channelId)
                .query(String.class)
                .optional()
                .map(ChannelType::fromValue);
        jdbc.sql("""
                        INSERT INTO channels (team_id, channel_id, channel_type, name, updated_at)
                        VALUES (:team, :channel, :type, :name, :now)
                        ON CONFLICT (team_id, channel_id)
                        DO UPDATE SET channel_type = EXCLUDED.channel_type,
                                      name = COALESCE(EXCLUDED.name, channels.name),
                                      updated_at = EXCLUDED.updated_at
                        """)
                .param("team", teamId)
                .param("channel", channelId)
                .param("type", type.value())
                .param("name", name)
                .param("now", OffsetDateTime.now(clock))
                .update();
        return before.map(previous -> previous != type).orElse(true);
    }
}
