package app.takeaways.search;

import app.takeaways.note.TakeawayIndex;
import app.takeaways.platform.RepeatingWork;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Keeps search's index up to date after the ack, in batches, on every instance (rows one instance indexes, the
 * others skip): each round indexes the words of new and edited takeaways and the team's vocabulary, counts the
 * team's words again when due ({@link TermStatistics}), then works out the meaning of takeaways that have none yet,
 * newest first: new ones within a second or so, then a back-fill of older ones. Until indexed, a takeaway is still
 * found by its words (search reads it by its text).
 * <p>
 * Working out meanings is the costly part (a few milliseconds of CPU a takeaway): it waits while the machine is
 * busy, so that acks keep their time; after {@link #MAX_YIELD} of waiting, a few are worked out anyway.
 */
@Component
public class SearchIndexer extends RepeatingWork {

    static final int WORDS_BATCH = 500;
    static final int MEANINGS_BATCH = 32;
    /** A round stops working out meanings after about this long, so the next round's words are not late. */
    static final Duration MEANINGS_PER_ROUND = Duration.ofSeconds(1);
    /** Above this CPU load (the whole machine's, 0 to 1), meanings wait. */
    static final double BUSY = 0.6;
    static final Duration MAX_YIELD = Duration.ofSeconds(10);
    /** Meanings worked out after waiting that long, while the machine is still busy. */
    static final int WHEN_BUSY = 4;

    private final TakeawayIndex index;
    private final TermStatistics statistics;
    private final Meaning meaning;
    private final RecentMeanings recentMeanings;
    private long yieldingSince;

    SearchIndexer(TakeawayIndex index, TermStatistics statistics, Meaning meaning, RecentMeanings recentMeanings,
                  @Value("${takeaways.search.index-every:500ms}") Duration every,
                  @Value("${takeaways.search.indexer-enabled:true}") boolean enabled) {
        super("search-indexer", every, enabled);
        this.index = index;
        this.statistics = statistics;
        this.meaning = meaning;
        this.recentMeanings = recentMeanings;
    }

    /** One round (every half second): while the database is away, {@link RepeatingWork} says so once. */
    @Override
    protected void runOnce() {
        indexWords();
        if (!meaning.isReady()) {
            return;
        }
        switch (load()) {
            case IDLE -> indexMeanings(MEANINGS_PER_ROUND);
            // busy for long: a few, so that meanings keep coming without taking the CPU from the requests
            case WAITED_LONG -> embedNewest(WHEN_BUSY);
            case BUSY -> {
            }
        }
    }

    /** Everything waiting indexed now, meanings included if the model is loaded: tests, benchmarks, imports. */
    public void indexNow() {
        indexWords();
        if (meaning.isReady()) {
            indexMeanings(Duration.ofDays(1));
        }
    }

    /** Indexes the words of every row waiting, then counts the teams due. */
    void indexWords() {
        indexWords(WORDS_BATCH);
    }

    /**
     * Indexes the words of every row waiting, {@code batch} rows a transaction, then counts the teams due (a
     * benchmark loading a million rows takes bigger batches than the app's).
     *
     * @return the rows indexed
     */
    public long indexWords(int batch) {
        long total = 0;
        int rows;
        do {
            Map<String, Integer> indexed = index.indexWords(batch);
            statistics.indexed(indexed);
            rows = indexed.values().stream().mapToInt(Integer::intValue).sum();
            total += rows;
        } while (rows >= batch);
        statistics.due().forEach(statistics::count);
        return total;
    }

    /** Works out meanings, batch by batch, for about {@code budget}. */
    private void indexMeanings(Duration budget) {
        long until = System.nanoTime() + budget.toNanos();
        while (embedNewest(MEANINGS_BATCH) == MEANINGS_BATCH && System.nanoTime() < until) {
            // next batch
        }
    }

    /**
     * Works out the meanings of up to {@code limit} takeaways that have none, newest first.
     *
     * @return how many were read (some may have changed since, and are embedded at a next round)
     */
    public int embedNewest(int limit) {
        List<TakeawayIndex.Unembedded> batch = index.unembedded(limit);
        for (TakeawayIndex.Unembedded read : batch) {
            float[] vector = meaning.of(read.meaningText()).orElseGet(() -> new float[Meaning.DIMENSIONS]);
            index.storeEmbedding(read, Meaning.quantised(vector));
        }
        if (!batch.isEmpty()) {
            recentMeanings.changed();
        }
        return batch.size();
    }

    private enum Load { IDLE, BUSY, WAITED_LONG }

    /** Whether the machine is busy enough for meanings to wait, and whether they waited {@link #MAX_YIELD} already. */
    private Load load() {
        double load = ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class).getCpuLoad();
        long now = System.nanoTime();
        if (load < BUSY) {
            yieldingSince = 0;
            return Load.IDLE;
        }
        if (yieldingSince == 0) {
            yieldingSince = now;
        }
        if (now - yieldingSince > MAX_YIELD.toNanos()) {
            yieldingSince = now;
            return Load.WAITED_LONG;
        }
        return Load.BUSY;
    }
}
