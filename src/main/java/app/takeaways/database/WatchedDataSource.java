package app.takeaways.database;

import app.takeaways.platform.DatabaseFailures;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The app's {@code DataSource}, telling {@link DatabaseOutages} of every connection had or not had: how the app
 * learns that the database went away and that it is back, whichever part of it asked. Costs a field read when all
 * is well, and a round trip for each connection taken while the database is away.
 */
final class WatchedDataSource extends DelegatingDataSource {

    private static final int VALID_WITHIN_SECONDS = 1;

    private final DatabaseOutages outages;

    WatchedDataSource(DataSource pool, DatabaseOutages outages) {
        super(pool);
        this.outages = outages;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return watched(() -> obtainTargetDataSource().getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return watched(() -> obtainTargetDataSource().getConnection(username, password));
    }

    private Connection watched(Opening opening) throws SQLException {
        try {
            Connection connection = opening.open();
            // While the database is away the pool may still hand out a connection it dropped: only one that answers
            // says it is back.
            if (!outages.isAway() || connection.isValid(VALID_WITHIN_SECONDS)) {
                outages.reached();
            }
            return connection;
        } catch (SQLException e) {
            if (DatabaseFailures.unreachable(e)) {
                outages.unreachable(e);
            }
            throw e;
        }
    }

    @FunctionalInterface
    private interface Opening {
        Connection open() throws SQLException;
    }
}
