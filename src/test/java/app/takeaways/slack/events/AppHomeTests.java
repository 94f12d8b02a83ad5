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

    @Test
    void searchingFromAppHomeShowsResultsUnderTheSearchBox() {
        insert("U_ANA", "C_PUBLIC", "public_channel", "Karpenter consolidates nodes in minutes");
        insert("U_ANA", "G_SECRET", "private_channel", "Karpenter rollout plan, not public yet");
        insert("U_BO", "D_BO", "im", "Karpenter questions for the team");

        slack.post(SlackHttp.FORM, homeAction("home_search", "karpenter", "U_BO"));

        await().atMost(WAIT).until(() -> !SlackApiStub.formsTo("views.publish").isEmpty());
        var view = json(SlackApiStub.formsTo("views.publish").get(0).get("view"));
        String boSees = visibleText(view);
        assertThat(boSees).contains(":mag: *Takeaways for* `karpenter`  ·  2 found, best match first")
                .contains("*Karpenter* consolidates nodes in minutes").contains("*Karpenter* questions for the team")
                .doesNotContain("rollout plan").doesNotContain("Share")
                .contains("*Your recent takeaways*");
        assertThat(view.toString()).contains("\"initial_value\":\"karpenter\"").contains("\"dispatch_action\":true");
    }

    @Test
    void appHomeResultsPageInPlace() {
        for (int i = 1; i <= 6; i++) {
            insert("U_ANA", "C_PUBLIC", "public_channel", "Observability note " + i);
        }

        slack.post(SlackHttp.FORM, homeAction("home_search_page_next", "1|observability", "U_BO"));

        await().atMost(WAIT).until(() -> !SlackApiStub.formsTo("views.publish").isEmpty());
        String boSees = visibleText(json(SlackApiStub.formsTo("views.publish").get(0).get("view")));
        assertThat(boSees).contains("`observability`  ·  page 2, best match first").contains("← Previous")
                .doesNotContain("Next →");
    }

    @Test
    void listsTheWeeklyDigestsOfTheChannelsThePersonIsInAskingSlackOnceAWhile() {
        subscribe("C_ONE", null);
        subscribe("C_TWO", "not_in_channel");
        subscribe("C_ELSEWHERE", null);
        SlackApiStub.stub(com.github.tomakehurst.wiremock.client.WireMock.post(
                        com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/api/users.conversations"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.notContaining("cursor="))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson("""
                        {"ok": true, "channels": [{"id": "C_ONE"}],
                         "response_metadata": {"next_cursor": "page2"}}""")));
        SlackApiStub.stub(com.github.tomakehurst.wiremock.client.WireMock.post(
                        com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/api/users.conversations"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("cursor=page2"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson("""
                        {"ok": true, "channels": [{"id": "C_TWO"}, {"id": "C_NO_DIGEST"}],
                         "response_metadata": {"next_cursor": ""}}""")));

        String boSees = visibleText(json(homeOf("U_BO").get("view")));

        assertThat(boSees).contains("*Weekly digests in your channels*\n"
                        + "• <#C_ONE>: every Friday at 16:30 (Europe/Berlin), next <!date^")
                .contains("• <#C_TWO>: every Friday at 16:30 (Europe/Berlin), :pause_button: paused (`/takeaway"
                        + " digest on` there resumes it)")
                .doesNotContain("C_ELSEWHERE");
        assertThat(SlackApiStub.formsTo("users.conversations").get(0)).containsEntry("user", "U_BO")
                .containsEntry("types", "public_channel,private_channel").containsEntry("exclude_archived", "1");

        SlackApiStub.forgetRequests();
        homeOf("U_BO");
        assertThat(SlackApiStub.requestsTo("users.conversations")).isEmpty();
    }

    @Test
    void aTeamWithoutDigestsSaysHowToStartOneWithoutAskingSlack() {
        String anaSees = visibleText(json(homeOf("U_ANA").get("view")));

        assertThat(anaSees).contains("*Weekly digests in your channels*\nNone of your channels gets a weekly digest"
                + " yet. `/takeaway digest on` in a channel starts one.");
        assertThat(SlackApiStub.requestsTo("users.conversations")).isEmpty();
    }

    @Test
    void whenSlackCannotSayWhichChannelsTheHomeStillShows() {
        insert("U_ANA", "C_PUBLIC", "public_channel", "Public note by Ana");
        subscribe("C_ONE", null);
        SlackApiStub.answer("users.conversations", "{\"ok\": false, \"error\": \"missing_scope\"}");

        String anaSees = visibleText(json(homeOf("U_ANA").get("view")));

        assertThat(anaSees).contains("Public note by Ana").contains("Slack did not say which channels you are in just"
                + " now. `/takeaway digest status` in a channel shows its digest.");
    }

    @Test
    void offersBothExports() {
        var view = json(homeOf("U_ANA").get("view"));

        assertThat(view.toString()).contains("\"action_id\":\"home_export_mine\"")
                .contains("\"action_id\":\"home_export_visible\"");
        assertThat(visibleText(view)).contains("Export my takeaways").contains("Export what I can see");
    }

    @Test
    void exportMyTakeawaysSendsOnlyThePersonsOwnToTheirDm() {
        SlackApiStub.takesFiles("D0BO");
        insert("U_ANA", "C_PUBLIC", "public_channel", "Public note by Ana");
        insert("U_BO", "D_BO", "im", "DM note by Bo");
        insert("U_BO", "C_PUBLIC", "public_channel", "Public note by Bo");

        slack.post(SlackHttp.FORM, homeAction("home_export_mine", null, "U_BO"));

        await().atMost(WAIT).until(() -> !SlackApiStub.formsTo("files.completeUploadExternal").isEmpty());
        assertThat(SlackApiStub.formsTo("conversations.open").get(0)).containsEntry("users", "U_BO");
        assertThat(SlackApiStub.formsTo("files.completeUploadExternal").get(0)).containsEntry("channel_id", "D0BO")
                .hasEntrySatisfying("initial_comment", comment -> assertThat(comment)
                        .startsWith("Your export: 2 takeaways matching `from:me`"));
        assertThat(SlackApiStub.uploaded("F0MD")).contains("DM note by Bo").contains("Public note by Bo")
                .doesNotContain("Ana");
    }

    @Test
    void exportWhatICanSeeSendsThePublicOnesAndTheirOwnNeverOthersPrivateOnes() {
        SlackApiStub.takesFiles("D0BO");
        insert("U_ANA", "C_PUBLIC", "public_channel", "Public note by Ana");
        insert("U_ANA", "G_SECRET", "private_channel", "Private note by Ana");
        insert("U_BO", "D_BO", "im", "DM note by Bo");

        slack.post(SlackHttp.FORM, homeAction("home_export_visible", null, "U_BO"));

        await().atMost(WAIT).until(() -> !SlackApiStub.formsTo("files.completeUploadExternal").isEmpty());
        assertThat(SlackApiStub.formsTo("files.completeUploadExternal").get(0))
                .hasEntrySatisfying("initial_comment", comment -> assertThat(comment)
                        .startsWith("Your export: 2 takeaways, as a Markdown outline"));
        assertThat(SlackApiStub.uploaded("F0CSV")).contains("Public note by Ana").contains("DM note by Bo")
                .doesNotContain("Private note by Ana");
    }

    private void subscribe(String channel, String pausedReason) {
        jdbc.sql("""
                INSERT INTO digest_subscriptions (team_id, channel_id, weekday, local_time, time_zone, subscribed_by,
                                                  next_run_at, paused_at, paused_reason, created_at, updated_at)
                VALUES ('T111', :channel, 5, '16:30', 'Europe/Berlin', 'U_ANA', now() + interval '2 days',
                        CASE WHEN CAST(:reason AS text) IS NULL THEN NULL ELSE now() END, :reason, now(), now())""")
                .param("channel", channel).param("reason", pausedReason).update();
    }

    private static String homeAction(String actionId, String value, String user) {
        return Payloads.interaction("interactivity/block_actions.json", payload -> {
            payload.getAsJsonObject("user").addProperty("id", user);
            payload.remove("channel");
            payload.remove("response_url");
            com.google.gson.JsonObject container = new com.google.gson.JsonObject();
            container.addProperty("type", "view");
            container.addProperty("view_id", "V0HOME");
            payload.add("container", container);
            com.google.gson.JsonObject action = payload.getAsJsonArray("actions").get(0).getAsJsonObject();
            action.addProperty("action_id", actionId);
            action.addProperty("type", actionId.equals("home_search") ? "plain_text_input" : "button");
            action.addProperty("value", value);
        });
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
