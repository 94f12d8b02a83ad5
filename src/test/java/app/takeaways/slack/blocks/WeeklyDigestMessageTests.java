package app.takeaways.slack.blocks;

import app.takeaways.digest.WeeklyDigest;
import app.takeaways.digest.WeeklyDigest.Item;
import app.takeaways.digest.WeeklyDigest.TagCount;
import app.takeaways.digest.WeeklyDigest.TalkSection;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static app.takeaways.slack.blocks.CaptureConfirmationTests.assertWithinLimits;
import static org.assertj.core.api.Assertions.assertThat;

class WeeklyDigestMessageTests {

    private static final Instant START = Instant.parse("2026-11-23T08:00:00Z");
    private static final Instant END = Instant.parse("2026-11-30T08:00:00Z");

    @Test
    void aSmallWeekIsOneMessage() {
        Item best = new Item(1, "U1", "Karpenter consolidates nodes\nin minutes", Optional.of("https://x.slack.com/p1"),
                3, START, Optional.of("EKS deep dive"));
        WeeklyDigest digest = new WeeklyDigest("T1", "C1", START, END, ZoneId.of("Europe/Berlin"), Optional.empty(), 2,
                2, 1, List.of(new TalkSection(Optional.of("EKS deep dive"), 2, List.of("Karpenter", "nodes"),
                List.of(best), List.of("U1", "U2"))), List.of(new TagCount("k8s", 2)),
                Optional.of(new Item(9, "U3", "Karpenter was announced", Optional.empty(), 0,
                        Instant.parse("2026-05-01T10:00:00Z"), Optional.empty())), List.of(1L, 9L));

        List<SlackMessage> messages = WeeklyDigestMessage.render(digest);

        assertThat(messages).hasSize(1);
        assertThat(texts(messages.get(0))).containsExactly(
                "Takeaways of the week",
                "*Nov 23 – Nov 30, 2026*  ·  <#C1>\n:bar_chart: *2 takeaways* from *2 people* across *1 talk*",
                "*Tags of the week:* #k8s (2)",
                "",
                "*EKS deep dive*  ·  2 takeaways  ·  _Karpenter, nodes_\n• Karpenter consolidates nodes / in minutes —"
                        + " <@U1>  <https://x.slack.com/p1|view>  :heart: 3",
                "From <@U1> <@U2>",
                "",
                ":card_file_box: *From the archive*, <!date^1777629600^{date_short_pretty}|2026-05-01>\n"
                        + "> Karpenter was announced\n— <@U3>",
                "Find more: `/takeaway search tag:k8s after:2026-11-22`");
        assertThat(messages.get(0).text()).isEqualTo("Takeaways of the week (Nov 23 – Nov 30, 2026): 2 takeaways from"
                + " 2 people across 1 talk");
    }

    @Test
    void aNoteInTheDigestNeverBroadcasts() {
        Item note = new Item(1, "U1", CaptureConfirmationTests.NOTE, Optional.empty(), 0, START,
                Optional.of("EKS deep dive"));
        WeeklyDigest digest = new WeeklyDigest("T1", "C1", START, END, ZoneId.of("UTC"), Optional.empty(), 1, 1, 1,
                List.of(new TalkSection(Optional.of("EKS deep dive"), 1, List.of(), List.of(note), List.of("U1"))),
                List.of(), Optional.of(new Item(9, "U3", CaptureConfirmationTests.NOTE, Optional.empty(), 0,
                Instant.parse("2026-05-01T10:00:00Z"), Optional.empty())), List.of(1L, 9L));

        SlackMessage message = WeeklyDigestMessage.render(digest).get(0);

        assertThat(texts(message)).contains(
                "*EKS deep dive*  ·  1 takeaway\n• Heads up @channel &amp; @devs: ship it — <@U1>",
                ":card_file_box: *From the archive*, <!date^1777629600^{date_short_pretty}|2026-05-01>\n"
                        + "> Heads up @channel &amp; @devs: ship it\n— <@U3>");
        assertThat(message.text()).doesNotContain("<!");
    }

    @Test
    void fiveThousandLongTakeawaysStayWithinSlacksLimits() {
        String longText = ("A long takeaway about <https://example.com/a|links> & *formatting* with `code`\n").repeat(80);
        List<TalkSection> talks = new ArrayList<>();
        for (int t = 0; t < 1000; t++) {
            List<Item> best = IntStream.range(0, 3).mapToObj(i -> new Item(i, "U" + i, longText, Optional.of(
                    "https://x.slack.com/archives/C1/p" + i), 5, START, Optional.empty())).toList();
            talks.add(new TalkSection(Optional.of("Talk ".repeat(100) + t), 5, List.of("theme".repeat(30), "b", "c"),
                    best, IntStream.range(0, 40).mapToObj(i -> "U" + i).toList()));
        }
        WeeklyDigest digest = new WeeklyDigest("T1", "C1", START, END, ZoneId.of("UTC"),
                Optional.of(Instant.parse("2026-11-30T08:00:00Z")), 5000, 500, 1000, talks,
                IntStream.range(0, 10).mapToObj(i -> new TagCount("tag".repeat(16) + i, 500)).toList(),
                Optional.of(new Item(9, "U3", longText, Optional.empty(), 0, START, Optional.of("T".repeat(500)))),
                List.of(9L));

        List<SlackMessage> messages = WeeklyDigestMessage.render(digest);

        assertThat(messages).hasSize(WeeklyDigestMessage.MAX_PARTS);
        messages.forEach(CaptureConfirmationTests::assertWithinLimits);
        assertThat(texts(messages.get(messages.size() - 1)).get(messages.get(messages.size() - 1).blocks().size() - 1))
                .startsWith("… and ").contains("more talks with");
        assertThat(texts(messages.get(1)).get(0)).startsWith("*Takeaways of the week, continued*");
    }

    private static List<String> texts(SlackMessage message) {
        List<String> texts = new ArrayList<>();
        for (LayoutBlock block : message.blocks()) {
            if (block instanceof SectionBlock section) {
                texts.add(section.getText().getText());
            } else if (block instanceof com.slack.api.model.block.HeaderBlock header) {
                texts.add(header.getText().getText());
            } else if (block instanceof com.slack.api.model.block.ContextBlock context) {
                texts.add(((MarkdownTextObject) context.getElements().get(0)).getText());
            } else {
                texts.add("");
            }
        }
        return texts;
    }
}
