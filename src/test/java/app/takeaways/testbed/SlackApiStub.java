package app.takeaways.testbed;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
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

    /**
     * Clears stubs and recorded requests, then answers as a healthy workspace with Slack's own example answers:
     * auth.test, conversations.info (a public channel), chat.postMessage, chat.postEphemeral, chat.update, chat.getPermalink,
     * views.open, views.publish, reactions.add, and response URLs under {@link #responseUrl}.
     */
    public static void reset() {
        SERVER.resetAll();
        answer("auth.test", Fixtures.read("web_api/auth.test.json"));
        answer("conversations.info", conversation("C111", "random", false));
        answer("chat.postMessage", Fixtures.read("web_api/chat.postMessage.json"));
        answer("chat.postEphemeral", Fixtures.read("web_api/chat.postEphemeral.json"));
        answer("chat.update", "{\"ok\": true, \"channel\": \"C111\", \"ts\": \"1503435956.000247\"}");
        answer("chat.getPermalink", Fixtures.read("web_api/chat.getPermalink.json"));
        answer("views.open", Fixtures.read("web_api/views.open.json"));
        answer("views.publish", Fixtures.read("web_api/views.publish.json"));
        answer("reactions.add", "{\"ok\": true}");
        SERVER.stubFor(post(urlPathMatching("/respond/.*")).willReturn(aResponse().withStatus(200).withBody("ok")));
    }

    /** Forgets the requests received so far; the stubs stay. */
    public static void forgetRequests() {
        SERVER.resetRequests();
    }

    /** A response_url that this stub answers (and records), as Slack's hooks would. */
    public static String responseUrl(String name) {
        return "http://127.0.0.1:" + SERVER.port() + "/respond/" + name;
    }

    /** What the app posted to a response URL, as JSON bodies, in order. */
    public static List<String> responsesTo(String name) {
        return SERVER.findAll(postRequestedFor(urlEqualTo("/respond/" + name))).stream()
                .map(LoggedRequest::getBodyAsString).toList();
    }

    /** Form parameters of the requests to a Web API method, in order (the SDK posts forms). */
    public static List<Map<String, String>> formsTo(String method) {
        return requestsTo(method).stream().map(SlackApiStub::form).toList();
    }

    /** The form parameters of one request. */
    public static Map<String, String> form(LoggedRequest request) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : request.getBodyAsString().split("&")) {
            String[] kv = pair.split("=", 2);
            fields.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return fields;
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

    /** Answers conversations.info for one channel (the others keep the default answer). */
    public static void conversationIs(String channelId, String json) {
        SERVER.stubFor(post(urlEqualTo("/api/conversations.info"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("channel=" + channelId))
                .atPriority(1)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
                        .withBody(json)));
    }

    /** A conversations.info answer for a channel shared with another organisation (Slack Connect). */
    public static String sharedConversation(String id, String name) {
        return """
                {"ok": true, "channel": {"id": "%s", "name": "%s", "is_channel": true, "is_group": false,
                 "is_im": false, "is_mpim": false, "is_private": false, "is_shared": true, "is_ext_shared": true,
                 "is_org_shared": false, "is_archived": false, "is_member": true}}
                """.formatted(id, name);
    }

    /** A conversations.info answer. */
    public static String conversation(String id, String name, boolean isPrivate) {
        return """
                {"ok": true, "channel": {"id": "%s", "name": "%s", "is_channel": %s, "is_group": false,
                 "is_im": false, "is_mpim": false, "is_private": %s, "is_archived": false, "is_member": true}}
                """.formatted(id, name, !isPrivate, isPrivate);
    }

    /**
     * Slack takes files as it does now: a DM opened with {@code dm}, an upload URL per file (on this server, under
     * {@code /upload/F0MD} and {@code /upload/F0CSV} for the export's two), the bytes taken there, the upload
     * completed; people's names from {@code users.info}.
     */
    public static void takesFiles(String dm) {
        answer("conversations.open", "{\"ok\": true, \"channel\": {\"id\": \"" + dm + "\"}}");
        answer("users.info", Fixtures.read("web_api/users.info.json"));
        uploadUrl(".md", "F0MD");
        uploadUrl(".csv", "F0CSV");
        stub(post(urlPathMatching("/upload/.*")).willReturn(aResponse().withStatus(200).withBody("OK - 123")));
        answer("files.completeUploadExternal", "{\"ok\": true, \"files\": [{\"id\": \"F0MD\"},"
                + " {\"id\": \"F0CSV\"}]}");
    }

    private static void uploadUrl(String extension, String fileId) {
        stub(post(urlEqualTo("/api/files.getUploadURLExternal"))
                .withRequestBody(containing(extension))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"ok\": true, \"upload_url\": \"" + apiUrl().replace("/api/", "/upload/")
                                + fileId + "\", \"file_id\": \"" + fileId + "\"}")));
    }

    /** The bytes uploaded for a file ({@link #takesFiles}), uploaded once. */
    public static String uploaded(String fileId) {
        List<LoggedRequest> posts = client().find(postRequestedFor(urlEqualTo("/upload/" + fileId)));
        if (posts.size() != 1) {
            throw new AssertionError("Expected one upload of " + fileId + ", not " + posts.size());
        }
        return posts.get(0).getBodyAsString();
    }
}
