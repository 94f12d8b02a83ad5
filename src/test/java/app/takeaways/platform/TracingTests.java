package app.takeaways.platform;

import app.takeaways.testbed.FakeSocketModeServer;
import app.takeaways.testbed.Fixtures;
import app.takeaways.testbed.SlackApiStub;
import app.takeaways.testbed.SlackHttp;
import app.takeaways.testbed.SlackTestBed;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tracing on ({@code OTEL_EXPORTER_OTLP_ENDPOINT} set, every request sampled), over HTTP and Socket Mode at once: a
 * capture's trace reaches an OTLP receiver (WireMock, as a collector would answer) with the request, its database
 * statements and its Web API calls in one trace, and nothing in it that a person wrote, nor a token or the signing
 * secret. Its own context, closed after it (its socket and span processor stop with it).
 */
@DirtiesContext
class TracingTests extends SlackTestBed {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String APP_TOKEN = "xapp-1-A111-tracing-test";
    private static final WireMockServer COLLECTOR = collector();
    private static final FakeSocketModeServer SOCKET = FakeSocketModeServer.start(WAIT);

    private static final String NOTE = "Zebra canaries halve the blast radius of a bad deploy #ops";

    @DynamicPropertySource
    static void tracingOn(DynamicPropertyRegistry registry) {
        SlackApiStub.reset();
        SlackApiStub.answer("apps.connections.open", "{\"ok\": true, \"url\": \"" + SOCKET.url() + "\"}");
        register(registry, "tracing", BOT_TOKEN, SIGNING_SECRET, APP_TOKEN);
        // OpenTelemetry's variable, a collector's base URL: spans go to its /v1/traces.
        registry.add("OTEL_EXPORTER_OTLP_ENDPOINT", () -> "http://127.0.0.1:" + COLLECTOR.port());
        registry.add("management.tracing.sampling.probability", () -> "1.0");
        registry.add("management.opentelemetry.tracing.export.schedule-delay", () -> "50ms");
    }

    private static WireMockServer collector() {
        WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(post("/v1/traces").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/x-protobuf")));
        return server;
    }

    @BeforeEach
    void connected() {
        SlackApiStub.answer("apps.connections.open", "{\"ok\": true, \"url\": \"" + SOCKET.url() + "\"}");
        await().atMost(WAIT).until(SOCKET::latestIsOpen);
        SOCKET.forgetReceived();
        COLLECTOR.resetRequests();
    }

    @AfterAll
    static void stopCollectorAndSocket() throws InterruptedException {
        COLLECTOR.stop();
        SOCKET.stop(1000);
    }

    @Test
    void aCaptureIsOneTraceOfItsRequestStatementsAndSlackCallsWithNothingAPersonWrote() {
        slack.post(SlackHttp.FORM, Fixtures.slashCommand(Map.of("command", "/takeaway", "text", NOTE)));
        awaitBackgroundWork();

        // The classification of the channel, after the ack, is the request's last span to end.
        List<Span> spans = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            spans.clear();
            spans.addAll(exported());
            assertThat(spans).extracting(Span::getName).contains("http post", "after-ack slow");
        });
        Span request = named(spans, "http post");
        assertThat(request.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
        assertThat(request.getParentSpanId().isEmpty()).as("the request is the trace's root").isTrue();
        assertThat(attributes(request)).containsEntry("http.url", "/slack/events");
        List<Span> trace = spans.stream().filter(span -> span.getTraceId().equals(request.getTraceId())).toList();

        assertThat(trace).filteredOn(span -> span.getName().equals("query"))
                .as("the capture's INSERT, as SQL with its placeholders")
                .anySatisfy(span -> assertThat(attributes(span).get("jdbc.query[0]"))
                        .contains("INSERT INTO takeaways").contains("?"))
                .allSatisfy(span -> assertThat(span.getParentSpanId()).isNotEmpty());
        Span afterAck = named(trace, "after-ack slow");
        assertThat(afterAck.getParentSpanId()).as("work after the ack is the request's child")
                .isEqualTo(request.getSpanId());
        Span slackCall = named(trace, "slack conversations.info");
        assertThat(slackCall.getParentSpanId()).isEqualTo(afterAck.getSpanId());
        assertThat(attributes(slackCall)).containsEntry("method", "conversations.info").containsEntry("outcome", "ok");

        assertNothingSecretExported();
    }

    @Test
    void aSocketModeEnvelopeIsATraceOfItsOwn() throws InterruptedException {
        JsonObject envelope = JsonParser.parseString(Fixtures.read("socket_mode/slash_commands_envelope.json"))
                .getAsJsonObject();
        envelope.getAsJsonObject("payload").addProperty("command", "/takeaway");
        envelope.getAsJsonObject("payload").addProperty("text", NOTE);
        SOCKET.send(envelope.toString());
        assertThat(SOCKET.nextReceived(WAIT)).as("acknowledged").isNotNull();
        awaitBackgroundWork();

        List<Span> spans = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            spans.clear();
            spans.addAll(exported());
            assertThat(spans).extracting(Span::getName).contains("slack socket mode slash_commands", "after-ack slow");
        });
        Span envelopeSpan = named(spans, "slack socket mode slash_commands");
        assertThat(envelopeSpan.getParentSpanId().isEmpty()).isTrue();
        assertThat(attributes(envelopeSpan)).containsEntry("type", "slash_commands");
        List<Span> trace = spans.stream().filter(span -> span.getTraceId().equals(envelopeSpan.getTraceId())).toList();
        assertThat(trace).extracting(Span::getName).contains("query", "slack conversations.info");
        assertThat(named(trace, "after-ack slow").getParentSpanId()).isEqualTo(envelopeSpan.getSpanId());
        assertNothingSecretExported();
    }

    private static void assertNothingSecretExported() {
        String everythingExported = COLLECTOR.findAll(postRequestedFor(urlEqualTo("/v1/traces"))).stream()
                .map(export -> new String(export.getBody(), StandardCharsets.ISO_8859_1))
                .collect(Collectors.joining("\n"));
        assertThat(everythingExported).contains("INSERT INTO takeaways")
                .doesNotContain("Zebra canaries").doesNotContain("blast radius")
                .doesNotContain(BOT_TOKEN).doesNotContain(APP_TOKEN).doesNotContain(SIGNING_SECRET);
    }

    private static Span named(List<Span> spans, String name) {
        return spans.stream().filter(span -> span.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no span " + name + " in " + spans.stream().map(Span::getName)
                        .toList()));
    }

    private static List<Span> exported() throws InvalidProtocolBufferException {
        List<Span> spans = new ArrayList<>();
        for (LoggedRequest export : COLLECTOR.findAll(postRequestedFor(urlEqualTo("/v1/traces")))) {
            ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(export.getBody());
            request.getResourceSpansList().forEach(resource -> resource.getScopeSpansList()
                    .forEach(scope -> spans.addAll(scope.getSpansList())));
        }
        return spans;
    }

    private static Map<String, String> attributes(Span span) {
        return span.getAttributesList().stream()
                .collect(Collectors.toMap(KeyValue::getKey, kv -> kv.getValue().getStringValue(), (a, b) -> a));
    }
}
