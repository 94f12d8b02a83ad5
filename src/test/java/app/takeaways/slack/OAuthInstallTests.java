package app.takeaways.slack;

import app.takeaways.testbed.Fixtures;
import app.takeaways.testbed.SlackApiStub;
import app.takeaways.testbed.SlackHttp;
import app.takeaways.workspace.Installation;
import app.takeaways.workspace.Installations;
import app.takeaways.workspace.TeamRetention;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The install flow's refusals (a denied install, a state that is unknown, expired, replayed or from another browser,
 * a code Slack refuses), org-wide installs, token rotation (one refresh kept when two instances race) and a
 * revoked bot token.
 */
@ExtendWith(OutputCaptureExtension.class)
class OAuthInstallTests extends OAuthModeTest {

    @DynamicPropertySource
    static void manyWorkspaces(DynamicPropertyRegistry registry) {
        registerOAuth(registry, SIGNING_SECRET, "");
    }

    @Autowired
    Installations installations;

    @Autowired
    com.slack.api.Slack slackClient;

    @Autowired
    Clock clock;

    @Autowired
    TeamRetention retention;

    @Test
    void aDeniedInstallSaysSoAndStoresNothing() {
        Started started = startInstall();

        HttpResponse<String> page = get("/slack/oauth_redirect?error=access_denied&state=" + started.state(),
                started.cookie());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Takeaways was not installed")
                .contains("The install was cancelled on Slack&#39;s page, so nothing was added to your workspace.")
                .contains("href=\"/slack/install\"");
        assertThat(installationCount()).isZero();
    }

    @Test
    void aStateFromAnotherBrowserIsRefused() {
        Started mine = startInstall();
        Started theirs = startInstall();
        slackGrants(A, oauthAccess(A, ""));

        HttpResponse<String> page = get("/slack/oauth_redirect?code=" + A.code() + "&state=" + theirs.state(),
                mine.cookie());

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("This install link has expired")
                .contains("An install link works once, for 10 minutes, in the browser that opened it.");
        assertThat(SlackApiStub.requestsTo("oauth.v2.access")).isEmpty();
        assertThat(installationCount()).isZero();
    }

    @Test
    void anExpiredStateIsRefused() {
        Started started = startInstall();
        jdbc.sql("UPDATE oauth_states SET created_at = now() - interval '11 minutes'").update();
        slackGrants(A, oauthAccess(A, ""));

        HttpResponse<String> page = get("/slack/oauth_redirect?code=" + A.code() + "&state=" + started.state(),
                started.cookie());

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("This install link has expired");
        assertThat(installationCount()).isZero();
    }

    @Test
    void aStateWorksOnce() {
        Started started = startInstall();
        slackGrants(A, oauthAccess(A, ""));
        String redirect = "/slack/oauth_redirect?code=" + A.code() + "&state=" + started.state();
        assertThat(get(redirect, started.cookie()).statusCode()).isEqualTo(200);

        HttpResponse<String> again = get(redirect, started.cookie());

        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains("This install link has expired");
        assertThat(SlackApiStub.requestsTo("oauth.v2.access")).hasSize(1);
    }

    @Test
    void aCodeSlackRefusesStoresNothingAndLogsNoSecret(CapturedOutput output) {
        Started started = startInstall();
        slackGrants(A, "{\"ok\": false, \"error\": \"invalid_code\"}");

        HttpResponse<String> page = get("/slack/oauth_redirect?code=" + A.code() + "&state=" + started.state(),
                started.cookie());

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("Slack did not accept the install (invalid_code)");
        assertThat(installationCount()).isZero();
        assertThat(output).doesNotContain(CLIENT_SECRET).doesNotContain(A.token());
    }

    @Test
    void anOrgWideInstallServesEveryWorkspaceOfTheOrgAndTheSchedulerFindsIt() {
        Started started = startInstall();
        slackGrants(A, """
                {"ok": true, "app_id": "A0KRD7HC3", "authed_user": {"id": "UAAA1"}, "scope": "commands",
                 "token_type": "bot", "access_token": "xoxb-org-token", "bot_user_id": "U0BOTORG",
                 "team": null, "enterprise": {"id": "E0ORG1", "name": "Grid Org"}, "is_enterprise_install": true}
                """);
        HttpResponse<String> page = get("/slack/oauth_redirect?code=" + A.code() + "&state=" + started.state(),
                started.cookie());
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("Takeaways is in Grid Org");

        // A command from one of the org's workspaces, naming the org
        HttpResponse<String> saved = slack.post(SlackHttp.FORM, Fixtures.slashCommand(java.util.Map.of(
                "command", "/takeaway", "text", "Org-wide installs need one token #grid", "team_id", "TORG7",
                "enterprise_id", "E0ORG1", "channel_id", "CORG7", "user_id", "UORG7",
                "response_url", SlackApiStub.responseUrl("org"))));
        assertThat(saved.body()).contains("Saved your takeaway");
        awaitBackgroundWork();

        // Later, knowing only the workspace (as the scheduler and the work after an ack do)
        InstalledBots bots = new InstalledBots(installations, slackClient, CLIENT_ID, CLIENT_SECRET, clock,
                Duration.ofHours(2), retention);
        assertThat(bots.bot("TORG7")).map(TeamBot::token).contains("xoxb-org-token");
        assertThat(bots.bot("TOTHER")).isEmpty();
        assertThat(SlackApiStub.formsTo("conversations.info")).isNotEmpty();
        assertThat(SlackApiStub.requestsTo("conversations.info")).allSatisfy(call ->
                assertThat(call.getHeader("Authorization")).isEqualTo("Bearer xoxb-org-token"));

        // The org uninstalls: every workspace of it is left
        assertThat(bots.uninstalled("E0ORG1", null)).contains("TORG7");
        assertThat(installationCount()).isZero();
    }

    @Test
    void whenTwoInstancesRefreshAnExpiringTokenAtOnceOneRefreshIsKeptAndBothUseIt() throws Exception {
        Started started = startInstall();
        slackGrants(A, oauthAccess(A, "\"refresh_token\": \"xoxe-1-first-refresh\", \"expires_in\": 600,"));
        assertThat(get("/slack/oauth_redirect?code=" + A.code() + "&state=" + started.state(), started.cookie())
                .statusCode()).isEqualTo(200);
        Installation stored = installations.find(null, A.team()).orElseThrow();
        assertThat(stored.botRefreshToken()).isEqualTo("xoxe-1-first-refresh");
        assertThat(stored.botTokenExpiresAt()).isBefore(clock.instant().plus(Duration.ofHours(2)));
        // Each refresh Slack answers gives new tokens, slowly enough for both instances to ask.
        SlackApiStub.stub(post(urlEqualTo("/api/oauth.v2.access"))
                .withRequestBody(containing("grant_type=refresh_token"))
                .withRequestBody(containing("refresh_token=xoxe-1-first-refresh"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withFixedDelay(500)
                        .withTransformers("response-template")
                        .withBody("{\"ok\": true, \"token_type\": \"bot\", \"access_token\": \"xoxb-rotated-{{randomValue"
                                + " length=8 type='ALPHANUMERIC'}}\", \"refresh_token\": \"xoxe-1-next-{{randomValue"
                                + " length=8 type='ALPHANUMERIC'}}\", \"expires_in\": 43200}")));
        InstalledBots one = new InstalledBots(installations, slackClient, CLIENT_ID, CLIENT_SECRET, clock,
                Duration.ofHours(2), retention);
        InstalledBots other = new InstalledBots(installations, slackClient, CLIENT_ID, CLIENT_SECRET, clock,
                Duration.ofHours(2), retention);

        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<String> tokens = new ArrayList<>();
        try {
            List<Callable<Optional<TeamBot>>> asks = List.of(() -> one.bot(A.team()), () -> other.bot(A.team()));
            for (Future<Optional<TeamBot>> asked : pool.invokeAll(asks)) {
                tokens.add(asked.get().orElseThrow().token());
            }
        } finally {
            pool.shutdownNow();
        }

        Installation now = installations.find(null, A.team()).orElseThrow();
        assertThat(now.botToken()).startsWith("xoxb-rotated-");
        assertThat(now.botRefreshToken()).startsWith("xoxe-1-next-");
        assertThat(now.botTokenExpiresAt()).isAfter(clock.instant().plus(Duration.ofHours(11)));
        assertThat(tokens).containsOnly(now.botToken());
        assertThat(SlackApiStub.formsTo("oauth.v2.access")).filteredOn(form -> !form.containsKey("code"))
                .hasSizeBetween(1, 2)
                .allSatisfy(form -> assertThat(form).containsEntry("grant_type", "refresh_token"));
    }

    @Test
    void aRevokedBotTokenRemovesTheInstallationButPeoplesTokensDoNot() {
        install(A);
        String people = goodbye("TokensRevokedPayload.json", A);
        assertThat(slack.post(SlackHttp.JSON, people).statusCode()).isEqualTo(200);
        assertThat(installationCount()).isEqualTo(1);

        String bot = goodbye("TokensRevokedPayload.json", A, "U0BOTAAA1");
        assertThat(slack.post(SlackHttp.JSON, bot).statusCode()).isEqualTo(200);
        assertThat(installationCount()).isZero();
    }

    private int installationCount() {
        return jdbc.sql("SELECT count(*) FROM installations").query(Integer.class).single();
    }
}
