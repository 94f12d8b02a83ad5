package app.takeaways.slack.events;

import app.takeaways.testbed.Fixtures;
import app.takeaways.testbed.IntegrationTest;
import app.takeaways.testbed.Payloads;
import app.takeaways.testbed.SlackApiStub;
import app.takeaways.testbed.SlackHttp;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static app.takeaways.testbed.SlackMessages.blocksText;
import static app.takeaways.testbed.SlackMessages.json;
import static app.takeaways.testbed.SlackMessages.visibleText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Talk threads: started with {@code /takeaway talk}, or tracked with {@code @Takeaways track}; every human reply in
 * them is a takeaway of the talk, once, whatever Slack retries or broadcasts.
 */
class TalkThreadTests extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** chat.postMessage's example answer: the talk message's ts. */
    private static final String TALK_TS = "1503435956.000247";

    @Test
    void startsATalkThreadAndSavesItsReplies() {
        HttpResponse<String> ack = slack.post(SlackHttp.FORM, talkCommand("EKS deep dive: Karpenter #k8s #AWS"));

        assertThat(visibleText(json(ack.body()))).isEqualTo(":microphone: Starting a thread for *EKS deep dive: Karpenter*…");
        await().atMost(WAIT).until(() -> count("talk_threads") == 1);
        Map<String, String> posted = SlackApiStub.formsTo("chat.postMessage").get(0);
        assertThat(posted).containsEntry("channel", "C111");
        assertThat(posted.get("text")).isEqualTo("Talk: EKS deep dive: Karpenter. Reply in this thread with your takeaways.");
        assertThat(blocksText(posted.get("blocks"))).isEqualTo(":microphone: *EKS deep dive: Karpenter*\nReply in this"
                + " thread with your takeaways: every reply is saved as a takeaway of this talk.\nStarted by <@W111>"
                + "  ·  #k8s #aws\nSummarize");
        await().atMost(WAIT).until(() -> SlackApiStub.responsesTo("talk").size() == 1);
        assertThat(SlackApiStub.responsesTo("talk").get(0)).contains("Talk thread started for *EKS deep dive: Karpenter*")
                .contains("\"replace_original\":true");

        HttpResponse<String> reply = slack.post(SlackHttp.JSON,
                Payloads.threadReply("1503435999.000100", TALK_TS, "W222", "Consolidation saves 30% #cost"));

        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("""
                        SELECT t.user_id || '|' || t.text || '|' || array_to_string(t.tags, ',') || '|' || k.title
                               || '|' || t.source || '|' || t.thread_ts
                        FROM takeaways t JOIN talks k ON k.id = t.talk_id""").query(String.class).single())
                .isEqualTo("W222|Consolidation saves 30% #cost|cost,k8s,aws|EKS deep dive: Karpenter|thread_reply|"
                        + TALK_TS);
        // written from the workspace's address (auth.test), as chat.getPermalink would: no call per reply
        assertThat(jdbc.sql("SELECT permalink FROM takeaways").query(String.class).single()).isEqualTo(
                "https://subarachnoid.slack.com/archives/C111/p1503435999000100?thread_ts=" + TALK_TS + "&cid=C111");
        await().atMost(WAIT).until(() -> SlackApiStub.formsTo("chat.postEphemeral").size() == 1);
        assertThat(SlackApiStub.requestsTo("chat.getPermalink")).isEmpty();
        assertThat(SlackApiStub.formsTo("chat.postEphemeral").get(0)).containsEntry("user", "W222")
                .containsEntry("thread_ts", TALK_TS);
        assertThat(blocksText(SlackApiStub.formsTo("chat.postEphemeral").get(0).get("blocks")))
                .startsWith(":white_check_mark: *Saved your takeaway.*\nConsolidation saves 30% #cost\n*Talk:* EKS deep"
                        + " dive: Karpenter\n*Tags:* #cost  #k8s  #aws\nEdit\nDelete");
    }

    @Test
    void aTalkNeedsATitle() {
        HttpResponse<String> ack = slack.post(SlackHttp.FORM, talkCommand("   #k8s"));

        assertThat(visibleText(json(ack.body()))).isEqualTo("*`/takeaway talk &lt;title&gt; [#tags]`*\nStart a talk"
                + " thread in this channel: every reply in it is saved as a takeaway of the talk.\n_Example:_"
                + " `/takeaway talk EKS deep dive: scaling with Karpenter #k8s #aws`");
        assertThat(SlackApiStub.requestsTo("chat.postMessage")).isEmpty();
    }

    @Test
    void aTalkInAChannelWithoutTheBotSaysHowToFixIt() {
        SlackApiStub.answer("chat.postMessage", "{\"ok\": false, \"error\": \"not_in_channel\"}");

        slack.post(SlackHttp.FORM, talkCommand("Serverless patterns"));

        await().atMost(WAIT).until(() -> SlackApiStub.responsesTo("talk").size() == 1);
        assertThat(visibleText(json(SlackApiStub.responsesTo("talk").get(0)))).isEqualTo(":information_source: I could"
                + " not post in <#C111>: I am not a member. Invite me with `/invite @Takeaways`, then try again.");
        assertThat(count("talk_threads")).isZero();
    }

    @Test
    void repliesOutsideTrackedThreadsAndNonRepliesAreNotTakeaways() {
        startTalk();

        slack.post(SlackHttp.JSON, Payloads.threadReply("1503436000.000100", "1400000000.000001", "W222",
                "In another thread"));
        slack.post(SlackHttp.JSON, Payloads.event("events/message_plain.json", e -> e.addProperty("channel", "C111")));
        slack.post(SlackHttp.JSON, Payloads.threadReply(TALK_TS, TALK_TS, "W222", "The parent itself"));

        assertThat(count("takeaways")).isZero();
    }

    @Test
    void botsAndTheBotItselfAreNeverCaptured() {
        startTalk();
        String fromBot = Payloads.event("events/message_thread_reply.json", e -> {
            e.addProperty("thread_ts", TALK_TS);
            e.addProperty("ts", "1503436001.000100");
            e.addProperty("bot_id", "B111");
            e.addProperty("text", "A bot's reply");
        });
        String botMessageSubtype = Payloads.event("events/message_thread_reply.json", e -> {
            e.addProperty("thread_ts", TALK_TS);
            e.addProperty("ts", "1503436002.000100");
            e.addProperty("subtype", "bot_message");
            e.addProperty("bot_id", "B222");
            e.addProperty("text", "Another bot");
        });
        String joined = Payloads.event("events/message_thread_reply.json", e -> {
            e.addProperty("thread_ts", TALK_TS);
            e.addProperty("ts", "1503436003.000100");
            e.addProperty("subtype", "channel_join");
            e.addProperty("text", "<@W333> has joined the channel");
        });

        assertThat(List.of(fromBot, botMessageSubtype, joined))
                .allSatisfy(body -> assertThat(slack.post(SlackHttp.JSON, body).statusCode()).isEqualTo(200));
        assertThat(count("takeaways")).isZero();
    }

    @Test
    void anEventRetriedThreeTimesIsStoredOnce() {
        startTalk();
        String reply = Payloads.threadReply("1503436010.000100", TALK_TS, "W222", "Retried by Slack");

        assertThat(slack.post(SlackHttp.JSON, reply).statusCode()).isEqualTo(200);
        for (int retry = 1; retry <= 3; retry++) {
            assertThat(slack.postRetry(SlackHttp.JSON, reply, retry).statusCode()).isEqualTo(200);
        }

        assertThat(count("takeaways")).isEqualTo(1);
        awaitBackgroundWork();
        assertThat(SlackApiStub.requestsTo("chat.postEphemeral")).hasSize(1);
    }

    @Test
    void aReplyAlsoSentToTheChannelIsOneTakeaway() {
        startTalk();
        String broadcast = Payloads.event("events/message_thread_broadcast.json", e -> {
            e.addProperty("thread_ts", TALK_TS);
            e.addProperty("ts", "1503436020.000100");
            e.addProperty("channel", "C111");
            e.addProperty("channel_type", "channel");
            e.addProperty("text", "Worth everyone's time #platform");
        });

        slack.post(SlackHttp.JSON, broadcast);
        slack.post(SlackHttp.JSON, Payloads.threadReply("1503436020.000100", TALK_TS, "U111",
                "Worth everyone's time #platform"));

        assertThat(jdbc.sql("SELECT text || ' ' || array_to_string(tags, ',') FROM takeaways").query(String.class)
                .list()).containsExactly("Worth everyone's time #platform platform,k8s");
    }

    @Test
    void tracksAThreadOnMentionAndStopsOnUntrack() {
        SlackApiStub.answer("conversations.replies", """
                {"ok": true, "messages": [{"type": "message", "user": "U061F7AUR", "ts": "1482960137.003543",
                 "thread_ts": "1482960137.003543", "text": "*Keynote:* Werner on <https://aws.amazon.com|frugal> architecture\\nmore details"}]}
                """);

        HttpResponse<String> ack = slack.post(SlackHttp.JSON, mention("1482960200.000100", "1482960137.003543",
                "<@W111> track"));

        assertThat(ack.statusCode()).isEqualTo(200);
        await().atMost(WAIT).until(() -> count("talk_threads") == 1);
        assertThat(jdbc.sql("SELECT k.title || '|' || t.origin || '|' || t.started_by FROM talk_threads t"
                + " JOIN talks k ON k.id = t.talk_id").query(String.class).single())
                .isEqualTo("Keynote: Werner on frugal architecture|mention|W222");
        await().atMost(WAIT).until(() -> SlackApiStub.formsTo("chat.postEphemeral").size() == 1);
        assertThat(SlackApiStub.formsTo("reactions.add").get(0)).containsEntry("name", "white_check_mark")
                .containsEntry("timestamp", "1482960200.000100");
        assertThat(SlackApiStub.formsTo("chat.postEphemeral").get(0).get("text"))
                .isEqualTo("Saving every later reply in this thread as a takeaway of Keynote: Werner on frugal"
                        + " architecture. @Takeaways untrack stops it.");

        // the mention itself, delivered as a message too, is a command, not a takeaway
        slack.post(SlackHttp.JSON, Payloads.threadReply("1482960200.000100", "1482960137.003543", "W222",
                "<@W111> track"));
        slack.post(SlackHttp.JSON, Payloads.threadReply("1482960300.000100", "1482960137.003543", "W333",
                "Frugality is a design constraint"));
        assertThat(jdbc.sql("SELECT text FROM takeaways").query(String.class).list())
                .containsExactly("Frugality is a design constraint");

        slack.post(SlackHttp.JSON, mention("1482960400.000100", "1482960137.003543", "<@W111> untrack"));
        await().atMost(WAIT).until(() -> SlackApiStub.formsTo("chat.postEphemeral").stream()
                .anyMatch(form -> form.get("text").startsWith("Stopped saving replies in this thread.")));
        slack.post(SlackHttp.JSON, Payloads.threadReply("1482960500.000100", "1482960137.003543", "W333",
                "After untrack"));
        assertThat(count("takeaways")).isEqualTo(1);
    }

    @Test
    void trackOutsideAThreadExplainsWhere() {
        slack.post(SlackHttp.JSON, Payloads.event("events/app_mention.json", e -> e.addProperty("text",
                "<@W111> track")));

        await().atMost(WAIT).until(() -> SlackApiStub.formsTo("chat.postEphemeral").size() == 1);
        assertThat(SlackApiStub.formsTo("chat.postEphemeral").get(0).get("text"))
                .isEqualTo("Mention me with track in a thread (as a reply): I will save every later reply there as a"
                        + " takeaway of that talk.");
        assertThat(count("talk_threads")).isZero();
    }

    private void startTalk() {
        slack.post(SlackHttp.FORM, talkCommand("EKS deep dive #k8s"));
        await().atMost(WAIT).until(() -> count("talk_threads") == 1);
        awaitBackgroundWork();
        SlackApiStub.reset();
    }

    private static String talkCommand(String arguments) {
        return Fixtures.slashCommand(Map.of("command", "/takeaway", "text", "talk " + arguments,
                "response_url", SlackApiStub.responseUrl("talk")));
    }

    private static String mention(String ts, String threadTs, String text) {
        return Payloads.event("events/app_mention.json", e -> {
            e.addProperty("ts", ts);
            e.addProperty("thread_ts", threadTs);
            e.addProperty("text", text);
            e.addProperty("user", "W222");
        });
    }
}
