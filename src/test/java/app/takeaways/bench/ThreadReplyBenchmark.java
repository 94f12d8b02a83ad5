package app.takeaways.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.awaitility.Awaitility.await;

/**
 * Replies in a talk thread, replayed as Slack's Events API delivers them (signed, HTTP mode) at a steady rate, a
 * tenth of them delivered a second time as Slack's retries; then the rows are counted. Prints deliveries per
 * second sustained, ack latency, and how many replies were lost or stored twice.
 * <p>
 * Usage: {@code bench/run.sh ThreadReplyBenchmark [events per second] [seconds]} (defaults 300, 60). The app runs
 * against a Postgres this program starts, so it can count rows; {@code synchronous_commit} stays on.
 */
public final class ThreadReplyBenchmark {

    private static final String JSON = "application/json";
    private static final int RETRY_EVERY = 10;
    private static final Duration RETRY_AFTER = Duration.ofMillis(500);

    private ThreadReplyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("synchronous_commit", "on")
                .setServerConfig("max_connections", "100").start()) {
            Map<String, String> environment = new HashMap<>();
            environment.put("SPRING_DATASOURCE_URL", postgres.getJdbcUrl("postgres", "postgres"));
            environment.put("SPRING_DATASOURCE_USERNAME", "postgres");
            try (BenchApp app = BenchApp.prepare(environment)) {
                System.out.printf("Takeaways thread-reply benchmark: %s, %d CPUs, Java %s%n", app.jar.getFileName(),
                        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
                System.out.printf("start to healthy (external Postgres): %,d ms%n", app.start());
                startTalkThread(app, postgres);
                replay(app, postgres, rate, Math.max(5, seconds / 6), "warm-up", false);
                replay(app, postgres, rate, seconds, "measured", true);
            }
        }
    }

    private static void startTalkThread(BenchApp app, EmbeddedPostgres postgres) throws Exception {
        String body = "token=x&team_id=T111&team_domain=bench&channel_id=C111&channel_name=bench&user_id=U111"
                + "&user_name=bench&command=%2Ftakeaway&text=" + URLEncoder.encode("talk Bench talk #bench",
                StandardCharsets.UTF_8) + "&api_app_id=A111&response_url=" + URLEncoder.encode(app.responseUrl(),
                StandardCharsets.UTF_8) + "&trigger_id=bench.talk";
        try (RawHttpConnection connection = new RawHttpConnection("127.0.0.1", app.port)) {
            connection.post("/slack/events", BenchApp.signed("application/x-www-form-urlencoded", body), body);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> count(postgres,
                "SELECT count(*) FROM talk_threads WHERE thread_ts = '" + BenchApp.POSTED_TS + "'") == 1);
    }

    private static void replay(BenchApp app, EmbeddedPostgres postgres, int rate, int seconds, String phase,
                               boolean measured) throws Exception {
        int events = rate * seconds;
        String run = phase.substring(0, 1);
        long before = count(postgres, "SELECT count(*) FROM takeaways");
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>(events + events / RETRY_EVERY));
        AtomicInteger notAcked = new AtomicInteger();
        AtomicInteger deliveries = new AtomicInteger();
        AtomicLong lastAck = new AtomicLong();
        ExecutorService senders = Executors.newFixedThreadPool(64);
        ThreadLocal<RawHttpConnection> connections = ThreadLocal.withInitial(
                () -> new RawHttpConnection("127.0.0.1", app.port));
        ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
        AtomicInteger next = new AtomicInteger();
        long started = System.nanoTime();
        clock.scheduleAtFixedRate(() -> {
            int i = next.getAndIncrement();
            if (i >= events) {
                return;
            }
            String body = reply(run, i);
            senders.execute(() -> deliver(connections.get(), body, null, latencies, notAcked, deliveries, lastAck));
            if (i % RETRY_EVERY == 0) {
                clock.schedule(() -> senders.execute(() -> deliver(connections.get(), body, 1, latencies, notAcked,
                        deliveries, lastAck)), RETRY_AFTER.toMillis(), TimeUnit.MILLISECONDS);
            }
        }, 0, 1_000_000_000L / rate, TimeUnit.NANOSECONDS);
        int expectedDeliveries = events + (events + RETRY_EVERY - 1) / RETRY_EVERY;
        await().atMost(Duration.ofSeconds(seconds * 3L + 60)).pollInterval(Duration.ofMillis(200))
                .until(() -> deliveries.get() >= expectedDeliveries);
        clock.shutdownNow();
        senders.shutdown();
        senders.awaitTermination(30, TimeUnit.SECONDS);
        double elapsed = (lastAck.get() - started) / 1e9;
        if (!measured) {
            return;
        }
        long rows = count(postgres, "SELECT count(*) FROM takeaways") - before;
        long distinct = count(postgres, "SELECT count(DISTINCT message_ts) FROM takeaways WHERE message_ts LIKE '"
                + "17" + run + "%'");
        System.out.printf("%s: %,d replies + %,d retries delivered in %.1f s = %,.0f deliveries/s (%,.0f replies/s;"
                        + " asked for %d/s)%n", phase, events, deliveries.get() - events, elapsed,
                deliveries.get() / elapsed, events / elapsed, rate);
        BenchApp.report("thread replies at " + rate + "/s", latencies);
        System.out.printf("rows: %,d for %,d replies: lost %,d, stored twice %,d; deliveries not acknowledged: %,d%n",
                rows, events, events - distinct, rows - distinct, notAcked.get());
    }

    private static void deliver(RawHttpConnection connection, String body, Integer retry, List<Long> latencies,
                                AtomicInteger notAcked, AtomicInteger deliveries, AtomicLong lastAck) {
        Map<String, String> headers = new HashMap<>(BenchApp.signed(JSON, body));
        if (retry != null) {
            headers.put("X-Slack-Retry-Num", String.valueOf(retry));
            headers.put("X-Slack-Retry-Reason", "http_timeout");
        }
        long t0 = System.nanoTime();
        int status;
        try {
            status = connection.post("/slack/events", headers, body).status();
        } catch (IOException e) {
            status = 0;
            try {
                connection.close();
            } catch (IOException ignored) {
                // the next post reconnects
            }
        }
        long now = System.nanoTime();
        latencies.add(now - t0);
        lastAck.accumulateAndGet(now, Math::max);
        if (status != 200) {
            notAcked.incrementAndGet();
        }
        deliveries.incrementAndGet();
    }

    /** A reply as the Events API sends it; run letters keep warm-up and measured replies apart. */
    private static String reply(String run, int i) {
        String ts = "17" + run + String.format("%08d", i) + ".000100";
        return "{\"token\":\"x\",\"team_id\":\"T111\",\"api_app_id\":\"A111\",\"event\":{\"type\":\"message\","
                + "\"user\":\"U" + (1000 + i % 200) + "\",\"text\":\"Takeaway " + i + ": Karpenter consolidation"
                + " cut our node count by a third #k8s <https://karpenter.sh|docs>\",\"ts\":\"" + ts
                + "\",\"thread_ts\":\"" + BenchApp.POSTED_TS + "\",\"parent_user_id\":\"U0BOT\",\"channel\":\"C111\","
                + "\"event_ts\":\"" + ts + "\",\"channel_type\":\"channel\"},\"type\":\"event_callback\","
                + "\"event_id\":\"Ev" + run + i + "\",\"event_time\":1700000000,\"authorizations\":[{\"team_id\":\"T111\","
                + "\"user_id\":\"U0BOT\",\"is_bot\":true,\"is_enterprise_install\":false}]}";
    }

    private static long count(EmbeddedPostgres postgres, String sql) throws Exception {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
