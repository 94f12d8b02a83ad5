package app.takeaways.platform;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

import static org.assertj.core.api.Assertions.assertThat;

/** While the database is away a round says so once, until one gets through; a bug is told at every round. */
class RepeatingWorkTests {

    private final Deque<RuntimeException> failures = new ArrayDeque<>();
    private final RepeatingWork work = new RepeatingWork("search-indexer", Duration.ofMillis(500), false) {
        @Override
        protected void runOnce() {
            RuntimeException failure = failures.poll();
            if (failure != null) {
                throw failure;
            }
        }
    };
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void listen() {
        log.start();
        ((Logger) LoggerFactory.getLogger(RepeatingWork.class)).addAppender(log);
    }

    @AfterEach
    void stopListening() {
        ((Logger) LoggerFactory.getLogger(RepeatingWork.class)).detachAppender(log);
    }

    @Test
    void anOutageIsSaidOnceAndAgainOnlyAfterARoundGotThrough() {
        // Hikari's answer when no connection can be had in time, as Spring and JPA hand it on.
        SQLTransientConnectionException timedOut = new SQLTransientConnectionException(
                "takeaways - Connection is not available, request timed out after 1000ms", "08001",
                new SQLException("Connection to localhost:5432 refused", "08001"));
        for (int round = 0; round < 5; round++) {
            failures.add(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", timedOut));
            failures.add(new CannotCreateTransactionException("Could not open JPA EntityManager", timedOut));
        }

        for (int round = 0; round < 11; round++) {
            work.round();
        }
        failures.add(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", timedOut));
        work.round();

        assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "search-indexer waits for the database: SQLException: Connection to localhost:5432 refused",
                "search-indexer waits for the database: SQLException: Connection to localhost:5432 refused");
        assertThat(log.list).allSatisfy(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.INFO);
            assertThat(event.getThrowableProxy()).isNull();
        });
    }

    @Test
    void aBugIsNotTakenForAnOutage() {
        failures.add(new BadSqlGrammarException("index", "SELECT nonsense", new SQLException("syntax error", "42601")));
        failures.add(new BadSqlGrammarException("index", "SELECT nonsense", new SQLException("syntax error", "42601")));

        work.round();
        work.round();

        assertThat(log.list).hasSize(2).allSatisfy(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage()).startsWith("search-indexer failed; next try in 0 s:");
        });
    }
}
