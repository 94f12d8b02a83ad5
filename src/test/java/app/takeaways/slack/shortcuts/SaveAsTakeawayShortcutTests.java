package app.takeaways.slack.shortcuts;

import app.takeaways.testbed.IntegrationTest;
import app.takeaways.testbed.Payloads;
import app.takeaways.testbed.SlackApiStub;
import app.takeaways.testbed.SlackHttp;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static app.takeaways.testbed.FormState.form;
import static app.takeaways.testbed.SlackMessages.blocksText;
import static app.takeaways.testbed.SlackMessages.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** "Save as takeaway" on a message: a form with its text, saved credited to its author, with its permalink. */
class SaveAsTakeawayShortcutTests extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void opensTheFormWithTheMessageAndSavesItCreditedToItsAuthor() {
        HttpResponse<String> ack = slack.post(SlackHttp.FORM, shortcut("W222",
                "Ask <@W333> about *cells* &amp; shuffle sharding"));

        assertThat(ack.statusCode()).isEqualTo(200);
        await().atMost(WAIT).until(() -> !SlackApiStub.formsTo("views.open").isEmpty());
        JsonObject view = json(SlackApiStub.formsTo("views.open").get(0).get("view"));
        assertThat(view.toString()).contains("Ask <@W333> about *cells* & shuffle sharding");
        assertThat(view.toString()).doesNotContain("Also post it to this channel");
        String metadata = view.get("private_metadata").getAsString();
        assertThat(metadata).contains("\"messageTs\":\"1583636382.000300\"").contains("\"authorId\":\"W222\"");

        // submitted unchanged: the message's own text is kept, Slack's markup included
        HttpResponse<String> submitted = slack.post(SlackHttp.FORM, form()
                .text("text", "Ask <@W333> about *cells* & shuffle sharding")
                .text("tags", "resilience")
                .submission("capture_takeaway", "V200", metadata, "W111"));

        assertThat(submitted.body()).isEmpty();
        Map<String, Object> row = jdbc.sql("""
                        SELECT user_id, captured_by, text, message_ts, source, array_to_string(tags, ',') AS tags
                        FROM takeaways""").query().singleRow();
        assertThat(row).containsEntry("user_id", "W222").containsEntry("captured_by", "W111")
                .containsEntry("text", "Ask <@W333> about *cells* &amp; shuffle sharding")
                .containsEntry("message_ts", "1583636382.000300").containsEntry("source", "message_shortcut")
                .containsEntry("tags", "resilience");
        await().atMost(WAIT).until(() -> jdbc.sql("SELECT permalink FROM takeaways").query(String.class).single() != null);
        await().atMost(WAIT).until(() -> SlackApiStub.responsesTo("shortcut").size() == 1);
        assertThat(blocksText(json(SlackApiStub.responsesTo("shortcut").get(0)).get("blocks").toString()))
                .startsWith(":white_check_mark: *Saved <@W222>'s message as a takeaway.*");
        assertThat(count("capture_drafts")).isZero();
    }

    @Test
    void aMessageTheSaverRewroteIsTheSaversTakeawayQuotingItsAuthor() {
        slack.post(SlackHttp.FORM, shortcut("W222", "Cells cap the blast radius"));
        await().atMost(WAIT).until(() -> !SlackApiStub.formsTo("views.open").isEmpty());
        String metadata = json(SlackApiStub.formsTo("views.open").get(0).get("view")).get("private_metadata")
                .getAsString();

        slack.post(SlackHttp.FORM, form()
                .text("text", "Cells cap the blast radius, but only if the router is cell-aware (I disagree with W222)")
                .submission("capture_takeaway", "V202", metadata, "W111"));

        Map<String, Object> row = jdbc.sql("""
                        SELECT user_id, quoted_author, captured_by, message_ts, slack_request_id, source FROM takeaways""")
                .query().singleRow();
        assertThat(row).containsEntry("user_id", "W111").containsEntry("quoted_author", "W222")
                .containsEntry("captured_by", null).containsEntry("message_ts", null)
                .containsEntry("slack_request_id", "V202").containsEntry("source", "message_shortcut");
        await().atMost(WAIT).until(() -> SlackApiStub.responsesTo("shortcut").size() == 1);
        assertThat(blocksText(json(SlackApiStub.responsesTo("shortcut").get(0)).get("blocks").toString()))
                .startsWith(":white_check_mark: *Saved your takeaway*, from a message by <@W222>.");
        // the message's later edits are its author's words, not the saver's: they do not overwrite this one
        await().atMost(WAIT).until(() -> jdbc.sql("SELECT permalink FROM takeaways").query(String.class).single()
                != null);
    }

    @Test
    void aLongMessageIsSavedWhole() {
        String longText = "Notes from the keynote. ".repeat(200);
        slack.post(SlackHttp.FORM, shortcut("W222", longText));
        await().atMost(WAIT).until(() -> !SlackApiStub.formsTo("views.open").isEmpty());
        JsonObject view = json(SlackApiStub.formsTo("views.open").get(0).get("view"));
        assertThat(view.toString()).contains("it is saved whole, as it is").doesNotContain("\"block_id\":\"text\"");

        slack.post(SlackHttp.FORM, form().submission("capture_takeaway", "V201",
                view.get("private_metadata").getAsString(), "W111"));

        assertThat(jdbc.sql("SELECT text FROM takeaways").query(String.class).single()).isEqualTo(longText);
    }

    @Test
    void botMessagesAreNotSaved() {
        String body = Payloads.interaction("interactivity/message_action.json", payload -> {
            payload.addProperty("callback_id", "save_takeaway");
            payload.getAsJsonObject("message").addProperty("bot_id", "B111");
        });

        assertThat(slack.post(SlackHttp.FORM, body).statusCode()).isEqualTo(200);
        awaitBackgroundWork();
        assertThat(SlackApiStub.requestsTo("views.open")).isEmpty();
    }

    private static String shortcut(String author, String text) {
        return Payloads.interaction("interactivity/message_action.json", payload -> {
            payload.addProperty("callback_id", "save_takeaway");
            payload.addProperty("response_url", SlackApiStub.responseUrl("shortcut"));
            JsonObject message = payload.getAsJsonObject("message");
            message.addProperty("user", author);
            message.addProperty("text", text);
        });
    }
}
