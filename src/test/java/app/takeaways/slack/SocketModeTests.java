package app.takeaways.slack;

import app.takeaways.testbed.FakeSocketModeServer;
import app.takeaways.testbed.IntegrationTest;
import app.takeaways.testbed.Fixtures;
import app.takeaways.testbed.FormState;
import app.takeaways.testbed.SlackApiStub;
import app.takeaways.testbed.SlackHttp;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;

import static app.takeaways.testbed.SlackMessages.visibleText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Socket Mode, with Slack's side played by a local WebSocket server that {@code apps.connections.open} (WireMock)
 * points to: envelopes are handled and acknowledged by envelope id, and the client reconnects when Slack asks or
 * the socket drops.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class SocketModeTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final FakeSocketModeServer SLACK = FakeSocketModeServer.start(WAIT);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void socketMode(DynamicPropertyRegistry registry) {
        SlackApiStub.reset();
        SlackApiStub.answer("apps.connections.open", "{\"ok\": true, \"url\": \"" + SLACK.url() + "\"}");
        IntegrationTest.register(registry, "takeaways", "xoxb-socket-test", "", "xapp-1-A111-socket-test");
    }

    @BeforeEach
    void connected() {
        SlackApiStub.answer("apps.connections.open", "{\"ok\": true, \"url\": \"" + SLACK.url() + "\"}");
        jdbc.sql("TRUNCATE takeaway_links, takeaways, talks, channels RESTART IDENTITY CASCADE").update();
        await().atMost(WAIT).until(SLACK::latestIsOpen);
        await().atMost(WAIT).until(() -> health().equals("UP"));
        SLACK.forgetReceived();
    }

    @AfterAll
    static void stopSlack() throws InterruptedException {
        SLACK.stop(1000);
    }

    @Test
    void acknowledgesASlashCommandEnvelopeWithItsIdAndTheConfirmation() throws Exception {
        SLACK.send(slashCommandEnvelope("env-1", "Socket Mode needs no public URL #slack", "3.3.a", 0));

        JsonObject ack = SLACK.nextReceived(WAIT);

        assertThat(ack).isNotNull();
        assertThat(ack.get("envelope_id").getAsString()).isEqualTo("env-1");
        JsonObject payload = ack.getAsJsonObject("payload");
        assertThat(payload.get("response_type").getAsString()).isEqualTo("ephemeral");
        assertThat(visibleText(payload)).contains("Saved your takeaway.").contains("Socket Mode needs no public URL");
        assertThat(jdbc.sql("SELECT text || ' ' || array_to_string(tags, ',') FROM takeaways").query(String.class)
                .single()).isEqualTo("Socket Mode needs no public URL #slack slack");
    }

    @Test
    void aRedeliveredEnvelopeIsStoredOnce() throws Exception {
        SLACK.send(slashCommandEnvelope("env-2", "Delivered twice, kept once", "3.3.b", 0));
        assertThat(SLACK.nextReceived(WAIT)).isNotNull();

        SLACK.send(slashCommandEnvelope("env-2", "Delivered twice, kept once", "3.3.b", 1));
        JsonObject second = SLACK.nextReceived(WAIT);

        assertThat(second.get("envelope_id").getAsString()).isEqualTo("env-2");
        assertThat(visibleText(second.getAsJsonObject("payload"))).contains("Already saved.");
        assertThat(jdbc.sql("SELECT count(*) FROM takeaways").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void acknowledgesEventEnvelopes() throws Exception {
        SLACK.send(Fixtures.read("socket_mode/events_api_message_envelope.json"));

        JsonObject ack = SLACK.nextReceived(WAIT);

        assertThat(ack.get("envelope_id").getAsString()).isEqualTo("ac2cfd40-6f8c-4d5e-a1ad-646e532baa19");
        assertThat(jdbc.sql("SELECT count(*) FROM takeaways").query(Long.class).single()).isZero();
    }

    @Test
    void answersAFormSubmissionEnvelopeWithItsFieldErrors() throws Exception {
        JsonObject envelope = JsonParser.parseString(Fixtures.read("socket_mode/interactive_shortcut_envelope.json"))
                .getAsJsonObject();
        envelope.addProperty("envelope_id", "env-form");
        String body = FormState.form().text("text", " ").text("link", "ftp://nope")
                .submission("capture_takeaway", "V1", "{\"channelId\":\"C111\"}", "U111");
        String payload = java.net.URLDecoder.decode(body.substring("payload=".length()),
                java.nio.charset.StandardCharsets.UTF_8);
        envelope.add("payload", JsonParser.parseString(payload));

        SLACK.send(envelope.toString());

        JsonObject ack = SLACK.nextReceived(WAIT);
        assertThat(ack.get("envelope_id").getAsString()).isEqualTo("env-form");
        JsonObject answer = ack.getAsJsonObject("payload");
        assertThat(answer.get("response_action").getAsString()).isEqualTo("errors");
        assertThat(answer.getAsJsonObject("errors").get("link").getAsString())
                .isEqualTo("Enter a web address starting with https:// (or http://).");
    }

    @Test
    void reconnectsWhenSlackSendsDisconnect() throws Exception {
        int opened = SLACK.connectionsOpened();
        int connectionsOpenCalls = SlackApiStub.requestsTo("apps.connections.open").size();

        SLACK.send(Fixtures.read("socket_mode/disconnect.json"));

        await().atMost(WAIT).until(() -> SLACK.connectionsOpened() == opened + 1 && SLACK.latestIsOpen());
        assertThat(SlackApiStub.requestsTo("apps.connections.open")).hasSize(connectionsOpenCalls + 1);
        assertThat(SlackApiStub.requestsTo("apps.connections.open").get(connectionsOpenCalls).getHeader("Authorization"))
                .isEqualTo("Bearer xapp-1-A111-socket-test");

        SLACK.send(slashCommandEnvelope("env-3", "Still here after a refresh", "3.3.c", 0));
        JsonObject ack = SLACK.nextReceived(WAIT);
        assertThat(ack.get("envelope_id").getAsString()).isEqualTo("env-3");
        await().atMost(WAIT).until(() -> health().equals("UP"));
    }

    @Test
    void healthIsDownWhileDisconnectedAndUpAgainAfterReconnecting() {
        SlackApiStub.answer("apps.connections.open", "{\"ok\": false, \"error\": \"invalid_auth\"}");
        int opened = SLACK.connectionsOpened();
        int calls = SlackApiStub.requestsTo("apps.connections.open").size();

        SLACK.closeLatest();

        await().atMost(WAIT).until(() -> health().equals("DOWN"));
        // Slack refuses a new connection: the app stays up, reports DOWN, and keeps trying.
        await().atMost(WAIT).until(() -> SlackApiStub.requestsTo("apps.connections.open").size() > calls);
        assertThat(health()).isEqualTo("DOWN");
        assertThat(readiness()).isEqualTo(503);

        SlackApiStub.answer("apps.connections.open", "{\"ok\": true, \"url\": \"" + SLACK.url() + "\"}");
        await().atMost(Duration.ofSeconds(90)).until(() -> SLACK.connectionsOpened() > opened && health().equals("UP"));
        assertThat(readiness()).isEqualTo(200);
    }

    private String health() {
        var response = new SlackHttp(port, "unused").get("/actuator/health");
        return JsonParser.parseString(response.body()).getAsJsonObject().get("status").getAsString();
    }

    private int readiness() {
        return new SlackHttp(port, "unused").get("/actuator/health/readiness").statusCode();
    }

    private static String slashCommandEnvelope(String envelopeId, String text, String triggerId, int retryAttempt) {
        JsonObject envelope = JsonParser.parseString(Fixtures.read("socket_mode/slash_commands_envelope.json"))
                .getAsJsonObject();
        envelope.addProperty("envelope_id", envelopeId);
        if (retryAttempt > 0) {
            envelope.addProperty("retry_attempt", retryAttempt);
            envelope.addProperty("retry_reason", "timeout");
        }
        JsonObject payload = envelope.getAsJsonObject("payload");
        payload.addProperty("command", "/takeaway");
        payload.addProperty("text", text);
        payload.addProperty("trigger_id", triggerId);
        return envelope.toString();
    }
}
