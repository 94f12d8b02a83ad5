package app.takeaways.bench;

import app.takeaways.TakeawaysApplication;
import app.takeaways.search.Meaning;
import app.takeaways.search.SearchIndexer;
import ch.qos.logback.classic.Level;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * What the in-process benchmarks stand on: an embedded Postgres whose data directory is kept between runs, holding
 * the {@link SearchCorpus} (generated once, reused while its version and size match), Slack's Web API played by
 * WireMock, and the app itself in this JVM, so measurements go through its real beans.
 */
final class CorpusApp implements AutoCloseable {

    final EmbeddedPostgres postgres;
    final WireMockServer slackApi;
    final ConfigurableApplicationContext context;
    final Connection connection;
    final SearchCorpus corpus;
    /** Where the corpus' time ends: its newest takeaway is just before. */
    final Instant corpusEnd;

    private CorpusApp(EmbeddedPostgres postgres, WireMockServer slackApi, ConfigurableApplicationContext context,
                      Connection connection, SearchCorpus corpus, Instant corpusEnd) {
        this.postgres = postgres;
        this.slackApi = slackApi;
        this.context = context;
        this.connection = connection;
        this.corpus = corpus;
        this.corpusEnd = corpusEnd;
    }

    static CorpusApp start(Path dataDirectory, int takeaways, boolean regenerate) throws Exception {
        return start(dataDirectory, takeaways, regenerate, java.util.Map.of());
    }

    /**
     * Starts it all; generates the corpus if the data directory has none of this size and version.
     *
     * @param settings Postgres settings over the benchmark's own ({@code plan_cache_mode}, say)
     */
    static CorpusApp start(Path dataDirectory, int takeaways, boolean regenerate, java.util.Map<String, String> settings)
            throws Exception {
        // zonky and WireMock log at debug until Spring Boot sets logging up.
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        Path directory = dataDirectory.toAbsolutePath().normalize();
        if (regenerate) {
            deleteRecursively(directory);
        }
        Files.createDirectories(directory);
        EmbeddedPostgres postgres = startPostgres(directory, settings);
        WireMockServer slackApi = slackApi();
        String jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
        ConfigurableApplicationContext context = startApp(jdbcUrl, slackApi);
        Connection connection = DriverManager.getConnection(jdbcUrl);
        SearchCorpus corpus = new SearchCorpus();
        Instant end = ensureCorpus(connection, corpus, takeaways, () -> index(context));
        return new CorpusApp(postgres, slackApi, context, connection, corpus, end);
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() throws Exception {
        try (postgres; connection; context) {
            slackApi.stop();
        }
    }

    /** On a data directory that is kept, logging next to it. */
    private static EmbeddedPostgres startPostgres(Path dataDirectory, java.util.Map<String, String> settings)
            throws IOException {
        return startPostgres(dataDirectory, false, dataDirectory.resolveSibling(dataDirectory.getFileName() + ".log"),
                settings);
    }

    /**
     * Settings for a 2-core, 24 GiB machine; durability is not under test (the corpus can be made again).
     *
     * @param clean whether the data directory is removed when Postgres is closed (a run that keeps nothing)
     * @param log   where the server's output goes (appended)
     */
    static EmbeddedPostgres startPostgres(Path dataDirectory, boolean clean, Path log,
                                          java.util.Map<String, String> settings) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(clean)
                .setPGStartupWait(Duration.ofSeconds(120))
                .setServerConfig("shared_buffers", "1GB")
                .setServerConfig("effective_cache_size", "8GB")
                .setServerConfig("work_mem", "16MB")
                .setServerConfig("maintenance_work_mem", "512MB")
                .setServerConfig("max_wal_size", "8GB")
                .setServerConfig("checkpoint_timeout", "30min")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("max_connections", "100")
                // as the app's own embedded Postgres (and any tuned server on SSDs) has it
                .setServerConfig("random_page_cost", "1.1")
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()));
        settings.forEach(builder::setServerConfig);
        return builder.start();
    }

    /**
     * A Postgres for one run, that keeps nothing: a new data directory under {@code target/bench-<name>/}, removed
     * when it is closed, its log beside it ({@code postgres.log}); logging quietened as for {@link #start}.
     */
    static EmbeddedPostgres temporaryPostgres(String name) throws IOException {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        Path target = Path.of("target", "bench-" + name).toAbsolutePath();
        Files.createDirectories(target);
        return startPostgres(Files.createTempDirectory(target, "pg-"), true, target.resolve("postgres.log"),
                java.util.Map.of());
    }

    /** Slack's Web API as far as the app's start needs it ({@code auth.test}). */
    static WireMockServer slackApi() {
        WireMockServer slackApi = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        slackApi.start();
        slackApi.stubFor(post(urlEqualTo("/api/auth.test")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"ok\":true,\"team_id\":\"T1\",\"user_id\":\"U0BOT\",\"bot_id\":\"B0BOT\","
                        + "\"url\":\"https://bench.slack.com/\"}")));
        return slackApi;
    }

    /** The app in this JVM; Flyway builds (or checks) the schema; nothing runs on a schedule. */
    private static ConfigurableApplicationContext startApp(String jdbcUrl, WireMockServer slackApi) {
        return startApp(jdbcUrl, slackApi, java.util.Map.of());
    }

    /**
     * The app in this JVM, as {@link #startApp(String, WireMockServer)}, with {@code properties} over the
     * benchmark's own (Spring properties: one the app does not know is ignored).
     */
    static ConfigurableApplicationContext startApp(String jdbcUrl, WireMockServer slackApi,
                                                   java.util.Map<String, String> properties) {
        java.util.Map<String, String> settings = new java.util.LinkedHashMap<>();
        settings.put("spring.datasource.url", jdbcUrl);
        settings.put("spring.datasource.username", "postgres");
        settings.put("slack.bot-token", "xoxb-bench");
        settings.put("slack.signing-secret", "bench");
        settings.put("slack.app-token", "");
        settings.put("slack.api-url", "http://127.0.0.1:" + slackApi.port() + "/api/");
        settings.put("server.port", "0");
        settings.put("takeaways.digest.scheduler-enabled", "false");
        settings.put("takeaways.summary.refresher-enabled", "false");
        // The corpus is indexed when loaded; a back-fill of meanings running under the measurements would skew them.
        settings.put("takeaways.search.indexer-enabled", "false");
        settings.put("logging.level.root", "warn");
        settings.putAll(properties);
        try {
            return new SpringApplicationBuilder(TakeawaysApplication.class).run(settings.entrySet().stream()
                    .map(setting -> "--" + setting.getKey() + "=" + setting.getValue()).toArray(String[]::new));
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof org.flywaydb.core.api.exception.FlywayValidateException) {
                    // An applied migration was edited since the corpus was loaded: only a new schema will do.
                    throw new IllegalStateException("The stored corpus' schema was built by migrations that have"
                            + " changed since: run again with --regenerate", e);
                }
            }
            throw e;
        }
    }

    /**
     * The corpus, loaded unless a complete one of this version is there already (a marker row, written last,
     * says so). Returns the instant the corpus ends at: dates in measurements are relative to it.
     */
    /**
     * The corpus indexed as the app's indexer indexes captures (in bigger batches), and the meanings of the newest
     * {@link #EMBEDDED} takeaways worked out: the window search compares by meaning in memory. The rest would be
     * back-filled by the indexer over hours; the benchmark turns it off so that it measures searches alone.
     */
    private static void index(ConfigurableApplicationContext context) {
        long started = System.nanoTime();
        long rows = context.getBean(SearchIndexer.class).indexWords(20_000);
        System.out.printf("Corpus: words of %,d takeaways indexed in %,.0f s%n", rows, (System.nanoTime() - started) / 1e9);
        started = System.nanoTime();
        if (context.getBean(Meaning.class).awaitReady()) {
            int embedded = 0;
            while (embedded < EMBEDDED) {
                embedded += context.getBean(SearchIndexer.class).embedNewest(500);
            }
            System.out.printf("Corpus: meanings of the newest %,d takeaways worked out in %,.0f s%n", embedded,
                    (System.nanoTime() - started) / 1e9);
        }
    }

    /** Takeaways whose meaning is worked out when the corpus is loaded: the app's window of recent meanings. */
    static final int EMBEDDED = 6_000;

    private static Instant ensureCorpus(Connection connection, SearchCorpus corpus, int takeaways, Runnable index)
            throws Exception {
        try (Statement statement = connection.createStatement()) {
            if (single(connection, "SELECT to_regclass('bench.corpus')::text") != null) {
                try (ResultSet marker = statement.executeQuery(
                        "SELECT version, takeaways, generated_at, copy_seconds, vacuum_seconds FROM bench.corpus")) {
                    if (marker.next() && marker.getString(1).equals(SearchCorpus.VERSION)
                            && marker.getInt(2) == takeaways) {
                        Instant end = marker.getObject(3, OffsetDateTime.class).toInstant();
                        System.out.printf("Corpus: reused (%s, %,d takeaways, generated %s; the load took %,.0f s,"
                                        + " VACUUM ANALYZE %,.0f s)%n", SearchCorpus.VERSION, takeaways, end,
                                marker.getDouble(4), marker.getDouble(5));
                        return end;
                    }
                }
            }
            System.out.printf("Corpus: generating %,d takeaways (%s)...%n", takeaways, SearchCorpus.VERSION);
            // What an earlier, interrupted or older load left.
            statement.execute("DROP SCHEMA IF EXISTS bench CASCADE");
            statement.execute("TRUNCATE takeaways, takeaway_links, talk_threads, talks, channels, search_words,"
                    + " search_terms, search_statistics"
                    + " RESTART IDENTITY CASCADE");
        }
        Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        SearchCorpus.Load load = corpus.load(connection, takeaways, end, System.out::println, index);
        double copySeconds = load.copy().toMillis() / 1000.0;
        double vacuumSeconds = load.vacuum().toMillis() / 1000.0;
        System.out.printf("Corpus: loaded %,d takeaways in %,.0f s (%,.0f rows/s, COPY, the trigger marking"
                + " each row for indexing), indexed in %,.0f s, then VACUUM ANALYZE in %,.0f s%n", load.rows(), copySeconds,
                load.rows() / copySeconds, load.index().toMillis() / 1000.0, vacuumSeconds);
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA bench");
            statement.execute("CREATE TABLE bench.corpus (version text NOT NULL, takeaways int NOT NULL,"
                    + " generated_at timestamptz NOT NULL, copy_seconds double precision NOT NULL,"
                    + " vacuum_seconds double precision NOT NULL)");
        }
        try (PreparedStatement marker = connection.prepareStatement("INSERT INTO bench.corpus VALUES (?, ?, ?, ?, ?)")) {
            marker.setString(1, SearchCorpus.VERSION);
            marker.setInt(2, takeaways);
            marker.setObject(3, end.atOffset(ZoneOffset.UTC));
            marker.setDouble(4, copySeconds);
            marker.setDouble(5, vacuumSeconds);
            marker.executeUpdate();
        }
        return end;
    }

    static String single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
