package app.takeaways.slack;

import app.takeaways.testbed.Fixtures;
import app.takeaways.testbed.SlackApiStub;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(OutputCaptureExtension.class)
class SlackGatewayTests {

    private static final String TOKEN = "xoxb-gateway-secret-token";

    private final List<Duration> waits = new ArrayList<>();
    private Slack slack;
    private SlackGateway.Team gateway;

    @BeforeEach
    void setUp() {
        SlackApiStub.reset();
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(SlackApiStub.apiUrl());
        config.setStatsEnabled(false);
        slack = Slack.getInstance(config);
        gateway = new SlackGateway(slack, new ConfiguredBot(TOKEN), waits::add, ObservationRegistry.NOOP)
                .in("T12345678");
    }

    @AfterEach
    void tearDown() throws Exception {
        slack.close();
    }

    @Test
    void sendsTheBotTokenAndReadsTheAnswer() {
        SlackApiStub.answer("conversations.info", Fixtures.read("web_api/conversations.info.json"));

        var conversation = gateway.conversationInfo("C012AB3CD");

        assertThat(conversation.getName()).isEqualTo("general");
        assertThat(SlackApiStub.requestsTo("conversations.info").get(0).getHeader("Authorization"))
                .isEqualTo("Bearer " + TOKEN);
    }

    @Test
    void waitsOutRetryAfterOn429ThenSucceeds() {
        SlackApiStub.stub(post(urlEqualTo("/api/auth.test")).inScenario("rate").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")
                        .withHeader("Content-Type", "application/json; charset=utf-8")
                        .withBody(Fixtures.read("web_api/ratelimited.429.json")))
                .willSetStateTo("waited"));
        SlackApiStub.stub(post(urlEqualTo("/api/auth.test")).inScenario("rate").whenScenarioStateIs("waited")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(Fixtures.read("web_api/auth.test.json"))));

        BotIdentity.Identity identity = gateway.authTest();

        assertThat(waits).containsExactly(Duration.ofSeconds(7));
        assertThat(identity.teamId()).isEqualTo("T12345678");
        assertThat(identity.botUserId()).isEqualTo("W12345678");
    }

    @Test
    void givesUpAfterAFewRateLimitedAttempts() {
        SlackApiStub.stub(post(urlEqualTo("/api/auth.test")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "120").withBody(Fixtures.read("web_api/ratelimited.429.json"))));

        assertThatThrownBy(gateway::authTest).isInstanceOfSatisfying(SlackApiCallException.class,
                e -> assertThat(e.error()).isEqualTo("ratelimited"));
        assertThat(waits).hasSize(SlackGateway.MAX_ATTEMPTS - 1)
                .allSatisfy(wait -> assertThat(wait).isEqualTo(SlackGateway.MAX_RETRY_AFTER));
    }

    @Test
    void turnsSlackErrorsIntoTheirCodesWithoutLoggingTheToken(CapturedOutput output) {
        SlackApiStub.answer("conversations.info", Fixtures.read("web_api/conversations.info.error.json"));

        assertThatThrownBy(() -> gateway.conversationInfo("C404")).isInstanceOfSatisfying(SlackApiCallException.class,
                e -> {
                    assertThat(e.error()).isEqualTo("channel_not_found");
                    assertThat(e.method()).isEqualTo("conversations.info");
                    assertThat(e).hasMessage("Slack conversations.info failed: channel_not_found");
                });
        assertThat(output).contains("Slack conversations.info failed: channel_not_found").doesNotContain(TOKEN);
    }

    @Test
    void anHttpErrorIsNamedByItsStatus() {
        SlackApiStub.stub(post(urlEqualTo("/api/conversations.info")).willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> gateway.conversationInfo("C1")).isInstanceOfSatisfying(SlackApiCallException.class,
                e -> assertThat(e.error()).isEqualTo("http_503"));
    }

    @Test
    void anUnreachableSlackIsSaidSo(CapturedOutput output) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix("http://127.0.0.1:9/api/");
        config.setStatsEnabled(false);
        SlackGateway.Team offline = new SlackGateway(Slack.getInstance(config), new ConfiguredBot(TOKEN), waits::add,
                ObservationRegistry.NOOP)
                .in("T12345678");

        assertThatThrownBy(offline::authTest).isInstanceOfSatisfying(SlackApiCallException.class,
                e -> assertThat(e.error()).isEqualTo("unreachable"));
        assertThat(output).doesNotContain(TOKEN);
    }

    @Test
    void readsRetryAfterDefensively() {
        assertThat(SlackGateway.retryAfter("3")).isEqualTo(Duration.ofSeconds(3));
        assertThat(SlackGateway.retryAfter(null)).isEqualTo(Duration.ofSeconds(1));
        assertThat(SlackGateway.retryAfter("soon")).isEqualTo(Duration.ofSeconds(1));
        assertThat(SlackGateway.retryAfter("0")).isEqualTo(Duration.ofSeconds(1));
        assertThat(SlackGateway.retryAfter("3600")).isEqualTo(SlackGateway.MAX_RETRY_AFTER);
    }
}
