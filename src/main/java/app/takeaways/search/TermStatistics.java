package app.takeaways.search;

import app.takeaways.note.Audience;
import app.takeaways.note.TeamErased;
import app.takeaways.note.Visibility;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Map;

/**
 * How many of a team's takeaways hold each word, and how long they are: what BM25 ranks with. Counted over the team's
 * most recent {@link #SAMPLE} takeaways that anyone in the team may see (so that how rare a word is tells nothing of
 * private notes), again in the background as the team writes: when a tenth more were indexed since (at once in a
 * small team), or ten minutes after the last count when anything was. Any instance may count; one at a time.
 */
@Service
public class TermStatistics {

    /** Takeaways counted at most: enough to tell everyday words from distinctive ones, and quick to count. */
    static final int SAMPLE = 50_000;
    /** A team with at most this many takeaways counted is counted again as soon as anything was indexed. */
    static final int SMALL = 1_000;

    private final JdbcClient jdbc;

    TermStatistics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Notes that rows were indexed, by team: what makes a team due for counting again. */
    public void indexed(Map<String, Integer> byTeam) {
        byTeam.forEach((team, rows) -> jdbc.sql("""
                        INSERT INTO search_statistics (team_id, documents, average_length, counted_at, indexed_since)
                        VALUES (:team, 0, 1, '-infinity', :rows)
                        ON CONFLICT (team_id) DO UPDATE SET indexed_since = search_statistics.indexed_since + :rows
                        """)
                .param("team", team).param("rows", rows).update());
    }

    /** The teams due for counting again. */
    public List<String> due() {
        return jdbc.sql("""
                        SELECT s.team_id FROM search_statistics s
                        WHERE s.indexed_since > 0
                          AND (s.documents <= :small
                               OR (s.indexed_since * 10 >= s.documents AND s.counted_at < now() - interval '10 seconds')
                               OR s.counted_at < now() - interval '10 minutes')
                        ORDER BY s.team_id
                        """)
                .param("small", SMALL).query(String.class).list();
    }

    /** A team's data is deleted: its word counts go with it, in that transaction. */
    @EventListener
    void teamErased(TeamErased erased) {
        jdbc.sql("DELETE FROM search_terms WHERE team_id = :team").param("team", erased.teamId()).update();
        jdbc.sql("DELETE FROM search_statistics WHERE team_id = :team").param("team", erased.teamId()).update();
    }

    /** Counts the team's words again, unless another instance is counting them now. */
    @Transactional
    public void count(String teamId) {
        boolean mine = jdbc.sql("SELECT pg_try_advisory_xact_lock(hashtext('search_statistics'), hashtext(:team))")
                .param("team", teamId).query(Boolean.class).single();
        if (!mine) {
            return;
        }
        Visibility.Predicate visible = Visibility.of(Audience.anyone(teamId), "t", Visibility.Derived.EXCLUDED);
        jdbc.sql("DELETE FROM search_terms WHERE team_id = :team").param("team", teamId).update();
        // The sample is read once (a query named twice is computed once) for the words and the lengths.
        jdbc.sql("WITH sample AS (SELECT t.search_vector, t.search_length FROM takeaways t WHERE " + visible.sql()
                        + """
                         AND t.search_vector IS NOT NULL
                                ORDER BY t.search_day DESC, t.created_at DESC LIMIT :sample
                        ), terms AS (
                            INSERT INTO search_terms (team_id, lexeme, documents)
                            SELECT :team, w.lexeme, count(*)
                            FROM sample s, unnest(tsvector_to_array(s.search_vector)) AS w (lexeme)
                            GROUP BY w.lexeme
                        )
                        INSERT INTO search_statistics (team_id, documents, average_length, counted_at, indexed_since)
                        SELECT :team, count(*), coalesce(avg(coalesce(s.search_length, 1)), 1), now(), 0
                        FROM sample s
                        ON CONFLICT (team_id) DO UPDATE
                        SET documents = excluded.documents, average_length = excluded.average_length,
                            counted_at = excluded.counted_at, indexed_since = 0
                        """)
                .params(visible.params()).param("team", teamId).param("sample", SAMPLE).update();
    }
}
