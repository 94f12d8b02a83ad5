package app.takeaways.summary;

import app.takeaways.note.Audience;
import app.takeaways.note.Visibility;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How common words are in a team's takeaways, counted over its most recent ones that anyone in the team may see, and
 * kept for a while: a theme is a word that is frequent in a set and rare here. Only an optimisation is kept in memory; any instance can count.
 */
@Service
public class TeamCorpus {

    /** Takeaways counted at most: plenty to tell everyday words from distinctive ones, quick to read. */
    static final int SAMPLE = 20_000;
    static final Duration KEEP = Duration.ofHours(6);

    private record Counted(CorpusStats stats, Instant at) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Map<String, Counted> counted = new ConcurrentHashMap<>();

    TeamCorpus(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Counts again on next use: after the takeaways changed wholesale (an import, a test's fresh data). */
    public void forget() {
        counted.clear();
    }

    /** Whether the team's words are counted, and recently enough that {@link #of} will not count them again. */
    public boolean isCounted(String teamId) {
        Counted known = counted.get(teamId);
        return known != null && known.at().plus(KEEP).isAfter(clock.instant());
    }

    public CorpusStats of(String teamId) {
        Instant now = clock.instant();
        Counted known = counted.get(teamId);
        if (known != null && known.at().plus(KEEP).isAfter(now)) {
            return known.stats();
        }
        // Only what anyone in the team may see: how common a word is must not tell anything of private notes.
        Visibility.Predicate visible = Visibility.of(Audience.anyone(teamId), "t", Visibility.Derived.EXCLUDED);
        List<String> texts = jdbc.sql("SELECT t.text FROM takeaways t WHERE " + visible.sql()
                        + " ORDER BY t.created_at DESC LIMIT :sample")
                .params(visible.params()).param("sample", SAMPLE)
                .query(String.class).list();
        CorpusStats stats = CorpusStats.of(texts);
        counted.put(teamId, new Counted(stats, now));
        return stats;
    }
}
