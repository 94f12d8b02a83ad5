package app.takeaways.bench;

import app.takeaways.export.OutlineImport;
import app.takeaways.export.OutlineShape;
import app.takeaways.note.Link;
import app.takeaways.note.TakeawayText;
import app.takeaways.note.TakeawayTextParser;
import app.takeaways.slack.OutlineText;
import app.takeaways.slack.SlackFiles;
import app.takeaways.slack.blocks.ImportMessages;
import app.takeaways.slack.blocks.SlackMessage;
import app.takeaways.workspace.ChannelType;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.context.ConfigurableApplicationContext;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/**
 * Imports an outline of 5,000 lines (days, talks, takeaways with sub-points, links and tags) the way the bot does:
 * the file read from Slack ({@code files.info} and its download, WireMock here) by {@link SlackFiles}, read to its
 * takeaways and previewed ({@link OutlineText}, {@link ImportMessages}), then saved by the app's own
 * {@link OutlineImport} in one transaction; then the same outline again (all already there). The peer, in the same
 * run, alternating: bare JDBC batch inserts of the same rows (talks, takeaways, links) in one transaction, the talks
 * and links worked out beforehand. Each round imports into a team of its own, so every talk and takeaway is new.
 * <p>
 * Prints per phase p50 and max time and peak heap (the JVM's heap pools' peak above what was in use when the phase
 * started, after a GC). Usage: {@code bench/run.sh ImportBenchmark [--lines=5000] [--rounds=5]}. Nothing is kept: a
 * new Postgres under {@code target/bench-import/}.
 */
public final class ImportBenchmark {

    private static final String USER = "U0IMPORTER";
    private static final String CHANNEL = "CIMPORT";

    private ImportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (!arg.startsWith("--") || equals < 0) {
                throw new IllegalArgumentException("Unknown argument " + arg + " (usage: ImportBenchmark [--lines=5000]"
                        + " [--rounds=5])");
            }
            options.put(arg.substring(2, equals), arg.substring(equals + 1));
        }
        int lines = Integer.parseInt(options.getOrDefault("lines", "5000"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "5"));
        String outline = outline(lines);
        byte[] file = outline.getBytes(StandardCharsets.UTF_8);

        WireMockServer slackApi = null;
        try (EmbeddedPostgres postgres = CorpusApp.temporaryPostgres("import")) {
            slackApi = CorpusApp.slackApi();
            serveFile(slackApi, file);
            String jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
            try (ConfigurableApplicationContext context = CorpusApp.startApp(jdbcUrl, slackApi, Map.of());
                 Connection connection = DriverManager.getConnection(jdbcUrl)) {
                SlackFiles files = context.getBean(SlackFiles.class);
                OutlineImport imports = context.getBean(OutlineImport.class);
                List<OutlineShape.Read> reads = OutlineText.takeaways(outline, "bench.md");
                SlackMessage preview = ImportMessages.preview("bench", "bench.md", reads);
                System.out.printf("ImportBenchmark: %d CPUs, Java %s, max heap %,d MB; outline of %,d lines, %,d bytes:"
                                + " %s%n", Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                        Runtime.getRuntime().maxMemory() >> 20, lines, file.length,
                        preview.text());

                Phase read = new Phase("app: download, read and preview");
                Phase save = new Phase("app: OutlineImport.save, all new");
                Phase again = new Phase("app: OutlineImport.save, all already there");
                Phase bare = new Phase("bare SQL: batch inserts of the same rows");
                for (int round = 0; round < rounds + 1; round++) {
                    boolean warmup = round == 0;
                    String team = "TIMPORT" + round;
                    String bareTeam = "TBARE" + round;
                    List<OutlineShape.Read> fresh = read.measure(warmup, () -> {
                        String text = files.read(team, "FBENCH").text();
                        List<OutlineShape.Read> read1 = OutlineText.takeaways(text, "bench.md");
                        ImportMessages.preview("bench", "bench.md", read1);
                        return read1;
                    });
                    OutlineImport.Imported first = save.measure(warmup, () -> imports.save(team, CHANNEL,
                            ChannelType.PUBLIC_CHANNEL, USER, fresh));
                    OutlineImport.Imported second = again.measure(warmup, () -> imports.save(team, CHANNEL,
                            ChannelType.PUBLIC_CHANNEL, USER, fresh));
                    int inserted = bare.measure(warmup, () -> bareInsert(connection, bareTeam, fresh));
                    if (warmup) {
                        System.out.printf("one import: %s, then again: %s; bare SQL: %,d takeaways%n", first, second,
                                inserted);
                    }
                }
                for (Phase phase : List.of(read, save, again, bare)) {
                    phase.print();
                }
                System.out.printf("app save / bare SQL, p50: %.2fx%n", save.p50() / bare.p50());
                try (Statement statement = connection.createStatement();
                     ResultSet rows = statement.executeQuery("SELECT count(*) FROM takeaways")) {
                    rows.next();
                    System.out.printf("rows: %,d takeaways in all%n", rows.getLong(1));
                }
            }
        } finally {
            if (slackApi != null) {
                slackApi.stop();
            }
        }
    }

    /** files.info and the download of one file, as Slack serves them. */
    private static void serveFile(WireMockServer slackApi, byte[] file) {
        String base = "http://127.0.0.1:" + slackApi.port();
        slackApi.stubFor(post(urlEqualTo("/api/files.info")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"ok\":true,\"file\":{\"id\":\"FBENCH\",\"name\":\"bench.md\",\"title\":\"bench.md\","
                        + "\"mimetype\":\"text/markdown\",\"filetype\":\"markdown\",\"size\":" + file.length + ","
                        + "\"url_private_download\":\"" + base + "/files-pri/FBENCH/bench.md\"}}")));
        slackApi.stubFor(get(urlEqualTo("/files-pri/FBENCH/bench.md")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/markdown").withBody(file)));
    }

    /**
     * An outline of {@code lines} lines as people write them: four days, talks of 10 to 40 takeaways, one takeaway in
     * five with a sub-point, one in eight with a link, one in six with a tag.
     */
    static String outline(int lines) {
        String[] words = ("karpenter nodes scale cluster upgrade security containers images pipelines terraform"
                + " observability dashboards latency cost spot graviton lambda queues retries canaries rollbacks"
                + " postgres replicas failover caching").split(" ");
        StringBuilder out = new StringBuilder();
        int written = 0;
        int talk = 0;
        int takeaway = 0;
        int day = 0;
        while (written < lines) {
            if (written % 1250 == 0) {
                out.append("- Day ").append(++day).append('\n');
                written++;
                continue;
            }
            int size = 10 + (talk * 7) % 31;
            out.append("  - Talk ").append(++talk).append(": ").append(words[talk % words.length]).append(" at ")
                    .append(words[(talk * 3) % words.length]).append(" scale\n");
            written++;
            for (int i = 0; i < size && written < lines && written % 1250 != 0; i++) {
                takeaway++;
                out.append("    - ").append(words[takeaway % words.length]).append(' ')
                        .append(words[(takeaway * 7) % words.length]).append(" takeaway number ").append(takeaway)
                        .append(" about ").append(words[(takeaway * 11) % words.length]).append(" and ")
                        .append(words[(takeaway * 13) % words.length]);
                if (takeaway % 8 == 0) {
                    out.append(" [docs](https://example.com/docs/").append(takeaway).append(')');
                }
                if (takeaway % 6 == 0) {
                    out.append(" #").append(words[(takeaway * 5) % words.length]);
                }
                out.append('\n');
                written++;
                if (takeaway % 5 == 0 && written < lines && written % 1250 != 0) {
                    out.append("      - an aside on ").append(words[(takeaway * 17) % words.length]).append('\n');
                    written++;
                }
            }
        }
        return out.toString();
    }

    /** The same rows as the app's import writes, by plain JDBC batches in one transaction: talks, takeaways, links. */
    private static int bareInsert(Connection connection, String team, List<OutlineShape.Read> reads)
            throws SQLException {
        connection.setAutoCommit(false);
        try {
            OffsetDateTime now = OffsetDateTime.now();
            Map<String, Long> talks = new HashMap<>();
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO talks (team_id, title, title_key,"
                    + " event, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id")) {
                for (OutlineShape.Read read : reads) {
                    if (read.talk().isPresent() && !talks.containsKey(TakeawayTextParser.talkKey(read.talk().get()))) {
                        insert.setString(1, team);
                        insert.setString(2, read.talk().get());
                        insert.setString(3, TakeawayTextParser.talkKey(read.talk().get()));
                        insert.setString(4, read.event().orElse(null));
                        insert.setString(5, USER);
                        insert.setObject(6, now);
                        try (ResultSet id = insert.executeQuery()) {
                            id.next();
                            talks.put(TakeawayTextParser.talkKey(read.talk().get()), id.getLong(1));
                        }
                    }
                }
            }
            List<TakeawayText> parsed = new ArrayList<>(reads.size());
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO takeaways (team_id, channel_id,"
                    + " channel_type, user_id, text, tags, talk_id, source, slack_request_id, created_at, updated_at)"
                    + " VALUES (?, ?, 'public_channel', ?, ?, ?, ?, 'import', ?, ?, ?)", new String[]{"id"})) {
                int n = 0;
                for (OutlineShape.Read read : reads) {
                    TakeawayText text = TakeawayTextParser.parse(read.text());
                    parsed.add(text);
                    insert.setString(1, team);
                    insert.setString(2, CHANNEL);
                    insert.setString(3, USER);
                    insert.setString(4, read.text());
                    insert.setArray(5, connection.createArrayOf("text", text.tags().toArray()));
                    insert.setObject(6, read.talk().map(t -> talks.get(TakeawayTextParser.talkKey(t))).orElse(null));
                    insert.setString(7, "bare:" + team + ":" + n++);
                    insert.setObject(8, now);
                    insert.setObject(9, now);
                    insert.addBatch();
                }
                insert.executeBatch();
                try (ResultSet ids = insert.getGeneratedKeys();
                     PreparedStatement links = connection.prepareStatement(
                             "INSERT INTO takeaway_links (team_id, takeaway_id, position, url, label)"
                                     + " VALUES (?, ?, ?, ?, ?)")) {
                    int i = 0;
                    while (ids.next()) {
                        List<Link> found = parsed.get(i++).links();
                        for (int position = 0; position < found.size(); position++) {
                            links.setString(1, team);
                            links.setLong(2, ids.getLong(1));
                            links.setInt(3, position);
                            links.setString(4, found.get(position).url());
                            links.setString(5, found.get(position).label());
                            links.addBatch();
                        }
                    }
                    links.executeBatch();
                }
            }
            connection.commit();
            return reads.size();
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** One phase's times and peak heaps over the measured rounds. */
    private static final class Phase {

        private final String name;
        private final List<Long> nanos = new ArrayList<>();
        private final List<Long> heap = new ArrayList<>();
        private final List<Long> allocated = new ArrayList<>();

        Phase(String name) {
            this.name = name;
        }

        <T> T measure(boolean warmup, Callable<T> work) throws Exception {
            List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
            System.gc();
            long before = pools.stream().mapToLong(pool -> pool.getUsage().getUsed()).sum();
            pools.forEach(MemoryPoolMXBean::resetPeakUsage);
            com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
            long started = System.nanoTime();
            T result = work.call();
            long took = System.nanoTime() - started;
            long allocatedBytes = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
            long peak = pools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
            if (!warmup) {
                nanos.add(took);
                heap.add(Math.max(0, peak - before));
                allocated.add(allocatedBytes);
            }
            return result;
        }

        double p50() {
            long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
            return sorted[(sorted.length - 1) / 2] / 1e6;
        }

        void print() {
            long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
            long[] heaps = heap.stream().mapToLong(Long::longValue).sorted().toArray();
            long[] allocations = allocated.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("%-46s over %d rounds: p50 %,6.0f ms, max %,6.0f ms; peak heap above start p50 %,4d MB,"
                            + " max %,4d MB; allocated p50 %,5d MB%n", name, sorted.length, p50(),
                    sorted[sorted.length - 1] / 1e6, heaps[(heaps.length - 1) / 2] >> 20,
                    Arrays.stream(heaps).max().orElse(0) >> 20, allocations[(allocations.length - 1) / 2] >> 20);
        }
    }
}
