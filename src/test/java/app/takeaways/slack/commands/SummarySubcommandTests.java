package app.takeaways.slack.commands;

import app.takeaways.note.Audience;
import app.takeaways.note.Conversation;
import app.takeaways.workspace.ChannelType;

import app.takeaways.search.SearchQueryParser;
import app.takeaways.search.TakeawaySearch;
import app.takeaways.summary.TalkSummaries;
import app.takeaways.testbed.Fixtures;
import app.takeaways.testbed.IntegrationTest;
import app.takeaways.testbed.Payloads;
import app.takeaways.testbed.SlackApiStub;
import app.takeaways.testbed.SlackHttp;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static app.takeaways.testbed.SlackMessages.blocksText;
import static app.takeaways.testbed.SlackMessages.json;
import static app.takeaways.testbed.SlackMessages.visibleText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Summaries, asked for as Slack sends it ({@code /takeaway summary}, {@code @Takeaways summary} in a talk thread, the
 * Summarize button): posted for the channel, built only from what it may see, kept, searchable and refreshed.
 */
class SummarySubcommandTests extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    TalkSummaries summaries;

    @Autowired
    TakeawaySearch search;

    @Test
    void aTalksSummaryIsPostedKeptAndFoundBySearch() {
        long talk = talk("EKS deep dive");
        insert("C111", "public_channel", "W1", "Karpenter consolidates nodes in minutes <https://karpenter.sh|docs>", talk);
        insert("C111", "public_channel", "W2", "Karpenter replaces the cluster autoscaler", talk);
        insert("C222", "public_channel", "W3", "Nodes come and go: Karpenter picks instance types per pod", talk);
        insert("G999", "private_channel", "W4", "Karpenter rollout plan for the secret project", talk);

        JsonObject ack = json(slack.post(SlackHttp.FORM, command("summary eks DEEP dive")).body());

        assertThat(visibleText(ack)).isEqualTo(":hourglass_flowing_sand: Summarising…");
        await().atMost(WAIT).until(() -> SlackApiStub.responsesTo("summary").size() == 1);
        assertThat(visibleText(json(SlackApiStub.responsesTo("summary").get(0))))
                .isEqualTo(":white_check_mark: Posted the summary of *EKS deep dive* in <#C111>.");
        Map<String, String> posted = SlackApiStub.formsTo("chat.postMessage").get(0);
        assertThat(posted).containsEntry("channel", "C111").doesNotContainKey("thread_ts");
        String shown = blocksText(posted.get("blocks"));
        assertThat(shown).startsWith(":memo: *Summary of EKS deep dive*\n3 takeaways from 3 people\n*")
                .contains("*Karpenter*\n• Karpenter replaces the cluster autoscaler — <@W2>")
                .contains("*Links*\n• <https://karpenter.sh|docs>")
                .contains("From <@W1>, <@W2>, <@W3>")
                .contains("Kept with the talk and updated as it gains takeaways.")
                .doesNotContain("secret project");

        Map<String, Object> kept = jdbc.sql("""
                SELECT t.source, t.channel_id, t.message_ts, t.user_id, t.text, k.title
                FROM takeaways t JOIN talks k ON k.id = t.talk_id WHERE t.source = 'summary'""").query().singleRow();
        assertThat(kept).containsEntry("channel_id", "C111").containsEntry("message_ts", "1503435956.000247")
                .containsEntry("user_id", "W12345678").containsEntry("title", "EKS deep dive");
        assertThat((String) kept.get("text")).startsWith("Summary of EKS deep dive.\nThemes: ").contains("Karpenter")
                .contains("• Karpenter replaces the cluster autoscaler");
        awaitBackgroundWork(); // Slack says C111 is public after the ack: the kept summary follows
        // found by search (with its takeaways, as any word may match), and alone by what only it says
        assertThat(search.search(new TakeawaySearch.Request(Audience.person("T111", "W5",
                new Conversation("C333", ChannelType.PUBLIC_CHANNEL)), SearchQueryParser.parse("summary karpenter"),
                0)).hits()).extracting(TakeawaySearch.Hit::userId).contains("W12345678");
        assertThat(search.search(new TakeawaySearch.Request(Audience.person("T111", "W5",
                new Conversation("C333", ChannelType.PUBLIC_CHANNEL)), SearchQueryParser.parse("\"summary of\""),
                0)).hits()).hasSize(1);
    }

    @Test
    void aKeptSummaryIsRefreshedWhenItsTalkGainsTakeaways() {
        long talk = talk("EKS deep dive");
        insert("C111", "public_channel", "W1", "Karpenter consolidates nodes", talk);
        insert("C111", "public_channel", "W2", "Karpenter replaces the cluster autoscaler", talk);
        slack.post(SlackHttp.FORM, command("summary EKS deep dive"));
        await().atMost(WAIT).until(() -> SlackApiStub.responsesTo("summary").size() == 1);
        assertThat(summaries.refreshChanged()).isZero();
        jdbc.sql("UPDATE posted_summaries SET refreshed_at = refreshed_at - interval '1 minute'").update();

        insert("C111", "public_channel", "W3", "Bottlerocket boots nodes in seconds", talk);

        assertThat(summaries.refreshChanged()).isEqualTo(1);
        Map<String, String> update = SlackApiStub.formsTo("chat.update").get(0);
        assertThat(update).containsEntry("channel", "C111").containsEntry("ts", "1503435956.000247");
        assertThat(blocksText(update.get("blocks"))).contains("3 takeaways from 3 people");
        assertThat(jdbc.sql("SELECT text FROM takeaways WHERE source = 'summary'").query(String.class).single())
                .contains("Bottlerocket");
        assertThat(summaries.refreshChanged()).isZero();
    }

    @Test
    void withoutATalkOfThatNameItSummarisesTheSearch() {
        insert("C111", "public_channel", "W1", "Observability starts with a metric of concern", null);
        insert("C111", "public_channel", "W2", "Observability dashboards belong in the pager description", null);
        insert("G999", "private_channel", "W111", "Observability budget cuts (private)", null);

        slack.post(SlackHttp.FORM, command("summary observability"));

        await().atMost(WAIT).until(() -> SlackApiStub.responsesTo("summary").size() == 1);
        String shown = blocksText(SlackApiStub.formsTo("chat.postMessage").get(0).get("blocks"));
        assertThat(shown).startsWith(":memo: *Summary of takeaways matching* `observability`\n2 takeaways from 2 people")
                .doesNotContain("budget cuts");
        assertThat(jdbc.sql("SELECT subject || '|' || (talk_id IS NULL) FROM posted_summaries").query(String.class)
                .single()).isEqualTo("observability|true");
    }

    @Test
    void nothingToSummariseSaysSo() {
        slack.post(SlackHttp.FORM, command("summary zzyzx"));

        await().atMost(WAIT).until(() -> SlackApiStub.responsesTo("summary").size() == 1);
        assertThat(visibleText(json(SlackApiStub.responsesTo("summary").get(0)))).isEqualTo(":shrug: Nothing to"
                + " summarise for `zzyzx`: no talk goes by that title and no takeaway this channel may see matches it."
                + " Try `/takeaway search` to find the right words.");
        assertThat(SlackApiStub.requestsTo("chat.postMessage")).isEmpty();
    }

    @Test
    void withoutWordsItAnswersWithItsOwnHelp() {
        assertThat(visibleText(json(slack.post(SlackHttp.FORM, command("summary")).body()))).isEqualTo(
                ":memo: What should I summarise? Give a talk's title or a search.\n\n"
                        + "*`/takeaway summary &lt;talk title or search&gt;`*\nPost a summary here: the themes, the"
                        + " takeaways that carry them, the links and who contributed. A talk's summary stays up to date."
                        + " In a talk thread, mention `@Takeaways summary`.\n_Example:_ `/takeaway summary EKS deep dive`");
    }

    @Test
    void mentioningSummaryInATalkThreadPostsItThere() {
        long talk = talk("EKS deep dive");
        jdbc.sql("""
                INSERT INTO talk_threads (team_id, channel_id, thread_ts, talk_id, started_by, origin, created_at)
                VALUES ('T111', 'C111', '1700000000.000100', :talk, 'W111', 'command', now())""")
                .param("talk", talk).update();
        insert("C111", "public_channel", "W1", "Karpenter consolidates nodes", talk);

        slack.post(SlackHttp.JSON, Payloads.event("events/app_mention.json", e -> {
            e.addProperty("text", "<@U0LAN0Z89> summary");
            e.addProperty("channel", "C111");
            e.addProperty("user", "W222");
            e.addProperty("thread_ts", "1700000000.000100");
        }));

        await().atMost(WAIT).until(() -> !SlackApiStub.requestsTo("chat.postMessage").isEmpty());
        Map<String, String> posted = SlackApiStub.formsTo("chat.postMessage").get(0);
        assertThat(posted).containsEntry("channel", "C111").containsEntry("thread_ts", "1700000000.000100");
        assertThat(blocksText(posted.get("blocks"))).startsWith(":memo: *Summary of EKS deep dive*");
        awaitBackgroundWork();
        assertThat(jdbc.sql("SELECT thread_ts FROM posted_summaries").query(String.class).single())
                .isEqualTo("1700000000.000100");
    }

    @Test
    void theSummarizeButtonOnATalkMessagePostsInItsThread() {
        long talk = talk("EKS deep dive");
        jdbc.sql("""
                INSERT INTO talk_threads (team_id, channel_id, thread_ts, talk_id, started_by, origin, created_at)
                VALUES ('T111', 'C111', '111.222', :talk, 'W111', 'command', now())""")
                .param("talk", talk).update();
        insert("C111", "public_channel", "W1", "Karpenter consolidates nodes", talk);

        slack.post(SlackHttp.FORM, Payloads.interaction("interactivity/block_actions.json", payload -> {
            payload.getAsJsonObject("container").addProperty("is_ephemeral", false);
            payload.addProperty("response_url", SlackApiStub.responseUrl("button"));
            JsonObject action = payload.getAsJsonArray("actions").get(0).getAsJsonObject();
            action.addProperty("action_id", "talk_summarize");
            action.addProperty("value", "talk");
        }));

        await().atMost(WAIT).until(() -> !SlackApiStub.requestsTo("chat.postMessage").isEmpty());
        assertThat(SlackApiStub.formsTo("chat.postMessage").get(0)).containsEntry("thread_ts", "111.222");
    }

    private static String command(String text) {
        return Fixtures.slashCommand(Map.of("command", "/takeaway", "text", text,
                "response_url", SlackApiStub.responseUrl("summary")));
    }

    private long talk(String title) {
        return jdbc.sql("""
                        INSERT INTO talks (team_id, title, title_key, created_by, created_at)
                        VALUES ('T111', :title, lower(:title), 'W1', now()) RETURNING id""")
                .param("title", title).query(Long.class).single();
    }

    private void insert(String channel, String type, String user, String text, Long talk) {
        long id = jdbc.sql("""
                        INSERT INTO takeaways (team_id, channel_id, channel_type, user_id, text, talk_id, source,
                                               created_at, updated_at)
                        VALUES ('T111', :channel, :type, :user, :text, :talk, 'slash_command', now(), now())
                        RETURNING id""")
                .param("channel", channel).param("type", type).param("user", user).param("text", text)
                .param("talk", talk).query(Long.class).single();
        List<String> urls = new java.util.ArrayList<>();
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("<(https?://[^|>]+)\\|([^>]*)>").matcher(text);
        int position = 0;
        while (link.find()) {
            jdbc.sql("""
                            INSERT INTO takeaway_links (team_id, takeaway_id, position, url, label)
                            VALUES ('T111', :id, :p, :url, :label)""")
                    .param("id", id).param("p", position++).param("url", link.group(1)).param("label", link.group(2))
                    .update();
            urls.add(link.group(1));
        }
    }
}
