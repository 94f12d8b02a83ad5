package app.takeaways.database;

import app.takeaways.platform.DatabaseFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether the database is away, told once: one warning when it goes (the first connection that cannot be had or
 * breaks, {@link DatabaseFailures#unreachable}), one line when it is back (the first connection had again), and in
 * between each thing the app could not do said once, not at every request or round. A failure that is not an outage
 * (a statement the database refused) is a warning each time, as it may be a bug.
 * <p>
 * Told of connections by {@link WatchedDataSource}, which sees every one the app asks for.
 */
@Component
public class DatabaseOutages {

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutages.class);

    private volatile boolean reachedOnce;
    /** {@link System#nanoTime()} when the outage began, 0 while the database is there. */
    private final AtomicLong awaySince = new AtomicLong();
    private final Set<String> said = ConcurrentHashMap.newKeySet();

    /** A connection was had: the database is there, back if it was away. */
    public void reached() {
        if (!reachedOnce) {
            reachedOnce = true;
        }
        long since = awaySince.get();
        if (since != 0 && awaySince.compareAndSet(since, 0)) {
            said.clear();
            log.info("The database is back after {} s", Math.max(1, Duration.ofNanos(System.nanoTime() - since)
                    .toSeconds()));
        }
    }

    /**
     * A connection could not be had, or broke: the start of an outage unless one is already known. (Before the
     * database was ever reached, the app is starting, and its start says so.)
     */
    public void unreachable(Throwable failure) {
        if (reachedOnce && awaySince.compareAndSet(0, System.nanoTime() | 1)) {
            log.warn("The database cannot be reached ({}): captures and changes are answered \"not saved\", Slack's"
                    + " events are left for it to deliver again, and background work waits until it is back",
                    DatabaseFailures.describe(failure));
        }
    }

    /** Whether an outage is going on. */
    public boolean isAway() {
        return awaySince.get() != 0;
    }

    /**
     * Says in {@code log} what could not be done because of {@code failure}: once an outage, as information, when
     * the database is away (the outage itself is this class's warning); otherwise as a warning.
     */
    public void tell(Logger log, String what, Throwable failure) {
        if (!DatabaseFailures.unreachable(failure)) {
            log.warn("{}: {}", what, DatabaseFailures.describe(failure));
            return;
        }
        unreachable(failure);
        if (said.add(what)) {
            log.info("{}: {}", what, DatabaseFailures.describe(failure));
        } else {
            log.debug("{}: {}", what, DatabaseFailures.describe(failure));
        }
    }
}
