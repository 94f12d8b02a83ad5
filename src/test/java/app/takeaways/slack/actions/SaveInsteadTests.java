package app.takeaways.slack.actions;

import app.takeaways.testbed.Fixtures;
import app.takeaways.testbed.IntegrationTest;
import app.takeaways.testbed.Payloads;
import app.takeaways.testbed.SlackApiStub;
import app.takeaways.testbed.SlackHttp;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;

import static app.takeaways.testbed.SlackMessages.json;
import static app.takeaways.testbed.SlackMessages.visibleText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A note can start with a subcommand's word ("Search is hard at scale"): every subcommand's answer to text that might
 * have been a note offers "Save it as a takeaway instead", and one click keeps it, once.
 */
class SaveInsteadTests extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void searchResultsOfASentenceOfferIt() {
        JsonObject ack = command("Search is hard at scale");

        assertThat(visibleText(ack)).startsWith(":shrug: Nothing found for `is hard at scale`.");
        assertThat(offer(ack)).contains("text:Search is hard at scale");
    }

    @Test
    void aSearchForOneWordIsACommandAndOffersNothing() {
        assertThat(offer(command("search karpenter"))).isEmpty();
    }

    @Test
    void helpWithASentenceAfterItOffersIt() {
        JsonObject ack = command("Help desks drowned in tickets after the rollout");

        assertThat(visibleText(ack)).contains("`/takeaway search <words> [filters]`".replace("<", "&lt;")
                .replace(">", "&gt;"));
        assertThat(offer(ack)).contains("text:Help desks drowned in tickets after the rollout");
        assertThat(offer(command("help"))).isEmpty();
    }

    @Test
    void aDigestSubcommandItDoesNotKnowOffersIt() {
        JsonObject ack = command("Digest of the week: nobody reads long emails");

        assertThat(visibleText(ack)).startsWith(":thinking_face: `of` is not something `digest` does.\n\n"
                + "*Weekly digest of this channel's takeaways*");
        assertThat(offer(ack)).contains("text:Digest of the week: nobody reads long emails");

        JsonObject on = command("digest on the train is where I read papers");
        assertThat(visibleText(on)).startsWith(":calendar: ");
        assertThat(offer(on)).contains("text:digest on the train is where I read papers");
    }

    @Test
    void aSummaryThatFindsNothingOffersIt() {
        JsonObject ack = command("Summary of zyxwv was thin");

        assertThat(visibleText(ack)).isEqualTo(":hourglass_flowing_sand: Summarising…");
        await().atMost(WAIT).until(() -> SlackApiStub.responsesTo("instead").size() == 1);
        JsonObject answer = json(SlackApiStub.responsesTo("instead").get(0));
        assertThat(visibleText(answer)).startsWith(":shrug: Nothing to summarise for `of zyxwv was thin`");
        assertThat(offer(answer)).contains("text:Summary of zyxwv was thin");
    }

    @Test
    void aTalkThreadStartedFromASentenceOffersIt() {
        command("talk is cheap, show me the code");

        await().atMost(WAIT).until(() -> SlackApiStub.responsesTo("instead").size() == 1);
        JsonObject answer = json(SlackApiStub.responsesTo("instead").get(0));
        assertThat(visibleText(answer)).startsWith(":white_check_mark: Talk thread started for *is cheap, show me the"
                + " code*");
        assertThat(offer(answer)).contains("text:talk is cheap, show me the code");
    }

    @Test
    void anImportOfASentenceOffersIt() {
        JsonObject ack = command("Import tariffs rose");

        assertThat(visibleText(ack)).contains("`/takeaway import [outline]`");
        assertThat(offer(ack)).contains("text:Import tariffs rose");
    }

    @Test
    void anExportOfASentenceOffersItInTheAckAndInWhatFollows() {
        JsonObject ack = command("Export controls matter for chips");

        assertThat(visibleText(ack)).startsWith(":outbox_tray: Exporting the takeaways matching");
        assertThat(offer(ack)).contains("text:Export controls matter for chips");
        await().atMost(WAIT).until(() -> SlackApiStub.responsesTo("instead").size() == 1);
        JsonObject answer = json(SlackApiStub.responsesTo("instead").get(0));
        assertThat(visibleText(answer)).startsWith(":shrug: Nothing to export: no takeaway you may see matches");
        assertThat(offer(answer)).contains("text:Export controls matter for chips");
    }

    @Test
    void oneClickSavesItWhereItWasTypedOnceHoweverOftenClicked() {
        JsonObject ack = command("Search is hard at scale #search");
        String value = offer(ack).orElseThrow();

        slack.post(SlackHttp.FORM, click(value));
        slack.post(SlackHttp.FORM, click(value));

        await().atMost(WAIT).until(() -> SlackApiStub.responsesTo("clicked").size() == 2);
        assertThat(jdbc.sql("SELECT channel_id || '|' || user_id || '|' || text || '|' || array_to_string(tags, ',')"
                + " FROM takeaways").query(String.class).list())
                .containsExactly("C111|W111|Search is hard at scale #search|search");
        List<String> answers = SlackApiStub.responsesTo("clicked").stream().map(body -> visibleText(json(body)))
                .toList();
        assertThat(answers).anyMatch(text -> text.startsWith(":white_check_mark: *Saved your takeaway.*\n"
                + "Search is hard at scale #search"));
        assertThat(answers).anyMatch(text -> text.startsWith(":white_check_mark: *Already saved.*"));
        assertThat(SlackApiStub.responsesTo("clicked")).allMatch(body -> json(body).get("replace_original")
                .getAsBoolean());
    }

    @Test
    void aNoteTooLongForAButtonIsKeptAsADraftAndSavedWhole() {
        String note = "Search is hard at scale: " + "the index has to keep up with every capture. ".repeat(60);
        JsonObject ack = command(note.strip());
        String value = offer(ack).orElseThrow();
        assertThat(value).startsWith("draft:").hasSizeLessThan(100);

        slack.post(SlackHttp.FORM, click(value));

        await().atMost(WAIT).until(() -> SlackApiStub.responsesTo("clicked").size() == 1);
        assertThat(jdbc.sql("SELECT text FROM takeaways").query(String.class).single()).isEqualTo(note.strip());
    }

    private JsonObject command(String text) {
        return json(slack.post(SlackHttp.FORM, Fixtures.slashCommand(Map.of("command", "/takeaway", "text", text,
                "trigger_id", "instead-" + text.hashCode(), "response_url", SlackApiStub.responseUrl("instead"))))
                .body());
    }

    /** The value of the "Save it as a takeaway instead" button, if the message has one. */
    private static Optional<String> offer(JsonObject message) {
        return StreamSupport.stream(message.getAsJsonArray("blocks").spliterator(), false)
                .map(JsonElement::getAsJsonObject)
                .filter(block -> block.get("type").getAsString().equals("actions"))
                .flatMap(block -> StreamSupport.stream(block.getAsJsonArray("elements").spliterator(), false))
                .map(JsonElement::getAsJsonObject)
                .filter(button -> button.get("action_id").getAsString().equals("save_instead"))
                .peek(button -> assertThat(button.getAsJsonObject("text").get("text").getAsString())
                        .isEqualTo("Save it as a takeaway instead"))
                .map(button -> button.get("value").getAsString())
                .findFirst();
    }

    private static String click(String value) {
        return Payloads.interaction("interactivity/block_actions.json", payload -> {
            payload.addProperty("response_url", SlackApiStub.responseUrl("clicked"));
            JsonObject action = payload.getAsJsonArray("actions").get(0).getAsJsonObject();
            action.addProperty("action_id", "save_instead");
            action.addProperty("value", value);
        });
    }
}
