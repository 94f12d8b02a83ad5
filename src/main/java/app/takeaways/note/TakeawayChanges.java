package app.takeaways.note;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Takeaways changing after capture: edited or deleted by their author in the bot, or edited or deleted in Slack
 * when they were saved from a message. A deleted takeaway leaves everything people see; it is kept (soft-deleted)
 * so a late retry of its capture does not bring it back.
 */
@Service
public class TakeawayChanges {

    /** What an edit or delete by a person came to. */
    public enum Outcome {
        DONE,
        /** No such takeaway in this workspace, or it was deleted. */
        NOT_FOUND,
        /** Only its author may change it. */
        NOT_AUTHOR
    }

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    TakeawayChanges(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    /**
     * The author rewrote the takeaway (the Edit modal): new text, and the tags and talk the form now says.
     * Tags written in the text are read from it again.
     */
    @Transactional
    public Outcome edit(String teamId, long takeawayId, String userId, String written, List<String> tags,
                        String talkTitle) {
        String text = StoredText.storable(written);
        Optional<Current> current = current(teamId, takeawayId);
        if (current.isEmpty()) {
            return Outcome.NOT_FOUND;
        }
        if (!current.get().userId().equals(userId)) {
            return Outcome.NOT_AUTHOR;
        }
        TakeawayText content = TakeawayTextParser.parse(text);
        if (content.body().isBlank()) {
            throw new EmptyTakeawayException();
        }
        String talk = StoredText.storable(talkTitle);
        Long talkId = talk == null || talk.isBlank() ? null : talkId(teamId, talk.strip(), userId);
        update(teamId, takeawayId, text, TakeawayCapture.mergeTags(content.tags(),
                        tags.stream().map(StoredText::storable).toList()), talkId, true,
                keptLinks(teamId, current.get(), content));
        changed(teamId, takeawayId);
        return Outcome.DONE;
    }

    /** The author deleted it (the Delete button). */
    @Transactional
    public Outcome delete(String teamId, long takeawayId, String userId) {
        Optional<Current> current = current(teamId, takeawayId);
        if (current.isEmpty()) {
            return Outcome.NOT_FOUND;
        }
        if (!current.get().userId().equals(userId)) {
            return Outcome.NOT_AUTHOR;
        }
        markDeleted(takeawayId);
        changed(teamId, takeawayId);
        return Outcome.DONE;
    }

    /**
     * The Slack message a takeaway was saved from was edited: it follows. Tags that did not come from the old
     * text (the thread's, the form's) stay. Returns whether anything changed; the same text (Slack re-sends a
     * message when it unfurls a link) changes nothing.
     */
    @Transactional
    public boolean followMessageEdit(String teamId, String channelId, String messageTs, String edited) {
        String newText = StoredText.storable(edited);
        Optional<Current> current = jdbc.sql("""
                        SELECT id, user_id, text, tags FROM takeaways
                        WHERE team_id = :team AND channel_id = :channel AND message_ts = :ts AND deleted_at IS NULL
                          AND source <> 'summary'
                        FOR UPDATE
                        """)
                .param("team", teamId).param("channel", channelId).param("ts", messageTs)
                .query(TakeawayChanges::currentOf).optional();
        if (current.isEmpty() || current.get().text().equals(newText)) {
            return false;
        }
        TakeawayText before = TakeawayTextParser.parse(current.get().text());
        TakeawayText after = TakeawayTextParser.parse(newText);
        if (after.body().isBlank()) {
            markDeleted(current.get().id()); // edited down to nothing: nothing is left to keep
        } else {
            Set<String> extraTags = new LinkedHashSet<>(current.get().tags());
            extraTags.removeAll(before.tags());
            update(teamId, current.get().id(), newText, TakeawayCapture.mergeTags(after.tags(), new ArrayList<>(extraTags)),
                    null, false, keptLinks(teamId, current.get(), after));
        }
        changed(teamId, current.get().id());
        return true;
    }

    /**
     * The Slack message a takeaway was saved from was deleted (or left as a tombstone, when it had replies): so is
     * the takeaway. Never a derived one: the bot's own messages are not takeaways people saved.
     */
    @Transactional
    public boolean followMessageDelete(String teamId, String channelId, String messageTs) {
        List<Long> deleted = jdbc.sql("""
                        UPDATE takeaways SET deleted_at = :now, updated_at = :now
                        WHERE team_id = :team AND channel_id = :channel AND message_ts = :ts AND deleted_at IS NULL
                          AND source <> 'summary'
                        RETURNING id
                        """)
                .param("now", OffsetDateTime.now(clock))
                .param("team", teamId).param("channel", channelId).param("ts", messageTs)
                .query(Long.class).list();
        deleted.forEach(id -> changed(teamId, id));
        return !deleted.isEmpty();
    }

    /** What quotes the takeaway (posted summaries, digests) is to be brought up to date, in this transaction. */
    private void changed(String teamId, long takeawayId) {
        events.publishEvent(new TakeawaysChanged(teamId, List.of(takeawayId)));
    }

    private Optional<Current> current(String teamId, long takeawayId) {
        return jdbc.sql("""
                        SELECT id, user_id, text, tags FROM takeaways
                        WHERE team_id = :team AND id = :id AND deleted_at IS NULL AND source <> 'summary'
                        FOR UPDATE
                        """)
                .param("team", teamId).param("id", takeawayId)
                .query(TakeawayChanges::currentOf).optional();
    }

    /** Links given apart from the text (a source link) stay; those in the text are read from it again. */
    private List<Link> keptLinks(String teamId, Current current, TakeawayText after) {
        List<Link> stored = jdbc.sql("""
                        SELECT url, label FROM takeaway_links WHERE team_id = :team AND takeaway_id = :id
                        ORDER BY position
                        """)
                .param("team", teamId).param("id", current.id())
                .query((rows, n) -> new Link(rows.getString("url"), rows.getString("label")))
                .list();
        List<String> fromOldText = TakeawayTextParser.parse(current.text()).links().stream().map(Link::url).toList();
        List<Link> links = new ArrayList<>();
        stored.stream().filter(link -> !fromOldText.contains(link.url())).forEach(links::add);
        after.links().stream()
                .filter(link -> links.stream().noneMatch(kept -> kept.url().equals(link.url())))
                .forEach(links::add);
        return links;
    }

    private void update(String teamId, long id, String text, List<String> tags, Long talkId, boolean setTalk,
                        List<Link> links) {
        jdbc.sql("""
                        UPDATE takeaways
                        SET text = :text, tags = CAST(:tags AS text[]), updated_at = :now,
                            talk_id = CASE WHEN :setTalk THEN CAST(:talk AS bigint) ELSE talk_id END
                        WHERE team_id = :team AND id = :id
                        """)
                .param("team", teamId)
                .param("text", text)
                .param("tags", tags.toArray(String[]::new))
                .param("now", OffsetDateTime.now(clock))
                .param("setTalk", setTalk)
                .param("talk", talkId)
                .param("id", id)
                .update();
        jdbc.sql("DELETE FROM takeaway_links WHERE team_id = :team AND takeaway_id = :id")
                .param("team", teamId).param("id", id).update();
        jdbc.sql("""
                        INSERT INTO takeaway_links (team_id, takeaway_id, position, url, label)
                        SELECT :team, :id, link.position - 1, link.url, link.label
                        FROM unnest(CAST(:urls AS text[]), CAST(:labels AS text[])) WITH ORDINALITY AS link (url, label, position)
                        """)
                .param("team", teamId)
                .param("id", id)
                .param("urls", links.stream().map(Link::url).toArray(String[]::new))
                .param("labels", links.stream().map(Link::label).toArray(String[]::new))
                .update();
    }

    private void markDeleted(long id) {
        jdbc.sql("UPDATE takeaways SET deleted_at = :now, updated_at = :now WHERE id = :id")
                .param("now", OffsetDateTime.now(clock)).param("id", id).update();
    }

    private long talkId(String teamId, String title, String userId) {
        return jdbc.sql("""
                        INSERT INTO talks (team_id, title, title_key, created_by, created_at)
                        VALUES (:team, :title, :key, :user, :now)
                        ON CONFLICT (team_id, title_key) DO UPDATE SET title_key = EXCLUDED.title_key
                        RETURNING id
                        """)
                .param("team", teamId).param("title", title).param("key", TakeawayTextParser.talkKey(title))
                .param("user", userId).param("now", OffsetDateTime.now(clock))
                .query(Long.class).single();
    }

    private static Current currentOf(java.sql.ResultSet rows, int n) throws java.sql.SQLException {
        return new Current(rows.getLong("id"), rows.getString("user_id"), rows.getString("text"),
                List.of((String[]) rows.getArray("tags").getArray()));
    }

    private record Current(long id, String userId, String text, List<String> tags) {
    }
}
