package app.takeaways.slack;

import app.takeaways.testbed.SlackTestBed;
import app.takeaways.testbed.Fixtures;
import app.takeaways.testbed.SlackApiStub;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test bed in OAuth mode ({@code SLACK_CLIENT_ID}, {@code SLACK_CLIENT_SECRET}, an encryption key, no bot token;
 * each subclass registers it with {@link #registerOAuth}): workspaces are installed through the install pages, as a
 * browser goes through them, with WireMock answering {@code oauth.v2.access} for each.
 */
abstract class OAuthModeTest extends SlackTestBed {

    static final String CLIENT_ID = "1111.2222";
    static final String CLIENT_SECRET = "oauth-client-secret-value";
    static final String KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    /** A workspace: its team, channel, person and token, each id marked with the team's letters. */
    record Workspace(String team, String name, String channel, String user, String token, String code) {
    }

    static final Workspace A = new Workspace("TAAA1", "Team Aardvark", "CAAA1", "UAAA1", "xoxb-aaa-token-1", "code-a");
    static final Workspace B = new Workspace("TBBB1", "Team Bison", "CBBB1", "UBBB1", "xoxb-bbb-token-2", "code-b");

    static final HttpClient BROWSER = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern STATE = Pattern.compile("[?&](?:amp;)?state=([^&\"]+)");

    /**
     * OAuth mode's settings, for a subclass's {@code @DynamicPropertySource}: HTTP mode with the test bed's signing
     * secret, or Socket Mode with an app token.
     */
    static void registerOAuth(DynamicPropertyRegistry registry, String signingSecret, String appToken) {
        register(registry, "takeaways", "", signingSecret, appToken);
        registry.add("slack.client-id", () -> CLIENT_ID);
        registry.add("slack.client-secret", () -> CLIENT_SECRET);
        registry.add("takeaways.encryption.key", () -> KEY);
    }

    @Override
    protected void learnWhoTheBotIs(BotIdentity identity) {
        // learnt per workspace, when first asked about
    }

    /** The "Add to Slack" page: its state and the cookie that binds it to this browser. */
    record Started(String state, String cookie, String page) {
    }

    Started startInstall() {
        HttpResponse<String> page = get("/slack/install", null);
        assertThat(page.statusCode()).isEqualTo(200);
        Matcher state = STATE.matcher(page.body());
        assertThat(state.find()).as(page.body()).isTrue();
        String cookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        return new Started(state.group(1), cookie, page.body());
    }

    /** Slack answers oauth.v2.access for this workspace's code. */
    static void slackGrants(Workspace workspace, String json) {
        SlackApiStub.stub(post(urlEqualTo("/api/oauth.v2.access")).withRequestBody(containing("code=" + workspace.code()))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(json)));
    }

    /** The whole install, to its landing page. */
    String install(Workspace workspace) {
        Started started = startInstall();
        slackGrants(workspace, oauthAccess(workspace, ""));
        HttpResponse<String> landing = get("/slack/oauth_redirect?code=" + workspace.code() + "&state="
                + started.state(), started.cookie());
        assertThat(landing.statusCode()).as(landing.body()).isEqualTo(200);
        return landing.body();
    }

    /** Slack's oauth.v2.access answer for the workspace; {@code extra} adds fields (token rotation's). */
    static String oauthAccess(Workspace workspace, String extra) {
        return """
                {"ok": true, "app_id": "A0KRD7HC3", "authed_user": {"id": "%s"}, "scope": "%s",
                 "token_type": "bot", "access_token": "%s", "bot_user_id": "U0BOT%s", %s
                 "team": {"id": "%s", "name": "%s"}, "enterprise": null, "is_enterprise_install": false}
                """.formatted(workspace.user(), SlackConfiguration.BOT_SCOPES, workspace.token(),
                workspace.team().substring(1), extra, workspace.team(), workspace.name());
    }

    /**
     * A goodbye event Slack's SDK records ({@code AppUninstalledPayload}, {@code TokensRevokedPayload}), as Slack sends
     * it for the workspace: an {@code event_callback} naming its team; {@code bots} are the revoked bot tokens' users.
     */
    static String goodbye(String sample, Workspace workspace, String... bots) {
        JsonObject body = JsonParser.parseString(Fixtures.read("sdk-samples/events/" + sample)).getAsJsonObject();
        body.addProperty("type", "event_callback");
        body.addProperty("api_app_id", "A0KRD7HC3");
        fromWorkspace(body, workspace);
        JsonObject tokens = body.getAsJsonObject("event").getAsJsonObject("tokens");
        if (tokens != null) {
            JsonArray revoked = new JsonArray();
            for (String bot : bots) {
                revoked.add(bot);
            }
            tokens.add("bot", revoked);
            tokens.add("oauth", new JsonArray());
            if (bots.length == 0) {
                tokens.getAsJsonArray("oauth").add(workspace.user());
            }
        }
        return body.toString();
    }

    /** An Events API body made the workspace's: its team, no org, a fresh event id. */
    static JsonObject fromWorkspace(JsonObject body, Workspace workspace) {
        body.addProperty("team_id", workspace.team());
        body.remove("enterprise_id");
        body.remove("authorizations");
        body.addProperty("event_id", "Ev" + workspace.team() + System.nanoTime());
        return body;
    }

    HttpResponse<String> get(String path, String cookie) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET();
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        try {
            return BROWSER.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
