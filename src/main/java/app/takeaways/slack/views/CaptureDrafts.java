package app.takeaways.slack.views;

import app.takeaways.note.TeamErased;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * A saved message's full text while its person fills in the form: a form carries 3,000 characters at most, a
 * message up to 40,000. Written before the ack (one insert), used on submit, then removed; a day later any
 * left-over draft (a form closed without saving) is cleared by the next one written.
 */
@Component
public class CaptureDrafts {

    static final Duration KEEP = Duration.ofDays(1);

    private final JdbcClient jdbc;
    private final Clock clock;

    CaptureDrafts(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Keeps the text; returns the draft's id. */
    public String keep(String teamId, String text) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.sql("DELETE FROM capture_drafts WHERE created_at < :before")
                .param("before", now.minus(KEEP)).update();
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO capture_drafts (id, team_id, text, created_at) VALUES (:id, :team, :text, :now)")
                .param("id", id).param("team", teamId).param("text", text).param("now", now)
                .update();
        return id.toString();
    }

    public Optional<String> find(String teamId, String id) {
        return DraftIds.parse(id).flatMap(uuid -> jdbc.sql(
                        "SELECT text FROM capture_drafts WHERE id = :id AND team_id = :team")
                .param("id", uuid).param("team", teamId).query(String.class).optional());
    }

    public void remove(String teamId, String id) {
        DraftIds.parse(id).ifPresent(uuid -> jdbc.sql(
                        "DELETE FROM capture_drafts WHERE id = :id AND team_id = :team")
                .param("id", uuid).param("team", teamId).update());
    }

    /** A workspace's data is deleted (its retention after an uninstall ended): its capture drafts go with it. */
    @EventListener
    void teamErased(TeamErased erased) {
        jdbc.sql("DELETE FROM capture_drafts WHERE team_id = :team").param("team", erased.teamId()).update();
    }
}
