package app.takeaways.slack.events;

import app.takeaways.testbed.IntegrationTest;
import app.takeaways.testbed.Payloads;
import app.takeaways.testbed.SlackApiStub;
import app.takeaways.testbed.SlackHttp;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static app.takeaways.testbed.SlackMessages.blocksText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A :memo: reaction saves the message, credited to its author, once however many react. */
class ReactionCaptureTests extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void savesATopLevelMessageOnceHoweverManyReact() {
        SlackApiStub.answer("conversations.history", history("1599529504.000400", "U999",
                "Use cell-based architecture to cap the blast radius #resilience", null));

        slack.post(SlackHttp.JSON, reaction("memo", "W111", "1599529504.000400"));
        slack.post(SlackHttp.JSON, reaction("memo", "W333", "1599529504.000400"));

        await().atMost(WAIT).until(() -> count("takeaways") == 1 && count("pending_reaction_captures") == 0);
        slack.post(SlackHttp.JSON, reaction("memo", "W444", "1599529504.000400"));
        awaitBackgroundWork();
        Map<String, Object> row = jdbc.sql("SELECT user_id, captured_by, text, source, message_ts, thread_ts FROM takeaways")
                .query().singleRow();
        assertThat(row).containsEntry("user_id", "U999").containsEntry("captured_by", "W111")
                .containsEntry("text", "Use cell-based architecture to cap the blast radius #resilience")
                .containsEntry("source", "reaction").containsEntry("message_ts", "1599529504.000400")
                .containsEntry("thread_ts", null);
        assertThat(count("takeaways")).isEqualTo(1);
        assertThat(SlackApiStub.formsTo("conversations.history")).hasSize(1).first().satisfies(form ->
                assertThat(form).containsEntry("channel", "C111").containsEntry("latest", "1599529504.000400")
                        .containsEntry("inclusive", "1").containsEntry("limit", "1"));
        await().atMost(WAIT).until(() -> SlackApiStub.formsTo("chat.postEphemeral").size() == 1);
        assertThat(SlackApiStub.formsTo("chat.postEphemeral").get(0)).containsEntry("user", "W111");
        assertThat(blocksText(SlackApiStub.formsTo("chat.postEphemeral").get(0).get("blocks")))
                .startsWith(":white_check_mark: *Saved <@U999>'s message as a takeaway.*");
    }

    @Test
    void savesAThreadReplyFetchedWithReplies() {
        SlackApiStub.answer("conversations.history", history("1599520000.000100", "U1", "the thread's parent", null));
        SlackApiStub.answer("conversations.replies", history("1599529600.000200", "U777",
                "Graviton gives 40% better price/performance", "1599520000.000100"));

        slack.post(SlackHttp.JSON, reaction("memo", "W111", "1599529600.000200"));

        await().atMost(WAIT).until(() -> count("takeaways") == 1);
        assertThat(jdbc.sql("SELECT user_id || '|' || thread_ts || '|' || text FROM takeaways").query(String.class)
                .single()).isEqualTo("U777|1599520000.000100|Graviton gives 40% better price/performance");
        assertThat(SlackApiStub.formsTo("conversations.replies").get(0)).containsEntry("ts", "1599529600.000200");
    }

    @Test
    void otherReactionsAndBotMessagesAreNotSaved() {
        SlackApiStub.answer("conversations.history", """
                {"ok": true, "messages": [{"type": "message", "subtype": "bot_message", "bot_id": "B1",
                 "text": "I am a bot", "ts": "1599529700.000100"}]}""");

        slack.post(SlackHttp.JSON, reaction("heart_eyes", "W111", "1599529504.000400"));
        slack.post(SlackHttp.JSON, reaction("memo", "W111", "1599529700.000100"));

        await().atMost(WAIT).until(() -> count("pending_reaction_captures") == 0);
        awaitBackgroundWork();
        assertThat(count("takeaways")).isZero();
    }

    @Test
    void aChannelTheBotCannotReadIsGivenUpWithoutRetryingForever() {
        SlackApiStub.answer("conversations.history", "{\"ok\": false, \"error\": \"not_in_channel\"}");

        slack.post(SlackHttp.JSON, reaction("memo", "W111", "1599529800.000100"));

        await().atMost(WAIT).until(() -> count("pending_reaction_captures") == 0);
        assertThat(count("takeaways")).isZero();
    }

    @Test
    void aSlackHiccupIsRetriedLater() {
        SlackApiStub.answer("conversations.history", "{\"ok\": false, \"error\": \"internal_error\"}");

        slack.post(SlackHttp.JSON, reaction("memo", "W111", "1599529900.000100"));

        await().atMost(WAIT).until(() -> jdbc.sql("SELECT last_error FROM pending_reaction_captures")
                .query(String.class).optional().filter("internal_error"::equals).isPresent());
        SlackApiStub.answer("conversations.history", history("1599529900.000100", "U5", "Worth keeping", null));
        jdbc.sql("UPDATE pending_reaction_captures SET run_after = now()").update();
        await().atMost(WAIT).until(() -> count("takeaways") == 1);
    }

    static String reaction(String name, String user, String ts) {
        return Payloads.event("events/reaction_added.json", e -> {
            e.addProperty("reaction", name);
            e.addProperty("user", user);
            e.getAsJsonObject("item").addProperty("ts", ts);
        });
    }

    static String history(String ts, String user, String text, String threadTs) {
        return """
                {"ok": true, "messages": [{"type": "message", "user": "%s", "text": "%s", "ts": "%s"%s}]}
                """.formatted(user, text, ts, threadTs == null ? "" : ", \"thread_ts\": \"" + threadTs + "\"");
    }
}
