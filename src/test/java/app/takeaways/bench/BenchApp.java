package app.takeaways.bench;

import app.takeaways.testbed.SlackSigner;
import com.github.tomakehurst.wiremock.WireMockServer;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.awaitility.Awaitility.await;

/**
 * The packaged jar run as its own process ({@code java -jar}), as a team runs it, with Slack's Web API played by
 * WireMock: what every benchmark program starts from.
 */
final class BenchApp implements AutoCloseable {

    static final String SECRET = "bench-signing-secret";
    /** What the stubbed chat.postMessage answers as the posted message's ts. */
    static final String POSTED_TS = "1700000000.000100";

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final WireMockServer slackApi;
    final Path jar;
    final int port;
    private final Map<String, String> environment;
    private final Path log;
    private Process process;

    private BenchApp(Map<String, String> environment) throws IOException {
        this.jar = findJar();
        this.port = freePort();
        this.environment = environment;
        this.log = Files.createTempFile("takeaways-bench", ".log");
        this.slackApi = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").containerThreads(40));
        slackApi.start();
        answer("auth.test", "{\"ok\":true,\"team_id\":\"T111\",\"user_id\":\"U0BOT\",\"bot_id\":\"B0BOT\","
                + "\"url\":\"https://bench.slack.com/\"}");
        answer("conversations.info", "{\"ok\":true,\"channel\":{\"id\":\"C111\",\"name\":\"bench\",\"is_channel\":true,"
                + "\"is_private\":false}}");
        answer("chat.postMessage", "{\"ok\":true,\"channel\":\"C111\",\"ts\":\"" + POSTED_TS + "\"}");
        answer("chat.postEphemeral", "{\"ok\":true,\"message_ts\":\"1700000000.000200\"}");
        answer("chat.getPermalink", "{\"ok\":true,\"channel\":\"C111\","
                + "\"permalink\":\"https://bench.slack.com/archives/C111/p1700000000000100\"}");
        slackApi.stubFor(post(urlEqualTo("/respond")).willReturn(aResponse().withStatus(200).withBody("ok")));
    }

    /** WireMock as Slack's Web API; the app is started by {@link #start()}. */
    static BenchApp prepare(Map<String, String> environment) throws IOException {
        return new BenchApp(environment);
    }

    void answer(String method, String json) {
        slackApi.stubFor(post(urlEqualTo("/api/" + method)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(json)));
    }

    String responseUrl() {
        return "http://127.0.0.1:" + slackApi.port() + "/respond";
    }

    /** Starts the jar; returns milliseconds from process start to {@code /actuator/health} UP. */
    long start() throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String javaOptions = System.getenv("BENCH_APP_JAVA_OPTS");
        if (javaOptions != null && !javaOptions.isBlank()) {
            command.addAll(List.of(javaOptions.strip().split("\\s+")));
        }
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("SLACK_") || name.startsWith("SPRING_")
                || name.startsWith("TAKEAWAYS_"));
        builder.environment().put("SLACK_BOT_TOKEN", "xoxb-bench");
        builder.environment().put("SLACK_SIGNING_SECRET", SECRET);
        builder.environment().put("SLACK_API_URL", "http://127.0.0.1:" + slackApi.port() + "/api/");
        builder.environment().put("SERVER_PORT", String.valueOf(port));
        builder.environment().putAll(environment);
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        process = builder.start();
        long started = process.info().startInstant().map(Instant::toEpochMilli).orElse(System.currentTimeMillis());
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(2)).build();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20)).pollInSameThread()
                .ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("The app exited with " + process.exitValue()
                                + " before it was healthy; its log: " + log);
                    }
                    HttpResponse<String> response = HTTP.send(health, HttpResponse.BodyHandlers.ofString());
                    return response.statusCode() == 200 && response.body().contains("\"status\":\"UP\"");
                });
        return System.currentTimeMillis() - started;
    }

    void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            process = null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
        slackApi.stop();
    }

    /** The sum of a Prometheus counter's series that match {@code labels} (a regex inside the braces). */
    long counter(String name, String labels) throws Exception {
        HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher series = Pattern.compile(name + "\\{[^}]*" + labels + "[^}]*} ([0-9.E]+)").matcher(metrics.body());
        long total = 0;
        while (series.find()) {
            total += (long) Double.parseDouble(series.group(1));
        }
        return total;
    }

    /** Slack's signature headers for a body, signed now (before any clock starts: signing is Slack's work). */
    static Map<String, String> signed(String contentType, String body) {
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        return Map.of("Content-Type", contentType,
                "X-Slack-Request-Timestamp", timestamp,
                "X-Slack-Signature", SlackSigner.sign(SECRET, timestamp, body));
    }

    static void report(String what, List<Long> nanos) {
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
