package app.takeaways.bench;

import app.takeaways.testbed.SlackSigner;
import com.github.tomakehurst.wiremock.WireMockServer;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.awaitility.Awaitility.await;

/**
 * Start-to-healthy on the embedded database, then slash-command capture ack latency under concurrency, against
 * the packaged jar run as its own process ({@code java -jar}), as a team would run it. Slack's Web API is a
 * WireMock stub. Prints numbers; asserts nothing but that every capture was saved.
 * <p>
 * Usage: {@code bench/run.sh AckBenchmark [requests] [concurrency]} (defaults 10000, 100). JVM options for the
 * app (a profiler, say) go in {@code BENCH_APP_JAVA_OPTS}.
 */
public final class AckBenchmark {

    private static final String SECRET = "bench-signing-secret";
    private static final Duration BURST_EVERY = Duration.ofMillis(500);
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(4))
            .build();

    private AckBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        Path jar = findJar();
        Path dataDirectory = Files.createTempDirectory("takeaways-bench").resolve("data/postgres");

        WireMockServer slackApi = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
                .containerThreads(20));
        slackApi.start();
        slackApi.stubFor(post(urlEqualTo("/api/auth.test")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"ok\":true,\"team_id\":\"T111\",\"user_id\":\"U0BOT\",\"bot_id\":\"B0BOT\"}")));
        slackApi.stubFor(post(urlEqualTo("/api/conversations.info")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"ok\":true,\"channel\":{\"id\":\"C111\",\"name\":\"bench\",\"is_channel\":true,"
                        + "\"is_private\":false}}")));
        String apiUrl = "http://127.0.0.1:" + slackApi.port() + "/api/";

        System.out.printf("Takeaways ack benchmark: %s, %d CPUs, Java %s%n", jar.getFileName(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        int port = freePort();
        Process app = null;
        try {
            long coldMillis;
            app = startApp(jar, port, apiUrl, dataDirectory);
            coldMillis = awaitHealthy(app, port);
            System.out.printf("start to healthy, new data directory (initdb): %,d ms%n", coldMillis);
            stop(app);

            app = startApp(jar, port, apiUrl, dataDirectory);
            long warmMillis = awaitHealthy(app, port);
            System.out.printf("start to healthy, existing data directory:     %,d ms%n", warmMillis);

            int warmup = Math.max(1_000, requests / 5);
            run(port, warmup, concurrency, "warm-up", false);

            int bursts = 50;
            List<Long> burstLatencies = bursts(port, bursts, concurrency);
            report("bursts: " + bursts + " times " + concurrency + " requests at once", burstLatencies);

            List<Long> latencies = run(port, requests, concurrency, "sustained", true);
            report("sustained, " + concurrency + " in flight at all times", latencies);

            long sent = warmup + (long) bursts * concurrency + requests;
            long saved = savedCount(port);
            System.out.printf("takeaways saved (app's own counter): %,d of %,d sent%n", saved, sent);
            if (saved != sent) {
                throw new IllegalStateException("Lost captures: " + (sent - saved));
            }
        } finally {
            if (app != null) {
                stop(app);
            }
            slackApi.stop();
            HTTP.executor().ifPresent(executor -> ((ExecutorService) executor).shutdownNow());
        }
    }

    private static List<Long> run(int port, int requests, int concurrency, String phase, boolean measured)
            throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(concurrency);
        AtomicInteger next = new AtomicInteger();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>(requests));
        AtomicInteger failures = new AtomicInteger();
        long started = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int worker = 0; worker < concurrency; worker++) {
            workers.add(clients.submit(() -> {
                try (RawHttpConnection connection = new RawHttpConnection("127.0.0.1", port)) {
                    int i;
                    while ((i = next.getAndIncrement()) < requests) {
                        String body = command(phase + "-" + i);
                        Map<String, String> headers = signedHeaders(body);
                        long t0 = System.nanoTime();
                        RawHttpConnection.Response response;
                        try {
                            response = connection.post("/slack/events", headers, body);
                        } catch (IOException e) {
                            connection.close();
                            response = new RawHttpConnection.Response(0, e.toString());
                        }
                        long elapsed = System.nanoTime() - t0;
                        if (response.status() != 200 || !response.body().contains("Saved your takeaway")) {
                            failures.incrementAndGet();
                        }
                        latencies.add(elapsed);
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        clients.shutdown();
        if (measured) {
            System.out.printf("%s: %,d captures, %d in flight, in %.1f s = %,.0f acks/s, %d failed%n", phase,
                    requests, concurrency, seconds, requests / seconds, failures.get());
        }
        if (failures.get() > 0) {
            System.out.printf("%s: %d of %,d captures were not acknowledged as saved%n", phase, failures.get(),
                    requests);
        }
        return latencies;
    }

    /**
     * {@code size} requests released at the same instant on open connections, {@code times} times, a pause between:
     * a channel's worth of people saving at once, which is what Slack traffic looks like.
     */
    private static List<Long> bursts(int port, int times, int size) throws Exception {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>(times * size));
        List<RawHttpConnection> connections = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            connections.add(new RawHttpConnection("127.0.0.1", port));
        }
        ExecutorService clients = Executors.newFixedThreadPool(size);
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger failures = new AtomicInteger();
        try {
            for (int burst = 0; burst < times; burst++) {
                // Bursts arrive every half second; each starts from a quiet app.
                ScheduledFuture<?> due = pacer.schedule(() -> { }, BURST_EVERY.toMillis(), TimeUnit.MILLISECONDS);
                CyclicBarrier start = new CyclicBarrier(size);
                List<Future<?>> sent = new ArrayList<>();
                for (int i = 0; i < size; i++) {
                    RawHttpConnection connection = connections.get(i);
                    String body = command("burst-" + burst + "-" + i);
                    sent.add(clients.submit(() -> {
                        Map<String, String> headers = signedHeaders(body);
                        start.await();
                        long t0 = System.nanoTime();
                        RawHttpConnection.Response response = connection.post("/slack/events", headers, body);
                        latencies.add(System.nanoTime() - t0);
                        if (response.status() != 200 || !response.body().contains("Saved your takeaway")) {
                            failures.incrementAndGet();
                        }
                        return null;
                    }));
                }
                for (Future<?> request : sent) {
                    request.get();
                }
                due.get();
            }
        } finally {
            clients.shutdownNow();
            pacer.shutdownNow();
            for (RawHttpConnection connection : connections) {
                connection.close();
            }
        }
        if (failures.get() > 0) {
            System.out.printf("bursts: %d captures were not acknowledged as saved%n", failures.get());
        }
        return latencies;
    }

    private static void report(String what, List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        System.out.printf("ack latency, %s: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms (%,d acks)%n",
                what, percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99),
                sorted.get(sorted.size() - 1) / 1e6, sorted.size());
    }

    private static double percentile(List<Long> sorted, double p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1))) / 1e6;
    }

    private static String command(String id) {
        String text = "Cells cap the blast radius of a bad deploy #resilience #aws <https://aws.amazon.com/builders-"
                + "library/|Builders' Library> talk:\"Bench talk\" run " + id;
        return "token=x&team_id=T111&team_domain=bench&channel_id=C111&channel_name=bench&user_id=U111"
                + "&user_name=bench&command=%2Ftakeaway&text=" + URLEncoder.encode(text, StandardCharsets.UTF_8)
                + "&api_app_id=A111&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT111%2F1%2Fx"
                + "&trigger_id=" + id;
    }

    /** Signed before the clock starts: signing is Slack's work, not the app's. */
    private static Map<String, String> signedHeaders(String body) {
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        return Map.of("Content-Type", "application/x-www-form-urlencoded",
                "X-Slack-Request-Timestamp", timestamp,
                "X-Slack-Signature", SlackSigner.sign(SECRET, timestamp, body));
    }

    private static long savedCount(int port) throws Exception {
        HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher saved = Pattern.compile("takeaways_captured_total\\{[^}]*outcome=\"saved\"[^}]*} ([0-9.E]+)")
                .matcher(metrics.body());
        long total = 0;
        while (saved.find()) {
            total += (long) Double.parseDouble(saved.group(1));
        }
        return total;
    }

    private static Process startApp(Path jar, int port, String apiUrl, Path dataDirectory) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String javaOptions = System.getenv("BENCH_APP_JAVA_OPTS");
        if (javaOptions != null && !javaOptions.isBlank()) {
            command.addAll(List.of(javaOptions.strip().split("\\s+")));
        }
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("SLACK_") || name.startsWith("SPRING_"));
        builder.environment().put("SLACK_BOT_TOKEN", "xoxb-bench");
        builder.environment().put("SLACK_SIGNING_SECRET", SECRET);
        builder.environment().put("SLACK_API_URL", apiUrl);
        builder.environment().put("SERVER_PORT", String.valueOf(port));
        builder.environment().put("TAKEAWAYS_DATA_DIR", dataDirectory.toString());
        builder.redirectErrorStream(true);
        builder.redirectOutput(dataDirectory.getParent().getParent().resolve("app.log").toFile());
        return builder.start();
    }

    private static long awaitHealthy(Process app, int port) throws Exception {
        long started = app.info().startInstant().map(Instant::toEpochMilli).orElse(System.currentTimeMillis());
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(2)).build();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20)).pollInSameThread()
                .ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> {
                    if (!app.isAlive()) {
                        throw new IllegalStateException("The app exited with " + app.exitValue()
                                + " before it was healthy");
                    }
                    HttpResponse<String> response = HTTP.send(health, HttpResponse.BodyHandlers.ofString());
                    return response.statusCode() == 200 && response.body().contains("\"status\":\"UP\"");
                });
        return System.currentTimeMillis() - started;
    }

    private static void stop(Process app) throws InterruptedException {
        app.destroy();
        if (!app.waitFor(60, TimeUnit.SECONDS)) {
            app.destroyForcibly();
        }
    }

    private static Path findJar() throws IOException {
        try (var files = Files.list(Path.of("target"))) {
            return files.filter(f -> f.getFileName().toString().matches("takeaways-.*\\.jar"))
                    .filter(f -> !f.getFileName().toString().endsWith("-plain.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("No target/takeaways-*.jar: run mvn package"));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
