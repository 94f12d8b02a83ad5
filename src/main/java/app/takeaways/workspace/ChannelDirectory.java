package app.takeaways.workspace;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the bot knows about the conversations it was used in: their kind (for privacy) and name. Filled from
 * Slack's {@code conversations.info} after the fact, so a capture never waits on it, and asked again when old.
 * <p>
 * Types are remembered in memory for a few minutes: every capture asks, and a channel's type almost never
 * changes. Another instance that learns of a change is heard within {@link #REMEMBER_FOR}.
 */
@Service
public class ChannelDirectory {

    static final Duration REMEMBER_FOR = Duration.ofMinutes(5);
    private static final int MAX_REMEMBERED = 50_000;

    /** What Slack last said about a conversation, and when that was recorded. */
    public record Known(ChannelType type, Instant recordedAt) {
    }

    private record Remembered(Known known, Instant until) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    ChannelDirectory(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<ChannelType> typeOf(String teamId, String channelId) {
        return find(teamId, channelId).map(Known::type);
    }

    /** What is known about a conversation, and since when. */
    public Optional<Known> find(String teamId, String channelId) {
        String key = teamId + "/" + channelId;
        Remembered known = remembered.get(key);
        if (known != null && clock.instant().isBefore(known.until())) {
            return Optional.of(known.known());
        }
        Optional<Known> stored = jdbc.sql("""
                        SELECT channel_type, updated_at FROM channels WHERE team_id = :team AND channel_id = :channel
                        """)
                .param("team", teamId)
                .param("channel", channelId)
                .query((rows, n) -> new Known(ChannelType.fromValue(rows.getString("channel_type")),
                        rows.getObject("updated_at", OffsetDateTime.class).toInstant()))
                .optional();
        stored.ifPresent(found -> remember(key, found));
        return stored;
    }

    /** Records what Slack said about a conversation. */
    public void record(String teamId, String channelId, ChannelType type, String name) {
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
        remember(teamId + "/" + channelId, new Known(type, clock.instant()));
    }

    /** A conversation's new name (channel_rename, group_rename): what {@code in:name} finds. */
    public void rename(String teamId, String channelId, String name) {
        jdbc.sql("UPDATE channels SET name = :name WHERE team_id = :team AND channel_id = :channel")
                .param("name", name).param("team", teamId).param("channel", channelId).update();
    }

    /**
     * Deletes what is known of a team's conversations, when its data is deleted after the app was uninstalled
     * ({@link TeamRetention}).
     */
    void forgetTeam(String teamId) {
        jdbc.sql("DELETE FROM channels WHERE team_id = :team").param("team", teamId).update();
        remembered.keySet().removeIf(key -> key.startsWith(teamId + "/"));
    }

    /** Drops what is remembered in memory, for when the channels table was changed behind the app's back. */
    public void forgetRemembered() {
        remembered.clear();
    }

    private void remember(String key, Known known) {
        if (remembered.size() >= MAX_REMEMBERED) {
            remembered.clear();
        }
        remembered.put(key, new Remembered(known, clock.instant().plus(REMEMBER_FOR)));
    }
}
