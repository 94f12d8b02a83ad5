package app.takeaways.slack;

import app.takeaways.summary.TalkSummaries;
import app.takeaways.testbed.Fixtures;
import app.takeaways.testbed.IntegrationTest;
import app.takeaways.testbed.Payloads;
import app.takeaways.testbed.SlackApiStub;
import app.takeaways.testbed.SlackHttp;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static app.takeaways.testbed.SlackMessages.blocksText;
import static app.takeaways.testbed.SlackMessages.json;
import static app.takeaways.testbed.SlackMessages.visibleText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ways the bot could break its word on privacy and manners, each driven as Slack drives it (signed requests, the
 * Web API played by WireMock), asserting what people see.
 */
class TrustTests extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String PRIVATE = "G0SECRET";
    private static final String SHARED = "C0CONNECT";

    @Autowired
    TalkSummaries summaries;

    private int triggers;

    @Test
    void closeSpellingsNeverOfferAWordFromAPrivateTakeaway() {
        SlackApiStub.conversationIs(PRIVATE, SlackApiStub.conversation(PRIVATE, "secret", true));
        takeaway(PRIVATE, "privategroup", "W111", "The Zanzibarian merger closes in March");
        awaitBackgroundWork();

        JsonObject elsewhere = search("C111", "random", "W222", "zanzibarien");

        assertThat(visibleText(elsewhere)).isEqualTo(":shrug: Nothing found for `zanzibarien`.\n"
                + "Try to check the spelling.\n"
                + "Search finds takeaways from public channels, from this conversation, and your own.");

        JsonObject there = search(PRIVATE, "privategroup", "W333", "zanzibarien");

        assertThat(visibleText(there)).contains("showing close spellings (*zanzibarian*)")
                .contains("The *Zanzibarian* merger closes in March");
    }

    @Test
    void aChannelMadePrivateIsPrivateFromTheFirstRequestThatSaysSo() {
        takeaway("C0TURNED", "roadmap", "W111", "Roadmap: the Quokka launch moves to May");
        awaitBackgroundWork();
        assertThat(visibleText(search("C111", "random", "W222", "quokka"))).contains("*Quokka* launch");

        // The channel was made private: Slack now says so in the command, before conversations.info is asked.
        SlackApiStub.conversationIs("C0TURNED", SlackApiStub.conversation("C0TURNED", "roadmap", true));
        takeaway("C0TURNED", "privategroup", "W111", "Quokka pricing is still secret");
        awaitBackgroundWork();

        assertThat(visibleText(search("C111", "random", "W222", "quokka"))).startsWith(":shrug: Nothing found for"
                + " `quokka`.");
        assertThat(jdbc.sql("SELECT DISTINCT channel_type FROM takeaways").query(String.class).list())
                .containsExactly("private_channel");
        assertThat(visibleText(search("C0TURNED", "privategroup", "W333", "quokka"))).contains("2 found");
    }

    @Test
    void aChannelMadePrivateInSlackHidesItsTakeawaysElsewhere() {
        takeaway("C0TURNED", "roadmap", "W111", "Roadmap: the Quokka launch moves to May");
        awaitBackgroundWork();

        // "made this channel private", as Slack posts it in the channel
        SlackApiStub.conversationIs("C0TURNED", SlackApiStub.conversation("C0TURNED", "roadmap", true));
        HttpResponse<String> event = slack.post(SlackHttp.JSON, Payloads.event("events/message_plain.json", e -> {
            e.addProperty("subtype", "channel_convert_to_private");
            e.addProperty("channel", "C0TURNED");
            e.addProperty("channel_type", "group");
            e.addProperty("text", "made this channel *private*. Now, it can only be viewed or joined by invitation.");
        }));
        assertThat(event.statusCode()).isEqualTo(200);
        awaitBackgroundWork();

        assertThat(visibleText(search("C111", "random", "W222", "quokka"))).startsWith(":shrug: Nothing found");
    }

    @Test
    void aSlackConnectChannelSeesOnlyWhatWasWrittenInIt() {
        SlackApiStub.conversationIs(SHARED, SlackApiStub.sharedConversation(SHARED, "with-partner"));
        takeaway("C111", "random", "W111", "Internal: our observability budget doubles next year");
        takeaway(SHARED, "with-partner", "W111", "Shared: observability dashboards for the partner");
        awaitBackgroundWork();

        String results = visibleText(search(SHARED, "with-partner", "W222", "observability"));

        assertThat(results).contains("dashboards for the partner").doesNotContain("budget doubles");

        slack.post(SlackHttp.FORM, command(SHARED, "with-partner", "W222", "summary observability"));
        await().atMost(WAIT).until(() -> !SlackApiStub.requestsTo("chat.postMessage").isEmpty());
        Map<String, String> posted = SlackApiStub.formsTo("chat.postMessage").get(0);
        assertThat(posted).containsEntry("channel", SHARED);
        assertThat(blocksText(posted.get("blocks"))).contains("dashboards for the partner")
                .doesNotContain("budget doubles");

        // and what was written there stays there
        assertThat(visibleText(search("C111", "random", "W222", "observability"))).contains("budget doubles")
                .doesNotContain("dashboards for the partner");
    }

    @Test
    void aChannelSharedWithAnotherOrganisationBecomesItsOwnConversation() {
        takeaway("C0SOON", "partners", "W111", "Internal: the Pangolin pricing floor is 40%");
        awaitBackgroundWork();
        assertThat(visibleText(search("C111", "random", "W222", "pangolin"))).contains("*Pangolin* pricing");

        SlackApiStub.conversationIs("C0SOON", SlackApiStub.sharedConversation("C0SOON", "partners"));
        HttpResponse<String> event = slack.post(SlackHttp.JSON, """
                {"token": "XXYYZZ", "team_id": "T111", "api_app_id": "A111", "type": "event_callback",
                 "event": {"type": "channel_shared", "connected_team_id": "T999", "channel": "C0SOON",
                           "event_ts": "1700000009.000100"},
                 "event_id": "Ev0SHARED", "event_time": 1700000009, "is_ext_shared_channel": true}""");
        assertThat(event.statusCode()).isEqualTo(200);
        awaitBackgroundWork();

        assertThat(visibleText(search("C111", "random", "W222", "pangolin"))).startsWith(":shrug: Nothing found");
        assertThat(visibleText(search("C0SOON", "partners", "W222", "budget"))).endsWith("This conversation"
                + " includes people from outside your organisation (or Slack has not said yet whether it does): search"
                + " here finds only what was saved here.");
    }

    @Test
    void aBroadcastInANoteIsNeverFiredAgainByShareDigestOrSummary() {
        String note = "Heads up <!channel> and <!subteam^S0614TZR7|@platform>: Karpenter replaces the autoscaler"
                + " talk:\"EKS deep dive\"";
        JsonObject saved = json(slack.post(SlackHttp.FORM, command("C111", "random", "W111", note)).body());
        assertThat(visibleText(saved)).contains("Heads up @channel and @platform").doesNotContain("<!channel>");
        long id = jdbc.sql("SELECT id FROM takeaways").query(Long.class).single();
        awaitBackgroundWork();
        SlackApiStub.forgetRequests();

        slack.post(SlackHttp.FORM, Payloads.click("takeaway_share", String.valueOf(id), "W111", "button"));
        slack.post(SlackHttp.FORM, command("C111", "random", "W111", "digest now"));
        slack.post(SlackHttp.FORM, command("C111", "random", "W111", "summary EKS deep dive"));

        await().atMost(WAIT).until(() -> SlackApiStub.requestsTo("chat.postMessage").size() == 3);
        for (Map<String, String> posted : SlackApiStub.formsTo("chat.postMessage")) {
            String shown = blocksText(posted.get("blocks")) + "\n" + posted.get("text");
            assertThat(shown).doesNotContain("<!channel", "<!here", "<!everyone", "<!subteam");
        }
        assertThat(SlackApiStub.formsTo("chat.postMessage")).extracting(form -> blocksText(form.get("blocks")))
                .allSatisfy(shown -> assertThat(shown).contains("Heads up @channel and @platform"));
        assertThat(SlackApiStub.formsTo("chat.postMessage")).allSatisfy(form ->
                assertThat(form).containsEntry("link_names", "0"));
    }

    @Test
    void aSummaryIsCreditedToTheBotAndFollowsWhatItQuotes() {
        talkThread("1700000000.000100", "EKS deep dive", "W1");
        reply("1700000001.000100", "W1", "Karpenter consolidates nodes in minutes");
        reply("1700000002.000100", "W2", "Karpenter replaces the cluster autoscaler");
        slack.post(SlackHttp.FORM, command("C111", "random", "W3", "summary EKS deep dive"));
        await().atMost(WAIT).until(() -> SlackApiStub.responsesTo("answer").size() == 1);
        assertThat(jdbc.sql("SELECT user_id FROM takeaways WHERE source = 'summary'").query(String.class).single())
                .as("credited to the bot (auth.test's user), not to who asked").isEqualTo("W12345678");

        awaitBackgroundWork();
        assertThat(searchText("C222", "\"summary of\" replaces")).contains("1 found");

        // One of its takeaways is deleted in Slack: until rewritten, the kept summary is found nowhere; then it is
        // rewritten without it, its message too.
        slack.post(SlackHttp.JSON, deleted("1700000001.000100"));
        assertThat(searchText("C222", "\"summary of\" replaces")).startsWith(":shrug: Nothing found");
        assertThat(summaries.refreshChanged()).isEqualTo(1);
        assertThat(searchText("C222", "\"summary of\" replaces")).contains("1 found");
        Map<String, String> rewritten = SlackApiStub.formsTo("chat.update").get(0);
        assertThat(rewritten).containsEntry("ts", "1503435956.000247");
        assertThat(blocksText(rewritten.get("blocks"))).contains("1 takeaway from 1 person")
                .doesNotContain("consolidates nodes");
        assertThat(searchText("C222", "consolidates")).startsWith(":shrug: Nothing found");

        // The last one goes too: the summary is withdrawn, its message says so, search no longer finds it.
        slack.post(SlackHttp.JSON, deleted("1700000002.000100"));
        assertThat(summaries.refreshChanged()).isEqualTo(1);
        assertThat(blocksText(SlackApiStub.formsTo("chat.update").get(1).get("blocks")))
                .isEqualTo(":wastebasket: _This summary was withdrawn: the takeaways it quoted were deleted or can no"
                        + " longer be shown here._");
        assertThat(searchText("C222", "summary karpenter")).startsWith(":shrug: Nothing found");
        assertThat(summaries.refreshChanged()).isZero();
    }

    @Test
    void whoAskedForASummaryInAPrivateChannelDoesNotSeeItElsewhere() {
        SlackApiStub.conversationIs(PRIVATE, SlackApiStub.conversation(PRIVATE, "secret", true));
        takeaway(PRIVATE, "privategroup", "W1", "The Wombat reorg moves platform under infra talk:\"Reorg\"");
        takeaway(PRIVATE, "privategroup", "W2", "Wombat budget is cut by a third talk:\"Reorg\"");
        slack.post(SlackHttp.FORM, command(PRIVATE, "privategroup", "W3", "summary Reorg"));
        await().atMost(WAIT).until(() -> SlackApiStub.responsesTo("answer").size() == 1);
        assertThat(count("posted_summaries")).isEqualTo(1);

        // W3 asked for it; elsewhere, W3 sees none of it: the summary is the bot's, and it quotes private notes.
        assertThat(searchText("C111", "wombat", "W3")).startsWith(":shrug: Nothing found");
        assertThat(searchText(PRIVATE, "wombat", "W3")).contains("3 found");
    }

    @Test
    void textPostgresCannotHoldIsStoredWithoutItAndAcknowledged() {
        talkThread("1700000000.000100", "Null talk", "W1");

        HttpResponse<String> response = slack.post(SlackHttp.JSON, Payloads.threadReply("1700000003.000100",
                "1700000000.000100", "W1", "Zero\u0000 bytes are not text"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT text FROM takeaways").query(String.class).single())
                .isEqualTo("Zero bytes are not text");

        JsonObject ack = json(slack.post(SlackHttp.FORM, command("C111", "random", "W1", "Also\u0000 here")).body());
        assertThat(visibleText(ack)).startsWith(":white_check_mark: *Saved your takeaway.*");
    }

    @Test
    void aDeletedMessageWithRepliesDeletesItsTakeawayInsteadOfRewritingIt() {
        talkThread("1700000000.000100", "Keynote", "W1");
        reply("1700000004.000100", "W1", "Cells cap the blast radius");

        slack.post(SlackHttp.JSON, Payloads.event("events/message_changed.json", e -> {
            JsonObject message = e.getAsJsonObject("message");
            message.addProperty("subtype", "tombstone");
            message.addProperty("text", "This message was deleted.");
            message.addProperty("user", "USLACKBOT");
            message.addProperty("hidden", true);
            message.addProperty("ts", "1700000004.000100");
            message.remove("edited");
            e.getAsJsonObject("previous_message").addProperty("ts", "1700000004.000100");
        }));

        assertThat(jdbc.sql("SELECT text || '|' || (deleted_at IS NOT NULL) FROM takeaways").query(String.class)
                .single()).isEqualTo("Cells cap the blast radius|true");
    }

    @Test
    void aSystemEditNeverRewritesATakeaway() {
        talkThread("1700000000.000100", "Keynote", "W1");
        reply("1700000005.000100", "W1", "Cells cap the blast radius");

        slack.post(SlackHttp.JSON, Payloads.event("events/message_changed.json", e -> {
            JsonObject message = e.getAsJsonObject("message");
            message.addProperty("subtype", "bot_message");
            message.addProperty("text", "Replaced by an integration");
            message.addProperty("ts", "1700000005.000100");
        }));

        assertThat(jdbc.sql("SELECT text FROM takeaways WHERE deleted_at IS NULL").query(String.class).single())
                .isEqualTo("Cells cap the blast radius");
    }

    @Test
    void datesOutOfRangeGetAOneLineAnswer() {
        takeaway("C111", "random", "W1", "Karpenter consolidates nodes");

        String answer = searchText("C111", "karpenter after:99999-01-01 before:0001-01-01");

        assertThat(answer).doesNotContain("went wrong")
                .contains("`after:99999-01-01` is out of range: use a date between 1970-01-01 and 9999-12-31.")
                .contains("`before:0001-01-01` is out of range");
    }

    // --- Slack's side ------------------------------------------------------------------------------------------

    private void takeaway(String channel, String channelName, String user, String text) {
        JsonObject ack = json(slack.post(SlackHttp.FORM, command(channel, channelName, user, text)).body());
        assertThat(visibleText(ack)).startsWith(":white_check_mark:");
    }

    private JsonObject search(String channel, String channelName, String user, String query) {
        return json(slack.post(SlackHttp.FORM, command(channel, channelName, user, "search " + query)).body());
    }

    private String searchText(String channel, String query) {
        return searchText(channel, query, "W999");
    }

    private String searchText(String channel, String query, String user) {
        return visibleText(search(channel, channel.equals(PRIVATE) ? "privategroup" : "random", user, query));
    }

    private String command(String channel, String channelName, String user, String text) {
        Map<String, String> fields = new HashMap<>(Map.of("command", "/takeaway", "text", text,
                "channel_id", channel, "channel_name", channelName, "user_id", user,
                "trigger_id", "trust." + (++triggers), "response_url", SlackApiStub.responseUrl("answer")));
        return Fixtures.slashCommand(fields);
    }


    private void reply(String ts, String user, String text) {
        assertThat(slack.post(SlackHttp.JSON, Payloads.threadReply(ts, "1700000000.000100", user, text)).statusCode())
                .isEqualTo(200);
    }

    private static String deleted(String ts) {
        return Payloads.event("events/message_deleted.json", e -> {
            e.addProperty("channel", "C111");
            e.addProperty("deleted_ts", ts);
            e.getAsJsonObject("previous_message").addProperty("ts", ts);
        });
    }
}
