package app.takeaways.summary;

import app.takeaways.platform.RepeatingWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Refreshes kept talk summaries a while after their talk changed: a busy talk thread is summarised again once a
 * minute at most, not at every reply.
 */
@Component
class SummaryRefresher extends RepeatingWork {

    private static final Logger log = LoggerFactory.getLogger(SummaryRefresher.class);

    private final TalkSummaries summaries;

    SummaryRefresher(TalkSummaries summaries, @Value("${takeaways.summary.refresh-every:60s}") Duration every,
                     @Value("${takeaways.summary.refresher-enabled:true}") boolean enabled) {
        super("summary-refresher", every, enabled);
        this.summaries = summaries;
    }

    @Override
    protected void runOnce() {
        int refreshed = summaries.refreshChanged();
        if (refreshed > 0) {
            log.info("Refreshed {} talk summaries", refreshed);
        }
    }
}
