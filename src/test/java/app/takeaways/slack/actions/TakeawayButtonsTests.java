package app.takeaways.slack.actions;

import app.takeaways.testbed.Fixtures;
import app.takeaways.testbed.IntegrationTest;
import app.takeaways.testbed.Payloads;
import app.takeaways.testbed.SlackApiStub;
import app.takeaways.testbed.SlackHttp;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static app.takeaways.testbed.FormState.form;
import static app.takeaways.testbed.SlackMessages.blocksText;
import static app.takeaways.testbed.SlackMessages.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The buttons under a confirmation: Edit and Delete for the author only, Share to channel. */
class TakeawayButtonsTests extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private long id;

    @BeforeEach
    void aTakeawayByW111() {
        slack.post(SlackHttp.FORM, Fixtures.slashCommand(Map.of("command", "/takeaway",
                "text", "Cells cap the blast radius #resilience talk:\"Builders library\"")));
        id = jdbc.sql("SELECT id FROM takeaways").query(Long.class).single();
        awaitBackgroundWork();
        SlackApiStub.reset();
    }

    @Test
    void theAuthorEditsInAFormAndSeesTheNewVersion() {
        slack.post(SlackHttp.FORM, click("takeaway_edit", "W111"));

        await().atMost(WAIT).until(() -> !SlackApiStub.formsTo("views.open").isEmpty());
        JsonObject view = json(SlackApiStub.formsTo("views.open").get(0).get("view"));
        assertThat(view.get("callback_id").getAsString()).isEqualTo("edit_takeaway");
        assertThat(view.toString()).contains("Cells cap the blast radius #resilience").contains("Builders library");

        String submitted = slack.post(SlackHttp.FORM, form()
                .text("text", "Cells cap the blast radius of bad deploys #resilience")
                .text("tags", "architecture")
                .text("new_talk", "Amazon Builders' Library")
                .submission("edit_takeaway", "V300", view.get("private_metadata").getAsString(), "W111")).body();

        assertThat(submitted).isEmpty();
        assertThat(jdbc.sql("""
                        SELECT t.text || '|' || array_to_string(t.tags, ',') || '|' || k.title
                        FROM takeaways t JOIN talks k ON k.id = t.talk_id""").query(String.class).single())
                .isEqualTo("Cells cap the blast radius of bad deploys #resilience|resilience,architecture|Amazon Builders' Library");
        await().atMost(WAIT).until(() -> SlackApiStub.responsesTo("button").size() == 1);
        JsonObject updated = json(SlackApiStub.responsesTo("button").get(0));
        assertThat(updated.get("replace_original").getAsBoolean()).isTrue();
        assertThat(blocksText(updated.get("blocks").toString())).startsWith(":pencil2: *Updated your takeaway.*\n"
                + "Cells cap the blast radius of bad deploys #resilience\n*Talk:* Amazon Builders' Library");
    }

    @Test
    void onlyTheAuthorMayEditOrDelete() {
        slack.post(SlackHttp.FORM, click("takeaway_edit", "W999"));
        slack.post(SlackHttp.FORM, click("takeaway_delete", "W999"));

        await().atMost(WAIT).until(() -> SlackApiStub.responsesTo("button").size() == 2);
        assertThat(SlackApiStub.responsesTo("button").stream().map(body -> blocksText(json(body).get("blocks").toString())))
                .containsExactlyInAnyOrder(":lock: Only <@W111> can edit this takeaway.",
                        ":lock: Only its author can delete this takeaway.");
        assertThat(SlackApiStub.requestsTo("views.open")).isEmpty();
        assertThat(jdbc.sql("SELECT deleted_at IS NULL FROM takeaways").query(Boolean.class).single()).isTrue();

        String forgedEdit = form().text("text", "Not yours").submission("edit_takeaway", "V301",
                "{\"takeawayId\":" + id + ",\"responseUrl\":\"" + SlackApiStub.responseUrl("button") + "\"}", "W999");
        JsonObject refused = json(slack.post(SlackHttp.FORM, forgedEdit).body());
        assertThat(refused.getAsJsonObject("errors").get("text").getAsString())
                .isEqualTo("Only its author can edit this takeaway.");
    }

    @Test
    void theAuthorDeletesIt() {
        slack.post(SlackHttp.FORM, click("takeaway_delete", "W111"));

        await().atMost(WAIT).until(() -> SlackApiStub.responsesTo("button").size() == 1);
        JsonObject answer = json(SlackApiStub.responsesTo("button").get(0));
        assertThat(answer.get("replace_original").getAsBoolean()).isTrue();
        assertThat(blocksText(answer.get("blocks").toString()))
                .isEqualTo(":wastebasket: *Deleted.* This takeaway no longer shows anywhere.");
        assertThat(jdbc.sql("SELECT deleted_at IS NOT NULL FROM takeaways").query(Boolean.class).single()).isTrue();
    }

    @Test
    void sharesToItsOwnChannelWithAttribution() {
        slack.post(SlackHttp.FORM, click("takeaway_share", "W111"));

        await().atMost(WAIT).until(() -> SlackApiStub.formsTo("chat.postMessage").size() == 1);
        Map<String, String> post = SlackApiStub.formsTo("chat.postMessage").get(0);
        assertThat(post).containsEntry("channel", "C111");
        assertThat(blocksText(post.get("blocks"))).startsWith("<@W111> shared a takeaway from *Builders library*:\n"
                + "> Cells cap the blast radius #resilience");
        await().atMost(WAIT).until(() -> SlackApiStub.responsesTo("button").size() == 1);
        assertThat(blocksText(json(SlackApiStub.responsesTo("button").get(0)).get("blocks").toString()))
                .isEqualTo(":mega: Shared in <#C111>.");
    }

    private String click(String actionId, String userId) {
        return Payloads.interaction("interactivity/block_actions.json", payload -> {
            payload.getAsJsonObject("user").addProperty("id", userId);
            payload.addProperty("response_url", SlackApiStub.responseUrl("button"));
            JsonArray actions = payload.getAsJsonArray("actions");
            JsonObject action = actions.get(0).getAsJsonObject();
            action.addProperty("action_id", actionId);
            action.addProperty("value", String.valueOf(id));
        });
    }
}
