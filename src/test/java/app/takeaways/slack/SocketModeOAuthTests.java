package app.takeaways.slack;

import app.takeaways.testbed.FakeSocketModeServer;
import app.takeaways.testbed.Fixtures;
import app.takeaways.testbed.SlackApiStub;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;

import static app.takeaways.testbed.SlackMessages.visibleText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * OAuth mode over Socket Mode: the one app-level token's socket carries the requests of every installed workspace,
 * each answered and followed up with that workspace's own token; the install pages are served over HTTP all the same.
 */
@DirtiesContext
class SocketModeOAuthTests extends OAuthModeTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final FakeSocketModeServer SLACK = FakeSocketModeServer.start(WAIT);

    @DynamicPropertySource
    static void socketMode(DynamicPropertyRegistry registry) {
        SlackApiStub.reset();
        SlackApiStub.answer("apps.connections.open", "{\"ok\": true, \"url\": \"" + SLACK.url() + "\"}");
        registerOAuth(registry, "", "xapp-1-A111-oauth-socket-test");
    }

    @AfterAll
    static void stopSlack() throws InterruptedException {
        SLACK.stop(1000);
    }

    @Test
    void oneSocketServesEveryInstalledWorkspaceEachWithItsToken() throws Exception {
        SlackApiStub.answer("apps.connections.open", "{\"ok\": true, \"url\": \"" + SLACK.url() + "\"}");
        await().atMost(WAIT).until(SLACK::latestIsOpen);
        assertThat(install(A)).contains("Takeaways is in Team Aardvark");
        assertThat(install(B)).contains("Takeaways is in Team Bison");
        SLACK.forgetReceived();

        for (Workspace workspace : java.util.List.of(A, B)) {
            SLACK.send(command(workspace, "env-" + workspace.team(), "Sockets carry every workspace #"
                    + workspace.team().toLowerCase()));
            JsonObject ack = SLACK.nextReceived(WAIT);
            assertThat(ack.get("envelope_id").getAsString()).isEqualTo("env-" + workspace.team());
            assertThat(visibleText(ack.getAsJsonObject("payload"))).contains("Saved your takeaway.");
        }
        awaitBackgroundWork();

        assertThat(jdbc.sql("SELECT team_id || ':' || channel_id FROM takeaways ORDER BY id").query(String.class)
                .list()).containsExactly("TAAA1:CAAA1", "TBBB1:CBBB1");
        // The channels were classified after the ack, each with its workspace's token.
        assertThat(SlackApiStub.requestsTo("conversations.info")).hasSize(2).allSatisfy(call -> {
            String channel = SlackApiStub.form(call).get("channel");
            String token = channel.equals(A.channel()) ? A.token() : B.token();
            assertThat(call.getHeader("Authorization")).isEqualTo("Bearer " + token);
        });
        // The socket was opened with the app-level token, never a workspace's.
        assertThat(SlackApiStub.requestsTo("apps.connections.open")).allSatisfy(call ->
                assertThat(call.getHeader("Authorization")).isEqualTo("Bearer xapp-1-A111-oauth-socket-test"));
    }

    private static String command(Workspace workspace, String envelopeId, String text) {
        JsonObject envelope = JsonParser.parseString(Fixtures.read("socket_mode/slash_commands_envelope.json"))
                .getAsJsonObject();
        envelope.addProperty("envelope_id", envelopeId);
        JsonObject payload = envelope.getAsJsonObject("payload");
        payload.addProperty("command", "/takeaway");
        payload.addProperty("text", text);
        payload.addProperty("team_id", workspace.team());
        payload.addProperty("channel_id", workspace.channel());
        payload.addProperty("user_id", workspace.user());
        return envelope.toString();
    }
}
