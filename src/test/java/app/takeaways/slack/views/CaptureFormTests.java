package app.takeaways.slack.views;

import app.takeaways.testbed.FormState;
import app.takeaways.testbed.IntegrationTest;
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
import static app.takeaways.testbed.SlackMessages.visibleText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The capture form: opened by {@code /takeaway} without text, submitted with valid and invalid fields. */
class CaptureFormTests extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String FROM_COMMAND = "{\"channelId\":\"C111\",\"channelName\":\"general\",\"responseUrl\":\""
            + SlackApiStub.responseUrl("form") + "\"}";

    @Test
    void opensWithTheChannelsRecentTalks() {
        jdbc.sql("""
                INSERT INTO talks (team_id, title, title_key, created_by, created_at)
                VALUES ('T111', 'EKS deep dive', 'eks deep dive', 'U1', now())""").update();
        jdbc.sql("""
                INSERT INTO talk_threads (team_id, channel_id, thread_ts, talk_id, started_by, origin, created_at)
                SELECT 'T111', 'C111', '1.1', id, 'U1', 'command', now() FROM talks""").update();

        slack.post(SlackHttp.FORM, app.takeaways.testbed.Fixtures.slashCommand(Map.of("command", "/takeaway",
                "text", "", "response_url", SlackApiStub.responseUrl("form"))));

        await().atMost(WAIT).until(() -> !SlackApiStub.formsTo("views.open").isEmpty());
        Map<String, String> opened = SlackApiStub.formsTo("views.open").get(0);
        assertThat(opened).containsEntry("trigger_id", "111.222.xxx");
        JsonObject view = json(opened.get("view"));
        assertThat(view.get("callback_id").getAsString()).isEqualTo("capture_takeaway");
        assertThat(view.get("private_metadata").getAsString()).contains("\"channelId\":\"C111\"");
        assertThat(opened.get("view")).contains("EKS deep dive").contains("Also post it to this channel")
                .contains("\"block_id\":\"text\"").contains("\"block_id\":\"link\"").contains("\"block_id\":\"event\"");
    }

    @Test
    void savesWhatTheFormSaysAndConfirms() {
        String body = form()
                .text("new_talk", "Serverless at scale")
                .text("event", "re:Invent 2025")
                .text("link", "https://example.com/slides")
                .text("text", "- Cold starts <100ms with SnapStart\n- Use <https://aws.amazon.com/lambda|Lambda> & Step Functions")
                .text("tags", "#serverless, aws")
                .checked("post", "post_to_channel")
                .submission("capture_takeaway", "V100", FROM_COMMAND, "W111");

        HttpResponse<String> response = slack.post(SlackHttp.FORM, body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        Map<String, Object> row = jdbc.sql("""
                        SELECT t.user_id, t.channel_id, t.text, array_to_string(t.tags, ',') AS tags, t.source,
                               t.slack_request_id, k.title, k.event
                        FROM takeaways t JOIN talks k ON k.id = t.talk_id""").query().singleRow();
        assertThat(row).containsEntry("user_id", "W111").containsEntry("channel_id", "C111")
                .containsEntry("text", "- Cold starts &lt;100ms with SnapStart\n- Use <https://aws.amazon.com/lambda|Lambda> &amp; Step Functions")
                .containsEntry("tags", "serverless,aws").containsEntry("source", "modal")
                .containsEntry("slack_request_id", "V100").containsEntry("title", "Serverless at scale")
                .containsEntry("event", "re:Invent 2025");
        assertThat(jdbc.sql("SELECT url FROM takeaway_links ORDER BY position").query(String.class).list())
                .containsExactly("https://example.com/slides", "https://aws.amazon.com/lambda");
        await().atMost(WAIT).until(() -> SlackApiStub.responsesTo("form").size() == 1);
        assertThat(visibleText(json(SlackApiStub.responsesTo("form").get(0)))).startsWith(
                ":white_check_mark: *Saved your takeaway.*");
        await().atMost(WAIT).until(() -> SlackApiStub.formsTo("chat.postMessage").size() == 1);
        assertThat(SlackApiStub.formsTo("chat.postMessage").get(0)).containsEntry("channel", "C111");
        assertThat(blocksText(SlackApiStub.formsTo("chat.postMessage").get(0).get("blocks")))
                .startsWith("<@W111> shared a takeaway from *Serverless at scale*:\n> - Cold starts &lt;100ms");
    }

    @Test
    void showsWhatIsWrongNextToEachField() {
        String body = form()
                .text("text", "   ")
                .text("link", "not a link")
                .text("tags", "ok, " + "x".repeat(51))
                .submission("capture_takeaway", "V101", FROM_COMMAND, "W111");

        HttpResponse<String> response = slack.post(SlackHttp.FORM, body);

        JsonObject answer = json(response.body());
        assertThat(answer.get("response_action").getAsString()).isEqualTo("errors");
        JsonObject errors = answer.getAsJsonObject("errors");
        assertThat(errors.get("text").getAsString()).isEqualTo("Write at least one takeaway.");
        assertThat(errors.get("link").getAsString()).isEqualTo("Enter a web address starting with https:// (or http://).");
        assertThat(errors.get("tags").getAsString()).isEqualTo("Tags are at most 50 characters: \""
                + "x".repeat(29) + "…\" is longer.");
        assertThat(count("takeaways")).isZero();
    }

    @Test
    void aRecentTalkOrANewOneNotBoth() {
        String body = form()
                .selected("talk", "1")
                .text("new_talk", "Another talk")
                .text("text", "Something learned")
                .submission("capture_takeaway", "V102", FROM_COMMAND, "W111");

        JsonObject answer = json(slack.post(SlackHttp.FORM, body).body());

        assertThat(answer.getAsJsonObject("errors").get("new_talk").getAsString())
                .isEqualTo("Pick a recent talk or name a new one, not both.");
    }

    @Test
    void aDoubleSubmitIsStoredOnce() {
        String body = form().text("text", "Clicked twice").submission("capture_takeaway", "V103", FROM_COMMAND, "W111");

        slack.post(SlackHttp.FORM, body);
        slack.post(SlackHttp.FORM, body);

        assertThat(count("takeaways")).isEqualTo(1);
    }

    @Test
    void fromAppHomeThePersonPicksTheChannel() {
        String body = form()
                .conversation("channel", "C222")
                .text("text", "Saved from App Home")
                .submission("capture_takeaway", "V104", "{}", "W111");

        slack.post(SlackHttp.FORM, body);

        assertThat(jdbc.sql("SELECT channel_id FROM takeaways").query(String.class).single()).isEqualTo("C222");
        await().atMost(WAIT).until(() -> SlackApiStub.formsTo("chat.postEphemeral").size() == 1);
        assertThat(SlackApiStub.formsTo("chat.postEphemeral").get(0)).containsEntry("channel", "C222")
                .containsEntry("user", "W111");
    }
}
