package app.takeaways.platform;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Work the app repeats in the background on its own thread, a fixed delay after each round, from start to
 * shutdown. A round that fails is logged and the next one comes anyway: what such work does is kept in the
 * database, so nothing is lost by trying again. While the database is away ({@link DatabaseFailures#unreachable})
 * that is said once, not at every round, until a round gets through again.
 */
public abstract class RepeatingWork implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RepeatingWork.class);

    private final String name;
    private final Duration every;
    private final boolean enabled;
    private ScheduledExecutorService worker;
    private final AtomicLong roundsDone = new AtomicLong();
    private volatile boolean waiting;

    /**
     * @param name    the thread's name, and what the log calls it
     * @param enabled false to never start (tests run rounds themselves)
     */
    protected RepeatingWork(String name, Duration every, boolean enabled) {
        this.name = name;
        this.every = every;
        this.enabled = enabled;
    }

    /** One round. */
    protected abstract void runOnce();

    @Override
    public synchronized void start() {
        if (!enabled || worker != null) {
            return;
        }
        worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        worker.scheduleWithFixedDelay(this::round, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** How many rounds have ended without failing, since start. */
    public final long roundsDone() {
        return roundsDone.get();
    }

    /** One round as the worker runs it: its failure logged, not thrown. */
    public final void round() {
        try {
            runOnce();
            waiting = false;
            roundsDone.incrementAndGet();
        } catch (RuntimeException e) {
            if (!DatabaseFailures.unreachable(e)) {
                log.warn("{} failed; next try in {} s: {}", name, every.toSeconds(), e.toString());
            } else if (!waiting) {
                waiting = true;
                log.info("{} waits for the database: {}", name, DatabaseFailures.describe(e));
            }
        }
    }

    @Override
    public synchronized void stop() {
        if (worker != null) {
            worker.shutdownNow();
            worker = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return worker != null;
    }
}
