package app.takeaways.digest;

import app.takeaways.summary.TeamCorpus;
import app.takeaways.workspace.ConversationKinds;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;

/** A digest scheduler of the running app's parts on a clock a test moves, for tests outside this package. */
public final class DigestSchedulers {

    private DigestSchedulers() {
    }

    public static DigestScheduler on(Clock clock, ApplicationContext app) {
        JdbcClient jdbc = app.getBean(JdbcClient.class);
        return new DigestScheduler(jdbc, app.getBean(TransactionTemplate.class), clock,
                app.getBean(WeeklyDigestBuilder.class), app.getBean(TeamCorpus.class),
                app.getBean(DigestPublisher.class), new DigestSubscriptions(jdbc, clock),
                app.getBean(ConversationKinds.class), app.getBean(MeterRegistry.class), Duration.ofSeconds(30), Duration.ZERO, false);
    }
}
