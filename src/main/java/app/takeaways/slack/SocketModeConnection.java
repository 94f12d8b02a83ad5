package app.takeaways.slack;

import app.takeaways.database.DatabaseOutages;
import app.takeaways.platform.DatabaseFailures;
import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.slack.api.Slack;
import com.slack.api.bolt.App;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.socket_mode.request.SocketModeRequest;
import com.slack.api.bolt.socket_mode.request.SocketModeRequestParser;
import com.slack.api.socket_mode.SocketModeClient;
import com.slack.api.socket_mode.impl.SocketModeClientJavaWSImpl;
import com.slack.api.socket_mode.queue.impl.ConcurrentLinkedMessageQueue;
import com.slack.api.socket_mode.response.AckResponse;
import com.slack.api.util.json.GsonFactory;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Socket Mode: one WebSocket to Slack, opened through {@code apps.connections.open} at {@code SLACK_API_URL}.
 * Envelopes go to the same Bolt app as HTTP requests and are acknowledged with their {@code envelope_id}; an
 * envelope whose handling failed is not acknowledged, so Slack delivers it again.
 * <p>
 * Slack's {@code disconnect} envelope makes the client reconnect at once. Everything else (a dropped socket,
 * Slack unreachable at start, {@code apps.connections.open} refusing) is this class's supervisor's job: Bolt's own
 * session monitor stops for good on the first error that is not an {@code IOException}.
 */
class SocketModeConnection implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SocketModeConnection.class);
    private static final Duration CHECK_EVERY = Duration.ofSeconds(5);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
    private static final int CONCURRENCY = 10;

    private final Slack slack;
    private final String appToken;
    private final App app;
    private final SocketModeRequestParser parser;
    private final Gson gson;
    private final ObservationRegistry observations;
    private final DatabaseOutages outages;
    private ScheduledExecutorService supervisor;

    private volatile SocketModeClient client;
    private volatile boolean connected;
    private volatile boolean running;
    private volatile long nextAttemptNanos;
    private final AtomicInteger failures = new AtomicInteger();

    SocketModeConnection(Slack slack, String appToken, App app, ObservationRegistry observations,
                         DatabaseOutages outages) {
        this.slack = slack;
        this.appToken = appToken;
        this.app = app;
        this.parser = new SocketModeRequestParser(app.config());
        this.gson = GsonFactory.createSnakeCase(slack.getConfig());
        this.observations = observations;
        this.outages = outages;
    }

    /** Whether the socket is open and Slack answered on it lately. */
    boolean isConnected() {
        return connected;
    }

    @Override
    public synchronized void start() {
        running = true;
        app.start();
        supervisor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "slack-socket-mode-supervisor");
            thread.setDaemon(true);
            return thread;
        });
        supervisor.scheduleWithFixedDelay(this::supervise, 0, CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (supervisor != null) {
            supervisor.shutdownNow();
            supervisor = null;
        }
        SocketModeClient current = client;
        client = null;
        nextAttemptNanos = 0;
        failures.set(0);
        connected = false;
        if (current != null) {
            try {
                current.close();
            } catch (IOException | RuntimeException e) {
                log.debug("Closing the Socket Mode client failed", e);
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void supervise() {
        if (System.nanoTime() - nextAttemptNanos < 0) {
            return;
        }
        try {
            SocketModeClient current = client;
            if (current == null) {
                open();
            } else {
                connected = current.verifyConnection();
                if (!connected) {
                    log.info("Socket Mode connection lost; reconnecting");
                    current.connectToNewEndpoint();
                }
            }
            failures.set(0);
        } catch (Exception e) {
            connected = false;
            int failed = failures.incrementAndGet();
            Duration backoff = CHECK_EVERY.multipliedBy(1L << Math.min(failed - 1, 4));
            backoff = backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff;
            nextAttemptNanos = System.nanoTime() + backoff.toNanos();
            log.warn("Cannot connect to Slack over Socket Mode ({}); trying again in {} s. Check SLACK_APP_TOKEN"
                    + " (README.md, \"Configuration\") if this goes on.", reason(e), backoff.toSeconds());
        }
    }

    private void open() throws Exception {
        String url = slack.issueSocketModeUrl(appToken);
        SocketModeClientJavaWSImpl opened = new SocketModeClientJavaWSImpl(slack, appToken, url, CONCURRENCY,
                new ConcurrentLinkedMessageQueue(), true, false, CHECK_EVERY.toMillis());
        opened.addWebSocketMessageListener(this::dispatch);
        opened.addWebSocketCloseListener((code, reason) -> connected = false);
        client = opened; // before connecting: the first envelope may arrive right after the hello
        opened.connect();
    }

    private void dispatch(String message) {
        SocketModeRequest request;
        try {
            request = parser.parse(message);
        } catch (RuntimeException e) {
            log.warn("Ignored a Socket Mode message that is not an envelope ({})", e.getClass().getSimpleName());
            return;
        }
        if (request == null) {
            if (message.contains("\"hello\"")) {
                connected = true;
                log.info("Connected to Slack over Socket Mode");
            }
            return;
        }
        if (request.getBoltRequest() == null) {
            log.warn("Ignored a {} envelope Bolt cannot read", request.getEnvelope().getType());
            return;
        }
        // What HTTP mode's server observation is to a request: its database statements, Web API calls and the work
        // after its ack are in its trace. By its kind only (events_api, slash_commands, interactive).
        Observation.createNotStarted("slack.socket-mode.envelope", observations)
                .contextualName("slack socket mode " + request.getEnvelope().getType())
                .lowCardinalityKeyValue("type", String.valueOf(request.getEnvelope().getType()))
                .observe(() -> handle(request));
    }

    private void handle(SocketModeRequest request) {
        try {
            Response response = app.run(request.getBoltRequest());
            if (response.getStatusCode() != 200) {
                // Not acknowledged: Slack delivers the envelope again.
                log.warn("Not acknowledging a {} envelope: handling answered {}", request.getEnvelope().getType(),
                        response.getStatusCode());
                return;
            }
            client.sendSocketModeResponse(ack(request.getEnvelope().getEnvelopeId(), response));
        } catch (SlackRetryException e) {
            outages.tell(log, "Not acknowledging a " + request.getEnvelope().getType()
                    + " envelope, Slack will deliver it again", e);
        } catch (Exception e) {
            if (DatabaseFailures.unreachable(e)) {
                outages.tell(log, "Not handling a " + request.getEnvelope().getType()
                        + " envelope, Slack will deliver it again", e);
            } else {
                log.error("Failed to handle a {} envelope; Slack will deliver it again", request.getEnvelope().getType(),
                        e);
            }
        }
    }

    private String ack(String envelopeId, Response response) {
        if (response.getBody() == null || response.getBody().isEmpty()) {
            return gson.toJson(new AckResponse(envelopeId));
        }
        Map<String, Object> ack = new LinkedHashMap<>();
        ack.put("envelope_id", envelopeId);
        if (response.getContentType() != null && response.getContentType().startsWith("application/json")) {
            ack.put("payload", gson.fromJson(response.getBody(), JsonElement.class));
        } else {
            ack.put("payload", Map.of("text", response.getBody()));
        }
        return gson.toJson(ack);
    }

    private static String reason(Exception e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
