package app.takeaways.slack;

import app.takeaways.database.DatabaseOutages;
import app.takeaways.platform.DatabaseFailures;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Work that follows an ack, never on the way to one, on two bounded pools that never wait on each other:
 * <ul>
 * <li>{@link #run}: quick work a person is waiting for, some of it against Slack's clock (a form opened with a
 * {@code trigger_id}, valid for 3 s; a confirmation; App Home);</li>
 * <li>{@link #runSlow}: work that may take long (a language model's summary, posting a digest at Slack's pace, a
 * rate limit's {@code Retry-After}, asking Slack about a channel), so it can never hold up a form.</li>
 * </ul>
 * A failure is logged (Slack API errors already are, by {@link SlackGateway}; the database being away, once an
 * outage by {@link DatabaseOutages}) and goes no further. When a pool and
 * its queue are full, the work is refused and logged: nothing it does was promised as saved (captures are committed
 * before the ack; reaction captures and digests are kept in the database and picked up again).
 * <p>
 * Each piece of work is an observation {@code takeaways.after-ack} (the timer
 * {@code takeaways_after_ack_seconds{pool}}, and a span when tracing is on) whose parent is the observation of the
 * request that handed it over: its database statements and Web API calls are in that request's trace.
 */
@Component
public class AfterAck implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AfterAck.class);

    private final ThreadPoolExecutor quick;
    private final ThreadPoolExecutor slow;
    private final ObservationRegistry observations;
    private final DatabaseOutages outages;

    AfterAck(@Value("${takeaways.after-ack.quick-threads:8}") int quickThreads,
             @Value("${takeaways.after-ack.slow-threads:4}") int slowThreads,
             @Value("${takeaways.after-ack.queue:1000}") int queue,
             ObservationRegistry observations, DatabaseOutages outages) {
        this.quick = pool("takeaways-quick-", quickThreads, queue);
        this.slow = pool("takeaways-slow-", slowThreads, queue);
        this.observations = observations;
        this.outages = outages;
    }

    /** Quick work a person is waiting for: opening a form, a confirmation, a page of results. */
    public void run(String what, Runnable work) {
        submit(quick, "quick", what, work);
    }

    /** Work that may take long: summaries, digests, rate-limited or repeated Slack calls. */
    public void runSlow(String what, Runnable work) {
        submit(slow, "slow", what, work);
    }

    /**
     * Slow work whose answer a request waits for a little (asking Slack about a channel before showing anything
     * there): done on the slow pool, so a request thread never makes the Web API call itself.
     */
    public <T> CompletableFuture<T> supplySlow(String what, Supplier<T> work) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        boolean taken = submit(slow, "slow", what, () -> {
            try {
                answer.complete(work.get());
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
                throw e;
            }
        });
        if (!taken) {
            answer.cancel(false); // refused: whoever waits need not wait for it
        }
        return answer;
    }

    /** Whether no work is running or waiting (tests wait for it). */
    public boolean isIdle() {
        return idle(quick) && idle(slow);
    }

    private static boolean idle(ThreadPoolExecutor pool) {
        return pool.getActiveCount() == 0 && pool.getQueue().isEmpty();
    }

    /** Returns whether the pool took the work. */
    private boolean submit(ThreadPoolExecutor pool, String poolName, String what, Runnable work) {
        Observation request = observations.getCurrentObservation();
        try {
            pool.execute(() -> {
                Observation observation = Observation.createNotStarted("takeaways.after-ack", observations)
                        .parentObservation(request)
                        .contextualName("after-ack " + poolName)
                        .lowCardinalityKeyValue("pool", poolName)
                        // what the work is, by name and Slack ids: never what a person wrote
                        .highCardinalityKeyValue("work", what)
                        .start();
                try (Observation.Scope scope = observation.openScope()) {
                    work.run();
                } catch (SlackApiCallException e) {
                    log.debug("{} stopped: {}", what, e.getMessage());
                } catch (RuntimeException e) {
                    observation.error(e);
                    if (DatabaseFailures.unreachable(e)) {
                        outages.tell(log, what + " not done after the ack", e);
                    } else {
                        log.error("{} failed after the ack", what, e);
                    }
                } finally {
                    observation.stop();
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            log.warn("{} not done: too much work after acks is waiting ({} queued)", what, pool.getQueue().size());
            return false;
        }
    }

    private static ThreadPoolExecutor pool(String prefix, int threads, int queue) {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queue), runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }, new ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    @Override
    public void close() throws InterruptedException {
        quick.shutdown();
        slow.shutdown();
        // What was acknowledged gets a moment to finish (a confirmation, a form) before the app stops.
        quick.awaitTermination(10, TimeUnit.SECONDS);
        slow.awaitTermination(10, TimeUnit.SECONDS);
    }
}
