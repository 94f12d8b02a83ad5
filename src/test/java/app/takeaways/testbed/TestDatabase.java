package app.takeaways.testbed;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One real Postgres 17 per test JVM (zonky's embedded binaries, as the app runs without SPRING_DATASOURCE_URL).
 * Each test context gets its database in it; Flyway builds the schema as it does in production.
 */
public final class TestDatabase {

    private static final EmbeddedPostgres POSTGRES = start();

    private TestDatabase() {
    }

    private static EmbeddedPostgres start() {
        try {
            // synchronous_commit stays off (zonky's default) in tests: durability is not under test, speed is welcome.
            return EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded Postgres for tests", e);
        }
    }

    /** A JDBC URL for the named database, created on first use. */
    public static synchronized String jdbcUrl(String database) {
        try (Connection connection = POSTGRES.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            try (var rows = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
                if (!rows.next()) {
                    statement.execute("CREATE DATABASE " + database);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test database " + database, e);
        }
        return POSTGRES.getJdbcUrl("postgres", database);
    }

    /** Runs SQL as the superuser against the {@code postgres} database (to take a test database down, say). */
    public static void admin(String sql) {
        try (Connection connection = POSTGRES.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Admin SQL failed: " + sql, e);
        }
    }

    public static String username() {
        return "postgres";
    }
}
