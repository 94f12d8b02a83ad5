package app.takeaways.slack.events;

import app.takeaways.testbed.IntegrationTest;
import app.takeaways.testbed.Payloads;
import app.takeaways.testbed.SlackApiStub;
import app.takeaways.testbed.SlackHttp;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import static app.takeaways.testbed.SlackMessages.blocksMessage;
import static app.takeaways.testbed.SlackMessages.blocksText;
import static app.takeaways.testbed.SlackMessages.buttonValue;
import static app.takeaways.testbed.SlackMessages.json;
import static app.takeaways.testbed.SlackMessages.visibleText;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Outline files sent to the bot, as Slack delivers them: a {@code file_share} message in the bot's DM, and
 * {@code @Takeaways import} with a file in a channel. WireMock plays {@code files.info} and the file's download URL,
 * which answers only with the bot token.
 */
class FileImportTests extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String BOT_USER = "W12345678"; // auth.test's user_id in the stub

    @Test
    void aFileSharedInTheDmIsPreviewedThereThenImportedAsThePersonsTakeawaysInTheDm() {
        file("F1", "reinvent-notes.txt", "text/plain", "text", sample().getBytes(StandardCharsets.UTF_8));

        slack.post(SlackHttp.JSON, dmFileShare("1700000000.000100", "F1"));

        Map<String, String> posted = awaitPosted();
        assertThat(posted).containsEntry("channel", "D111");
        String preview = blocksText(posted.get("blocks"));
        assertThat(preview).startsWith(":inbox_tray: *13 talks, 34 takeaways, 1 link* from *Monday*\n"
                + "• *Peter Thiel’s stanford talk* (2 takeaways)\n• *Deep dive on Amazon EKS* (6 takeaways)\n")
                .contains("and 8 more talks\n2 takeaways of no talk\n").endsWith("Import\nCancel");
        assertThat(count("takeaways")).as("a file in the DM is not captured as a takeaway").isZero();

        slack.post(SlackHttp.FORM, Payloads.click("import_confirm", buttonValue(blocksMessage(posted.get("blocks")),
                "import_confirm"), "W111", "dm-click"));

        await().atMost(WAIT).until(() -> SlackApiStub.responsesTo("dm-click").size() == 1);
        assertThat(visibleText(json(SlackApiStub.responsesTo("dm-click").get(0))))
                .isEqualTo(":white_check_mark: Imported 34 takeaways under 13 talks.");
        assertThat(jdbc.sql("SELECT DISTINCT user_id || ' ' || channel_id || ' ' || channel_type || ' ' || source"
                + " FROM takeaways").query(String.class).list()).containsExactly("W111 D111 im import");
        assertThat(count("takeaways")).isEqualTo(34);
    }

    @Test
    void theBotsOwnFileInTheDmIsNotImported() {
        file("F9", "export.md", "text/markdown", "markdown", "# Talk\n- A takeaway\n".getBytes(StandardCharsets.UTF_8));

        slack.post(SlackHttp.JSON, Payloads.event("events/message_plain.json", event -> {
            JsonObject share = JsonParser.parseString(dmFileShare("1700000000.000900", "F9")).getAsJsonObject()
                    .getAsJsonObject("event");
            share.entrySet().forEach(entry -> event.add(entry.getKey(), entry.getValue()));
            event.addProperty("user", BOT_USER);
            event.addProperty("bot_id", "B12345678");
        }));
        awaitBackgroundWork();

        assertThat(SlackApiStub.requestsTo("files.info")).isEmpty();
        assertThat(SlackApiStub.formsTo("chat.postMessage")).isEmpty();
        assertThat(count("import_drafts")).isZero();
    }

    @Test
    void aRetriedDeliveryGivesOnePreview() {
        file("F1", "notes.md", "text/markdown", "markdown", "# EKS deep dive\n- Karpenter picks instance types\n"
                .getBytes(StandardCharsets.UTF_8));
        String event = dmFileShare("1700000000.000200", "F1");

        slack.post(SlackHttp.JSON, event);
        slack.postRetry(SlackHttp.JSON, event, 1);
        awaitBackgroundWork();

        assertThat(SlackApiStub.formsTo("chat.postMessage")).hasSize(1);
        assertThat(blocksText(SlackApiStub.formsTo("chat.postMessage").get(0).get("blocks")))
                .startsWith(":inbox_tray: *1 talk, 1 takeaway, 0 links* from *notes.md*");
        assertThat(count("import_drafts")).isEqualTo(1);
        assertThat(count("takeaways")).isZero();
    }

    @Test
    void mentioningTheBotWithImportAndAFileInAChannelAnswersOnlyThePerson() {
        file("F2", "notes.opml", "text/x-opml", "text", """
                <?xml version="1.0" encoding="UTF-8"?>
                <opml version="2.0"><head><title>Notes</title></head><body>
                  <outline text="Tuesday">
                    <outline text="Serverless at scale">
                      <outline text="Cold starts under 100 ms with SnapStart"/>
                      <outline text="Step Functions for the glue"/>
                    </outline>
                  </outline>
                </body></opml>""".getBytes(StandardCharsets.UTF_8));

        slack.post(SlackHttp.JSON, Payloads.event("events/app_mention.json", event -> {
            event.addProperty("text", "<@" + BOT_USER + "> import");
            event.add("files", files("F2"));
        }));

        await().atMost(WAIT).until(() -> !SlackApiStub.formsTo("chat.postEphemeral").isEmpty());
        Map<String, String> ephemeral = SlackApiStub.formsTo("chat.postEphemeral").get(0);
        assertThat(ephemeral).containsEntry("channel", "C111").containsEntry("user", "W222");
        assertThat(blocksText(ephemeral.get("blocks"))).startsWith(":inbox_tray: *1 talk, 2 takeaways, 0 links* from"
                + " *Tuesday*\n• *Serverless at scale* (2 takeaways)");

        slack.post(SlackHttp.FORM, Payloads.click("import_confirm", buttonValue(blocksMessage(
                ephemeral.get("blocks")), "import_confirm"), "W222", "mention-click"));

        await().atMost(WAIT).until(() -> SlackApiStub.responsesTo("mention-click").size() == 1);
        assertThat(jdbc.sql("SELECT DISTINCT user_id || ' ' || channel_id || ' ' || channel_type FROM takeaways")
                .query(String.class).list()).containsExactly("W222 C111 public_channel");
    }

    @Test
    void aMentionWithImportButNoFileSaysHowToSendOne() {
        slack.post(SlackHttp.JSON, Payloads.event("events/app_mention.json",
                event -> event.addProperty("text", "<@" + BOT_USER + "> import")));

        await().atMost(WAIT).until(() -> !SlackApiStub.formsTo("chat.postEphemeral").isEmpty());
        assertThat(blocksText(SlackApiStub.formsTo("chat.postEphemeral").get(0).get("blocks"))).isEqualTo(
                ":inbox_tray: Attach the outline file (.txt, .md or .opml) to the message that mentions me with"
                        + " `import`. Or use `/takeaway import` to paste one.");
    }

    @Test
    void anEmptyFile() {
        file("F1", "notes.txt", "text/plain", "text", new byte[0]);

        assertThat(answerTo("F1")).isEqualTo(":information_source: `notes.txt` is empty: send the outline with its"
                + " talks and takeaways in it.");
    }

    @Test
    void aBinaryFile() {
        file("F1", "notes.bin", "application/octet-stream", "binary", new byte[]{'%', 'P', 0, 1, 2, 'x'});

        assertThat(answerTo("F1")).isEqualTo(":information_source: I could not read `notes.bin`: it is not a text"
                + " file. Send a .txt, .md or .opml outline.");
    }

    @Test
    void aFileThatIsNotUtf8() {
        file("F1", "notes.txt", "text/plain", "text", new byte[]{'T', 'a', 'l', 'k', '\n', '-', ' ', (byte) 0xE9, '\n'});

        assertThat(answerTo("F1")).isEqualTo(":information_source: I could not read `notes.txt`: it is not a text"
                + " file. Send a .txt, .md or .opml outline.");
    }

    @Test
    void aPdfIsNotDownloaded() {
        file("F1", "notes.pdf", "application/pdf", "pdf", "%PDF-1.7".getBytes(StandardCharsets.UTF_8));

        assertThat(answerTo("F1")).isEqualTo(":information_source: I could not read `notes.pdf`: it is not a text"
                + " file. Send a .txt, .md or .opml outline.");
        assertThat(SlackApiStub.client().find(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlEqualTo("/files-pri/F1/notes.pdf")))).isEmpty();
    }

    @Test
    void aFileOverTheLimitBySlacksWord() {
        SlackApiStub.answer("files.info", fileInfo("F1", "big.txt", "text/plain", "text", 3_355_443));

        assertThat(answerTo("F1")).isEqualTo(":information_source: `big.txt` is 3.2 MB; I import outlines up to 1 MB."
                + " Split it and send the parts.");
    }

    @Test
    void aFileOverTheLimitWhileReadingWhateverSlackSaid() {
        byte[] big = new byte[1024 * 1024 + 10];
        Arrays.fill(big, (byte) 'a');
        file("F1", "big.txt", "text/plain", "text", big);
        SlackApiStub.answer("files.info", fileInfo("F1", "big.txt", "text/plain", "text", 100));

        assertThat(answerTo("F1")).isEqualTo(":information_source: `big.txt` is over 1 MB; I import outlines up to 1 MB."
                + " Split it and send the parts.");
    }

    @Test
    void anOpmlFileWithoutItemsOrNotWellFormed() {
        file("F1", "x.opml", "text/x-opml", "text", "<opml version=\"2.0\"><body><outline text=\"Talk\">"
                .getBytes(StandardCharsets.UTF_8));

        assertThat(answerTo("F1")).isEqualTo(":information_source: `x.opml` has no outline items I can read: send an"
                + " OPML file whose `&lt;outline text=\"...\"&gt;` items hold talks and their takeaways, or a .txt or"
                + " .md outline.");
    }

    @Test
    void aFileWithoutTakeaways() {
        file("F1", "x.md", "text/markdown", "markdown", "---\n\n***\n".getBytes(StandardCharsets.UTF_8));

        assertThat(answerTo("F1")).isEqualTo(":information_source: `x.md` has no takeaways I can read: write one per"
                + " line under a talk title, like `# EKS deep dive` and under it `- Karpenter picks instance types per"
                + " pod`.");
    }

    @Test
    void aFileSlackNoLongerHas() {
        SlackApiStub.answer("files.info", "{\"ok\": false, \"error\": \"file_not_found\"}");

        assertThat(answerTo("F1")).isEqualTo(":information_source: Slack says the file is gone (file_not_found):"
                + " share it again here.");
    }

    @Test
    void withoutTheFilesReadScope() {
        SlackApiStub.answer("files.info", "{\"ok\": false, \"error\": \"missing_scope\", \"needed\": \"files:read\","
                + " \"provided\": \"chat:write,commands\"}");

        assertThat(answerTo("F1")).isEqualTo(":warning: I am missing the files:read permission: reinstall the app from"
                + " manifest.yml (README, \"Create the Slack app\").");
    }

    /** Shares the file in the DM and returns the one answer posted there. */
    private String answerTo(String fileId) {
        slack.post(SlackHttp.JSON, dmFileShare("1700000000.000300", fileId));
        Map<String, String> posted = awaitPosted();
        assertThat(posted).containsEntry("channel", "D111");
        awaitBackgroundWork();
        assertThat(SlackApiStub.formsTo("chat.postMessage")).hasSize(1);
        assertThat(count("takeaways")).isZero();
        return blocksText(posted.get("blocks"));
    }

    private static Map<String, String> awaitPosted() {
        await().atMost(WAIT).until(() -> !SlackApiStub.formsTo("chat.postMessage").isEmpty());
        return SlackApiStub.formsTo("chat.postMessage").get(0);
    }

    /** files.info for the file, and its download URL, which answers only with the bot token. */
    private static void file(String id, String name, String mimetype, String filetype, byte[] content) {
        SlackApiStub.answer("files.info", fileInfo(id, name, mimetype, filetype, content.length));
        SlackApiStub.stub(get(urlEqualTo("/files-pri/" + id + "/" + name))
                .withHeader("Authorization", equalTo("Bearer " + BOT_TOKEN))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", mimetype).withBody(content)));
    }

    /** A files.info answer in Slack's shape (web_api spec), its download URL at WireMock. */
    private static String fileInfo(String id, String name, String mimetype, String filetype, long size) {
        String base = SlackApiStub.apiUrl().replaceFirst("/api/$", "");
        JsonObject file = new JsonObject();
        file.addProperty("id", id);
        file.addProperty("created", 1700000000);
        file.addProperty("name", name);
        file.addProperty("title", name);
        file.addProperty("mimetype", mimetype);
        file.addProperty("filetype", filetype);
        file.addProperty("pretty_type", filetype);
        file.addProperty("user", "W111");
        file.addProperty("mode", "hosted");
        file.addProperty("size", size);
        file.addProperty("url_private", base + "/files-pri/" + id + "/" + name);
        file.addProperty("url_private_download", base + "/files-pri/" + id + "/" + name);
        JsonObject answer = new JsonObject();
        answer.addProperty("ok", true);
        answer.add("file", file);
        return answer.toString();
    }

    /** A file_share message in the DM D111 by W111, its file as the event carries it (id and name). */
    private static String dmFileShare(String ts, String fileId) {
        return Payloads.event("events/message_plain.json", event -> {
            event.addProperty("subtype", "file_share");
            event.addProperty("text", "");
            event.remove("blocks");
            event.addProperty("ts", ts);
            event.addProperty("event_ts", ts);
            event.addProperty("channel", "D111");
            event.addProperty("channel_type", "im");
            event.addProperty("upload", false);
            event.add("files", files(fileId));
        });
    }

    private static JsonArray files(String fileId) {
        JsonObject file = new JsonObject();
        file.addProperty("id", fileId);
        file.addProperty("file_access", "check_file_info");
        file.addProperty("created", 1700000000);
        JsonArray files = new JsonArray();
        files.add(file);
        return files;
    }

    private static String sample() {
        try (InputStream in = FileImportTests.class.getResourceAsStream("/samples/reinvent-notes.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
