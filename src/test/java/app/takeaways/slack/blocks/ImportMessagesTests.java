package app.takeaways.slack.blocks;

import app.takeaways.export.OutlineImport.Imported;
import app.takeaways.export.OutlineShape.Read;
import app.takeaways.slack.OutlineText;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static app.takeaways.slack.blocks.CaptureConfirmationTests.assertWithinLimits;
import static app.takeaways.slack.blocks.CaptureConfirmationTests.texts;
import static org.assertj.core.api.Assertions.assertThat;

class ImportMessagesTests {

    @Test
    void previewCountsTalksTakeawaysAndLinksAsACaptureDoes() {
        List<Read> reads = OutlineText.takeaways("""
                • Monday
                  • EKS deep dive
                    • Karpenter <https://karpenter.sh|docs> and https://aws.amazon.com/eks
                    • No ssh
                  • Talk two
                    • One point
                    • Another one talk:"Elsewhere"
                """, OutlineText.PASTED);

        SlackMessage preview = ImportMessages.preview("d1", OutlineText.PASTED, reads);

        assertThat(texts(preview)).containsExactly(
                ":inbox_tray: *2 talks, 4 takeaways, 2 links* from *Monday*",
                "• *EKS deep dive* (2 takeaways)\n• *Talk two* (2 takeaways)",
                "Import saves them as your takeaways in this conversation, under their talks. Importing the same"
                        + " outline again adds only what is new.",
                "[import_confirm Import | import_cancel Cancel]");
        assertThat(preview.text()).isEqualTo("2 talks, 4 takeaways, 2 links from Monday");
    }

    @Test
    void anyOutlineFitsBlockKitAndBroadcastsToNoOne() {
        String huge = "<!channel> & <b>" + "x".repeat(5000);
        List<Read> reads = IntStream.range(0, 5000).mapToObj(i -> new Read(Optional.of(huge + i),
                Optional.of(huge + (i % 700)), "text " + i)).toList();

        SlackMessage preview = ImportMessages.preview("d1", "big.txt", reads);

        assertWithinLimits(preview);
        assertThat(preview.blocks()).hasSize(4);
        String all = String.join("\n", texts(preview)) + preview.text();
        assertThat(all).doesNotContain("<!channel>").doesNotContain("<b>").contains("and 695 more talks")
                .contains(" and 4998 more");
    }

    @Test
    void whatTheImportDid() {
        assertThat(texts(ImportMessages.imported(new Imported(23, 0, 4))))
                .containsExactly(":white_check_mark: Imported 23 takeaways under 4 talks.");
        assertThat(texts(ImportMessages.imported(new Imported(0, 23, 4))))
                .containsExactly(":information_source: Nothing new: these 23 takeaways were already imported.");
        assertThat(texts(ImportMessages.imported(new Imported(3, 20, 4))))
                .containsExactly(":white_check_mark: Added 3 new takeaways; 20 were already there.");
        assertThat(texts(ImportMessages.imported(new Imported(1, 1, 1))))
                .containsExactly(":white_check_mark: Added 1 new takeaway; 1 was already there.");
    }

    @Test
    void aFileNameIsShownEscaped() {
        assertThat(texts(ImportMessages.noTakeaways("<!here>`x`.md")).get(0))
                .startsWith(":information_source: `&lt;!here&gt;'x'.md` has no takeaways");
    }
}
