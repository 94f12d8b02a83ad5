package app.takeaways.slack;

import app.takeaways.platform.DatabaseFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.TransactionException;

import java.time.Duration;
import java.util.function.Supplier;

/** How a Slack request's database work meets a database that is down or slow. */
public final class DatabaseCalls {

    private static final Logger log = LoggerFactory.getLogger(DatabaseCalls.class);

    // A pooled connection the database dropped (a restart, a failover) fails fast and the pool replaces it:
    // one retry, if there is time left before Slack's 3 s.
    private static final Duration RETRY_WITHIN = Duration.ofMillis(1000);

    private DatabaseCalls() {
    }

    /** Runs a database write, once more after a dropped connection. Safe: a Slack delivery is stored once. */
    public static <T> T retryingOnce(Supplier<T> write) {
        long started = System.nanoTime();
        try {
            return write.get();
        } catch (DataAccessException | TransactionException e) {
            if (!unavailable(e) || System.nanoTime() - started > RETRY_WITHIN.toNanos()) {
                throw e;
            }
            log.info("Retrying after a database connection failure: {}", describe(e));
            return write.get();
        }
    }

    /** The database could not be reached or did not answer in time, as opposed to refusing what was sent. */
    public static boolean unavailable(RuntimeException e) {
        return e instanceof TransientDataAccessException || e instanceof DataAccessResourceFailureException
                || e instanceof RecoverableDataAccessException || e instanceof TransactionException;
    }

    /** The innermost cause, for one log line. */
    public static String describe(Exception e) {
        return DatabaseFailures.describe(e);
    }
}
