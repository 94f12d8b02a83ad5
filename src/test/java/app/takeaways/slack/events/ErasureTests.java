package app.takeaways.slack.events;

import app.takeaways.testbed.Fixtures;
import app.takeaways.testbed.IntegrationTest;
import app.takeaways.testbed.Payloads;
import app.takeaways.testbed.SlackApiStub;
import app.takeaways.testbed.SlackHttp;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person leaving ({@code user_change}): an account Slack deleted and forgot is erased as {@code forget me} erases
 * it; a plain deactivation keeps everything (the team owns its notes); Slack delivering it again changes nothing.
 */
class ErasureTests extends IntegrationTest {

    private static final String THREAD = "1700000000.000100";

    private int triggers;

    @BeforeEach
    void w111AndW222WroteAndReacted() {
        talkThread(THREAD, "EKS deep dive", "W222");
        reply("1700000001.000100", "W111", "Karpenter consolidates nodes in minutes");
        reply("1700000002.000100", "W222", "Karpenter needs a disruption budget");
        command("W111", "Spot interruptions come with a two minute warning");
        slack.post(SlackHttp.JSON, Payloads.reactionAdded("+1", "W111", "1700000002.000100", "EvErasure1"));
        slack.post(SlackHttp.JSON, Payloads.reactionAdded("+1", "W222", "1700000002.000100", "EvErasure2"));
        awaitBackgroundWork();
        assertThat(count("takeaways")).isEqualTo(3);
        assertThat(count("takeaway_reactions")).isEqualTo(2);
    }

    @Test
    void aForgottenAccountIsErasedAfterTheAck() {
        assertThat(slack.post(SlackHttp.JSON, userChange("W111", true, true, "EvGone1")).statusCode()).isEqualTo(200);
        awaitBackgroundWork();

        assertThat(jdbc.sql("SELECT user_id || ' ' || text FROM takeaways").query(String.class).list())
                .containsExactly("W222 Karpenter needs a disruption budget");
        assertThat(jdbc.sql("SELECT user_id FROM takeaway_reactions").query(String.class).list())
                .containsExactly("W222");
    }

    @Test
    void aDeactivatedAccountKeepsEverything() {
        assertThat(slack.post(SlackHttp.JSON, userChange("W111", true, false, "EvGone2")).statusCode()).isEqualTo(200);
        // A profile change of someone still here, forgotten or not, says nothing about leaving either.
        assertThat(slack.post(SlackHttp.JSON, userChange("W111", false, true, "EvGone3")).statusCode()).isEqualTo(200);
        awaitBackgroundWork();

        assertThat(count("takeaways")).isEqualTo(3);
        assertThat(count("takeaway_reactions")).isEqualTo(2);
        assertThat(jdbc.sql("SELECT count(*) FROM takeaways WHERE deleted_at IS NOT NULL").query(Long.class).single())
                .isZero();
    }

    @Test
    void slackDeliveringItAgainIsHarmless() {
        String gone = userChange("W111", true, true, "EvGone4");
        slack.post(SlackHttp.JSON, gone);
        awaitBackgroundWork();

        assertThat(slack.postRetry(SlackHttp.JSON, gone, 1).statusCode()).isEqualTo(200);
        assertThat(slack.postRetry(SlackHttp.JSON, gone, 2).statusCode()).isEqualTo(200);
        awaitBackgroundWork();

        assertThat(jdbc.sql("SELECT user_id FROM takeaways").query(String.class).list()).containsExactly("W222");
        assertThat(jdbc.sql("SELECT user_id FROM takeaway_reactions").query(String.class).list())
                .containsExactly("W222");
    }

    /** Slack's user_change shape (the SDK's sample), in an envelope of workspace T111. */
    private static String userChange(String userId, boolean deleted, boolean forgotten, String eventId) {
        JsonObject body = JsonParser.parseString(Fixtures.read("sdk-samples/events/UserChangePayload.json"))
                .getAsJsonObject();
        body.addProperty("type", "event_callback");
        body.addProperty("team_id", "T111");
        body.addProperty("api_app_id", "A111");
        body.addProperty("event_id", eventId);
        body.remove("authorizations");
        JsonObject user = body.getAsJsonObject("event").getAsJsonObject("user");
        user.addProperty("id", userId);
        user.addProperty("team_id", "T111");
        user.addProperty("deleted", deleted);
        // Not in the SDK's model or sample: Slack's user object has it (slack_web_openapi_v2.json) for erasures.
        user.addProperty("is_forgotten", forgotten);
        return body.toString();
    }


    private void reply(String ts, String user, String text) {
        assertThat(slack.post(SlackHttp.JSON, Payloads.threadReply(ts, THREAD, user, text)).statusCode())
                .isEqualTo(200);
    }

    private void command(String user, String text) {
        slack.post(SlackHttp.FORM, Fixtures.slashCommand(Map.of("command", "/takeaway", "text", text,
                "user_id", user, "trigger_id", "erasure." + (++triggers),
                "response_url", SlackApiStub.responseUrl("answer"))));
    }

}
