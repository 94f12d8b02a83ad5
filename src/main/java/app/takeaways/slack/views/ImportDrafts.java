package app.takeaways.slack.views;

import app.takeaways.note.PersonErased;
import app.takeaways.note.TeamErased;
import app.takeaways.workspace.ChannelType;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * Outlines waiting under their preview for Import or Cancel, kept in Postgres so that the click may land on any
 * instance. Only the person who sent the outline may use its draft. A day later a left-over draft (a preview never
 * answered) is cleared by the next one written.
 */
@Component
public class ImportDrafts {

    static final Duration KEEP = Duration.ofDays(1);

    /** An outline and where it is to be imported. An empty outline is a file's claim whose file was not read. */
    public record Draft(String id, String teamId, String userId, String channelId, ChannelType hint,
                        String sourceName, String outline) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    ImportDrafts(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Keeps a pasted outline; returns the draft's id. */
    public String keep(String teamId, String userId, String channelId, ChannelType hint, String sourceName,
                       String outline) {
        return insert(teamId, userId, channelId, hint, sourceName, outline, null).orElseThrow();
    }

    /**
     * Claims a file's delivery before the file is read: the draft's id, or empty when this delivery was claimed
     * before (Slack delivered the event again), so nothing is answered twice.
     */
    public Optional<String> claim(String teamId, String userId, String channelId, ChannelType hint,
                                  String sourceName, String delivery) {
        return insert(teamId, userId, channelId, hint, sourceName, "", delivery);
    }

    /** The file's name and outline, read, for a claimed draft. */
    public void fill(String teamId, String id, String sourceName, String outline) {
        DraftIds.parse(id).ifPresent(uuid -> jdbc.sql("""
                        UPDATE import_drafts SET source_name = :source, outline = :outline
                        WHERE id = :id AND team_id = :team""")
                .param("source", sourceName).param("outline", outline).param("id", uuid).param("team", teamId)
                .update());
    }

    public Optional<Draft> find(String teamId, String id) {
        return select(teamId, id, "");
    }

    /** The draft, locked until the transaction ends: a second click on Import waits, then finds it removed. */
    public Optional<Draft> lock(String teamId, String id) {
        return select(teamId, id, " FOR UPDATE");
    }

    /** Whether there was such a draft to remove. */
    public boolean remove(String teamId, String id) {
        return DraftIds.parse(id).map(uuid -> jdbc.sql(
                        "DELETE FROM import_drafts WHERE id = :id AND team_id = :team")
                .param("id", uuid).param("team", teamId).update() > 0).orElse(false);
    }

    /** A person erased: the outlines they sent and never imported go with their takeaways, in that transaction. */
    @EventListener
    void personErased(PersonErased erased) {
        jdbc.sql("DELETE FROM import_drafts WHERE team_id = :team AND user_id = :user")
                .param("team", erased.teamId()).param("user", erased.userId()).update();
    }

    /** A workspace's data is deleted (its retention after an uninstall ended): its import drafts go in that transaction. */
    @EventListener
    void teamErased(TeamErased erased) {
        jdbc.sql("DELETE FROM import_drafts WHERE team_id = :team").param("team", erased.teamId()).update();
    }

    private Optional<String> insert(String teamId, String userId, String channelId, ChannelType hint,
                                    String sourceName, String outline, String delivery) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.sql("DELETE FROM import_drafts WHERE created_at < :before").param("before", now.minus(KEEP)).update();
        UUID id = UUID.randomUUID();
        int inserted = jdbc.sql("""
                        INSERT INTO import_drafts (id, team_id, user_id, channel_id, channel_hint, source_name, outline,
                                                   delivery, created_at)
                        VALUES (:id, :team, :user, :channel, :hint, :source, :outline, :delivery, :now)
                        ON CONFLICT (team_id, delivery) DO NOTHING""")
                .param("id", id).param("team", teamId).param("user", userId).param("channel", channelId)
                .param("hint", hint.value()).param("source", sourceName).param("outline", outline)
                .param("delivery", delivery).param("now", now)
                .update();
        return inserted == 1 ? Optional.of(id.toString()) : Optional.empty();
    }

    private Optional<Draft> select(String teamId, String id, String locking) {
        return DraftIds.parse(id).flatMap(uuid -> jdbc.sql("""
                        SELECT id, team_id, user_id, channel_id, channel_hint, source_name, outline
                        FROM import_drafts WHERE id = :id AND team_id = :team""" + locking)
                .param("id", uuid).param("team", teamId)
                .query((rs, row) -> new Draft(rs.getString("id"), rs.getString("team_id"), rs.getString("user_id"),
                        rs.getString("channel_id"), ChannelType.fromValue(rs.getString("channel_hint")),
                        rs.getString("source_name"), rs.getString("outline")))
                .optional());
    }

}
