package app.takeaways.slack.actions;

import app.takeaways.note.CaptureTakeaway;
import app.takeaways.note.TakeawayCapture;
import app.takeaways.testbed.Fixtures;
import app.takeaways.testbed.IntegrationTest;
import app.takeaways.testbed.Payloads;
import app.takeaways.testbed.SlackApiStub;
import app.takeaways.testbed.SlackHttp;
import app.takeaways.workspace.ChannelType;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static app.takeaways.testbed.SlackMessages.blockTexts;
import static app.takeaways.testbed.SlackMessages.blocksText;
import static app.takeaways.testbed.SlackMessages.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The buttons on search results: Next / Previous replace the page in place; Share posts with attribution. */
class SearchButtonsTests extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    TakeawayCapture capture;

    private int triggers;

    @Test
    void nextAndPreviousReplaceTheResultsInPlace() {
        for (int i = 1; i <= 7; i++) {
            save("C111", ChannelType.PUBLIC_CHANNEL, "Observability note number " + i);
            jdbc.sql("UPDATE takeaways SET created_at = now() - make_interval(days => :age) WHERE id = :id")
                    .param("age", i).param("id", (long) i).update();
        }
        JsonObject first = json(slack.post(SlackHttp.FORM, Fixtures.slashCommand(Map.of("command", "/takeaway",
                "text", "search observability"))).body());
        JsonObject next = button(first, "search_page_next");
        assertThat(next.get("value").getAsString()).isEqualTo("1|observability");
        assertThat(blockTexts(first).get(0)).isEqualTo(":mag: *Takeaways for* `observability`  ·  page 1, best match"
                + " first");

        slack.post(SlackHttp.FORM, click("search_page_next", next.get("value").getAsString(), "W111"));

        await().atMost(WAIT).until(() -> SlackApiStub.responsesTo("results").size() == 1);
        JsonObject second = json(SlackApiStub.responsesTo("results").get(0));
        assertThat(second.get("replace_original").getAsBoolean()).isTrue();
        assertThat(second.get("response_type").getAsString()).isEqualTo("ephemeral");
        List<String> blocks = blockTexts(second);
        assertThat(blocks.get(0)).isEqualTo(":mag: *Takeaways for* `observability`  ·  page 2, best match first");
        assertThat(blocks).filteredOn(text -> text.startsWith("*Observability* note")).containsExactly(
                "*Observability* note number 6\nShare", "*Observability* note number 7\nShare");
        assertThat(blocks.get(blocks.size() - 1)).isEqualTo("← Previous");
        assertThat(button(second, "search_page_previous").get("value").getAsString()).isEqualTo("0|observability");
    }

    @Test
    void sharePostsTheTakeawayToTheChannelWithAttribution() {
        long id = save("C111", ChannelType.PUBLIC_CHANNEL, "Cells cap the blast radius #resilience");

        slack.post(SlackHttp.FORM, click("search_share", String.valueOf(id), "W333"));

        await().atMost(WAIT).until(() -> SlackApiStub.responsesTo("results").size() == 1);
        Map<String, String> posted = SlackApiStub.formsTo("chat.postMessage").get(0);
        assertThat(posted).containsEntry("channel", "C111");
        assertThat(blocksText(posted.get("blocks"))).isEqualTo("<@W333> shared a takeaway by <@W111>:\n"
                + "> Cells cap the blast radius #resilience\n#resilience  ·  Saved with `/takeaway`");
        assertThat(blocksText(json(SlackApiStub.responsesTo("results").get(0)).get("blocks").toString()))
                .isEqualTo(":mega: Shared in <#C111>.");
    }

    @Test
    void aPrivateTakeawayIsNeverSharedOutsideItsConversation() {
        long id = save("G999", ChannelType.PRIVATE_CHANNEL, "The reorg moves platform under infra");

        slack.post(SlackHttp.FORM, click("search_share", String.valueOf(id), "W111"));

        await().atMost(WAIT).until(() -> SlackApiStub.responsesTo("results").size() == 1);
        assertThat(SlackApiStub.requestsTo("chat.postMessage")).isEmpty();
        assertThat(blocksText(json(SlackApiStub.responsesTo("results").get(0)).get("blocks").toString()))
                .isEqualTo(":lock: This takeaway can't be shared here: it was saved in another private conversation (or"
                        + " this conversation includes people from outside your organisation). Share it where it was"
                        + " saved.");
    }

    @Test
    void sharingWhereTheBotIsNotAMemberSaysWhatToDo() {
        long id = save("C111", ChannelType.PUBLIC_CHANNEL, "Cells cap the blast radius");
        SlackApiStub.answer("chat.postMessage", Fixtures.read("web_api/chat.postMessage.error.json")
                .replace("too_many_attachments", "not_in_channel"));

        slack.post(SlackHttp.FORM, click("search_share", String.valueOf(id), "W111"));

        await().atMost(WAIT).until(() -> SlackApiStub.responsesTo("results").size() == 1);
        assertThat(blocksText(json(SlackApiStub.responsesTo("results").get(0)).get("blocks").toString()))
                .isEqualTo(":information_source: I could not post in <#C111>: I am not a member. Invite me with"
                        + " `/invite @Takeaways`, then try again.");
    }

    private static JsonObject button(JsonObject message, String actionId) {
        for (var block : message.getAsJsonArray("blocks")) {
            JsonArray elements = block.getAsJsonObject().getAsJsonArray("elements");
            if (elements != null) {
                for (var element : elements) {
                    if (element.getAsJsonObject().has("action_id")
                            && element.getAsJsonObject().get("action_id").getAsString().equals(actionId)) {
                        return element.getAsJsonObject();
                    }
                }
            }
        }
        throw new AssertionError("No button " + actionId + " in " + message);
    }

    private long save(String channel, ChannelType type, String text) {
        return capture.capture(CaptureTakeaway.fromSlashCommand("T111", channel, type, "W111", text,
                "buttons-" + (++triggers))).id();
    }

    private static String click(String actionId, String value, String userId) {
        return Payloads.click(actionId, value, userId, "results");
    }
}
