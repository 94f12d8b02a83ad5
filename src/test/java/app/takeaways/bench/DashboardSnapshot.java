package app.takeaways.bench;

import com.github.tomakehurst.wiremock.client.WireMock;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/**
 * The Grafana dashboard's panels (deploy/grafana/takeaways-dashboard.json) drawn from real numbers: the jar under a
 * mixed load (captures in many channels, searches, digests; Slack answering some calls with errors and 429s),
 * {@code /actuator/prometheus} scraped every two seconds, and each panel's query worked out from the scrapes as
 * Prometheus would (rates over 10 s, quantiles from the histogram's buckets). Writes a PNG.
 * <p>
 * Usage: {@code bench/run.sh DashboardSnapshot [seconds, default 90] [png, default docs/dashboard.png]}
 */
public final class DashboardSnapshot {

    private static final Duration SCRAPE_EVERY = Duration.ofSeconds(2);
    /** Scrapes a rate spans: 10 s. */
    private static final int WINDOW = 5;
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_]+)=\"([^\"]*)\"");

    private record Sample(String name, Map<String, String> labels, double value) {
    }

    private DashboardSnapshot() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 90;
        Path png = Path.of(args.length > 1 ? args[1] : "docs/dashboard.png");
        Path data = Files.createTempDirectory("takeaways-dashboard");
        List<List<Sample>> scrapes = new ArrayList<>();
        try (BenchApp app = BenchApp.prepare(Map.of("TAKEAWAYS_DATA_DIR", data.toString(),
                "TAKEAWAYS_DIGEST_TICK", "5s"))) {
            slackSaysNoAndSlowDown(app);
            System.out.printf("started in %d ms%n", app.start());
            // three channels' weekly digests fall due a minute and a half into the run
            java.time.ZonedDateTime due = java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(90);
            for (String channel : List.of("C1", "C2", "C3")) {
                send(app, channel, "U110", "digest on " + due.getDayOfWeek().name().toLowerCase(java.util.Locale.ROOT)
                        + " " + String.format("%02d:%02d", due.getHour(), due.getMinute()) + " UTC", "digest-" + channel);
            }
            // three senders, each a request then a pause of 20-120 ms; a scrape every two seconds
            ScheduledExecutorService timers = Executors.newScheduledThreadPool(4);
            for (int worker = 0; worker < 3; worker++) {
                timers.execute(new Sender(app, worker, timers));
            }
            List<List<Sample>> scraped = java.util.Collections.synchronizedList(scrapes);
            timers.scheduleAtFixedRate(() -> {
                try {
                    scraped.add(scrape(app));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // the run is over
                } catch (Exception e) {
                    System.out.println("a scrape failed: " + e.getMessage());
                }
            }, 0, SCRAPE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            timers.awaitTermination(seconds, TimeUnit.SECONDS); // nothing shuts it down before: the run's length
            timers.shutdownNow();
            timers.awaitTermination(30, TimeUnit.SECONDS);
            scrapes.add(scrape(app));
        }
        Files.createDirectories(png.toAbsolutePath().getParent());
        ImageIO.write(draw(scrapes), "png", png.toFile());
        System.out.printf("%d scrapes over %d s drawn to %s%n", scrapes.size(), seconds, png);
    }

    /** Some channels Slack will not say anything about, and one where it asks the app to slow down. */
    private static void slackSaysNoAndSlowDown(BenchApp app) {
        app.slackApi.stubFor(post(urlEqualTo("/api/conversations.info")).withRequestBody(containing("C4"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"ok\":false,\"error\":\"channel_not_found\"}")));
        app.slackApi.stubFor(post(urlEqualTo("/api/conversations.info")).withRequestBody(containing("C7"))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withBody("{\"ok\":false,\"error\":\"ratelimited\"}")));
        app.slackApi.stubFor(WireMock.post(urlEqualTo("/api/users.info")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"ok\":true,\"user\":{\"id\":\"U111\",\"tz\":\"Europe/Berlin\"}}")));
    }

    /**
     * One sender: captures in channels C1..C99, and now and then a search, as a busy team would; after each request
     * it schedules its next one 20-120 ms later.
     */
    private static final class Sender implements Runnable {

        private static final String[] TOPICS = {"Karpenter consolidation cut our node bill #k8s",
            "Cells cap the blast radius #resilience", "Hybrid search beats BM25 alone on short notes #search",
            "Use OTel semantic conventions #observability"};

        private final BenchApp app;
        private final int worker;
        private final ScheduledExecutorService timers;
        private int sent;

        Sender(BenchApp app, int worker, ScheduledExecutorService timers) {
            this.app = app;
            this.worker = worker;
            this.timers = timers;
        }

        @Override
        public void run() {
            int i = sent++;
            String channel = "C" + ThreadLocalRandom.current().nextInt(1, 100);
            String text = i % 7 == 3 ? "search " + TOPICS[i % TOPICS.length].split(" ")[0]
                    : TOPICS[(i + worker) % TOPICS.length] + " " + worker + "-" + i;
            try {
                send(app, channel, "U11" + worker, text, worker + "." + i);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (java.io.IOException e) {
                System.out.println("a request failed: " + e.getMessage());
            }
            if (!timers.isShutdown()) {
                timers.schedule(this, ThreadLocalRandom.current().nextInt(20, 120), TimeUnit.MILLISECONDS);
            }
        }
    }

    /** A signed /takeaway, as Slack sends it. */
    private static void send(BenchApp app, String channel, String user, String text, String trigger)
            throws java.io.IOException, InterruptedException {
        String body = "token=x&team_id=T111&team_domain=bench&channel_id=" + channel + "&channel_name=bench"
                + "&user_id=" + user + "&user_name=bench&command=%2Ftakeaway&text="
                + URLEncoder.encode(text, StandardCharsets.UTF_8) + "&api_app_id=A111&response_url="
                + URLEncoder.encode(app.responseUrl(), StandardCharsets.UTF_8) + "&trigger_id=" + trigger;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port
                + "/slack/events")).timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString(body));
        BenchApp.signed("application/x-www-form-urlencoded", body).forEach(request::header);
        BenchApp.HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding());
    }

    private static List<Sample> scrape(BenchApp app) throws Exception {
        String text = BenchApp.HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port
                + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString()).body();
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (line.startsWith("#") || !sample.matches()) {
                continue;
            }
            Map<String, String> labels = new TreeMap<>();
            if (sample.group(3) != null) {
                Matcher label = LABEL.matcher(sample.group(3));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            double value = Double.parseDouble(sample.group(4).replace("+Inf", "Infinity"));
            samples.add(new Sample(sample.group(1), labels, value));
        }
        return samples;
    }

    /** sum by (keys) of the series named {@code name} in one scrape. */
    private static Map<String, Double> sumBy(List<Sample> scrape, String name, Function<Map<String, String>, String> key,
                                             java.util.function.Predicate<Map<String, String>> filter) {
        Map<String, Double> sums = new TreeMap<>();
        for (Sample sample : scrape) {
            if (sample.name().equals(name) && filter.test(sample.labels())) {
                sums.merge(key.apply(sample.labels()), sample.value(), Double::sum);
            }
        }
        return sums;
    }

    /** A panel's lines: legend to values, one a scrape. */
    private interface Query {
        Map<String, double[]> run(List<List<Sample>> scrapes);
    }

    private static Query rate(String name, Function<Map<String, String>, String> key,
                              java.util.function.Predicate<Map<String, String>> filter) {
        return scrapes -> {
            Map<String, double[]> lines = new TreeMap<>();
            for (int i = 0; i < scrapes.size(); i++) {
                int from = Math.max(0, i - WINDOW);
                Map<String, Double> now = sumBy(scrapes.get(i), name, key, filter);
                Map<String, Double> then = sumBy(scrapes.get(from), name, key, filter);
                double span = Math.max(1, i - from) * SCRAPE_EVERY.toSeconds();
                for (var entry : now.entrySet()) {
                    double rate = i == from ? 0 : (entry.getValue() - then.getOrDefault(entry.getKey(), 0.0)) / span;
                    lines.computeIfAbsent(entry.getKey(), k -> new double[scrapes.size()])[i] = Math.max(0, rate);
                }
            }
            return lines;
        };
    }

    private static Query quantiles(String bucket) {
        return scrapes -> {
            Map<String, double[]> lines = new LinkedHashMap<>();
            for (double q : new double[]{0.5, 0.95, 0.99}) {
                double[] values = new double[scrapes.size()];
                for (int i = 0; i < scrapes.size(); i++) {
                    int from = Math.max(0, i - WINDOW);
                    Map<String, Double> now = sumBy(scrapes.get(i), bucket, labels -> labels.get("le"), labels -> true);
                    Map<String, Double> then = sumBy(scrapes.get(from), bucket, labels -> labels.get("le"),
                            labels -> true);
                    TreeMap<Double, Double> counts = new TreeMap<>();
                    now.forEach((le, count) -> counts.put(Double.parseDouble(le.replace("+Inf", "Infinity")),
                            count - then.getOrDefault(le, 0.0)));
                    values[i] = quantile(q, counts);
                }
                lines.put("p" + Math.round(q * 100), values);
            }
            return lines;
        };
    }

    /** histogram_quantile: linear inside the bucket the rank falls in. */
    private static double quantile(double q, TreeMap<Double, Double> cumulative) {
        if (cumulative.isEmpty() || cumulative.lastEntry().getValue() <= 0) {
            return 0;
        }
        double rank = q * cumulative.lastEntry().getValue();
        double lower = 0;
        double below = 0;
        for (var bucket : cumulative.entrySet()) {
            if (bucket.getValue() >= rank) {
                if (Double.isInfinite(bucket.getKey())) {
                    return lower;
                }
                double inBucket = bucket.getValue() - below;
                return inBucket <= 0 ? bucket.getKey()
                        : lower + (bucket.getKey() - lower) * (rank - below) / inBucket;
            }
            lower = bucket.getKey();
            below = bucket.getValue();
        }
        return lower;
    }

    private static Query gauge(String name, Function<Map<String, String>, String> key,
                               java.util.function.Predicate<Map<String, String>> filter) {
        return scrapes -> {
            Map<String, double[]> lines = new TreeMap<>();
            for (int i = 0; i < scrapes.size(); i++) {
                for (var entry : sumBy(scrapes.get(i), name, key, filter).entrySet()) {
                    lines.computeIfAbsent(entry.getKey(), k -> new double[scrapes.size()])[i] = entry.getValue();
                }
            }
            return lines;
        };
    }

    private record Panel(String title, String unit, Query query) {
    }

    private static BufferedImage draw(List<List<Sample>> scrapes) {
        List<Panel> panels = List.of(
                new Panel("Captures by source and outcome", "/s", rate("takeaways_captured_total",
                        l -> l.get("source") + " " + l.get("outcome"), l -> true)),
                new Panel("Ack latency (p50, p95, p99)", "ms", scale(quantiles("takeaways_slack_ack_seconds_bucket"),
                        1000)),
                new Panel("Requests from Slack by kind", "/s", rate("takeaways_slack_ack_seconds_count",
                        l -> l.get("type") + " " + l.get("outcome"), l -> true)),
                new Panel("Search latency (p50, p95, p99)", "ms", scale(gauge("takeaways_search_seconds",
                        l -> "p" + Math.round(Double.parseDouble(l.get("quantile")) * 100),
                        l -> l.containsKey("quantile")), 1000)),
                new Panel("Digests by outcome", "", gauge("takeaways_digests_total", l -> l.get("status"), l -> true)),
                new Panel("Slack API errors and rate limits", "/s", merge(
                        rate("slack_api_seconds_count", l -> l.get("method") + ": " + l.get("outcome"),
                                l -> !"ok".equals(l.get("outcome"))),
                        rate("slack_api_rate_limited_total", l -> l.get("method") + ": 429, waited out", l -> true))));
        int width = 640;
        int height = 300;
        BufferedImage image = new BufferedImage(width * 2, height * 3 + 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(0x111217));
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(new Color(0xd8d9da));
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        g.drawString("Takeaways  ·  " + scrapes.size() * SCRAPE_EVERY.toSeconds()
                + " s of a benchmark run, scraped from /actuator/prometheus", 16, 27);
        for (int p = 0; p < panels.size(); p++) {
            drawPanel(g, panels.get(p), scrapes, (p % 2) * width, 40 + (p / 2) * height, width, height);
        }
        g.dispose();
        return image;
    }

    private static Query scale(Query query, double factor) {
        return scrapes -> {
            Map<String, double[]> lines = query.run(scrapes);
            lines.values().forEach(values -> {
                for (int i = 0; i < values.length; i++) {
                    values[i] *= factor;
                }
            });
            return lines;
        };
    }

    private static Query merge(Query a, Query b) {
        return scrapes -> {
            Map<String, double[]> lines = new TreeMap<>(a.run(scrapes));
            lines.putAll(b.run(scrapes));
            return lines;
        };
    }

    private static final Color[] COLORS = {new Color(0x73bf69), new Color(0xf2cc0c), new Color(0x5794f2),
        new Color(0xff9830), new Color(0xf2495c), new Color(0xb877d9), new Color(0x8ab8ff), new Color(0xfade2a)};

    private static void drawPanel(Graphics2D g, Panel panel, List<List<Sample>> scrapes, int x, int y, int w, int h) {
        g.setColor(new Color(0x181b1f));
        g.fillRoundRect(x + 8, y + 4, w - 16, h - 8, 6, 6);
        g.setColor(new Color(0xccccdc));
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(panel.title(), x + 20, y + 26);
        Map<String, double[]> lines = new TreeMap<>(panel.query().run(scrapes));
        // as the dashboard's legends do (hideZero): a series that stayed at zero is left out
        lines.values().removeIf(values -> java.util.Arrays.stream(values).allMatch(v -> v == 0));
        int left = x + 64;
        int right = x + w - 24;
        int top = y + 40;
        int bottom = y + h - 70;
        double max = lines.values().stream().flatMapToDouble(java.util.Arrays::stream).max().orElse(0);
        max = max <= 0 ? 1 : max * 1.1;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int tick = 0; tick <= 4; tick++) {
            int ty = bottom - (bottom - top) * tick / 4;
            g.setColor(new Color(0x2c3235));
            g.drawLine(left, ty, right, ty);
            g.setColor(new Color(0x8e8e8e));
            g.drawString(String.format("%.3g%s", max * tick / 4, panel.unit().isEmpty() ? "" : " " + panel.unit()),
                    x + 14, ty + 4);
        }
        int n = scrapes.size();
        int color = 0;
        int legendX = left;
        int legendY = bottom + 22;
        for (var line : lines.entrySet()) {
            g.setColor(COLORS[color++ % COLORS.length]);
            g.setStroke(new BasicStroke(1.6f));
            double[] values = line.getValue();
            for (int i = 1; i < n; i++) {
                int x1 = left + (right - left) * (i - 1) / Math.max(1, n - 1);
                int x2 = left + (right - left) * i / Math.max(1, n - 1);
                g.drawLine(x1, bottom - (int) ((bottom - top) * values[i - 1] / max), x2,
                        bottom - (int) ((bottom - top) * values[i] / max));
            }
            String legend = line.getKey();
            int legendWidth = g.getFontMetrics().stringWidth(legend) + 28;
            if (legendX + legendWidth > right) {
                legendX = left;
                legendY += 16;
            }
            if (legendY < y + h - 8) {
                g.fillRect(legendX, legendY - 8, 12, 3);
                g.setColor(new Color(0xccccdc));
                g.drawString(legend, legendX + 16, legendY - 3);
            }
            legendX += legendWidth;
        }
        if (lines.isEmpty()) {
            g.setColor(new Color(0x8e8e8e));
            g.drawString("No data", (left + right) / 2 - 20, (top + bottom) / 2);
        }
    }
}
