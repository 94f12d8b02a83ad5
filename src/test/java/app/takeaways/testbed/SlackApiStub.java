package app.takeaways.testbed;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * Slack's Web API, played by WireMock at {@code SLACK_API_URL}. One server per test JVM; stubs are reset before
 * each test. Answers use the shapes of Slack's own API spec ({@code slack-fixtures/web_api}).
 */
public final class SlackApiStub {

    private static final WireMockServer SERVER = start();

    private SlackApiStub() {
    }

    private static WireMockServer start() {
        WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "wiremock-stop"));
        return server;
    }

    public static String apiUrl() {
        return "http://127.0.0.1:" + SERVER.port() + "/api/";
    }

    /** Clears stubs and recorded requests, then answers auth.test and conversations.info as a healthy workspace. */
    public static void reset() {
        SERVER.resetAll();
        answer("auth.test", Fixtures.read("web_api/auth.test.json"));
        answer("conversations.info", conversation("C111", "random", false));
    }

    public static void stub(MappingBuilder mapping) {
        SERVER.stubFor(mapping);
    }

    /** Answers a Web API method with HTTP 200 and the given JSON body. */
    public static void answer(String method, String json) {
        SERVER.stubFor(post(urlEqualTo("/api/" + method)).willReturn(aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(json)));
    }

    public static List<LoggedRequest> requestsTo(String method) {
        return SERVER.findAll(postRequestedFor(urlEqualTo("/api/" + method)));
    }

    public static WireMock client() {
        return new WireMock(SERVER.port());
    }

    /** A conversations.info answer. */
    public static String conversation(String id, String name, boolean isPrivate) {
        return """
                {"ok": true, "channel": {"id": "%s", "name": "%s", "is_channel": %s, "is_group": false,
                 "is_im": false, "is_mpim": false, "is_private": %s, "is_archived": false, "is_member": true}}
                """.formatted(id, name, !isPrivate, isPrivate);
    }
}
