package app.takeaways.bench;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
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

/**
 * Start-to-healthy on the embedded database, then slash-command capture ack latency: bursts of simultaneous
 * captures, and captures kept in flight. Prints numbers; checks only that every capture was saved.
 * <p>
 * Usage: {@code bench/run.sh AckBenchmark [requests] [concurrency]} (defaults 10000, 100). JVM options for the
 * app (a profiler, say) go in {@code BENCH_APP_JAVA_OPTS}.
 */
public final class AckBenchmark {

    private static final Duration BURST_EVERY = Duration.ofMillis(500);
    private static final String FORM = "application/x-www-form-urlencoded";

    private AckBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        String dataDirectory = Files.createTempDirectory("takeaways-bench").resolve("data/postgres").toString();
        try (BenchApp app = BenchApp.prepare(Map.of("TAKEAWAYS_DATA_DIR", dataDirectory))) {
            System.out.printf("Takeaways ack benchmark: %s, %d CPUs, Java %s%n", app.jar.getFileName(),
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
            System.out.printf("start to healthy, new data directory (initdb): %,d ms%n", app.start());
            app.stop();
            System.out.printf("start to healthy, existing data directory:     %,d ms%n", app.start());

            int warmup = Math.max(1_000, requests / 5);
            run(app.port, warmup, concurrency, "warm-up", false);

            int bursts = 50;
            BenchApp.report("bursts: " + bursts + " times " + concurrency + " requests at once",
                    bursts(app.port, bursts, concurrency));
            BenchApp.report("sustained, " + concurrency + " in flight at all times",
                    run(app.port, requests, concurrency, "sustained", true));

            long sent = warmup + (long) bursts * concurrency + requests;
            long saved = app.counter("takeaways_captured_total", "outcome=\"saved\"");
            System.out.printf("takeaways saved (app's own counter): %,d of %,d sent%n", saved, sent);
            if (saved != sent) {
                throw new IllegalStateException("Lost captures: " + (sent - saved));
            }
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
            System.out.printf("bursts: %d captures were not acknowledged as saved%n", failures.get());
        }
        return latencies;
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
