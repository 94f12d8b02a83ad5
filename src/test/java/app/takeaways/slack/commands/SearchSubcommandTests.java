package app.takeaways.slack.commands;

import app.takeaways.note.CaptureTakeaway;
import app.takeaways.note.TakeawayCapture;
import app.takeaways.testbed.IntegrationTest;
import app.takeaways.testbed.SlackHttp;
import app.takeaways.workspace.ChannelType;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;

import static app.takeaways.slack.commands.TakeawayCommandTests.command;
import static app.takeaways.testbed.SlackMessages.blockTexts;
import static app.takeaways.testbed.SlackMessages.json;
import static app.takeaways.testbed.SlackMessages.visibleText;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code /takeaway search}, signed as Slack signs it: results in the ack, only to the person who searched. */
class SearchSubcommandTests extends IntegrationTest {

    @Autowired
    TakeawayCapture capture;

    private int triggers;

    @Test
    void answersWithHighlightedResultsAuthorTalkChannelDateAndLink() {
        long id = save("C111", ChannelType.PUBLIC_CHANNEL, "W222",
                "Karpenter picks instance types per pod, not per node group #k8s talk:\"EKS deep dive\"");
        jdbc.sql("UPDATE takeaways SET permalink = 'https://ghostbusters.slack.com/archives/C111/p1' WHERE id = :id")
                .param("id", id).update();
        jdbc.sql("UPDATE takeaways SET created_at = '2026-11-02T09:00:00Z'").update();

        JsonObject ack = json(slack.post(SlackHttp.FORM, command("/takeaway", "search karpenter")).body());

        assertThat(ack.get("response_type").getAsString()).isEqualTo("ephemeral");
        List<String> blocks = blockTexts(ack);
        assertThat(blocks.get(0)).isEqualTo(":mag: *Takeaways for* `karpenter`  ·  1 found, best match first");
        // the talk has its own line: the talk:"..." typed is not repeated in the snippet
        assertThat(blocks.get(1)).isEqualTo("*Karpenter* picks instance types per pod, not per node group #k8s"
                + "\nShare");
        assertThat(blocks.get(2)).isEqualTo("<@W222>  ·  *EKS deep dive*  ·  <#C111>  ·  "
                + "<!date^1793610000^{date_short_pretty}|2026-11-02>  ·  #k8s  ·  "
                + "<https://ghostbusters.slack.com/archives/C111/p1|View message>");
        assertThat(blocks).hasSize(3);
        assertThat(ack.getAsJsonArray("blocks").get(1).getAsJsonObject().getAsJsonObject("accessory")
                .get("value").getAsString()).isEqualTo(String.valueOf(id));
        assertThat(ack.get("text").getAsString()).startsWith("Takeaways for karpenter: Karpenter picks instance");
    }

    @Test
    void withoutAQueryItAnswersWithItsOwnHelp() {
        JsonObject ack = json(slack.post(SlackHttp.FORM, command("/takeaway", "search   ")).body());

        assertThat(visibleText(ack)).isEqualTo(":mag: What should I look for?\n\n"
                + "*`/takeaway search &lt;words&gt; [filters]`*\n"
                + "Search your team's takeaways. Use `\"exact phrases\"`, `-leave-out`, `OR`, and the filters `tag:k8s`,"
                + " `from:@someone` (or `from:me`), `in:#channel`, `talk:\"title\"`, `after:2026-01-31`,"
                + " `before:2026-12-31`. Filters alone list the newest first.\n"
                + "_Example:_ `/takeaway search karpenter \"node groups\" tag:k8s -fargate`");
    }

    @Test
    void onlyWordsToLeaveOutIsNothingToSearchFor() {
        JsonObject ack = json(slack.post(SlackHttp.FORM, command("/takeaway", "search -fargate from:bob")).body());

        assertThat(visibleText(ack)).startsWith(":mag: Nothing to search for: add a word to look for, not only words"
                + " to leave out.\n• I could not tell who `from:bob` is: pick them from Slack's @ suggestions, e.g."
                + " `from:@alex or from:me`.\n\n*`/takeaway search &lt;words&gt; [filters]`*");
    }

    @Test
    void nothingFoundSaysSoAndSuggestsABroaderSearch() {
        save("C111", ChannelType.PUBLIC_CHANNEL, "W222", "Bottlerocket is the OS for containers");

        JsonObject ack = json(slack.post(SlackHttp.FORM, command("/takeaway",
                "search zzyzx tag:k8s")).body());

        assertThat(visibleText(ack)).isEqualTo(":shrug: Nothing found for `zzyzx tag:k8s`.\n"
                + "Try to drop a filter (`tag:`, `from:`, `in:`, `talk:`, `after:`, `before:`), check the spelling.\n"
                + "Search finds takeaways from public channels, from this conversation, and your own.");
    }

    @Test
    void aTypoIsForgivenAndSaidSo() {
        save("C111", ChannelType.PUBLIC_CHANNEL, "W222", "Karpenter is the next-gen autoscaler");
        awaitBackgroundWork(); // its words are in the team's vocabulary a moment after the capture

        JsonObject ack = json(slack.post(SlackHttp.FORM, command("/takeaway", "search karpentr")).body());

        assertThat(blockTexts(ack).get(1)).isEqualTo("Nothing matched _karpentr_ as typed: showing close spellings"
                + " (*karpenter*).");
        assertThat(blockTexts(ack).get(2)).startsWith("*Karpenter* is the next-gen autoscaler");
    }

    @Test
    void whatWasTypedIsShownSafely() {
        save("C111", ChannelType.PUBLIC_CHANNEL, "W222", "Use &lt;tags&gt; &amp; friends");

        JsonObject ack = json(slack.post(SlackHttp.FORM, command("/takeaway", "search `friends` &amp; &lt;tags&gt;"))
                .body());

        assertThat(blockTexts(ack).get(0)).isEqualTo(":mag: *Takeaways for* `'friends' &amp; &lt;tags&gt;`  ·  1 found,"
                + " best match first");
        assertThat(blockTexts(ack).get(1)).startsWith("Use &lt;*tags*&gt; &amp; *friends*");
    }

    @Test
    void privateTakeawaysFromElsewhereAreNeverShown() {
        save("G999", ChannelType.PRIVATE_CHANNEL, "W222", "The reorg moves platform under infra");
        save("C111", ChannelType.PUBLIC_CHANNEL, "W222", "Public reorg retro notes");

        JsonObject ack = json(slack.post(SlackHttp.FORM, command("/takeaway", "search reorg")).body());

        assertThat(visibleText(ack)).contains("retro notes").doesNotContain("platform under infra");
    }

    private long save(String channel, ChannelType type, String user, String text) {
        return capture.capture(CaptureTakeaway.fromSlashCommand("T111", channel, type, user, text,
                "search-" + (++triggers))).id();
    }
}
