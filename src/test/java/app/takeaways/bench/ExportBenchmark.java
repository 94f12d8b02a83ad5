package app.takeaways.bench;

import app.takeaways.export.ExportNames;
import app.takeaways.export.MarkdownOutlineWriter;
import app.takeaways.export.TakeawayExport;
import app.takeaways.note.Audience;
import app.takeaways.note.Conversation;
import app.takeaways.workspace.ChannelType;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.PGConnection;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An export of {@code --takeaways} takeaways (100,000 unless told), through the app's own {@link TakeawayExport}
 * (the cursor, the visibility rule, the Markdown and CSV writers, to temporary files), next to its peer in the same
 * run: a bare {@code COPY (SELECT ...) TO STDOUT} of the same rows and columns, through the Postgres driver's
 * CopyManager, to a file. Alternates app/peer {@code --runs} times; prints each run's time, the files' sizes and
 * the peak heap while it ran (the heap pools' peak usage, reset before each run, after a GC), with the heap in use
 * before it. Run it under a small heap to see the export's memory stays bounded:
 * {@code BENCH_JAVA_OPTS=-Xmx256m bench/run.sh ExportBenchmark}.
 */
public final class ExportBenchmark {

    private ExportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int takeaways = 100_000;
        int runs = 3;
        for (String arg : args) {
            if (arg.startsWith("--takeaways=")) {
                takeaways = Integer.parseInt(arg.substring("--takeaways=".length()).replace("_", ""));
            } else if (arg.startsWith("--runs=")) {
                runs = Integer.parseInt(arg.substring("--runs=".length()));
            } else {
                throw new IllegalArgumentException("Unknown argument " + arg
                        + " (usage: ExportBenchmark [--takeaways=100000] [--runs=3])");
            }
        }
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        Path target = Path.of("target", "bench-export").toAbsolutePath();
        Files.createDirectories(target);
        Path dataDirectory = Files.createTempDirectory(target, "pg-");
        System.out.printf("ExportBenchmark: %,d takeaways, %d runs, max heap %,d MB%n", takeaways, runs,
                Runtime.getRuntime().maxMemory() >> 20);
        WireMockServer slackApi = null;
        try (EmbeddedPostgres postgres = CorpusApp.startPostgres(dataDirectory, true, target.resolve("postgres.log"),
                Map.of())) {
            slackApi = CorpusApp.slackApi();
            String jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
            try (ConfigurableApplicationContext context = CorpusApp.startApp(jdbcUrl, slackApi, Map.of());
                 Connection connection = DriverManager.getConnection(jdbcUrl)) {
                long loading = System.nanoTime();
                load(connection, takeaways);
                System.out.printf("Corpus loaded in %.1f s%n", (System.nanoTime() - loading) / 1e9);
                TakeawayExport export = context.getBean(TakeawayExport.class);
                Audience audience = Audience.person("T1", "U1", new Conversation("C1", ChannelType.PUBLIC_CHANNEL));
                List<Double> appSeconds = new ArrayList<>();
                List<Double> peerSeconds = new ArrayList<>();
                for (int run = 0; run <= runs; run++) {
                    boolean warmup = run == 0;
                    Path markdown = Files.createTempFile(target, "export-", ".md");
                    Path csv = Files.createTempFile(target, "export-", ".csv");
                    Path copy = Files.createTempFile(target, "copy-", ".csv");
                    try {
                        Measured app = measure(() -> {
                            TakeawayExport.Written written = export.write(audience, null, ExportNames.ids(),
                                    List.of(MarkdownOutlineWriter.property("title", "Takeaways export")), markdown,
                                    csv);
                            return written.takeaways();
                        });
                        Measured read = measure(() -> export.forEach(audience, null, takeaway -> { }));
                        Measured peer = measure(() -> copy(connection, copy));
                        String label = warmup ? "warm-up" : "run " + run;
                        System.out.printf("%-8s app : %,7d takeaways in %6.2f s  (md %,6.1f MB, csv %,6.1f MB)"
                                        + "  heap before %,4d MB, peak %,4d MB%n", label, app.rows(), app.seconds(),
                                Files.size(markdown) / 1e6, Files.size(csv) / 1e6, app.heapBefore() >> 20,
                                app.peakHeap() >> 20);
                        System.out.printf("%-8s read: %,7d takeaways in %6.2f s  (the app's cursor alone, nothing"
                                        + " written)       peak %,4d MB%n", label, read.rows(), read.seconds(),
                                read.peakHeap() >> 20);
                        System.out.printf("%-8s peer: %,7d rows      in %6.2f s  (csv %,6.1f MB)"
                                        + "                    heap before %,4d MB, peak %,4d MB%n", label,
                                peer.rows(), peer.seconds(), Files.size(copy) / 1e6, peer.heapBefore() >> 20,
                                peer.peakHeap() >> 20);
                        if (!warmup) {
                            appSeconds.add(app.seconds());
                            peerSeconds.add(peer.seconds());
                        }
                    } finally {
                        Files.deleteIfExists(markdown);
                        Files.deleteIfExists(csv);
                        Files.deleteIfExists(copy);
                    }
                }
                double app = median(appSeconds);
                double peer = median(peerSeconds);
                System.out.printf("Median: app %.2f s, bare COPY %.2f s: %.1fx%n", app, peer, app / peer);
            }
        } finally {
            if (slackApi != null) {
                slackApi.stop();
            }
        }
    }

    private record Measured(long rows, double seconds, long heapBefore, long peakHeap) {
    }

    @FunctionalInterface
    private interface Work {
        long run() throws Exception;
    }

    /** Runs the work after a GC with the heap pools' peaks reset; the peak is the sum of their peaks. */
    private static Measured measure(Work work) throws Exception {
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        long before = heap.stream().mapToLong(pool -> pool.getUsage().getUsed()).sum();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long started = System.nanoTime();
        long rows = work.run();
        double seconds = (System.nanoTime() - started) / 1e9;
        long peak = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        return new Measured(rows, seconds, before, peak);
    }

    /** The same rows and columns as the export reads, copied by Postgres itself to a file. */
    private static long copy(Connection connection, Path file) throws Exception {
        try (OutputStream out = Files.newOutputStream(file)) {
            return connection.unwrap(PGConnection.class).getCopyAPI().copyOut("""
                    COPY (SELECT t.created_at, t.user_id, coalesce(c.name, t.channel_id), k.event, k.title,
                                 array_to_string(t.tags, ' '),
                                 (SELECT string_agg(l.url, ' ' ORDER BY l.position) FROM takeaway_links l
                                  WHERE l.takeaway_id = t.id),
                                 t.text, t.permalink
                          FROM takeaways t
                          LEFT JOIN talks k ON k.id = t.talk_id
                          LEFT JOIN channels c ON c.team_id = t.team_id AND c.channel_id = t.channel_id
                          WHERE t.team_id = 'T1'
                          ORDER BY k.event, t.talk_id, t.created_at, t.id)
                    TO STDOUT WITH (FORMAT csv, HEADER)""", out);
        }
    }

    /**
     * One team's takeaways as imports and captures leave them: 20 events of 50 talks, most takeaways in a talk (a
     * tenth of no talk), 150-400 characters, a third with sub-points, a fifth with a link, tags on most, in five
     * public channels, by 200 people, over a year.
     */
    private static void load(Connection connection, int takeaways) throws Exception {
        try (Statement sql = connection.createStatement()) {
            sql.execute("""
                    INSERT INTO channels (team_id, channel_id, channel_type, name, updated_at)
                    SELECT 'T1', 'C' || n, 'public_channel', 'channel-' || n, now() FROM generate_series(1, 5) n""");
            sql.execute("""
                    INSERT INTO talks (team_id, title, title_key, event, created_by, created_at)
                    SELECT 'T1', 'Talk ' || n || ': scaling *clusters* &amp; nodes', 'talk ' || n,
                           'Conference day ' || (n % 20), 'U' || (n % 200), now() - interval '1 year'
                    FROM generate_series(1, 1000) n""");
            sql.execute("""
                    INSERT INTO takeaways (team_id, channel_id, channel_type, user_id, text, tags, talk_id, source,
                                           permalink, created_at, updated_at)
                    SELECT 'T1', 'C' || (1 + n % 5), 'public_channel', 'U' || (n % 200),
                           'Takeaway ' || n || ': Karpenter picks _instance types_ per pod, not per node group; '
                               || 'upgrades are turnkey &amp; <https://example.com/docs/' || n || '|the docs> say so. '
                               || repeat('More words about observability and cost. ', 1 + n % 6)
                               || CASE WHEN n % 3 = 0 THEN E'\\n• a sub-point #k8s\\n    • a deeper one' ELSE '' END,
                           ARRAY['k8s', 'aws'], CASE WHEN n % 10 = 0 THEN NULL ELSE 1 + n % 1000 END, 'import',
                           'https://bench.slack.com/archives/C1/p' || (1700000000000000 + n),
                           now() - interval '1 year' + n * interval '5 minutes',
                           now() - interval '1 year' + n * interval '5 minutes'
                    FROM generate_series(1, {takeaways}) n""".replace("{takeaways}", Integer.toString(takeaways)));
            sql.execute("""
                    INSERT INTO takeaway_links (team_id, takeaway_id, position, url, label)
                    SELECT team_id, id, 0, 'https://example.com/docs/' || substring(text FROM 'docs/([0-9]+)'), 'the docs'
                    FROM takeaways""");
            sql.execute("VACUUM ANALYZE takeaways");
            sql.execute("VACUUM ANALYZE talks");
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() / 2);
    }
}
