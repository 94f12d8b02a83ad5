package app.takeaways.slack.commands;

import app.takeaways.note.CaptureTakeaway;
import app.takeaways.note.TakeawayCapture;
import app.takeaways.testbed.Fixtures;
import app.takeaways.testbed.IntegrationTest;
import app.takeaways.testbed.SlackApiStub;
import app.takeaways.testbed.SlackHttp;
import app.takeaways.workspace.ChannelType;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static app.takeaways.testbed.SlackMessages.json;
import static app.takeaways.testbed.SlackMessages.visibleText;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /takeaway export [search]} as Slack sends it: acked at once, then the files uploaded the way Slack takes
 * them now (an upload URL per file, the bytes POSTed there, one completeUploadExternal into the person's DM), only
 * what the person may see; nothing to export and Slack's refusals answered in a line.
 */
class ExportSubcommandTests extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Autowired
    TakeawayCapture capture;

    private int requests;

    @BeforeEach
    void slackTakesFiles() {
        SlackApiStub.takesFiles("D0DM");
    }

    @Test
    void sendsAMarkdownOutlineAndACsvToThePersonsDm() throws IOException {
        capture("C111", ChannelType.PUBLIC_CHANNEL, "W111", "Karpenter picks instance types per pod #k8s"
                + " <https://karpenter.sh|docs> talk:\"EKS deep dive\"");
        capture("C111", ChannelType.PUBLIC_CHANNEL, "W222", "Bottlerocket boots in seconds, \"really\" talk:\"EKS deep dive\"");
        capture("C111", ChannelType.PUBLIC_CHANNEL, "W111", "A thought of no talk");

        String ack = visibleText(json(slack.post(SlackHttp.FORM, command("export")).body()));

        assertThat(ack).isEqualTo(":outbox_tray: Exporting your takeaways… I will send you a Markdown outline and a"
                + " CSV in a DM with me.");
        await().atMost(WAIT).until(() -> SlackApiStub.responsesTo("export").size() == 1);
        assertThat(visibleText(json(SlackApiStub.responsesTo("export").get(0))))
                .isEqualTo(":white_check_mark: Sent you 3 takeaways in a DM with me: a Markdown outline and a CSV.");
        assertThat(SlackApiStub.formsTo("conversations.open")).singleElement()
                .satisfies(form -> assertThat(form).containsEntry("users", "W111"));
        List<Map<String, String>> urls = SlackApiStub.formsTo("files.getUploadURLExternal");
        assertThat(urls).hasSize(2);
        assertThat(urls.get(0).get("filename")).matches("takeaways-\\d{4}-\\d{2}-\\d{2}-\\d{4}\\.md");
        assertThat(urls.get(1).get("filename")).endsWith(".csv");

        String markdown = SlackApiStub.uploaded("F0MD");
        assertThat(Integer.parseInt(urls.get(0).get("length")))
                .isEqualTo(markdown.getBytes(StandardCharsets.UTF_8).length);
        assertThat(markdown).startsWith("title:: Takeaways export\nexported-by:: @W111\nexported-at:: ")
                .contains("query:: (everything)\n\n- EKS deep dive\n"
                        + "    - Karpenter picks instance types per pod #k8s [docs](<https://karpenter.sh>)"
                        + "\n      author:: spengler (@W111)\n")
                .contains("    - Bottlerocket boots in seconds, \"really\"\n"
                        + "      author:: spengler (@W222)\n")
                .contains("\n- A thought of no talk\n  author:: spengler (@W111)\n  date:: ");
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(SlackApiStub.uploaded("F0CSV"))).getRecords();
        assertThat(SlackApiStub.uploaded("F0CSV")).startsWith("date,author,channel,talk,tags,links,text,permalink\r\n");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).toMap()).containsEntry("author", "spengler").containsEntry("channel", "random")
                .containsEntry("talk", "EKS deep dive").containsEntry("tags", "k8s")
                .containsEntry("links", "https://karpenter.sh")
                .containsEntry("text", "Karpenter picks instance types per pod #k8s docs (https://karpenter.sh)");
        assertThat(rows.get(1).get("text")).isEqualTo("Bottlerocket boots in seconds, \"really\"");

        Map<String, String> complete = SlackApiStub.formsTo("files.completeUploadExternal").get(0);
        assertThat(complete).containsEntry("channel_id", "D0DM")
                .containsEntry("initial_comment", "Your export: 3 takeaways, as a Markdown outline (talks, takeaways,"
                        + " sub-points, links, tags) and a CSV.");
        JsonArray files = JsonParser.parseString(complete.get("files")).getAsJsonArray();
        assertThat(files).hasSize(2);
        assertThat(files.get(0).getAsJsonObject().get("id").getAsString()).isEqualTo("F0MD");
        assertThat(files.get(1).getAsJsonObject().get("id").getAsString()).isEqualTo("F0CSV");
    }

    @Test
    void aSearchExportsOnlyWhatMatchesAndNeverAnotherPersonsPrivateNotes() {
        capture("C111", ChannelType.PUBLIC_CHANNEL, "W222", "Karpenter consolidates nodes #k8s");
        capture("C111", ChannelType.PUBLIC_CHANNEL, "W222", "Karpenter on Fargate #k8s");
        capture("C111", ChannelType.PUBLIC_CHANNEL, "W222", "Helm charts for everything #k8s");
        capture("G999", ChannelType.PRIVATE_CHANNEL, "W222", "Karpenter secret rollout #k8s");
        capture("G888", ChannelType.PRIVATE_CHANNEL, "W111", "Karpenter in my own private channel #k8s");

        String ack = visibleText(json(slack.post(SlackHttp.FORM, command("export karpenter tag:k8s -fargate")).body()));

        assertThat(ack).isEqualTo(":outbox_tray: Exporting the takeaways matching `karpenter tag:k8s -fargate`… I will"
                + " send you a Markdown outline and a CSV in a DM with me.");
        await().atMost(WAIT).until(() -> SlackApiStub.responsesTo("export").size() == 1);
        String markdown = SlackApiStub.uploaded("F0MD");
        assertThat(markdown).contains("query:: karpenter tag:k8s -fargate\n")
                .contains("- Karpenter consolidates nodes #k8s").contains("- Karpenter in my own private channel #k8s")
                .doesNotContain("Fargate").doesNotContain("Helm").doesNotContain("secret");
        assertThat(SlackApiStub.uploaded("F0CSV")).contains("Karpenter consolidates nodes").doesNotContain("secret");
        assertThat(SlackApiStub.formsTo("files.completeUploadExternal").get(0).get("initial_comment"))
                .isEqualTo("Your export: 2 takeaways matching `karpenter tag:k8s -fargate`, as a Markdown outline"
                        + " (talks, takeaways, sub-points, links, tags) and a CSV.");
    }

    @Test
    void nothingToExportIsSaidInALineWithoutFiles() {
        capture("G999", ChannelType.PRIVATE_CHANNEL, "W222", "Karpenter secret rollout");

        slack.post(SlackHttp.FORM, command("export karpenter"));

        await().atMost(WAIT).until(() -> SlackApiStub.responsesTo("export").size() == 1);
        assertThat(visibleText(json(SlackApiStub.responsesTo("export").get(0))))
                .isEqualTo(":shrug: Nothing to export: no takeaway you may see matches `karpenter`.");
        assertThat(SlackApiStub.requestsTo("files.getUploadURLExternal")).isEmpty();
        assertThat(SlackApiStub.requestsTo("conversations.open")).isEmpty();
    }

    @ParameterizedTest(name = "{0} refused: {1} missing")
    @CsvSource({"files.getUploadURLExternal, files:write", "conversations.open, im:write"})
    void withoutAScopeThePersonIsToldWhatToDo(String method, String scope) {
        capture("C111", ChannelType.PUBLIC_CHANNEL, "W111", "Karpenter consolidates nodes");
        SlackApiStub.answer(method, "{\"ok\": false, \"error\": \"missing_scope\", \"needed\": \"" + scope + "\"}");

        slack.post(SlackHttp.FORM, command("export"));

        await().atMost(WAIT).until(() -> SlackApiStub.responsesTo("export").size() == 1);
        assertThat(visibleText(json(SlackApiStub.responsesTo("export").get(0)))).isEqualTo(":warning: I could not"
                + " send your export: I lack Slack's `" + scope + "` permission. Ask whoever installed Takeaways to"
                + " add the `files:write` and `im:write` scopes (they are in `manifest.yml`) and reinstall the app,"
                + " then try again.");
        assertThat(SlackApiStub.requestsTo("files.completeUploadExternal")).isEmpty();
    }

    private static String command(String text) {
        return Fixtures.slashCommand(Map.of("command", "/takeaway", "text", text,
                "response_url", SlackApiStub.responseUrl("export")));
    }

    private void capture(String channel, ChannelType type, String user, String text) {
        capture.capture(CaptureTakeaway.fromSlashCommand("T111", channel, type, user, text, "export-" + (++requests)));
    }
}
