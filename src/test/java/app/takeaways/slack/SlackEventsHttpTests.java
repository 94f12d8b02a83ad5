package app.takeaways.slack;

import app.takeaways.testbed.Fixtures;
import app.takeaways.testbed.IntegrationTest;
import app.takeaways.testbed.SlackApiStub;
import app.takeaways.testbed.SlackHttp;
import app.takeaways.testbed.SlackSigner;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /slack/events} as Slack drives it: signatures, url_verification, bodies Slack would never send. */
class SlackEventsHttpTests extends IntegrationTest {

    private static final String FORGER = "not-the-signing-secret";

    @Test
    void answersUrlVerificationWithTheChallenge() {
        HttpResponse<String> response = slack.post(SlackHttp.JSON, Fixtures.read("events/url_verification.json"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
    }

    @Test
    void verifiesTheSignatureOverTheBodyByteForByte() {
        // A pretty-printed body ending in a newline: Bolt's own servlet re-joins lines and would reject it.
        String body = Fixtures.read("events/url_verification.json") + "\n";

        HttpResponse<String> response = slack.post(SlackHttp.JSON, body);

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void rejectsAWrongSignatureAndStoresNothing() {
        String body = takeawayCommand("This must not be stored #k8s");
        String timestamp = String.valueOf(Instant.now().getEpochSecond());

        HttpResponse<String> response = slack.post(SlackHttp.FORM, body, timestamp,
                SlackSigner.sign(FORGER, timestamp, body), null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(count("takeaways")).isZero();
    }

    @Test
    void rejectsAMissingSignature() {
        HttpResponse<String> response = slack.post(SlackHttp.FORM, takeawayCommand("unsigned #k8s"), null, null, null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(count("takeaways")).isZero();
    }

    @Test
    void rejectsATimestampOlderThanFiveMinutesEvenWhenSigned() {
        String body = takeawayCommand("A replayed request #k8s");
        String stale = String.valueOf(Instant.now().minusSeconds(6 * 60).getEpochSecond());

        HttpResponse<String> response = slack.post(SlackHttp.FORM, body, stale,
                SlackSigner.sign(SIGNING_SECRET, stale, body), null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(count("takeaways")).isZero();
    }

    @Test
    void rejectsTamperedBodies() {
        String body = takeawayCommand("original");
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        String signature = SlackSigner.sign(SIGNING_SECRET, timestamp, body);

        HttpResponse<String> response = slack.post(SlackHttp.FORM, body.replace("original", "tampered"), timestamp,
                signature, null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(count("takeaways")).isZero();
    }

    @Test
    void aWrongSignatureIs401WhateverTheBodyIs() {
        List<String> json = List.of("{\"type\": \"event_callback\", \"event\": ", "[1, 2, 3]", "{oops", "");
        List<String> forms = List.of("payload=%7Bnot-json", "hello=world", "payload=%zz&&&=", "");

        json.forEach(body -> assertThat(postSignedWith(FORGER, SlackHttp.JSON, body).statusCode()).as(body)
                .isEqualTo(401));
        forms.forEach(body -> assertThat(postSignedWith(FORGER, SlackHttp.FORM, body).statusCode()).as(body)
                .isEqualTo(401));
        assertThat(count("takeaways")).isZero();
    }

    @Test
    void noSignatureOrAStaleOneIs401WhateverTheBodyIs() {
        String stale = String.valueOf(Instant.now().minusSeconds(6 * 60).getEpochSecond());
        String garbage = "\u0000\u00ff{{{ not & a = payload %zz";

        HttpResponse<String> unsigned = slack.post(SlackHttp.FORM, garbage, null, null, null);
        HttpResponse<String> noTimestamp = slack.post(SlackHttp.JSON, "{oops", null, "v0=00", null);
        HttpResponse<String> replayed = slack.post(SlackHttp.JSON, "{oops", stale,
                SlackSigner.sign(SIGNING_SECRET, stale, "{oops"), null);

        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(JsonParser.parseString(unsigned.body()).getAsJsonObject().get("error").getAsString())
                .contains("not signed by Slack");
        assertThat(noTimestamp.statusCode()).isEqualTo(401);
        assertThat(replayed.statusCode()).isEqualTo(401);
        assertThat(count("takeaways")).isZero();
    }

    @Test
    void urlVerificationIsAnsweredOnlyWhenSigned() {
        HttpResponse<String> response = postSignedWith(FORGER, SlackHttp.JSON,
                Fixtures.read("events/url_verification.json"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).doesNotContain("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
    }

    @Test
    void aBodyOverTheCapIs401UnlessSlackSignedIt() {
        // A takeaway that would be stored, padded to one byte over the cap.
        String command = takeawayCommand("Far too long to be from Slack #k8s") + "&padding=";
        String body = command + "a".repeat(SlackEventsServlet.MAX_BODY_BYTES + 1 - command.length());

        HttpResponse<String> forged = postSignedWith(FORGER, SlackHttp.FORM, body);
        HttpResponse<String> signed = slack.post(SlackHttp.FORM, body);

        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(signed.statusCode()).isEqualTo(413);
        assertThat(JsonParser.parseString(signed.body()).getAsJsonObject().get("error").getAsString())
                .contains("too large");
        assertThat(count("takeaways")).isZero();
    }

    @Test
    void aBodyJustUnderTheCapIsServed() {
        String command = takeawayCommand("Long but from Slack #k8s") + "&padding=";
        String body = command + "a".repeat(SlackEventsServlet.MAX_BODY_BYTES - command.length());

        HttpResponse<String> response = slack.post(SlackHttp.FORM, body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(count("takeaways")).isEqualTo(1);
    }

    @Test
    void answersMalformedBodiesWith400() {
        assertThat(slack.post(SlackHttp.JSON, "{\"type\": \"event_callback\", \"event\": ").statusCode())
                .isEqualTo(400);
        assertThat(slack.post(SlackHttp.JSON, "[1, 2, 3]").statusCode()).isEqualTo(400);
        assertThat(slack.post(SlackHttp.JSON, "{\"no_type\": true}").statusCode()).isEqualTo(400);
        assertThat(slack.post(SlackHttp.JSON, "{\"type\": \"event_callback\"}").statusCode()).isEqualTo(400);
        assertThat(slack.post(SlackHttp.FORM, "payload=%7Bnot-json").statusCode()).isEqualTo(400);
        assertThat(slack.post(SlackHttp.FORM, "hello=world").statusCode()).isEqualTo(400);
        assertThat(slack.post(SlackHttp.FORM, "").statusCode()).isEqualTo(400);
        assertThat(count("takeaways")).isZero();
    }

    @Test
    void malformedBodyAnswerSaysWhatIsWrong() {
        HttpResponse<String> response = slack.post(SlackHttp.JSON, "{oops");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonObject error = JsonParser.parseString(response.body()).getAsJsonObject();
        assertThat(error.get("error").getAsString()).contains("malformed");
    }

    @Test
    void acknowledgesEventsWithoutStoringThem() {
        HttpResponse<String> message = slack.post(SlackHttp.JSON, Fixtures.read("events/message_plain.json"));
        HttpResponse<String> retried = slack.postRetry(SlackHttp.JSON, Fixtures.read("events/reaction_added.json"), 2);

        assertThat(message.statusCode()).isEqualTo(200);
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(count("takeaways")).isZero();
    }

    @Test
    void verifiesNonAsciiBodiesAsSlackSignsThem() {
        String body = Fixtures.read("events/message_plain.json").replace("Hello World!", "Café ☕ — 🚀 naïve");

        assertThat(slack.post(SlackHttp.JSON, body).statusCode()).isEqualTo(200);
    }

    @Test
    void healthIsUpInHttpMode() {
        HttpResponse<String> response = slack.get("/actuator/health");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject health = JsonParser.parseString(response.body()).getAsJsonObject();
        assertThat(health.get("status").getAsString()).isEqualTo("UP");
        assertThat(health.getAsJsonObject("components").getAsJsonObject("db").get("status").getAsString())
                .isEqualTo("UP");
        assertThat(slack.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(slack.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
    }

    @Test
    void exposesPrometheusMetrics() {
        slack.post(SlackHttp.FORM, takeawayCommand("Metrics please #observability"));

        HttpResponse<String> response = slack.get("/actuator/prometheus");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("takeaways_captured_total").contains("http_server_requests")
                // what the dashboard (deploy/grafana) draws the ack latency from, on either transport
                .containsPattern("takeaways_slack_ack_seconds_bucket\\{[^}]*outcome=\"acked\"[^}]*type=\"Command\"");
    }

    @Test
    void servesCommandsWhileSlackRejectsAuthTest() {
        SlackApiStub.answer("auth.test", Fixtures.read("web_api/auth.test.error.json"));

        HttpResponse<String> response = slack.post(SlackHttp.FORM, takeawayCommand("Works without auth.test"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("Saved your takeaway");
        assertThat(count("takeaways")).isEqualTo(1);
    }

    private HttpResponse<String> postSignedWith(String secret, String contentType, String body) {
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        return slack.post(contentType, body, timestamp, SlackSigner.sign(secret, timestamp, body), null);
    }

    static String takeawayCommand(String text) {
        return Fixtures.slashCommand(Map.of("command", "/takeaway", "text", text));
    }
}
