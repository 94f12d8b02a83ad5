package app.takeaways.note;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The search columns of takeaways, written after the ack: a capture or an edit stores only the row (the trigger of
 * V7 marks it for indexing), and the search module's indexer asks this to index a batch of rows and to store their
 * embeddings. The only writer of those columns; the rows' other columns (who may see them) are never touched here.
 */
@Service
public class TakeawayIndex {

    /** The version of the indexing {@code search_version} holds for a row indexed now. */
    static final int VERSION = 1;

    /**
     * A takeaway whose meaning is not worked out yet: what to embed, and what it was when read.
     *
     * @param text its text as people read it ({@code takeaway_search_text})
     */
    public record Unembedded(long id, String teamId, String text, String[] tags, Long talkId, String talkTitle) {

        /** What its meaning is worked out from: the talk, the tags, the text as people read it. */
        public String meaningText() {
            StringBuilder text = new StringBuilder();
            if (talkTitle != null && !talkTitle.isBlank()) {
                text.append(talkTitle.strip()).append(". ");
            }
            if (tags.length > 0) {
                text.append(String.join(" ", tags)).append(". ");
            }
            return text.append(this.text).toString();
        }
    }

    private final JdbcClient jdbc;

    TakeawayIndex(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Indexes up to {@code limit} rows not indexed by the current version yet (oldest first): their words and
     * length, and the team's vocabulary. Rows an instance is indexing are skipped by the others.
     *
     * @return how many rows were indexed, by team
     */
    @Transactional
    public Map<String, Integer> indexWords(int limit) {
        Map<String, Integer> indexed = new LinkedHashMap<>();
        jdbc.sql("""
                        WITH batch AS (
                            SELECT t.id, t.team_id, t.text, t.tags, k.title,
                                   takeaway_search_vector(t.text, t.tags, k.title) AS vector
                            FROM takeaways t LEFT JOIN talks k ON k.id = t.talk_id
                            WHERE t.search_version < :version
                            ORDER BY t.id
                            LIMIT :limit
                            FOR UPDATE OF t SKIP LOCKED
                        ), indexed AS (
                            UPDATE takeaways t
                            SET search_vector = b.vector, search_length = tsvector_word_count(b.vector),
                                search_version = :version
                            FROM batch b WHERE t.id = b.id
                            RETURNING t.id
                        ), vocabulary AS (
                            -- in a fixed order: two instances adding the same new words never wait on each other in a cycle
                            INSERT INTO search_words (team_id, word)
                            SELECT DISTINCT b.team_id, w FROM batch b, takeaway_words(b.text, b.tags, b.title) AS w
                            ORDER BY 1, 2
                            ON CONFLICT DO NOTHING
                        )
                        SELECT b.team_id, count(*) AS rows FROM batch b JOIN indexed i ON i.id = b.id
                        GROUP BY b.team_id ORDER BY b.team_id
                        """)
                .param("version", VERSION)
                .param("limit", limit)
                .query((rows, n) -> indexed.put(rows.getString("team_id"), rows.getInt("rows")))
                .list();
        return indexed;
    }

    /** Up to {@code limit} takeaways still there without an embedding, newest first. */
    public List<Unembedded> unembedded(int limit) {
        return jdbc.sql("""
                        SELECT t.id, t.team_id, takeaway_search_text(t.text) AS text, t.tags, t.talk_id, k.title
                        FROM takeaways t LEFT JOIN talks k ON k.id = t.talk_id
                        WHERE t.embedding IS NULL AND t.deleted_at IS NULL
                        ORDER BY t.id DESC
                        LIMIT :limit
                        """)
                .param("limit", limit)
                .query((rows, n) -> new Unembedded(rows.getLong("id"), rows.getString("team_id"),
                        rows.getString("text"), (String[]) rows.getArray("tags").getArray(),
                        rows.getObject("talk_id", Long.class), rows.getString("title")))
                .list();
    }

    /**
     * Stores a takeaway's embedding, unless it changed since it was read (then it is embedded again, as it is now).
     *
     * @return whether it was stored
     */
    public boolean storeEmbedding(Unembedded read, byte[] embedding) {
        return jdbc.sql("""
                        UPDATE takeaways t SET embedding = :embedding, embedded_at = clock_timestamp()
                        WHERE t.id = :id AND t.embedding IS NULL AND takeaway_search_text(t.text) = :text
                          AND t.tags = CAST(:tags AS text[]) AND t.talk_id IS NOT DISTINCT FROM CAST(:talk AS bigint)
                        """)
                .param("embedding", embedding)
                .param("id", read.id())
                .param("text", read.text())
                .param("tags", read.tags())
                .param("talk", read.talkId())
                .update() == 1;
    }
}
