package app.takeaways.bench;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
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

/**
 * Start-to-healthy on the embedded database, then slash-command capture ack latency, measured against a floor: the
 * same load sent to a bare Bolt for Java app ({@link BareBoltApp}, acks only) started the same way, in turns (app,
 * bare, app, bare, app, bare), so that both see the same machine at nearly the same time. Each turn is bursts of
 * simultaneous captures, then captures kept in flight. Prints numbers and the app/bare p95 ratios; checks only that
 * every capture was saved and that the bare app acknowledged every one.
 * <p>
 * Usage: {@code bench/run.sh AckBenchmark [requests] [concurrency]} (defaults 5000 sustained captures per turn, 100).
 * JVM options for both processes (a profiler, say) go in {@code BENCH_APP_JAVA_OPTS}.
 */
public final class AckBenchmark {

    private static final Duration BURST_EVERY = Duration.ofMillis(500);
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final int ROUNDS = 3;
    private static final int BURSTS = 50;
    /** PRODUCT.md: ack p95 within 1.5x of a bare Bolt for Java app under the same load in the same run. */
    private static final double TARGET_RATIO = 1.5;
    private static final Duration QUIET_WITHIN = Duration.ofSeconds(30);

    /** One turn's latencies, and how many of its requests were not acknowledged as saved. */
    private record Phase(List<Long> nanos, int failures) {
    }

    private AckBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        String dataDirectory = Files.createTempDirectory("takeaways-bench").resolve("data/postgres").toString();
        try (BenchApp app = BenchApp.prepare(Map.of("TAKEAWAYS_DATA_DIR", dataDirectory))) {
            System.out.printf("Takeaways ack benchmark: %s, %d CPUs, Java %s%n", app.jar.getFileName(),
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
            System.out.printf("start to healthy, new data directory (initdb): %,d ms%n", app.start());
            app.stop();
            System.out.printf("start to healthy, existing data directory:     %,d ms%n", app.start());
            System.out.printf("bare Bolt app (Bolt's SlackAppServlet in embedded Tomcat), start to first ack: %,d ms%n",
                    app.startBareBoltApp());
            System.out.printf("processes: app pid %d, bare pid %d (its log: %s)%n", app.pid(), app.barePid(),
                    app.bareLog());
            System.out.printf("badly signed capture answered: app %d, bare %d%n", badlySigned(app.port),
                    badlySigned(app.barePort));

            String[] names = {"app", "bare"};
            int[] ports = {app.port, app.barePort};
            int warmup = Math.max(2_000, requests / 2);
            for (int target = 0; target < 2; target++) {
                run(ports[target], warmup, concurrency, "warm-up", names[target] + " warm-up", false);
            }
            System.out.printf("warm-up: %,d captures to each, %d in flight; then %d rounds, each the app then the bare"
                    + " app, one at a time%n", warmup, concurrency, ROUNDS);

            String burstsName = "bursts (" + BURSTS + " x " + concurrency + " at once)";
            String sustainedName = "sustained (" + concurrency + " in flight)";
            List<List<Long>> burstsOf = List.of(new ArrayList<>(), new ArrayList<>());
            List<List<Long>> sustainedOf = List.of(new ArrayList<>(), new ArrayList<>());
            double[][] burstsP95 = new double[2][ROUNDS];
            double[][] sustainedP95 = new double[2][ROUNDS];
            int bareFailures = 0;
            long quietMin = Long.MAX_VALUE;
            long quietMax = 0;
            for (int round = 0; round < ROUNDS; round++) {
                for (int target = 0; target < 2; target++) {
                    String turn = "round " + (round + 1) + ", " + names[target];
                    long quiet = settle(app, turn);
                    quietMin = Math.min(quietMin, quiet);
                    quietMax = Math.max(quietMax, quiet);
                    Phase bursts = bursts(ports[target], BURSTS, concurrency, "r" + (round + 1) + "-burst", turn);
                    BenchApp.report(turn + ", " + burstsName, bursts.nanos());
                    Phase sustained = run(ports[target], requests, concurrency, "r" + (round + 1) + "-sustained",
                            turn + ", sustained", true);
                    BenchApp.report(turn + ", " + sustainedName, sustained.nanos());
                    burstsP95[target][round] = p95(bursts.nanos());
                    sustainedP95[target][round] = p95(sustained.nanos());
                    burstsOf.get(target).addAll(bursts.nanos());
                    sustainedOf.get(target).addAll(sustained.nanos());
                    if (target == 1) {
                        bareFailures += bursts.failures() + sustained.failures();
                    }
                }
            }

            System.out.printf("%nbefore each turn, waited for the processes to go quiet: %,d to %,d ms%n", quietMin,
                    quietMax);
            for (int target = 0; target < 2; target++) {
                BenchApp.report("all rounds, " + names[target] + ", " + burstsName, burstsOf.get(target));
                BenchApp.report("all rounds, " + names[target] + ", " + sustainedName, sustainedOf.get(target));
            }
            List<String> missed = new ArrayList<>();
            if (!ratios(burstsName, burstsP95, burstsOf)) {
                missed.add("bursts");
            }
            if (!ratios(sustainedName, sustainedP95, sustainedOf)) {
                missed.add("sustained");
            }
            System.out.printf("target, ack p95 within %.1fx of a bare Bolt app (median of rounds and pooled): %s%n",
                    TARGET_RATIO, missed.isEmpty() ? "met" : "MISSED (" + String.join(", ", missed) + ")");

            long sent = warmup + (long) ROUNDS * (BURSTS * concurrency + requests);
            long saved = app.counter("takeaways_captured_total", "outcome=\"saved\"");
            System.out.printf("takeaways saved (app's own counter): %,d of %,d sent%n", saved, sent);
            if (saved != sent) {
                throw new IllegalStateException("Lost captures: " + (sent - saved));
            }
            if (bareFailures > 0) {
                throw new IllegalStateException("The bare Bolt app did not acknowledge " + bareFailures
                        + " captures: its numbers are no floor; its log: " + app.bareLog());
            }
        }
    }

    /** Lets what the last turn left running (the app's work after its acks) finish before the next turn starts. */
    private static long settle(BenchApp app, String turn) throws InterruptedException {
        long waited = app.awaitQuiet(QUIET_WITHIN);
        if (waited < 0) {
            System.out.printf("%s: the processes were still busy after %d s; measuring anyway%n", turn,
                    QUIET_WITHIN.toSeconds());
            return QUIET_WITHIN.toMillis();
        }
        return waited;
    }

    /** Prints the app/bare p95 ratio per round, their median and the pooled one; whether both meet the target. */
    private static boolean ratios(String phase, double[][] p95, List<List<Long>> pooled) {
        double[] perRound = new double[ROUNDS];
        StringBuilder rounds = new StringBuilder();
        for (int round = 0; round < ROUNDS; round++) {
            perRound[round] = p95[0][round] / p95[1][round];
            rounds.append(String.format("round %d %.1f/%.1f ms = %.2fx; ", round + 1, p95[0][round], p95[1][round],
                    perRound[round]));
        }
        Arrays.sort(perRound);
        double median = perRound[ROUNDS / 2];
        double appPooled = p95(pooled.get(0));
        double barePooled = p95(pooled.get(1));
        double pooledRatio = appPooled / barePooled;
        boolean met = median <= TARGET_RATIO && pooledRatio <= TARGET_RATIO;
        System.out.printf("app/bare p95, %s: %smedian of rounds %.2fx; pooled %.1f/%.1f ms = %.2fx: %s%n", phase,
                rounds, median, appPooled, barePooled, pooledRatio, met ? "within " + TARGET_RATIO + "x"
                        : "MISSES " + TARGET_RATIO + "x");
        return met;
    }

    private static double p95(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return BenchApp.percentile(sorted, 95);
    }

    /** The status a capture with a wrong signature is answered with (both apps check signatures: 401). */
    private static int badlySigned(int port) throws IOException {
        String body = command("badly-signed");
        Map<String, String> headers = new HashMap<>(BenchApp.signed(FORM, body));
        headers.put("X-Slack-Signature", "v0=" + "0".repeat(64));
        try (RawHttpConnection connection = new RawHttpConnection("127.0.0.1", port)) {
            return connection.post("/slack/events", headers, body).status();
        }
    }

    /** {@code requests} captures, {@code concurrency} kept in flight; ids start with {@code ids}. */
    private static Phase run(int port, int requests, int concurrency, String ids, String phase, boolean measured)
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
                        String body = command(ids + "-" + i);
                        Map<String, String> headers = BenchApp.signed(FORM, body);
                        long t0 = System.nanoTime();
                        RawHttpConnection.Response response;
                        try {
                            response = connection.post("/slack/events", headers, body);
                        } catch (IOException e) {
                            connection.close();
                            response = new RawHttpConnection.Response(0, e.toString());
                        }
                        latencies.add(System.nanoTime() - t0);
                        if (response.status() != 200 || !response.body().contains("Saved your takeaway")) {
                            failures.incrementAndGet();
                        }
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
        return new Phase(latencies, failures.get());
    }

    /**
     * {@code size} requests released at the same instant on open connections, {@code times} times, a pause between:
     * a channel's worth of people saving at once, which is what Slack traffic looks like.
     */
    private static Phase bursts(int port, int times, int size, String ids, String phase) throws Exception {
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
                    String body = command(ids + "-" + burst + "-" + i);
                    sent.add(clients.submit(() -> {
                        Map<String, String> headers = BenchApp.signed(FORM, body);
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
            System.out.printf("%s, bursts: %d captures were not acknowledged as saved%n", phase, failures.get());
        }
        return new Phase(latencies, failures.get());
    }

    private static String command(String id) {
        String text = "Cells cap the blast radius of a bad deploy #resilience #aws <https://aws.amazon.com/builders-"
                + "library/|Builders' Library> talk:\"Bench talk\" run " + id;
        return "token=x&team_id=T111&team_domain=bench&channel_id=C111&channel_name=bench&user_id=U111"
                + "&user_name=bench&command=%2Ftakeaway&text=" + URLEncoder.encode(text, StandardCharsets.UTF_8)
                + "&api_app_id=A111&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT111%2F1%2Fx"
                + "&trigger_id=" + id;
    }
}
