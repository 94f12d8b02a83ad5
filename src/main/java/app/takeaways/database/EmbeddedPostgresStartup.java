package app.takeaways.database;

import app.takeaways.platform.BackgroundStart;
import app.takeaways.platform.InvalidSettingException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.StringUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Starts the embedded Postgres as soon as the settings are known, on its own thread, while Spring is still reading
 * its configuration: it is the slowest part of the start, and nothing waits on it until the data source
 * ({@link EmbeddedDatabaseConfiguration}). Closing the context stops it.
 */
class EmbeddedPostgresStartup implements ApplicationListener<ApplicationPreparedEvent> {

    static final String BEAN_NAME = "embeddedPostgresStartup";
    static final String SUPERUSER = "postgres";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresStartup.class);

    @Override
    public void onApplicationEvent(ApplicationPreparedEvent event) {
        ConfigurableApplicationContext context = event.getApplicationContext();
        if (StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"))) {
            return;
        }
        EmbeddedDatabaseProperties properties = Binder.get(context.getEnvironment())
                .bindOrCreate("takeaways.embedded-database", EmbeddedDatabaseProperties.class);
        BackgroundStart.register(context, BEAN_NAME, () -> start(properties), EmbeddedPostgresStartup::stop);
    }

    private static void stop(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("The embedded Postgres did not stop cleanly: {}", e.getMessage());
        }
    }

    private static EmbeddedPostgres start(EmbeddedDatabaseProperties properties) {
        try {
            Path dataDirectory = properties.dataDirectory().toAbsolutePath().normalize();
            Files.createDirectories(dataDirectory);
            OrphanedPostmaster.stopIfRunning(dataDirectory);
            long started = System.nanoTime();
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    // Spring stops it after the connection pool; a JVM hook of its own could stop it first.
                    .setRegisterShutdownHook(false)
                    // zonky turns this off for tests; here it is the team's data, so a commit is durable.
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("max_connections", "100")
                    // Local disk, a working set in memory: reading a page out of order costs about as much as in
                    // order, and the planner should know it (search's index scans depend on it).
                    .setServerConfig("random_page_cost", "1.1")
                    .setServerConfig("effective_cache_size", "2GB")
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(
                            dataDirectory.resolveSibling(dataDirectory.getFileName() + ".log").toFile()))
                    .start();
            createDatabaseIfMissing(server, properties.databaseName());
            log.info("Embedded Postgres 17 ready on localhost:{} in {} ms, data in {}", server.getPort(),
                    (System.nanoTime() - started) / 1_000_000, dataDirectory);
            return server;
        } catch (InvalidSettingException e) {
            throw e;
        } catch (IOException | SQLException | RuntimeException e) {
            throw new IllegalStateException("The embedded Postgres did not start: " + e.getMessage(), e);
        }
    }

    private static void createDatabaseIfMissing(EmbeddedPostgres server, String name) throws SQLException {
        try (Connection connection = server.getPostgresDatabase().getConnection();
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                // the name is checked to be a plain identifier by EmbeddedDatabaseProperties
                create.execute("CREATE DATABASE " + name);
            }
        }
    }
}
