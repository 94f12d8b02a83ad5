package app.takeaways.summary;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Refreshes kept talk summaries a while after their talk changed: a busy talk thread is summarised again once a
 * minute at most, not at every reply.
 */
@Component
class SummaryRefresher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SummaryRefresher.class);

    private final TalkSummaries summaries;
    private final Duration every;
    private final boolean enabled;
    private volatile ScheduledExecutorService worker;

    SummaryRefresher(TalkSummaries summaries, @Value("${takeaways.summary.refresh-every:60s}") Duration every,
                     @Value("${takeaways.summary.refresher-enabled:true}") boolean enabled) {
        this.summaries = summaries;
        this.every = every;
        this.enabled = enabled;
    }

    @Override
    public void start() {
        if (!enabled) {
            return;
        }
        worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "summary-refresher");
            thread.setDaemon(true);
            return thread;
        });
        worker.scheduleWithFixedDelay(() -> {
            try {
                int refreshed = summaries.refreshChanged();
                if (refreshed > 0) {
                    log.info("Refreshed {} talk summaries", refreshed);
                }
            } catch (RuntimeException e) {
                log.warn("Refreshing talk summaries failed; next try in {}: {}", every, e.toString());
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (worker != null) {
            worker.shutdownNow();
            worker = null;
        }
    }

    @Override
    public boolean isRunning() {
        return worker != null;
    }
}
