package app.takeaways.slack;

import app.takeaways.digest.DigestScheduler;
import app.takeaways.digest.DigestSchedulers;
import app.takeaways.testbed.MutableClock;
import org.springframework.context.ApplicationContext;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import app.takeaways.testbed.Fixtures;
import app.takeaways.testbed.SlackApiStub;
import app.takeaways.testbed.SlackHttp;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static app.takeaways.testbed.SlackMessages.json;
import static app.takeaways.testbed.SlackMessages.visibleText;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * OAuth mode with two workspaces installed through the install pages, as a browser and Slack would go through them:
 * each captures, searches and gets its digest with its own token; no Web API call for one carries the other's token
 * or touches the other's channels and people; and an uninstall stops everything for that workspace alone.
 */
class MultiWorkspaceTests extends OAuthModeTest {

    @Autowired
    ApplicationContext context;

    @Test
    void twoWorkspacesEachCaptureSearchAndGetADigestWithTheirOwnTokenAndAnUninstallStopsOnlyOne() {
        String page = startInstall().page();
        assertThat(page).contains("Add to Slack").contains("https://slack.com/oauth/v2/authorize?client_id="
                + CLIENT_ID + "&amp;scope=" + java.net.URLEncoder.encode(SlackConfiguration.BOT_SCOPES,
                StandardCharsets.UTF_8) + "&amp;user_scope=&amp;state=");
        assertThat(install(A)).contains("Takeaways is in Team Aardvark").contains("/invite @Takeaways");
        assertThat(install(B)).contains("Takeaways is in Team Bison");
        assertThat(jdbc.sql("SELECT tenant_id FROM installations ORDER BY 1").query(String.class).list())
                .containsExactly(A.team(), B.team());
        // A dump of the table shows no usable token: each is encrypted, under the key's id.
        assertThat(jdbc.sql("SELECT concat_ws(' ', bot_token, bot_refresh_token, key_id) FROM installations")
                .query(String.class).list()).allSatisfy(row -> assertThat(row).startsWith("tk1:")
                .doesNotContain("xoxb-"));
        stubPeople();

        // Capture, in each workspace
        assertThat(said(A, "Karpenter bin-packs nodes on spot #k8s", "a-capture"))
                .contains("Saved your takeaway");
        assertThat(said(B, "Vector search needs hybrid ranking #search", "b-capture"))
                .contains("Saved your takeaway");
        // The App Home, in A
        slack.post(SlackHttp.JSON, event(A, Fixtures.read("events/app_home_opened_org_app.json")));
        awaitBackgroundWork();
        assertThat(jdbc.sql("SELECT team_id || ':' || text FROM takeaways ORDER BY id").query(String.class).list())
                .containsExactly("TAAA1:Karpenter bin-packs nodes on spot #k8s",
                        "TBBB1:Vector search needs hybrid ranking #search");

        // Search: each sees its own
        assertThat(said(B, "search karpenter", "b-search")).doesNotContain("bin-packs");
        assertThat(said(B, "search vector", "b-search-2")).contains("search needs hybrid ranking");
        assertThat(said(A, "search karpenter", "a-search")).contains("bin-packs nodes on spot");

        // A weekly digest in each workspace's channel, posted by the scheduler
        assertThat(said(A, "digest on", "a-digest")).contains("Weekly digest on");
        assertThat(said(B, "digest on", "b-digest")).contains("Weekly digest on");
        MutableClock later = new MutableClock(nextRun().plusSeconds(20));
        DigestScheduler scheduler = DigestSchedulers.on(later, context);
        scheduler.tick();
        assertThat(postsIn(A.channel())).singleElement().satisfies(text -> assertThat(text).contains("Karpenter"));
        assertThat(postsIn(B.channel())).singleElement().satisfies(text -> assertThat(text).contains("Vector search"));
        assertNoCallCrossesWorkspaces();

        // A leaves
        SlackApiStub.forgetRequests();
        assertThat(slack.post(SlackHttp.JSON, goodbye("AppUninstalledPayload.json", A))
                .statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT tenant_id FROM installations").query(String.class).list())
                .containsExactly(B.team());
        assertThat(said(A, "Still here? #k8s", "a-after")).contains("not installed in this workspace");
        command(B, "Still here #search", "b-after");
        slack.post(SlackHttp.JSON, event(A, Fixtures.read("events/app_home_opened_org_app.json")));
        awaitBackgroundWork();
        // A week later, with something new to show in both channels
        jdbc.sql("UPDATE takeaways SET created_at = created_at + interval '7 days'").update();
        later.set(later.instant().plus(Duration.ofDays(7)));
        scheduler.tick();
        assertThat(postsIn(A.channel())).isEmpty();
        assertThat(postsIn(B.channel())).hasSize(1);
        assertThat(tokensUsed()).containsOnly(B.token());
        // What A saved is kept (for the retention period): a re-install finds it
        assertThat(jdbc.sql("SELECT count(*) FROM takeaways WHERE team_id = 'TAAA1'").query(Integer.class).single())
                .isEqualTo(1);
    }

    private static void stubPeople() {
        SlackApiStub.answer("users.info", Fixtures.read("web_api/users.info.json"));
        SlackApiStub.answer("conversations.replies", Fixtures.read("web_api/conversations.replies.json"));
        SlackApiStub.answer("users.conversations", "{\"ok\": true, \"channels\": []}");
    }

    /** What the person who typed the command saw: its ack, then whatever came through its response URL. */
    private String said(Workspace workspace, String text, String responseUrl) {
        String ack = command(workspace, text, responseUrl);
        awaitBackgroundWork();
        StringBuilder seen = new StringBuilder(ack.isBlank() ? "" : visibleText(json(ack)));
        SlackApiStub.responsesTo(responseUrl).forEach(body -> seen.append('\n').append(visibleText(json(body))));
        return seen.toString();
    }

    private String command(Workspace workspace, String text, String responseUrl) {
        HttpResponse<String> response = slack.post(SlackHttp.FORM, Fixtures.slashCommand(Map.of("command",
                "/takeaway", "text", text, "team_id", workspace.team(), "team_domain", workspace.name(),
                "enterprise_id", "", "channel_id", workspace.channel(), "user_id", workspace.user(),
                "response_url", SlackApiStub.responseUrl(responseUrl))));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    /** An event as Slack sends it for the workspace: its team, channel and person throughout. */
    private static String event(Workspace workspace, String fixture) {
        return fixture.replace("\"enterprise_id\": \"E", "\"enterprise_id\": \"X")
                .replaceAll("\"team_id\": \"[^\"]*\"", "\"team_id\": \"" + workspace.team() + "\"")
                .replaceAll("\"team\": \"[^\"]*\"", "\"team\": \"" + workspace.team() + "\"")
                .replaceAll("\"enterprise_id\": \"[^\"]*\"", "\"enterprise_id\": null")
                .replaceAll("\"channel\": \"[^\"]*\"", "\"channel\": \"" + workspace.channel() + "\"")
                .replaceAll("\"user\": \"[^\"]*\"", "\"user\": \"" + workspace.user() + "\"")
                .replaceAll("\"event_id\": \"[^\"]*\"", "\"event_id\": \"Ev" + workspace.team()
                        + System.nanoTime() + "\"");
    }

    private Instant nextRun() {
        return jdbc.sql("SELECT max(next_run_at) FROM digest_subscriptions")
                .query((rows, n) -> rows.getObject(1, OffsetDateTime.class).toInstant()).single();
    }

    private static List<String> postsIn(String channel) {
        return SlackApiStub.formsTo("chat.postMessage").stream()
                .filter(form -> channel.equals(form.get("channel")))
                .map(form -> form.get("blocks"))
                .toList();
    }

    /** Every Web API call was made with the token of the workspace whose channels and people it names. */
    private static void assertNoCallCrossesWorkspaces() {
        List<LoggedRequest> calls = webApiCalls();
        assertThat(calls).hasSizeGreaterThan(10);
        for (LoggedRequest call : calls) {
            String token = token(call);
            String body = URLDecoder.decode(call.getBodyAsString(), StandardCharsets.UTF_8);
            Workspace own = token.equals(A.token()) ? A : token.equals(B.token()) ? B : null;
            assertThat(own).as("%s with an unknown token", call.getUrl()).isNotNull();
            Workspace other = own == A ? B : A;
            assertThat(body).as("%s with %s's token", call.getUrl(), own.name())
                    .doesNotContain(other.channel()).doesNotContain(other.user());
        }
        assertThat(calls.stream().map(MultiWorkspaceTests::token).distinct()).contains(A.token(), B.token());
    }

    private static List<String> tokensUsed() {
        return webApiCalls().stream().map(MultiWorkspaceTests::token).distinct().toList();
    }

    private static List<LoggedRequest> webApiCalls() {
        return SlackApiStub.client().find(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching("/api/.*"))).stream()
                .filter(call -> !call.getUrl().endsWith("/oauth.v2.access"))
                .toList();
    }

    private static String token(LoggedRequest call) {
        String header = call.getHeader("Authorization");
        if (header != null && header.startsWith("Bearer ")) {
            return header.substring("Bearer ".length());
        }
        return SlackApiStub.form(call).getOrDefault("token", "none");
    }
}
