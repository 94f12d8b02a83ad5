package app.takeaways.note;

import app.takeaways.workspace.ChannelType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Lists of takeaways as an audience may see them ({@link Visibility}), and single takeaways by id. Deleted takeaways
 * never show.
 */
@Service
public class RecentTakeaways {

    /**
     * A takeaway as a list shows it.
     *
     * @param quotedAuthor whose Slack message it quotes, when its author rewrote someone's message
     */
    public record Entry(long id, String userId, String channelId, ChannelType channelType, String text,
                        List<String> tags, int linkCount, Optional<String> talkTitle, Optional<String> permalink,
                        Instant createdAt, boolean derived, Optional<String> quotedAuthor) {

        public Entry {
            tags = List.copyOf(tags);
        }

        /** Where and by whom it was written, for {@link Visibility#allows}. */
        public Visibility.Written written(String teamId) {
            return new Visibility.Written(teamId, channelId, channelType, userId, derived);
        }
    }

    /** A takeaway looked up by id, and whether the audience asked for may see it. */
    public record Found(Entry entry, boolean visible) {
    }

    private static final String COLUMNS = """
            SELECT t.id, t.user_id, t.channel_id, t.channel_type, t.text, t.tags, k.title AS talk, t.permalink,
                   t.created_at, t.source = 'summary' AS derived, t.quoted_author,
                   (SELECT count(*) FROM takeaway_links l WHERE l.team_id = t.team_id AND l.takeaway_id = t.id) AS links
            """;
    private static final String FROM = " FROM takeaways t LEFT JOIN talks k ON k.id = t.talk_id\n";

    private final JdbcClient jdbc;

    RecentTakeaways(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A person's own takeaways, wherever they were captured (not the bot's summaries). */
    public List<Entry> by(String teamId, String userId, int limit) {
        Visibility.Predicate visible = Visibility.of(Audience.person(teamId, userId, null), "t",
                Visibility.Derived.EXCLUDED);
        return jdbc.sql(COLUMNS + FROM + "WHERE " + visible.sql() + " AND t.user_id = :user\n"
                        + "ORDER BY t.created_at DESC, t.id DESC LIMIT :limit")
                .params(visible.params()).param("user", userId).param("limit", limit)
                .query(RecentTakeaways::entry).list();
    }

    /** The newest takeaways the audience may see. */
    public List<Entry> visibleTo(Audience audience, int limit) {
        Visibility.Predicate visible = Visibility.of(audience, "t", Visibility.Derived.EXCLUDED);
        return jdbc.sql(COLUMNS + FROM + "WHERE " + visible.sql() + "\nORDER BY t.created_at DESC, t.id DESC LIMIT :limit")
                .params(visible.params()).param("limit", limit)
                .query(RecentTakeaways::entry).list();
    }

    /** One takeaway of this workspace, unless deleted, whoever may see it: for what only its author may do. */
    public Optional<Entry> find(String teamId, long id) {
        return jdbc.sql(COLUMNS + FROM + "WHERE t.team_id = :team AND t.id = :id AND t.deleted_at IS NULL")
                .param("team", teamId).param("id", id)
                .query(RecentTakeaways::entry).optional();
    }

    /** One takeaway of the audience's workspace, unless deleted, and whether the audience may see it. */
    public Optional<Found> find(Audience audience, long id) {
        Visibility.Predicate visible = Visibility.of(audience, "t", Visibility.Derived.INCLUDED);
        return jdbc.sql(COLUMNS + ", (" + visible.sql() + ") AS visible" + FROM
                        + "WHERE t.team_id = :team AND t.id = :id AND t.deleted_at IS NULL")
                .params(visible.params()).param("team", audience.teamId()).param("id", id)
                .query((rows, n) -> new Found(entry(rows, n), rows.getBoolean("visible"))).optional();
    }

    private static Entry entry(java.sql.ResultSet rows, int n) throws java.sql.SQLException {
        return new Entry(rows.getLong("id"), rows.getString("user_id"), rows.getString("channel_id"),
                ChannelType.fromValue(rows.getString("channel_type")), rows.getString("text"),
                List.of((String[]) rows.getArray("tags").getArray()), rows.getInt("links"),
                Optional.ofNullable(rows.getString("talk")), Optional.ofNullable(rows.getString("permalink")),
                rows.getObject("created_at", OffsetDateTime.class).toInstant(), rows.getBoolean("derived"),
                Optional.ofNullable(rows.getString("quoted_author")));
    }
}
