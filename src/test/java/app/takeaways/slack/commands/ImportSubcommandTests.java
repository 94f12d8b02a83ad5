package app.takeaways.slack.commands;

import app.takeaways.testbed.Fixtures;
import app.takeaways.testbed.IntegrationTest;
import app.takeaways.testbed.Payloads;
import app.takeaways.testbed.SlackApiStub;
import app.takeaways.testbed.SlackHttp;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static app.takeaways.testbed.FormState.form;
import static app.takeaways.testbed.SlackMessages.blockTexts;
import static app.takeaways.testbed.SlackMessages.buttonValue;
import static app.takeaways.testbed.SlackMessages.json;
import static app.takeaways.testbed.SlackMessages.visibleText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /takeaway import}: the paste form, its preview, and Import / Cancel under it, as Slack sends them, against
 * real Postgres and a stubbed Web API.
 */
class ImportSubcommandTests extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** The sample's first 29 lines (2,764 characters: a form holds 3,000): six talks of Monday, 20 takeaways. */
    private static final String PART = lines(29);
    private static final String PREVIEW = """
            :inbox_tray: *6 talks, 20 takeaways, 1 link* from *Monday*
            • *Peter Thiel’s stanford talk* (2 takeaways)
            • *Deep dive on Amazon EKS* (6 takeaways)
            • *Kubernetes at AWS: Strategy, road map, and vision* (3 takeaways)
            • *Up-level your container image security with the latest from Amazon ECR* (2 takeaways)
            • *Delivering code and architectures through AWS Proton and Git* (2 takeaways)
            and 1 more talk
            2 takeaways of no talk
            Import saves them as your takeaways in this conversation, under their talks. Importing the same outline\
             again adds only what is new.
            Import
            Cancel""";

    @Test
    void importAloneOpensTheFormToPasteAnOutline() {
        HttpResponse<String> ack = slack.post(SlackHttp.FORM, command("import", "paste"));

        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(ack.body()).isEmpty();
        await().atMost(WAIT).until(() -> !SlackApiStub.formsTo("views.open").isEmpty());
        Map<String, String> opened = SlackApiStub.formsTo("views.open").get(0);
        assertThat(opened).containsEntry("trigger_id", "111.222.xxx");
        JsonObject view = json(opened.get("view"));
        assertThat(view.get("callback_id").getAsString()).isEqualTo("import_outline");
        assertThat(view.get("private_metadata").getAsString()).contains("\"channelId\":\"C111\"")
                .contains(SlackApiStub.responseUrl("paste"));
        JsonObject input = view.getAsJsonArray("blocks").get(0).getAsJsonObject();
        assertThat(input.get("block_id").getAsString()).isEqualTo("outline");
        JsonObject element = input.getAsJsonObject("element");
        assertThat(element.get("type").getAsString()).isEqualTo("plain_text_input");
        assertThat(element.get("multiline").getAsBoolean()).isTrue();
        assertThat(element.get("max_length").getAsInt()).isEqualTo(3000);
        assertThat(visibleText(view)).contains("Send me the file (.txt, .md or .opml, up to 1 MB) in a DM");
    }

    @Test
    void aFormWithoutTakeawaysSaysWhatTheBotUnderstands() {
        JsonObject answer = json(submit("   \n\n  ", "V1", "paste").body());

        assertThat(answer.get("response_action").getAsString()).isEqualTo("errors");
        assertThat(answer.getAsJsonObject("errors").get("outline").getAsString()).isEqualTo("I found no takeaways"
                + " here. Write a talk title, then one takeaway per line indented under it, e.g. \"EKS deep dive\""
                + " and under it \"  - Karpenter picks instance types per pod\".");
        assertThat(count("import_drafts")).isZero();
    }

    @Test
    void aPastedOutlineIsPreviewedThenImportedUnderItsTalksAsThePersonsTakeaways() {
        HttpResponse<String> submitted = submit(PART, "V2", "paste");

        assertThat(submitted.body()).as("the form closes").isEmpty();
        assertThat(count("takeaways")).as("nothing saved before Import").isZero();
        JsonObject preview = awaitResponse("paste", 0);
        assertThat(visibleText(preview)).isEqualTo(PREVIEW);
        assertThat(preview.get("replace_original").getAsBoolean()).isFalse();

        slack.post(SlackHttp.FORM, Payloads.click("import_confirm", draftId(preview), "W111", "paste-click"));

        JsonObject done = awaitResponse("paste-click", 0);
        assertThat(visibleText(done)).isEqualTo(":white_check_mark: Imported 20 takeaways under 6 talks.");
        assertThat(done.get("replace_original").getAsBoolean()).isTrue();
        assertThat(jdbc.sql("""
                        SELECT DISTINCT t.user_id || ' ' || t.channel_id || ' ' || t.channel_type || ' ' || t.source
                        FROM takeaways t""").query(String.class).list())
                .containsExactly("W111 C111 public_channel import");
        assertThat(jdbc.sql("""
                        SELECT k.title || ' / ' || k.event || ': ' || count(*) FROM takeaways t JOIN talks k ON k.id = t.talk_id
                        GROUP BY k.team_id, k.id ORDER BY min(t.id)""").query(String.class).list()).containsExactly(
                "Peter Thiel’s stanford talk / Monday: 2",
                "Deep dive on Amazon EKS / Monday: 6",
                "Kubernetes at AWS: Strategy, road map, and vision / Monday: 3",
                "Up-level your container image security with the latest from Amazon ECR / Monday: 2",
                "Delivering code and architectures through AWS Proton and Git / Monday: 2",
                "Amazon builder’s library: Operational excellence at Amazon / Monday: 3");
        assertThat(count("takeaways")).isEqualTo(20);
        assertThat(jdbc.sql("SELECT url FROM takeaway_links").query(String.class).list())
                .containsExactly("https://github.com/aws/karpenter");
        assertThat(count("import_drafts")).as("the draft is used up").isZero();

        slack.post(SlackHttp.FORM, Payloads.click("import_confirm", draftId(preview), "W111", "paste-click"));
        assertThat(visibleText(awaitResponse("paste-click", 1))).isEqualTo(":information_source: This import is no"
                + " longer waiting: it was imported or cancelled, or it is over a day old. Send the outline again to"
                + " import it.");

        assertThat(pasteAndImport(PART, "again"))
                .isEqualTo(":information_source: Nothing new: these 20 takeaways were already imported.");
        assertThat(count("takeaways")).isEqualTo(20);
    }

    @Test
    void anExtendedOutlineAddsOnlyWhatIsNew() {
        assertThat(pasteAndImport(lines(25), "first")).isEqualTo(":white_check_mark: Imported 17 takeaways under 5"
                + " talks.");

        assertThat(pasteAndImport(PART, "extended"))
                .isEqualTo(":white_check_mark: Added 3 new takeaways; 17 were already there.");
        assertThat(count("takeaways")).isEqualTo(20);
    }

    @Test
    void cancelSavesNothingAndOnlyTheSenderMayUseTheDraft() {
        submit(PART, "V6", "paste");
        String draft = draftId(awaitResponse("paste", 0));

        slack.post(SlackHttp.FORM, Payloads.click("import_confirm", draft, "W999", "other-import"));
        slack.post(SlackHttp.FORM, Payloads.click("import_cancel", draft, "W999", "other-cancel"));

        assertThat(visibleText(awaitResponse("other-import", 0)))
                .isEqualTo(":lock: Only <@W111> can import or cancel this outline.");
        assertThat(visibleText(awaitResponse("other-cancel", 0)))
                .isEqualTo(":lock: Only <@W111> can import or cancel this outline.");
        assertThat(count("takeaways")).isZero();
        assertThat(count("import_drafts")).isEqualTo(1);

        slack.post(SlackHttp.FORM, Payloads.click("import_cancel", draft, "W111", "cancel"));

        JsonObject cancelled = awaitResponse("cancel", 0);
        assertThat(visibleText(cancelled)).isEqualTo(":wastebasket: Import cancelled; nothing was saved.");
        assertThat(cancelled.get("replace_original").getAsBoolean()).isTrue();
        assertThat(count("import_drafts")).isZero();
        assertThat(count("takeaways")).isZero();
    }

    @Test
    void anOutlineGivenWithTheCommandIsPreviewedAtOnce() {
        JsonObject ack = json(slack.post(SlackHttp.FORM, command("import " + """
                EKS deep dive
                  - Karpenter picks instance types per pod <https://karpenter.sh|docs>
                  - No ssh: Systems Manager &amp; IAM""", "cmd")).body());

        assertThat(ack.get("response_type").getAsString()).isEqualTo("ephemeral");
        assertThat(blockTexts(ack).get(0)).isEqualTo(":inbox_tray: *1 talk, 2 takeaways, 1 link*");
        assertThat(blockTexts(ack).get(1)).isEqualTo("• *EKS deep dive* (2 takeaways)");

        slack.post(SlackHttp.FORM, Payloads.click("import_confirm", draftId(ack), "W111", "cmd-click"));

        assertThat(visibleText(awaitResponse("cmd-click", 0)))
                .isEqualTo(":white_check_mark: Imported 2 takeaways under 1 talk.");
        assertThat(jdbc.sql("SELECT text FROM takeaways ORDER BY id").query(String.class).list()).containsExactly(
                "Karpenter picks instance types per pod <https://karpenter.sh|docs>",
                "No ssh: Systems Manager &amp; IAM");
    }

    @Test
    void importedInAPrivateChannelTheTakeawaysArePrivateToIt() {
        JsonObject ack = json(slack.post(SlackHttp.FORM, Fixtures.slashCommand(Map.of("command", "/takeaway",
                "channel_id", "G111", "channel_name", "privategroup", "text", "import Secret roadmap\n"
                        + "  - Karpenter everywhere next year", "response_url", SlackApiStub.responseUrl("g")))).body());

        slack.post(SlackHttp.FORM, Payloads.click("import_confirm", draftId(ack), "W111", "g-click"));

        assertThat(visibleText(awaitResponse("g-click", 0)))
                .isEqualTo(":white_check_mark: Imported 1 takeaway under 1 talk.");
        assertThat(jdbc.sql("SELECT channel_id || ' ' || channel_type FROM takeaways").query(String.class).single())
                .isEqualTo("G111 private_channel");
    }

    @Test
    void aNoteThatStartsWithImportGetsImportsHelp() {
        JsonObject ack = json(slack.post(SlackHttp.FORM, command("Import tariffs rose 10%", "note")).body());

        assertThat(visibleText(ack)).startsWith(":inbox_tray: `/takeaway import` takes an outline: a talk's title,"
                + " then its takeaways one per line indented under it.").contains("*`/takeaway import [outline]`*")
                .contains("_Example:_ `/takeaway import`");
        assertThat(count("takeaways")).isZero();
        assertThat(count("import_drafts")).isZero();
    }

    @Test
    void importIsInTheHelp() {
        JsonObject ack = json(slack.post(SlackHttp.FORM, command("help", "help")).body());

        assertThat(visibleText(ack)).contains("*`/takeaway import [outline]`*\nImport notes written elsewhere");
    }

    private HttpResponse<String> submit(String outline, String viewId, String responseUrlName) {
        String origin = "{\"channelId\":\"C111\",\"channelName\":\"general\",\"responseUrl\":\""
                + SlackApiStub.responseUrl(responseUrlName) + "\"}";
        return slack.post(SlackHttp.FORM, form().text("outline", outline)
                .submission("import_outline", viewId, origin, "W111"));
    }

    private static JsonObject awaitResponse(String name, int index) {
        await().atMost(WAIT).until(() -> SlackApiStub.responsesTo(name).size() > index);
        return json(SlackApiStub.responsesTo(name).get(index));
    }

    /** The value of the preview's Import button. */
    static String draftId(JsonObject message) {
        return buttonValue(message, "import_confirm");
    }

    /** Pastes the outline into the form, presses Import under its preview, and returns what the import answered. */
    private String pasteAndImport(String outline, String name) {
        submit(outline, "V-" + name, name);
        slack.post(SlackHttp.FORM, Payloads.click("import_confirm", draftId(awaitResponse(name, 0)), "W111",
                name + "-click"));
        return visibleText(awaitResponse(name + "-click", 0));
    }

    private static String command(String text, String responseUrlName) {
        return Fixtures.slashCommand(Map.of("command", "/takeaway", "text", text,
                "response_url", SlackApiStub.responseUrl(responseUrlName)));
    }

    static String sample() {
        try (InputStream in = ImportSubcommandTests.class.getResourceAsStream("/samples/reinvent-notes.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String lines(int count) {
        List<String> lines = sample().lines().limit(count).toList();
        return lines.stream().collect(Collectors.joining("\n"));
    }
}
