package app.takeaways.search;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The meanings of each team's most recently embedded takeaways, kept in memory (a bounded window: {@code window}
 * takeaways a team, 384 bytes each) and brought up to date from the database at each search, so that a takeaway
 * that shares no word with a query can still be found by what it means. Which of them the searcher may see is not
 * decided here: the ids found are candidates, and the search's own statement keeps only the visible ones.
 * <p>
 * The embedded Postgres has no pgvector, so the window is compared in the JVM; a takeaway older than the window is
 * still compared by meaning when its words match.
 */
@Component
public class RecentMeanings {

    /** Embeddings written this long before the newest one seen are read again: another instance's may commit late. */
    static final java.time.Duration OVERLAP = java.time.Duration.ofSeconds(5);

    private final int window;
    private final Map<String, Team> teams = new ConcurrentHashMap<>();

    RecentMeanings(@Value("${takeaways.search.meaning-window:5000}") int window) {
        this.window = window;
    }

    /** Meanings written by another instance are read at most this long after (this instance's at once). */
    static final java.time.Duration REFRESH = java.time.Duration.ofSeconds(1);

    private static final class Team {

        /** Oldest embedded first. */
        final LinkedHashMap<Long, byte[]> vectors = new LinkedHashMap<>();
        Instant newest;
        long readAt;
        volatile boolean changed;
    }

    /** A takeaway near the query in meaning. */
    public record Near(long id, double cosine) {
    }

    /**
     * The {@code limit} takeaways of the window closest to the probe, at least {@code threshold} close, closest
     * first.
     */
    public List<Near> nearest(String teamId, Meaning.Probe probe, int limit, double threshold,
                              TakeawaySearch.StatementRunner runner) {
        Team team = teams.computeIfAbsent(teamId, id -> new Team());
        synchronized (team) {
            refresh(teamId, team, runner);
            PriorityQueue<Near> best = new PriorityQueue<>(Comparator.comparingDouble(Near::cosine));
            for (Map.Entry<Long, byte[]> entry : team.vectors.entrySet()) {
                double cosine = probe.cosine(entry.getValue());
                if (cosine >= threshold && (best.size() < limit || cosine > best.peek().cosine())) {
                    best.add(new Near(entry.getKey(), cosine));
                    if (best.size() > limit) {
                        best.poll();
                    }
                }
            }
            List<Near> nearest = new ArrayList<>(best);
            nearest.sort(Comparator.comparingDouble(Near::cosine).reversed());
            return nearest;
        }
    }

    private void refresh(String teamId, Team team, TakeawaySearch.StatementRunner runner) {
        long now = System.nanoTime();
        if (team.newest != null && !team.changed && now - team.readAt < REFRESH.toNanos()) {
            return;
        }
        team.changed = false;
        team.readAt = now;
        record Row(long id, byte[] vector, Instant embeddedAt) {
        }
        TakeawaySearch.Statement statement;
        if (team.newest == null) {
            statement = new TakeawaySearch.Statement("""
                    SELECT r.id, r.embedding, r.embedded_at FROM (
                        SELECT t.id, t.embedding, t.embedded_at FROM takeaways t
                        WHERE t.team_id = :team AND t.embedding IS NOT NULL
                        ORDER BY t.embedded_at DESC LIMIT :window) r
                    ORDER BY r.embedded_at
                    """, Map.of("team", teamId, "window", window));
        } else {
            statement = new TakeawaySearch.Statement("""
                    SELECT t.id, t.embedding, t.embedded_at FROM takeaways t
                    WHERE t.team_id = :team AND t.embedding IS NOT NULL AND t.embedded_at > :since
                    ORDER BY t.embedded_at LIMIT :window
                    """, Map.of("team", teamId, "since", OffsetDateTime.ofInstant(team.newest.minus(OVERLAP),
                    ZoneOffset.UTC), "window", window));
        }
        List<Row> rows = runner.query(statement, (result, n) -> new Row(result.getLong("id"),
                result.getBytes("embedding"), result.getObject("embedded_at", Timestamp.class).toInstant()));
        for (Row row : rows) {
            team.vectors.remove(row.id());
            team.vectors.put(row.id(), row.vector());
            if (team.newest == null || row.embeddedAt().isAfter(team.newest)) {
                team.newest = row.embeddedAt();
            }
        }
        if (team.newest == null) {
            team.newest = Instant.EPOCH;
        }
        var oldest = team.vectors.keySet().iterator();
        while (team.vectors.size() > window && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }

    /** Reads every team's window again at its next search (tests, after the data changed wholesale). */
    public void forget() {
        teams.clear();
    }

    /** This instance wrote meanings: the next search of each team reads what is new at once. */
    public void changed() {
        teams.values().forEach(team -> team.changed = true);
    }
}
