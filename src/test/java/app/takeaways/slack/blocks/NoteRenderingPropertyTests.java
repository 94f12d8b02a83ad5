package app.takeaways.slack.blocks;

import app.takeaways.workspace.ChannelType;
import app.takeaways.digest.WeeklyDigest;
import app.takeaways.digest.WeeklyDigest.Item;
import app.takeaways.digest.WeeklyDigest.TagCount;
import app.takeaways.digest.WeeklyDigest.TalkSection;
import app.takeaways.note.CapturedTakeaway;
import app.takeaways.note.RecentTakeaways.Entry;
import app.takeaways.note.TakeawayTextParser;
import app.takeaways.search.SearchQueryParser;
import app.takeaways.search.TakeawaySearch;
import app.takeaways.search.TakeawaySearch.Hit;
import app.takeaways.search.TakeawaySearch.Results;
import app.takeaways.summary.Summary;
import app.takeaways.summary.SummaryReport;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.view.View;
import com.slack.api.util.json.GsonFactory;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever a takeaway says, nothing the bot posts or shows from it pings a channel or a group, and every message
 * stays within Block Kit's limits.
 */
class NoteRenderingPropertyTests {

    private static final Pattern LIVE = Pattern.compile("<!(?:channel|here|everyone|subteam|group)");
    // What may follow a '<' that is left: a person, a channel, a date or a link; never another special form.
    private static final Pattern HARMLESS_START = Pattern.compile("(?s)(?:[@#]|!date\\^|https?:|mailto:).*");
    private static final Instant WHEN = Instant.parse("2026-11-25T10:00:00Z");

    @Property(tries = 300)
    void anyTextRendersWithoutABroadcast(@ForAll @StringLength(max = 3000) String text) {
        assertEveryRendererIsSafe(text);
    }

    @Property(tries = 500)
    void slackLikeTextRendersWithoutABroadcast(@ForAll("notes") String text) {
        assertEveryRendererIsSafe(text);
    }

    @Property(tries = 100)
    void manyLinesRenderWithoutABroadcast(@ForAll("manyLines") String text) {
        assertEveryRendererIsSafe(text);
    }

    @Property(tries = 40)
    void veryLongTextRendersWithoutABroadcast(@ForAll("longNotes") String text) {
        assertEveryRendererIsSafe(text);
    }

    @Property(tries = 1000)
    void aNeutralisedNoteIsItsOwnFixedPointAndCutsSafely(@ForAll("notes") String text) {
        String safe = SlackText.note(text);

        assertThat(SlackText.note(safe)).isEqualTo(safe);
        assertSafeMrkdwn(safe);
        for (int max = 1; max < safe.length(); max += Math.max(1, safe.length() / 40)) {
            String cut = SlackText.truncate(safe, max);
            assertThat(cut.length()).isLessThanOrEqualTo(max);
            assertSafeMrkdwn(cut);
        }
    }

    private static void assertEveryRendererIsSafe(String text) {
        Entry entry = entry(text);
        assertSafe(SharedTakeaway.render(entry, "U2"));
        assertSafe(SharedTakeaway.render(entry, "U1"));

        List<SlackMessage> digest = WeeklyDigestMessage.render(digest(text));
        assertThat(digest).hasSizeLessThanOrEqualTo(WeeklyDigestMessage.MAX_PARTS);
        digest.forEach(NoteRenderingPropertyTests::assertSafe);

        assertSafe(TalkSummaryMessage.render(report(text, Optional.of(7L))));
        assertSafe(TalkSummaryMessage.render(report(text, Optional.empty())));

        List<Entry> entries = IntStream.range(0, 30).mapToObj(i -> entry).toList();
        assertSafe(HomeView.render(entries, entries, "ship", SearchResultsMessage.blocks(results(text),
                SearchResultsMessage.IN_HOME), HomeView.Digests.of(List.of(new HomeView.DigestSetting("C1",
                text, java.util.Optional.empty())))));
        assertSafe(HomeView.render(List.of(entry), List.of()));

        CapturedTakeaway captured = captured(text);
        assertSafe(CaptureConfirmation.saved(captured));
        assertSafe(CaptureConfirmation.saved(captured, "U2"));
        assertSafe(CaptureConfirmation.updated(entry));
        assertSafe(CaptureConfirmation.notSaved(text));
        assertSafe(CaptureConfirmation.failed(text));
        assertSafe(CaptureForm.open(CaptureForm.Origin.fromHome(), List.of(), null, text, false));

        assertSafe(SearchResultsMessage.render(results(text)));
        assertSafe(SlackMessage.of(text));
        assertSafe(SlackMessage.of("A note").withNote(text));
    }

    private static void assertSafe(SlackMessage message) {
        assertThat(message.blocks()).hasSizeLessThanOrEqualTo(SlackMessage.MAX_BLOCKS);
        assertThat(message.text().length()).isLessThanOrEqualTo(SlackText.MESSAGE_TEXT_LIMIT);
        assertSafeMrkdwn(message.text());
        assertSafeBlocks(message.blocks());
    }

    private static void assertSafe(View view) {
        assertThat(view.getBlocks()).hasSizeLessThanOrEqualTo(HomeView.MAX_BLOCKS);
        assertSafeBlocks(view.getBlocks());
    }

    private static void assertSafeBlocks(List<LayoutBlock> blocks) {
        for (LayoutBlock block : blocks) {
            if (block instanceof SectionBlock section) {
                assertThat(section.getText().getText().length()).isLessThanOrEqualTo(SlackText.SECTION_LIMIT);
            } else if (block instanceof ContextBlock context) {
                assertThat(context.getElements()).hasSizeLessThanOrEqualTo(10);
                context.getElements().forEach(element -> assertThat(((TextObject) element).getText().length())
                        .isLessThanOrEqualTo(SlackText.CONTEXT_ELEMENT_LIMIT));
            } else if (block instanceof HeaderBlock header) {
                assertThat(header.getText().getText().length()).isLessThanOrEqualTo(SlackText.HEADER_LIMIT);
            }
        }
        // As sent to Slack. Gson writes '<' as \u003c, so read the JSON back rather than search its text.
        JsonElement json = JsonParser.parseString(GsonFactory.createSnakeCase().toJson(blocks));
        shownTexts(json, null, new ArrayList<>()).forEach(NoteRenderingPropertyTests::assertSafeMrkdwn);
    }

    /** Every string Slack may show: all but button values and ids, which it never renders. */
    private static List<String> shownTexts(JsonElement element, String key, List<String> texts) {
        if (element.isJsonArray()) {
            element.getAsJsonArray().forEach(item -> shownTexts(item, key, texts));
        } else if (element.isJsonObject()) {
            element.getAsJsonObject().entrySet().forEach(entry -> shownTexts(entry.getValue(), entry.getKey(), texts));
        } else if (element.isJsonPrimitive() && element.getAsJsonPrimitive().isString()
                && !List.of("value", "action_id", "block_id", "private_metadata").contains(key)) {
            texts.add(element.getAsString());
        }
        return texts;
    }

    /** No broadcast, and each '<' left opens a person, a channel, a date or a link that closes before the next. */
    private static void assertSafeMrkdwn(String mrkdwn) {
        assertThat(LIVE.matcher(mrkdwn).find()).as("a live broadcast in %s", mrkdwn).isFalse();
        for (int open = mrkdwn.indexOf('<'); open >= 0; open = mrkdwn.indexOf('<', open + 1)) {
            int close = mrkdwn.indexOf('>', open);
            int next = mrkdwn.indexOf('<', open + 1);
            assertThat(close).as("an open '<' at %d in %s", open, mrkdwn).isPositive();
            assertThat(next < 0 || close < next).as("a '<' inside an entity at %d in %s", open, mrkdwn).isTrue();
            assertThat(mrkdwn.substring(open + 1, close)).as("what the '<' at %d opens in %s", open, mrkdwn)
                    .matches(HARMLESS_START);
        }
    }

    @Provide
    Arbitrary<String> notes() {
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.of("<!channel>", "<!here>", "<!everyone>", "<!here|here>", "<!channel|@channel>",
                        "<!everyone|@everyone>", "<!subteam^S1|@x>", "<!subteam^S0123>", "<!subteam^", "<!group>",
                        "<!date^1777629600^{date_short_pretty}|2026-05-01>", "<!date^", "&lt;!channel&gt;",
                        "&lt;!here&gt;", "&lt;", "&gt;", "&amp;", "&", "<", ">", "|", "!", "^", "@", "#", "<!", "<@",
                        "<#", "<@U1>", "<@U1|alice>", "<#C1|general>", "<https://a.io|a>", "<https://a.io>",
                        "<mailto:a@b.io|mail>", "https://b.io/x?y=1&amp;z=2", "channel", "here", "everyone",
                        "subteam", "talk:\"EKS\"", "#k8s", "*", "_", "`", "```", "~", ":rocket:", "🚀", "👩‍💻",
                        "\uD83D", "\uDE80", "\n", "\n\n", " ", "\t", "> ", "- ", "é",
                        String.valueOf(TakeawaySearch.HIGHLIGHT_START), String.valueOf(TakeawaySearch.HIGHLIGHT_END)),
                Arbitraries.strings().alpha().numeric().ofMaxLength(8));
        return pieces.list().ofMaxSize(60).map(list -> String.join("", list));
    }

    @Provide
    Arbitrary<String> manyLines() {
        return notes().list().ofMinSize(50).ofMaxSize(400).map(lines -> String.join("\n", lines));
    }

    @Provide
    Arbitrary<String> longNotes() {
        Arbitrary<String> seed = notes().filter(note -> !note.isEmpty());
        return Arbitraries.integers().between(3_000, 40_000).flatMap(length -> seed.map(note ->
                note.repeat(length / note.length() + 1).substring(0, length)));
    }

    private static Entry entry(String text) {
        return new Entry(1, "U1", "C1", ChannelType.PUBLIC_CHANNEL, text, List.of("k8s"), 2, Optional.of(text),
                Optional.of("https://x.slack.com/archives/C1/p1"), WHEN, false, Optional.of("U2"));
    }

    private static WeeklyDigest digest(String text) {
        List<TalkSection> talks = IntStream.range(0, 12).mapToObj(t -> new TalkSection(Optional.of(text), 5,
                List.of(text, "b"), IntStream.range(0, 3).mapToObj(i -> item(i, text)).toList(),
                IntStream.range(0, 12).mapToObj(i -> "U" + i).toList())).toList();
        return new WeeklyDigest("T1", "C1", WHEN.minusSeconds(7 * 86_400), WHEN, ZoneId.of("UTC"), Optional.of(WHEN),
                60, 12, 12, talks, List.of(new TagCount("k8s", 3)), Optional.of(item(9, text)), List.of(9L));
    }

    private static Item item(long id, String text) {
        return new Item(id, "U" + id, text, Optional.of("https://x.slack.com/archives/C1/p" + id), 3, WHEN,
                Optional.of(text));
    }

    private static SummaryReport report(String text, Optional<Long> talkId) {
        Summary summary = new Summary(text, List.of(new Summary.Theme(text, List.of(1L, 2L)),
                new Summary.Theme("b", List.of(2L))),
                List.of(new Summary.Link("https://x.io/" + text, text), new Summary.Link("https://y.io/" + text, null)),
                IntStream.range(0, 12).mapToObj(i -> new Summary.Contributor("U" + i, 2)).toList(), 24);
        return new SummaryReport(talkId, text, summary, Map.of(
                1L, new SummaryReport.Cited(1, "U1", text, Optional.of("https://x.slack.com/archives/C1/p1")),
                2L, new SummaryReport.Cited(2, "U2", text, Optional.empty())), List.of(1L, 2L));
    }

    private static Results results(String text) {
        String half = text.substring(0, text.length() / 2);
        String snippet = half + TakeawaySearch.HIGHLIGHT_START + "ship" + TakeawaySearch.HIGHLIGHT_END
                + text.substring(half.length());
        List<Hit> hits = IntStream.range(0, TakeawaySearch.PAGE_SIZE).mapToObj(i -> new Hit(i, "U" + i, "C1",
                i % 2 == 0 ? snippet : text, Optional.of(text), List.of("k8s"),
                Optional.of("https://x.slack.com/archives/C1/p" + i), WHEN)).toList();
        return new Results(SearchQueryParser.parse("ship"), 1, hits, true, Map.of());
    }

    private static CapturedTakeaway captured(String text) {
        var content = TakeawayTextParser.parse(text);
        return new CapturedTakeaway(1, "U1", content, content.tags(), content.links(), content.talkTitle(), WHEN,
                false, Optional.of("U2"));
    }
}
