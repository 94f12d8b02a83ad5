package app.takeaways.slack.events;

import app.takeaways.testbed.IntegrationTest;
import app.takeaways.testbed.Payloads;
import app.takeaways.testbed.SlackApiStub;
import app.takeaways.testbed.SlackHttp;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static app.takeaways.testbed.SlackMessages.json;
import static app.takeaways.testbed.SlackMessages.visibleText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** App Home shows each person their takeaways and the team's they may see: never someone else's private ones. */
class AppHomeTests extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void showsOwnAndPublicTakeawaysButNotOthersPrivateOnes() {
        insert("U_ANA", "C_PUBLIC", "public_channel", "Public note by Ana");
        insert("U_ANA", "G_SECRET", "private_channel", "Private note by Ana");
        insert("U_BO", "D_BO", "im", "DM note by Bo");

        Map<String, String> bo = homeOf("U_BO");
        String boSees = visibleText(json(bo.get("view")));
        assertThat(bo).containsEntry("user_id", "U_BO");
        assertThat(boSees).contains("*Your recent takeaways*").contains("DM note by Bo")
                .contains("*Recently from your team*").contains("Public note by Ana")
                .doesNotContain("Private note by Ana")
                .contains("Save a takeaway");

        SlackApiStub.reset();
        String anaSees = visibleText(json(homeOf("U_ANA").get("view")));
        assertThat(anaSees).contains("Private note by Ana").contains("Public note by Ana").doesNotContain("DM note by Bo");
    }

    @Test
    void deletedTakeawaysNeverShow() {
        insert("U_ANA", "C_PUBLIC", "public_channel", "Deleted note");
        jdbc.sql("UPDATE takeaways SET deleted_at = now()").update();

        assertThat(visibleText(json(homeOf("U_ANA").get("view")))).doesNotContain("Deleted note")
                .contains("Nothing yet. Try `/takeaway` followed by what you learned, in any channel.");
    }

    @Test
    void theMessagesTabPublishesNothing() {
        slack.post(SlackHttp.JSON, Payloads.event("events/app_home_opened_org_app.json", e -> e.addProperty("tab", "messages")));

        awaitBackgroundWork();
        assertThat(SlackApiStub.requestsTo("views.publish")).isEmpty();
    }

    private Map<String, String> homeOf(String user) {
        slack.post(SlackHttp.JSON, Payloads.event("events/app_home_opened_org_app.json", e -> {
            e.addProperty("tab", "home");
            e.addProperty("user", user);
        }));
        await().atMost(WAIT).until(() -> !SlackApiStub.formsTo("views.publish").isEmpty());
        return SlackApiStub.formsTo("views.publish").get(0);
    }

    private void insert(String user, String channel, String type, String text) {
        jdbc.sql("""
                INSERT INTO takeaways (team_id, channel_id, channel_type, user_id, text, source, created_at, updated_at)
                VALUES ('T111', :channel, :type, :user, :text, 'slash_command', now(), now())""")
                .param("channel", channel).param("type", type).param("user", user).param("text", text).update();
    }
}
