package app.takeaways.slack.commands;

import app.takeaways.summary.TalkSummaries;
import app.takeaways.testbed.Fixtures;
import app.takeaways.testbed.IntegrationTest;
import app.takeaways.testbed.Payloads;
import app.takeaways.testbed.SlackApiStub;
import app.takeaways.testbed.SlackHttp;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static app.takeaways.testbed.SlackMessages.blockTexts;
import static app.takeaways.testbed.SlackMessages.blocksText;
import static app.takeaways.testbed.SlackMessages.buttonValue;
import static app.takeaways.testbed.SlackMessages.json;
import static app.takeaways.testbed.SlackMessages.visibleText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /takeaway forget me}: the count first, then, confirmed by the person themselves, their takeaways and
 * reactions in this workspace deleted for good, and what quoted them following as after a delete.
 */
class ForgetMeTests extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String THREAD = "1700000000.000100";

    @Autowired
    TalkSummaries summaries;

    private int triggers;

    /**
     * W111 wrote three takeaways here (two of them replies in a talk thread) and reacted once; W222 wrote one and
     * reacted to one of W111's; W333 reacted to W222's; W111 wrote one in another workspace too.
     */
    @BeforeEach
    void twoPeopleAndAnotherWorkspace() {
        talkThread(THREAD, "EKS deep dive", "W333");
        reply("1700000001.000100", "W111", "Karpenter consolidates nodes in minutes");
        reply("1700000002.000100", "W111", "Karpenter replaces the cluster autoscaler");
        reply("1700000003.000100", "W222", "Karpenter needs a disruption budget");
        command("T111", "W111", "Spot interruptions come with a two minute warning #aws");
        command("T222", "W111", "Written in another workspace");
        slack.post(SlackHttp.JSON, Payloads.reactionAdded("+1", "W111", "1700000003.000100", "EvForget1"));
        slack.post(SlackHttp.JSON, Payloads.reactionAdded("+1", "W222", "1700000001.000100", "EvForget2"));
        slack.post(SlackHttp.JSON, Payloads.reactionAdded("+1", "W333", "1700000003.000100", "EvForget3"));
        awaitBackgroundWork();
        assertThat(count("takeaways")).isEqualTo(5);
        assertThat(count("takeaway_reactions")).isEqualTo(3);
        SlackApiStub.forgetRequests();
    }

    @Test
    void showsWhatItWillDeleteAndThatItCannotBeUndone() {
        JsonObject question = command("T111", "W111", "forget me");

        assertThat(question.get("response_type").getAsString()).isEqualTo("ephemeral");
        assertThat(blockTexts(question).get(0)).isEqualTo(":warning: *Delete 3 takeaways and 1 reaction?*\n"
                + "Everything you saved or reacted with in this workspace goes, in every channel and DM: your"
                + " takeaways, and the summaries quoting them are rewritten without them. *This cannot be undone.*");
        JsonObject delete = button(question, "forget_me_confirm");
        assertThat(delete.get("style").getAsString()).isEqualTo("danger");
        assertThat(delete.getAsJsonObject("text").get("text").getAsString()).isEqualTo("Delete 3 takeaways and 1 reaction");
        JsonObject dialog = delete.getAsJsonObject("confirm");
        assertThat(dialog.getAsJsonObject("text").get("text").getAsString())
                .isEqualTo("Your 3 takeaways and 1 reaction in this workspace will be deleted. This cannot be undone.");
        assertThat(dialog.get("style").getAsString()).isEqualTo("danger");
        assertThat(button(question, "forget_me_cancel").getAsJsonObject("text").get("text").getAsString())
                .isEqualTo("Cancel");
        assertThat(question.toString()).as("exact words: no \"save it instead\"").doesNotContain("save_instead");
        assertThat(count("takeaways")).as("nothing deleted before the click").isEqualTo(5);
    }

    @Test
    void anyCaseAndSpacingAsks() {
        assertThat(visibleText(command("T111", "W111", "  Forget   ME "))).startsWith(":warning: *Delete 3 takeaways");
    }

    @Test
    void confirmingDeletesOnlyThatPersonsTakeawaysAndReactionsInThisWorkspace() {
        JsonObject question = command("T111", "W111", "forget me");
        jdbc.sql("""
                INSERT INTO import_drafts (id, team_id, user_id, channel_id, channel_hint, source_name, outline, created_at)
                VALUES (gen_random_uuid(), 'T111', 'W111', 'C111', 'public_channel', 'notes.txt', 'Keynote', now()),
                       (gen_random_uuid(), 'T111', 'W222', 'C111', 'public_channel', 'notes.txt', 'Keynote', now())
                """).update();
        jdbc.sql("""
                INSERT INTO pending_reaction_captures (team_id, channel_id, message_ts, reacted_by, run_after, created_at)
                VALUES ('T111', 'C111', '1700000009.000100', 'W111', now() + interval '1 day', now())
                """).update();

        slack.post(SlackHttp.FORM, click("forget_me_confirm", buttonValue(question, "forget_me_confirm"), "W111"));

        JsonObject answer = awaitAnswer();
        assertThat(visibleText(answer)).isEqualTo("Deleted 3 takeaways and 1 reaction.");
        assertThat(answer.get("replace_original").getAsBoolean()).isTrue();
        assertThat(jdbc.sql("SELECT team_id || ' ' || user_id || ' ' || text FROM takeaways ORDER BY id")
                .query(String.class).list()).as("rows gone, not hidden").containsExactly(
                "T111 W222 Karpenter needs a disruption budget", "T222 W111 Written in another workspace");
        assertThat(jdbc.sql("SELECT user_id FROM takeaway_reactions").query(String.class).list())
                .as("W111's reaction, and W222's on W111's takeaway, go; W333's on W222's stays")
                .containsExactly("W333");
        assertThat(jdbc.sql("SELECT user_id FROM import_drafts").query(String.class).list()).containsExactly("W222");
        assertThat(count("pending_reaction_captures")).isZero();
        assertThat(count("takeaway_links")).as("the spot takeaway's links go with it").isZero();

        assertThat(visibleText(command("T111", "W222", "search karpenter"))).contains("disruption budget")
                .doesNotContain("consolidates").doesNotContain("autoscaler");
    }

    @Test
    void aSummaryQuotingTheErasedTakeawaysIsRewrittenThenWithdrawnAsAfterADelete() {
        command("T111", "W333", "summary EKS deep dive");
        await().atMost(WAIT).until(() -> SlackApiStub.responsesTo("answer").size() == 1);
        awaitBackgroundWork();
        JsonObject question = command("T111", "W111", "forget me");

        slack.post(SlackHttp.FORM, click("forget_me_confirm", buttonValue(question, "forget_me_confirm"), "W111"));
        awaitAnswer();

        assertThat(jdbc.sql("SELECT quotes_changed_at IS NOT NULL FROM takeaways WHERE source = 'summary'")
                .query(Boolean.class).single()).as("marked changed in the erasure's transaction").isTrue();
        assertThat(summaries.refreshChanged()).isEqualTo(1);
        assertThat(blocksText(SlackApiStub.formsTo("chat.update").get(0).get("blocks")))
                .contains("1 takeaway from 1 person").contains("disruption budget")
                .doesNotContain("consolidates").doesNotContain("autoscaler");

        // W222 goes too (their reaction went with W111's takeaway): nothing the summary quoted is left, so it is
        // withdrawn, its message saying so.
        SlackApiStub.forgetRequests();
        JsonObject second = command("T111", "W222", "forget me");
        slack.post(SlackHttp.FORM, click("forget_me_confirm", buttonValue(second, "forget_me_confirm"), "W222"));
        assertThat(visibleText(awaitAnswer())).isEqualTo("Deleted 1 takeaway and 0 reactions.");
        assertThat(summaries.refreshChanged()).isEqualTo(1);
        assertThat(blocksText(SlackApiStub.formsTo("chat.update").get(0).get("blocks")))
                .isEqualTo(":wastebasket: _This summary was withdrawn: the takeaways it quoted were deleted or can no"
                        + " longer be shown here._");
        assertThat(visibleText(command("T111", "W333", "search karpenter"))).startsWith(":shrug: Nothing found");
    }

    @Test
    void someoneElsePressingTheButtonErasesNothing() {
        JsonObject question = command("T111", "W111", "forget me");

        slack.post(SlackHttp.FORM, click("forget_me_confirm", buttonValue(question, "forget_me_confirm"), "W222"));

        JsonObject answer = awaitAnswer();
        assertThat(visibleText(answer)).isEqualTo(":lock: Only <@W111> can answer this: it is about their takeaways.");
        assertThat(answer.get("replace_original").getAsBoolean()).isFalse();
        assertThat(count("takeaways")).isEqualTo(5);
        assertThat(count("takeaway_reactions")).isEqualTo(3);
    }

    @Test
    void cancelDeletesNothing() {
        JsonObject question = command("T111", "W111", "forget me");

        slack.post(SlackHttp.FORM, click("forget_me_cancel", buttonValue(question, "forget_me_cancel"), "W111"));

        JsonObject answer = awaitAnswer();
        assertThat(visibleText(answer)).isEqualTo("Cancelled: nothing was deleted.");
        assertThat(answer.get("replace_original").getAsBoolean()).isTrue();
        assertThat(count("takeaways")).isEqualTo(5);
        assertThat(count("takeaway_reactions")).isEqualTo(3);
    }

    @Test
    void aSecondPressDeletesNothingMoreAndKeepsTheFirstAnswer() {
        JsonObject question = command("T111", "W111", "forget me");
        String press = click("forget_me_confirm", buttonValue(question, "forget_me_confirm"), "W111");

        slack.post(SlackHttp.FORM, press);
        slack.post(SlackHttp.FORM, press);

        await().atMost(WAIT).until(() -> SlackApiStub.responsesTo("forget").size() == 2);
        List<JsonObject> answers = SlackApiStub.responsesTo("forget").stream().map(body -> json(body)).toList();
        assertThat(answers).extracting(answer -> visibleText(answer) + " | replace: "
                        + answer.get("replace_original").getAsBoolean())
                .containsExactlyInAnyOrder("Deleted 3 takeaways and 1 reaction. | replace: true",
                        ":information_source: Nothing left to delete: your takeaways and reactions are already"
                                + " deleted. | replace: false");
        assertThat(count("takeaways")).isEqualTo(2);
    }

    @Test
    void nothingToDeleteSaysSo() {
        JsonObject answer = command("T111", "W444", "forget me");

        assertThat(visibleText(answer)).isEqualTo(":information_source: You have no takeaways or reactions in this"
                + " workspace: there is nothing to delete.");
        assertThat(answer.toString()).doesNotContain("forget_me_confirm");
    }

    @Test
    void forgetFollowedByAnythingElseIsATakeaway() {
        JsonObject saved = command("T111", "W111", "forget about the old design");
        JsonObject lone = command("T111", "W111", "forget");

        assertThat(visibleText(saved)).startsWith(":white_check_mark: *Saved your takeaway.*")
                .contains("forget about the old design");
        assertThat(visibleText(lone)).as("a lone word is no note, as for any other")
                .startsWith(":thinking_face: `forget` is not a /takeaway subcommand.")
                .contains("/takeaway forget me");
        assertThat(jdbc.sql("SELECT text FROM takeaways WHERE user_id = 'W111' AND text LIKE 'forget%'")
                .query(String.class).list()).containsExactly("forget about the old design");
    }

    @Test
    void helpListsIt() {
        assertThat(blockTexts(command("T111", "W111", "help"))).contains("*`/takeaway forget me`*\nDelete all your"
                + " takeaways and reactions in this workspace, for good. You see how many first, and confirm.\n"
                + "_Example:_ `/takeaway forget me`");
    }

    // --- Slack's side ------------------------------------------------------------------------------------------

    private JsonObject awaitAnswer() {
        await().atMost(WAIT).until(() -> SlackApiStub.responsesTo("forget").size() == 1);
        return json(SlackApiStub.responsesTo("forget").get(0));
    }

    private static JsonObject button(JsonObject message, String actionId) {
        for (var block : message.getAsJsonArray("blocks")) {
            var elements = block.getAsJsonObject().getAsJsonArray("elements");
            for (var element : elements == null ? List.<com.google.gson.JsonElement>of() : elements.asList()) {
                if (element.getAsJsonObject().get("action_id").getAsString().equals(actionId)) {
                    return element.getAsJsonObject();
                }
            }
        }
        throw new AssertionError("No button " + actionId + " in " + message);
    }

    private JsonObject command(String team, String user, String text) {
        Map<String, String> fields = new HashMap<>(Map.of("command", "/takeaway", "text", text, "team_id", team,
                "user_id", user, "trigger_id", "forget." + (++triggers),
                "response_url", SlackApiStub.responseUrl("answer")));
        return json(slack.post(SlackHttp.FORM, Fixtures.slashCommand(fields)).body());
    }

    private static String click(String actionId, String value, String userId) {
        return Payloads.click(actionId, value, userId, "forget");
    }


    private void reply(String ts, String user, String text) {
        assertThat(slack.post(SlackHttp.JSON, Payloads.threadReply(ts, THREAD, user, text)).statusCode())
                .isEqualTo(200);
    }

}
