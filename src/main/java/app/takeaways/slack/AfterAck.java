package app.takeaways.slack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Work that follows an ack (Web API calls, permalinks, confirmations): never on the way to one. A failure is
 * logged (Slack API errors already are, by {@link SlackGateway}) and goes no further.
 */
@Component
public class AfterAck {

    private static final Logger log = LoggerFactory.getLogger(AfterAck.class);

    private final TaskExecutor executor;

    AfterAck(TaskExecutor executor) {
        this.executor = executor;
    }

    public void run(String what, Runnable work) {
        executor.execute(() -> {
            try {
                work.run();
            } catch (SlackApiCallException e) {
                log.debug("{} stopped: {}", what, e.getMessage());
            } catch (RuntimeException e) {
                log.error("{} failed after the ack", what, e);
            }
        });
    }
}
