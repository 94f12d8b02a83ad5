package app.takeaways.platform;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/**
 * The one rule for what an outage is: a failure is the database being out of reach (stopped, restarting, refusing
 * connections, the network to it gone, the pool unable to get a connection in time) rather than the database
 * refusing what it was sent, which is a bug or bad data and is told as such.
 */
public final class DatabaseFailures {

    private static final String HIKARI_CLOSED = "Connection is closed";

    private DatabaseFailures() {
    }

    /** Whether {@code failure}, or one of its causes, is a connection that could not be had or broke. */
    public static boolean unreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException) {
                return true;
            }
            // SQLSTATE class 08: connection exception; 57P01-57P03: the server shut down, crashed or is starting up.
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
                return true;
            }
            // What the pool answers on a connection it already dropped as broken (Hikari gives it no SQLSTATE).
            if (cause instanceof SQLException sql && sql.getSQLState() == null
                    && HIKARI_CLOSED.equals(sql.getMessage())) {
                return true;
            }
        }
        return false;
    }

    /** The innermost cause, for one log line. */
    public static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
