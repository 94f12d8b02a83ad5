package app.takeaways.note;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Lists of takeaways as people may see them. The privacy rule is applied in the SQL: a takeaway from a private
 * channel, group DM or DM shows only in that conversation and to its author; outside any conversation (App Home)
 * that means to its author only. Deleted takeaways never show.
 */
@Service
public class RecentTakeaways {

    /** A takeaway as a list shows it. */
    public record Entry(long id, String userId, String channelId, String channelType, String text, List<String> tags,
                        int linkCount, Optional<String> talkTitle, Optional<String> permalink, Instant createdAt) {
    }

    private static final String COLUMNS = """
            SELECT t.id, t.user_id, t.channel_id, t.channel_type, t.text, t.tags, k.title AS talk, t.permalink,
                   t.created_at, (SELECT count(*) FROM takeaway_links l WHERE l.takeaway_id = t.id) AS links
            FROM takeaways t LEFT JOIN talks k ON k.id = t.talk_id
            """;

    private final JdbcClient jdbc;

    RecentTakeaways(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A person's own takeaways, wherever they were captured. */
    public List<Entry> by(String teamId, String userId, int limit) {
        return jdbc.sql(COLUMNS + """
                        WHERE t.team_id = :team AND t.user_id = :user AND t.deleted_at IS NULL
                        ORDER BY t.created_at DESC, t.id DESC LIMIT :limit
                        """)
                .param("team", teamId).param("user", userId).param("limit", limit)
                .query(RecentTakeaways::entry).list();
    }

    /** The team's takeaways someone may see outside any conversation: public ones, and their own. */
    public List<Entry> visibleTo(String teamId, String userId, int limit) {
        return jdbc.sql(COLUMNS + """
                        WHERE t.team_id = :team AND t.deleted_at IS NULL
                          AND (t.channel_type = 'public_channel' OR t.user_id = :user)
                        ORDER BY t.created_at DESC, t.id DESC LIMIT :limit
                        """)
                .param("team", teamId).param("user", userId).param("limit", limit)
                .query(RecentTakeaways::entry).list();
    }

    /** One takeaway of this workspace, unless deleted. */
    public Optional<Entry> find(String teamId, long id) {
        return jdbc.sql(COLUMNS + " WHERE t.team_id = :team AND t.id = :id AND t.deleted_at IS NULL")
                .param("team", teamId).param("id", id)
                .query(RecentTakeaways::entry).optional();
    }

    private static Entry entry(java.sql.ResultSet rows, int n) throws java.sql.SQLException {
        return new Entry(rows.getLong("id"), rows.getString("user_id"), rows.getString("channel_id"),
                rows.getString("channel_type"), rows.getString("text"),
                List.of((String[]) rows.getArray("tags").getArray()), rows.getInt("links"),
                Optional.ofNullable(rows.getString("talk")), Optional.ofNullable(rows.getString("permalink")),
                rows.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
