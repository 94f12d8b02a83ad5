package app.takeaways.slack.commands;

import app.takeaways.testbed.Fixtures;
import app.takeaways.testbed.IntegrationTest;
import app.takeaways.testbed.SlackApiStub;
import app.takeaways.testbed.SlackHttp;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static app.takeaways.testbed.SlackMessages.blockTexts;
import static app.takeaways.testbed.SlackMessages.json;
import static app.takeaways.testbed.SlackMessages.visibleText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code /takeaway}, signed as Slack signs it, against real Postgres and a stubbed Web API. */
class TakeawayCommandTests extends IntegrationTest {

    @Test
    void capturesTakeawayWithTagsLinksAndTalk() {
        String text = "Karpenter consolidates nodes in minutes #K8s #aws <https://karpenter.sh|docs>"
                + " talk:\"EKS deep dive\"";

        HttpResponse<String> response = slack.post(SlackHttp.FORM, command("/takeaway", text));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject ack = json(response.body());
        assertThat(ack.get("response_type").getAsString()).isEqualTo("ephemeral");
        assertThat(blockTexts(ack)).containsExactly(
                ":white_check_mark: *Saved your takeaway.*",
                "Karpenter consolidates nodes in minutes #K8s #aws <https://karpenter.sh|docs>",
                "*Talk:* EKS deep dive\n*Tags:* #k8s  #aws\n:link: 1 link",
                "Edit\nDelete\nDelete this takeaway?\nIt leaves search, digests and App Home. This cannot be undone."
                        + "\nDelete\nKeep it\nShare to channel");
        assertThat(ack.get("text").getAsString()).startsWith("Saved your takeaway: Karpenter consolidates");

        Map<String, Object> row = jdbc.sql("""
                        SELECT t.team_id, t.channel_id, t.user_id, t.text, array_to_string(t.tags, ',') AS tags,
                               t.source, t.slack_request_id, k.title AS talk
                        FROM takeaways t LEFT JOIN talks k ON k.id = t.talk_id""")
                .query().singleRow();
        assertThat(row).containsEntry("team_id", "T111").containsEntry("channel_id", "C111")
                .containsEntry("user_id", "W111").containsEntry("text", text).containsEntry("tags", "k8s,aws")
                .containsEntry("source", "slash_command").containsEntry("slack_request_id", "111.222.xxx")
                .containsEntry("talk", "EKS deep dive");
        assertThat(jdbc.sql("SELECT url || ' ' || label FROM takeaway_links").query(String.class).list())
                .containsExactly("https://karpenter.sh docs");
    }

    @Test
    void keepsBulletsAsWritten() {
        String text = """
                talk:"re:Invent keynote"
                - Graviton4: 30% better price/perf
                  - most of our fleet can move
                - Aurora Limitless #databases""";

        HttpResponse<String> response = slack.post(SlackHttp.FORM, command("/takeaway", text));

        assertThat(blockTexts(json(response.body())).get(1)).isEqualTo("""
                - Graviton4: 30% better price/perf
                  - most of our fleet can move
                - Aurora Limitless #databases""");
        assertThat(jdbc.sql("SELECT text FROM takeaways").query(String.class).single()).isEqualTo(text);
    }

    @Test
    void keepsTheFullTextOfAVeryLongTakeawayAndShowsTheStart() {
        String text = ("A long note about cell-based architecture and blast radius #resilience. ").repeat(560)
                .strip();
        assertThat(text.length()).isGreaterThan(40_000);

        HttpResponse<String> response = slack.post(SlackHttp.FORM, command("/takeaway", text));

        List<String> blocks = blockTexts(json(response.body()));
        assertThat(blocks).allSatisfy(block -> assertThat(block.length()).isLessThanOrEqualTo(3000));
        assertThat(blocks.get(1)).startsWith("A long note about cell-based architecture").endsWith("…");
        assertThat(blocks.get(2)).contains("the full text is saved");
        assertThat(jdbc.sql("SELECT text FROM takeaways").query(String.class).single()).isEqualTo(text);
    }

    @Test
    void storesARetriedCommandOnce() {
        String body = command("/takeaway", "Cells limit blast radius #resilience");

        HttpResponse<String> first = slack.post(SlackHttp.FORM, body);
        HttpResponse<String> retry = slack.postRetry(SlackHttp.FORM, body, 1);
        HttpResponse<String> again = slack.post(SlackHttp.FORM, body);

        assertThat(List.of(first, retry, again)).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
        assertThat(visibleText(json(first.body()))).contains("Saved your takeaway.");
        assertThat(visibleText(json(retry.body()))).contains("Already saved.")
                .contains("Cells limit blast radius #resilience");
        assertThat(count("takeaways")).isEqualTo(1);
    }

    @Test
    void aTalkIsOneTalkWhateverItsCaseAndSpacing() {
        slack.post(SlackHttp.FORM, command("/takeaway", "first note talk:\"EKS Deep Dive\"", "1.1.a"));
        slack.post(SlackHttp.FORM, command("/takeaway", "second note talk:\"eks  deep dive\"", "1.1.b"));

        assertThat(count("talks")).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(DISTINCT talk_id) FROM takeaways").query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void helpListsEveryWorkingSubcommandWithAnExample() {
        HttpResponse<String> response = slack.post(SlackHttp.FORM, command("/takeaway", "help"));

        JsonObject ack = json(response.body());
        assertThat(ack.get("response_type").getAsString()).isEqualTo("ephemeral");
        assertThat(blockTexts(ack)).containsExactly(
                "What you can do with /takeaway",
                "*`/takeaway &lt;text&gt;`*\nSave a takeaway. Add `#tags`, links and `talk:\"Title\"`; bullets on"
                        + " several lines are kept as you write them. Without text, a form opens.\n_Example:_"
                        + " `/takeaway Karpenter picks instance types per pod, not per node group #k8s #aws"
                        + " talk:\"EKS deep dive\"`",
                "*`/takeaway digest on [weekday] [HH:MM] [timezone]`*\nPost a weekly digest of this channel's takeaways"
                        + " here (Monday 09:00 in your time zone unless you say). Also `digest status`, `digest preview`,"
                        + " `digest now` and `digest off`.\n_Example:_ `/takeaway digest on friday 16:30 Europe/Berlin`",
                "*`/takeaway export [search]`*\nGet the takeaways you may see as a Markdown outline (days, talks,"
                        + " takeaways with their sub-points, links and tags) and a CSV, in a DM with me. Add a search"
                        + " (words, `\"phrases\"`, `-leave-out`, `tag:`, `from:`, `in:`, `talk:`, `after:`, `before:`)"
                        + " to export only what matches: every word must match.\n_Example:_"
                        + " `/takeaway export tag:k8s after:2026-01-01`",
                "*`/takeaway forget me`*\nDelete all your takeaways and reactions in this workspace, for good. You"
                        + " see how many first, and confirm.\n_Example:_ `/takeaway forget me`",
                "*`/takeaway import [outline]`*\nImport notes written elsewhere: talk titles with their takeaways"
                        + " indented under them (or under a `#` heading). Without text, a form opens to paste them; a"
                        + " longer file (.txt, .md or .opml, up to 1 MB) you send me in a DM, or with `@Takeaways"
                        + " import` in a channel. A preview comes first; the same outline imported again adds only"
                        + " what is new.\n_Example:_ `/takeaway import`",
                "*`/takeaway search &lt;words&gt; [filters]`*\nSearch your team's takeaways. Use `\"exact phrases\"`,"
                        + " `-leave-out`, `OR`, and the filters `tag:k8s`, `from:@someone` (or `from:me`), `in:#channel`,"
                        + " `talk:\"title\"`, `after:2026-01-31`, `before:2026-12-31`. Filters alone list the newest"
                        + " first.\n_Example:_ `/takeaway search karpenter \"node groups\" tag:k8s -fargate`",
                "*`/takeaway summary &lt;talk title or search&gt;`*\nPost a summary here: the themes, the takeaways that"
                        + " carry them, the links and who contributed. A talk's summary stays up to date. In a talk"
                        + " thread, mention `@Takeaways summary`.\n_Example:_ `/takeaway summary EKS deep dive`",
                "*`/takeaway talk &lt;title&gt; [#tags]`*\nStart a talk thread in this channel: every reply in it is"
                        + " saved as a takeaway of the talk.\n_Example:_ `/takeaway talk EKS deep dive: scaling with"
                        + " Karpenter #k8s #aws`",
                "*`/takeaway help`*\nShow this list.\n_Example:_ `/takeaway help`",
                "Takeaways keeps what your team learns at talks, conferences and courses, right here in Slack.");
        assertThat(count("takeaways")).isZero();
    }

    @Test
    void helpUsesTheCommandNameTheTeamChose() {
        HttpResponse<String> response = slack.post(SlackHttp.FORM, command("/takeaway-dev", "HELP"));

        assertThat(visibleText(json(response.body()))).contains("What you can do with /takeaway-dev")
                .contains("`/takeaway-dev help`");
    }

    @Test
    void anUnknownSubcommandGetsHelp() {
        HttpResponse<String> response = slack.post(SlackHttp.FORM, command("/takeaway", "frobnicate"));

        List<String> blocks = blockTexts(json(response.body()));
        assertThat(blocks.get(0)).isEqualTo(":thinking_face: `frobnicate` is not a /takeaway subcommand. To save a"
                + " takeaway, write it out in a sentence. Here is what works:");
        assertThat(blocks).contains("What you can do with /takeaway");
        assertThat(count("takeaways")).isZero();
    }

    @Test
    void aSubcommandsWordStartsNoTakeaway() {
        HttpResponse<String> response = slack.post(SlackHttp.FORM, command("/takeaway", "export everything"));

        assertThat(blockTexts(json(response.body())).get(0)).isEqualTo(":outbox_tray: Exporting the takeaways matching"
                + " `everything`… I will send you a Markdown outline and a CSV in a DM with me.");
        awaitBackgroundWork();
        assertThat(count("takeaways")).isZero();
    }

    @Test
    void noTextOpensTheCaptureFormAfterTheAck() {
        HttpResponse<String> response = slack.post(SlackHttp.FORM, command("/takeaway", "   "));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> !SlackApiStub.requestsTo("views.open").isEmpty());
        String opened = SlackApiStub.requestsTo("views.open").get(0).getBodyAsString();
        assertThat(opened).contains("trigger_id=111.222.xxx").contains("capture_takeaway");
        assertThat(count("takeaways")).isZero();
    }

    @Test
    void aTalkWithoutATakeawayIsNotSaved() {
        HttpResponse<String> response = slack.post(SlackHttp.FORM, command("/takeaway", "talk:\"EKS deep dive\""));

        assertThat(visibleText(json(response.body()))).startsWith(":pencil: Nothing to save yet: add what you took"
                + " away, e.g.");
        assertThat(count("takeaways")).isZero();
        assertThat(count("talks")).isZero();
    }

    @Test
    void learnsAfterTheAckThatAChannelIsPublic() {
        SlackApiStub.answer("conversations.info", SlackApiStub.conversation("C111", "general", false));

        slack.post(SlackHttp.FORM, command("/takeaway", "Public channel note"));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(jdbc.sql("SELECT channel_type FROM takeaways").query(String.class).single())
                        .isEqualTo("public_channel"));
        assertThat(jdbc.sql("SELECT channel_type || ' ' || name FROM channels").query(String.class).single())
                .isEqualTo("public_channel general");
        assertThat(SlackApiStub.requestsTo("conversations.info")).singleElement()
                .satisfies(request -> assertThat(request.getBodyAsString()).contains("channel=C111"));
    }

    @Test
    void aTakeawayInAPrivateChannelIsPrivate() {
        SlackApiStub.answer("conversations.info", SlackApiStub.conversation("C111", "secret-project", true));

        slack.post(SlackHttp.FORM, command("/takeaway", "Private channel note"));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(jdbc.sql("SELECT channel_type FROM channels").query(String.class).single())
                        .isEqualTo("private_channel"));
        assertThat(jdbc.sql("SELECT channel_type FROM takeaways").query(String.class).single())
                .isEqualTo("private_channel");
    }

    @Test
    void aChannelTheBotCannotSeeIsPrivate() {
        SlackApiStub.answer("conversations.info", Fixtures.read("web_api/conversations.info.error.json"));

        slack.post(SlackHttp.FORM, command("/takeaway", "Hidden channel note"));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(jdbc.sql("SELECT channel_type FROM takeaways").query(String.class).single())
                        .isEqualTo("private_channel"));
    }

    @Test
    void aDirectMessageIsPrivateAtOnce() {
        Map<String, String> fields = new HashMap<>(Map.of("command", "/takeaway", "text", "DM note",
                "channel_id", "D0123", "channel_name", "directmessage"));

        slack.post(SlackHttp.FORM, Fixtures.slashCommand(fields));

        assertThat(jdbc.sql("SELECT channel_type FROM takeaways").query(String.class).single()).isEqualTo("im");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(count("channels")).isEqualTo(1));
        assertThat(SlackApiStub.requestsTo("conversations.info")).isEmpty();
    }

    @Test
    void asksSlackAboutAChannelOnlyOnce() {
        slack.post(SlackHttp.FORM, command("/takeaway", "first note", "2.2.a"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(count("channels")).isEqualTo(1));

        slack.post(SlackHttp.FORM, command("/takeaway", "second note", "2.2.b"));

        assertThat(jdbc.sql("SELECT channel_type FROM takeaways WHERE text = 'second note'").query(String.class).single())
                .isEqualTo("public_channel");
        assertThat(SlackApiStub.requestsTo("conversations.info")).hasSize(1);
    }

    @Test
    void aSlackErrorWhileClassifyingLeavesTheTakeawayPrivateAndSaved() {
        SlackApiStub.answer("conversations.info", "{\"ok\": false, \"error\": \"missing_scope\"}");

        HttpResponse<String> response = slack.post(SlackHttp.FORM, command("/takeaway", "Scope missing"));

        assertThat(visibleText(json(response.body()))).contains("Saved your takeaway.");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(SlackApiStub.requestsTo("conversations.info")).hasSize(1));
        assertThat(jdbc.sql("SELECT channel_type FROM takeaways").query(String.class).single()).isEqualTo("unknown");
        assertThat(count("channels")).isZero();
    }

    static String command(String command, String text) {
        return Fixtures.slashCommand(Map.of("command", command, "text", text));
    }

    static String command(String command, String text, String triggerId) {
        return Fixtures.slashCommand(Map.of("command", command, "text", text, "trigger_id", triggerId));
    }
}
