package app.takeaways.slack.blocks;

import app.takeaways.summary.Summary;
import app.takeaways.summary.SummaryReport;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import static app.takeaways.testbed.SlackMessages.json;
import static org.assertj.core.api.Assertions.assertThat;

class TalkSummaryMessageTests {

    @Test
    void showsTheOverviewThemesLinksAndContributors() {
        Summary summary = new Summary("The team found Karpenter <fast> & cheap.",
                List.of(new Summary.Theme("Karpenter", List.of(1L)), new Summary.Theme("nodes", List.of(1L, 2L))),
                List.of(new Summary.Link("https://karpenter.sh", "docs")),
                List.of(new Summary.Contributor("U1", 2), new Summary.Contributor("U2", 1)), 3);
        SummaryReport report = new SummaryReport(Optional.of(7L), "EKS deep dive", summary, Map.of(
                1L, new SummaryReport.Cited(1, "U1", "Karpenter consolidates nodes", Optional.of("https://x/p1")),
                2L, new SummaryReport.Cited(2, "U2", "Nodes come\nand go", Optional.empty())), List.of(1L, 2L, 3L));

        SlackMessage message = TalkSummaryMessage.render(report);

        CaptureConfirmationTests.assertWithinLimits(message);
        assertThat(message.blocks().stream().map(block -> json(com.slack.api.util.json.GsonFactory.createSnakeCase()
                .toJson(java.util.Map.of("blocks", List.of(block)))))
                .map(app.takeaways.testbed.SlackMessages::visibleText).toList()).containsExactly(
                ":memo: *Summary of EKS deep dive*\n3 takeaways from 2 people",
                "The team found Karpenter &lt;fast&gt; &amp; cheap.",
                "Overview written by a language model from the takeaways; the themes below quote them.",
                "*Karpenter*\n• Karpenter consolidates nodes — <@U1>  <https://x/p1|view>",
                "*nodes*\n• Karpenter consolidates nodes — <@U1>  <https://x/p1|view>\n• Nodes come / and go — <@U2>",
                "*Links*\n• <https://karpenter.sh|docs>",
                "From <@U1> (2), <@U2>\nKept with the talk and updated as it gains takeaways. All of them:"
                        + " `/takeaway search talk:\"EKS deep dive\"`");
        assertThat(message.text()).isEqualTo("Summary of EKS deep dive: Karpenter, nodes");
    }

    @Test
    void aCitedNoteNeverBroadcasts() {
        Summary summary = new Summary("", List.of(new Summary.Theme("Shipping", List.of(1L))), List.of(),
                List.of(new Summary.Contributor("U1", 1)), 1);
        SummaryReport report = new SummaryReport(Optional.of(7L), CaptureConfirmationTests.NOTE, summary, Map.of(
                1L, new SummaryReport.Cited(1, "U1", CaptureConfirmationTests.NOTE, Optional.empty())), List.of(1L));

        SlackMessage message = TalkSummaryMessage.render(report);

        assertThat(CaptureConfirmationTests.texts(message))
                .contains("*Shipping*\n• Heads up @channel &amp; @devs: ship it — <@U1>");
        assertThat(message.text()).isEqualTo("Summary of Heads up @channel &amp; @devs: ship it: Shipping");
    }

    @Test
    void aLinkCannotCarryAMentionIntoTheMessage() {
        Summary summary = new Summary("", List.of(), List.of(new Summary.Link("https://x.io/?q=<!here>|x", "docs")),
                List.of(new Summary.Contributor("U1", 1)), 1);

        SlackMessage message = TalkSummaryMessage.render(new SummaryReport(Optional.of(7L), "Talk", summary, Map.of(),
                List.of()));

        assertThat(CaptureConfirmationTests.texts(message)).contains("*Links*\n• <https://x.io/?q=%3C!here%3E%7Cx|docs>");
    }

    @Test
    void staysWithinBlockKitLimitsOnAnyData() {
        String huge = "word ".repeat(2000);
        Map<Long, SummaryReport.Cited> cited = new HashMap<>();
        IntStream.range(0, 20).forEach(i -> cited.put((long) i, new SummaryReport.Cited(i, "U" + i, huge,
                Optional.of("https://x/" + "p".repeat(500)))));
        Summary summary = new Summary(huge, IntStream.range(0, 5).mapToObj(i -> new Summary.Theme("t".repeat(500),
                List.of((long) i, (long) i + 5))).toList(),
                IntStream.range(0, 200).mapToObj(i -> new Summary.Link("https://x/" + "l".repeat(300) + i, huge)).toList(),
                IntStream.range(0, 500).mapToObj(i -> new Summary.Contributor("U" + i, 1)).toList(), 5000);

        SlackMessage message = TalkSummaryMessage.render(new SummaryReport(Optional.empty(), huge, summary, cited,
                List.copyOf(cited.keySet())));

        CaptureConfirmationTests.assertWithinLimits(message);
    }
}
