package app.takeaways.database;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** One warning when the database goes, one line when it is back, each thing not done said once in between. */
class DatabaseOutagesTests {

    private static final CannotGetJdbcConnectionException AWAY = new CannotGetJdbcConnectionException(
            "Failed to obtain JDBC Connection", new SQLTransientConnectionException("takeaways - Connection is not"
            + " available, request timed out after 1000ms", "08001", new SQLException("Connection refused", "08001")));

    private final DatabaseOutages outages = new DatabaseOutages();
    private final org.slf4j.Logger component = LoggerFactory.getLogger("app.takeaways.slack.commands.CaptureCommand");
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void listen() {
        log.start();
        ((Logger) LoggerFactory.getLogger(DatabaseOutages.class)).addAppender(log);
        ((Logger) component).addAppender(log);
    }

    @AfterEach
    void stopListening() {
        ((Logger) LoggerFactory.getLogger(DatabaseOutages.class)).detachAppender(log);
        ((Logger) component).detachAppender(log);
    }

    @Test
    void anOutageIsOneWarningEachThingNotDoneOnceAndItsEndOneLine() {
        outages.reached();
        for (int request = 0; request < 20; request++) {
            outages.tell(component, "Takeaway not saved", AWAY);
            outages.tell(component, "Search failed", AWAY);
            outages.unreachable(AWAY);
        }
        outages.reached();
        outages.reached();

        assertThat(log.list).extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage).containsExactly(
                tuple(Level.WARN, "The database cannot be reached (SQLException: Connection refused): captures and"
                        + " changes are answered \"not saved\", Slack's events are left for it to deliver again, and"
                        + " background work waits until it is back"),
                tuple(Level.INFO, "Takeaway not saved: SQLException: Connection refused"),
                tuple(Level.INFO, "Search failed: SQLException: Connection refused"),
                tuple(Level.INFO, "The database is back after 1 s"));
        assertThat(log.list).allSatisfy(event -> assertThat(event.getThrowableProxy()).isNull());
        assertThat(outages.isAway()).isFalse();
    }

    @Test
    void aFailureThatIsNoOutageIsAWarningEachTime() {
        outages.reached();
        DataIntegrityViolationException refused = new DataIntegrityViolationException("insert",
                new SQLException("null value in column \"team_id\" violates not-null constraint", "23502"));

        outages.tell(component, "Takeaway not saved", refused);
        outages.tell(component, "Takeaway not saved", refused);

        assertThat(log.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN, Level.WARN);
        assertThat(outages.isAway()).isFalse();
    }

    @Test
    void aDatabaseNeverReachedIsTheStartsToTell() {
        outages.unreachable(AWAY);

        assertThat(log.list).isEmpty();
    }
}
