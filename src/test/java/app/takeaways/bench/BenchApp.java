package app.takeaways.bench;

import app.takeaways.testbed.SlackSigner;
import com.github.tomakehurst.wiremock.WireMockServer;

import org.awaitility.core.ConditionTimeoutException;

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
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.awaitility.Awaitility.await;

/**
 * The packaged jar run as its own process ({@code java -jar}), as a team runs it, with Slack's Web API played by
 * WireMock: what every benchmark program starts from. It can also start {@link BareBoltApp}, the floor the app's
 * acks are measured against, as a process of its own started the same way.
 */
final class BenchApp implements AutoCloseable {

    static final String SECRET = "bench-signing-secret";
    /** What the stubbed chat.postMessage answers as the posted message's ts. */
    static final String POSTED_TS = "1700000000.000100";

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final WireMockServer slackApi;
    final Path jar;
    final int port;
    /** Where {@link #startBareBoltApp()} serves the bare Bolt app. */
    final int barePort;
    private final Map<String, String> environment;
    private final Path log;
    private final Path bareLog;
    private Process process;
    private Process bareProcess;

    private BenchApp(Map<String, String> environment) throws IOException {
        this.jar = findJar();
        this.port = freePort();
        this.environment = environment;
        this.log = Files.createTempFile("takeaways-bench", ".log");
        int other = freePort();
        while (other == port) {
            other = freePort();
        }
        this.barePort = other;
        this.bareLog = Files.createTempFile("takeaways-bench-bare-bolt", ".log");
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
        List<String> command = javaCommand();
        command.add("-jar");
        command.add(jar.toString());
        process = startProcess(command, port, environment, log);
        long started = startedAt(process);
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(2)).build();
        awaitAnswer(process, "The app", log, () -> {
            HttpResponse<String> response = HTTP.send(health, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"status\":\"UP\"");
        });
        return System.currentTimeMillis() - started;
    }

    /**
     * Starts {@link BareBoltApp} as its own process the way {@link #start()} starts the jar (same java binary, same
     * {@code BENCH_APP_JAVA_OPTS}, same Slack settings), on the test classpath that {@code bench/run.sh} wrote, on a
     * free port of its own ({@link #barePort}); returns milliseconds from process start to its first signed
     * {@code /takeaway} acknowledged.
     */
    long startBareBoltApp() throws Exception {
        Path classpathFile = Path.of("target", "bench.classpath");
        if (!Files.isRegularFile(classpathFile)) {
            throw new IllegalStateException("No " + classpathFile + ": run the benchmark with bench/run.sh");
        }
        List<String> command = javaCommand();
        command.add("-cp");
        command.add("target/test-classes:target/classes:" + Files.readString(classpathFile).strip());
        command.add(BareBoltApp.class.getName());
        bareProcess = startProcess(command, barePort, Map.of(), bareLog);
        long started = startedAt(bareProcess);
        String body = "token=x&team_id=T111&team_domain=bench&channel_id=C111&channel_name=bench&user_id=U111"
                + "&user_name=bench&command=%2Ftakeaway&text=ready&api_app_id=A111&trigger_id=ready";
        awaitAnswer(bareProcess, "The bare Bolt app", bareLog, () -> {
            HttpRequest.Builder probe = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + barePort
                    + BareBoltApp.PATH)).timeout(Duration.ofSeconds(2)).POST(HttpRequest.BodyPublishers.ofString(body));
            signed("application/x-www-form-urlencoded", body).forEach(probe::header);
            HttpResponse<String> response = HTTP.send(probe.build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("Saved your takeaway");
        });
        return System.currentTimeMillis() - started;
    }

    /**
     * Waits until the app (with its embedded Postgres, when {@code TAKEAWAYS_DATA_DIR} names it) and the bare Bolt
     * app together use less than a tenth of a core over a quarter of a second, at most {@code limit}: work the app
     * does after its acks must not run while the other one is measured. Returns how long it waited, or -1 when it
     * never went quiet.
     */
    long awaitQuiet(Duration limit) {
        long started = System.nanoTime();
        // CPU time and the instant of the previous look
        long[] last = {cpuNanos(), System.nanoTime()};
        try {
            await().atMost(limit).pollDelay(Duration.ofMillis(250)).pollInterval(Duration.ofMillis(250))
                    .pollInSameThread().until(() -> {
                        long cpu = cpuNanos();
                        long now = System.nanoTime();
                        boolean quiet = cpu - last[0] < (now - last[1]) / 10;
                        last[0] = cpu;
                        last[1] = now;
                        return quiet;
                    });
            return (System.nanoTime() - started) / 1_000_000;
        } catch (ConditionTimeoutException e) {
            return -1;
        }
    }

    /** CPU time so far of the app's and the bare app's processes, their children, and the embedded Postgres. */
    private long cpuNanos() {
        List<ProcessHandle> roots = new ArrayList<>();
        for (Process started : new Process[] {process, bareProcess}) {
            if (started != null) {
                roots.add(started.toHandle());
            }
        }
        String dataDirectory = environment.get("TAKEAWAYS_DATA_DIR");
        if (dataDirectory != null) {
            // pg_ctl leaves the postmaster to init, so it is no child of the app: found by its data directory.
            ProcessHandle.allProcesses().filter(p -> p.info().commandLine().map(line -> line.contains(dataDirectory)
                    && line.contains("postgres")).orElse(false)).forEach(roots::add);
        }
        return roots.stream()
                .flatMap(root -> Stream.concat(Stream.of(root), root.descendants()))
                .distinct()
                .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
                .sum();
    }

    long pid() {
        return process.pid();
    }

    long barePid() {
        return bareProcess.pid();
    }

    Path bareLog() {
        return bareLog;
    }

    /** The java binary this program runs on, then {@code BENCH_APP_JAVA_OPTS}: how every process here starts. */
    private static List<String> javaCommand() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String javaOptions = System.getenv("BENCH_APP_JAVA_OPTS");
        if (javaOptions != null && !javaOptions.isBlank()) {
            command.addAll(List.of(javaOptions.strip().split("\\s+")));
        }
        return command;
    }

    private Process startProcess(List<String> command, int serverPort, Map<String, String> extra, Path output)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("SLACK_") || name.startsWith("SPRING_")
                || name.startsWith("TAKEAWAYS_"));
        builder.environment().put("SLACK_BOT_TOKEN", "xoxb-bench");
        builder.environment().put("SLACK_SIGNING_SECRET", SECRET);
        builder.environment().put("SLACK_API_URL", "http://127.0.0.1:" + slackApi.port() + "/api/");
        builder.environment().put("SERVER_PORT", String.valueOf(serverPort));
        builder.environment().putAll(extra);
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        return builder.start();
    }

    private static long startedAt(Process process) {
        return process.info().startInstant().map(Instant::toEpochMilli).orElse(System.currentTimeMillis());
    }

    private static void awaitAnswer(Process process, String what, Path output, Callable<Boolean> answers) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20)).pollInSameThread()
                .ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(what + " exited with " + process.exitValue()
                                + " before it answered; its log: " + output);
                    }
                    return answers.call();
                });
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
        if (bareProcess != null) {
            bareProcess.destroy();
            if (!bareProcess.waitFor(60, TimeUnit.SECONDS)) {
                bareProcess.destroyForcibly();
            }
            bareProcess = null;
        }
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

    static double percentile(List<Long> sorted, double p) {
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
