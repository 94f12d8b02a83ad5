package app.takeaways.slack;

import app.takeaways.digest.DigestScheduler;
import app.takeaways.digest.DigestSchedulers;
import app.takeaways.testbed.Fixtures;
import app.takeaways.testbed.MutableClock;
import app.takeaways.testbed.Payloads;
import app.takeaways.testbed.SlackApiStub;
import app.takeaways.testbed.SlackHttp;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;

import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static app.takeaways.testbed.SlackMessages.json;
import static app.takeaways.testbed.SlackMessages.visibleText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * OAuth mode with two workspaces installed through the install pages, as a browser and Slack would go through them:
 * each captures, searches and gets its digest with its own token; no Web API call for one carries the other's token
 * or touches the other's channels and people; and an uninstall stops everything for that workspace alone.
 */
@ExtendWith(OutputCaptureExtension.class)
class MultiWorkspaceTests extends OAuthModeTest {

    @DynamicPropertySource
    static void manyWorkspaces(DynamicPropertyRegistry registry) {
        registerOAuth(registry, SIGNING_SECRET, "");
    }

    @Autowired
    ApplicationContext context;

    @Test
    void twoWorkspacesEachCaptureSearchAndGetADigestWithTheirOwnTokenAndAnUninstallStopsOnlyOne(CapturedOutput output) {
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
        slack.post(SlackHttp.JSON, homeOpened(A));
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
        assertThat(methodsCalled()).contains("conversations.info", "chat.postMessage", "views.publish", "users.info");

        // A leaves
        SlackApiStub.forgetRequests();
        assertThat(slack.post(SlackHttp.JSON, goodbye("AppUninstalledPayload.json", A))
                .statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT tenant_id FROM installations").query(String.class).list())
                .containsExactly(B.team());
        assertThat(said(A, "Still here? #k8s", "a-after")).contains("not installed in this workspace");
        command(B, "Still here #search", "b-after");
        slack.post(SlackHttp.JSON, homeOpened(A));
        awaitBackgroundWork();
        // A week later, with something new to show in both channels
        jdbc.sql("UPDATE takeaways SET created_at = created_at + interval '7 days'").update();
        later.set(later.instant().plus(Duration.ofDays(7)));
        scheduler.tick();
        assertThat(postsIn(A.channel())).isEmpty();
        assertThat(postsIn(B.channel())).hasSize(1);
        assertThat(tokensUsed()).containsOnly(B.token());
        assertThat(jdbc.sql("SELECT team_id || ':' || coalesce(paused_reason, 'active') FROM digest_subscriptions"
                + " ORDER BY 1").query(String.class).list()).containsExactly("TAAA1:app_uninstalled", "TBBB1:active");

        // What A saved is kept for the retention period, and a re-install finds it
        assertThat(jdbc.sql("SELECT team_id FROM uninstalled_teams").query(String.class).list())
                .containsExactly(A.team());
        assertThat(install(A)).contains("Takeaways is in Team Aardvark");
        assertThat(jdbc.sql("SELECT count(*) FROM uninstalled_teams").query(Integer.class).single()).isZero();
        assertThat(said(A, "search karpenter", "a-back")).contains("bin-packs nodes on spot");
        assertThat(said(A, "digest status", "a-status")).contains("the app was uninstalled from this workspace");
        // No token, client secret or signing secret in the log, from all of the above
        assertThat(output).doesNotContain(A.token()).doesNotContain(B.token()).doesNotContain(CLIENT_SECRET)
                .doesNotContain(SIGNING_SECRET).doesNotContain(KEY);
    }

    private static void stubPeople() {
        SlackApiStub.answer("users.info", Fixtures.read("web_api/users.info.json"));
        SlackApiStub.answer("conversations.replies", Fixtures.read("web_api/conversations.replies.json"));
        SlackApiStub.answer("users.conversations", "{\"ok\": true, \"channels\": []}");
    }

    @Test
    void reactionsTalksSummariesAndExportsCallSlackWithTheirOwnWorkspacesToken() {
        install(A);
        install(B);
        stubPeople();
        SlackApiStub.takesFiles("D0DM");
        for (Workspace workspace : List.of(A, B)) {
            // a talk thread, a reply in it, its summary
            assertThat(said(workspace, "talk \"Scaling " + workspace.name() + "\" #talks", "talk-" + workspace.team()))
                    .contains("Talk thread started");
            assertThat(said(workspace, "Batch writes cut our bill in " + workspace.name(), "note-" + workspace.team()))
                    .contains("Saved your takeaway");
            // a reaction on someone's message
            SlackApiStub.answer("conversations.history", """
                    {"ok": true, "messages": [{"type": "message", "user": "%s", "text": "Cells cap the blast radius in %s",
                     "ts": "1599529504.000400"}]}""".formatted(workspace.user(), workspace.name()));
            slack.post(SlackHttp.JSON, reaction(workspace));
            await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.sql(
                            "SELECT count(*) FROM takeaways WHERE team_id = :team AND source = 'reaction'")
                    .param("team", workspace.team()).query(Integer.class).single() == 1);
            // a summary and an export
            said(workspace, "summary batch", "summary-" + workspace.team());
            assertThat(said(workspace, "export", "export-" + workspace.team())).contains("Sent you");
        }
        awaitBackgroundWork();

        assertNoCallCrossesWorkspaces();
        assertThat(methodsCalled()).contains("conversations.history", "conversations.open", "files.getUploadURLExternal",
                        "files.completeUploadExternal", "chat.postMessage", "chat.postEphemeral");
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

    /** The person reacts with :memo: to a message in the workspace's channel. */
    private static String reaction(Workspace workspace) {
        JsonObject body = fromWorkspace(JsonParser.parseString(Payloads.reactionAdded("memo", workspace.user(),
                "1599529504.000400", "unused")).getAsJsonObject(), workspace);
        JsonObject event = body.getAsJsonObject("event");
        event.getAsJsonObject("item").addProperty("channel", workspace.channel());
        event.addProperty("item_user", workspace.user());
        return body.toString();
    }

    /** The person opens the app's Home tab in the workspace. */
    private static String homeOpened(Workspace workspace) {
        JsonObject body = fromWorkspace(JsonParser.parseString(Fixtures.read("events/app_home_opened_org_app.json"))
                .getAsJsonObject(), workspace);
        JsonObject event = body.getAsJsonObject("event");
        event.addProperty("tab", "home");
        event.addProperty("user", workspace.user());
        return body.toString();
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

    private static List<String> methodsCalled() {
        return webApiCalls().stream().map(call -> call.getUrl().substring("/api/".length())).distinct().toList();
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
