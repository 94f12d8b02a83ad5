package app.takeaways.slack.blocks;

import app.takeaways.export.OutlineShape;
import app.takeaways.slack.OutlineText;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;
import java.util.regex.Pattern;

import static app.takeaways.slack.blocks.CaptureConfirmationTests.assertWithinLimits;
import static app.takeaways.slack.blocks.CaptureConfirmationTests.texts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever an outline says (pasted, sent with the command in Slack's format, or a file), it is read without
 * failing, and its preview stays within Block Kit's limits and pings no one.
 */
class ImportPreviewPropertyTests {

    private static final Pattern LIVE = Pattern.compile("<!(?:channel|here|everyone|subteam|group)");

    @Property(tries = 300)
    void anyOutlinePreviewsWithinLimitsAndBroadcastsToNoOne(@ForAll("outlines") String outline) {
        for (String read : List.of(outline, OutlineText.fromSlackMessage(outline))) {
            List<OutlineShape.Read> takeaways = OutlineText.takeaways(read, "notes.md");
            SlackMessage preview = ImportMessages.preview("00000000-0000-0000-0000-000000000000", "<!here> notes.md",
                    takeaways);

            assertWithinLimits(preview);
            assertThat(String.join("\n", texts(preview)) + preview.text()).doesNotContainPattern(LIVE);
        }
    }

    @Provide
    Arbitrary<String> outlines() {
        Arbitrary<String> indent = Arbitraries.of("", "  ", "    ", "\t", "      ");
        Arbitrary<String> bullet = Arbitraries.of("", "- ", "* ", "• ", "1. ", "# ", "## ", "+ ");
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.of("<!channel>", "<!here|here>", "<!subteam^S1|@x>", "&lt;!everyone&gt;", "&amp;", "<",
                        ">", "*", "_", "`", "```", "[docs](https://a.io)", "<https://a.io|a>", "<https://a.io>",
                        "https://b.io/x", "talk:\"EKS\"", "#k8s", "key:: value", "<opml>", "<outline text=\"x\"/>",
                        "---", "🚀", "\u0000", "\uFEFF", "é"),
                Arbitraries.strings().alpha().numeric().ofMaxLength(12),
                Arbitraries.strings().alpha().ofMinLength(140).ofMaxLength(400));
        Arbitrary<String> line = net.jqwik.api.Combinators.combine(indent, bullet, piece.list().ofMaxSize(6))
                .as((i, b, words) -> i + b + String.join(" ", words));
        return line.list().ofMaxSize(300).map(lines -> String.join("\n", lines));
    }
}
