package app.takeaways.slack.blocks;

import app.takeaways.note.CapturedTakeaway;
import app.takeaways.note.TakeawayTextParser;
import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.element.ButtonElement;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class CaptureConfirmationTests {

    static final String NOTE = "Heads up <!channel> &amp; <!subteam^S1|@devs>: ship it";

    @Test
    void showsWhatWasSavedWithTalkTagsAndLinks() {
        SlackMessage message = CaptureConfirmation.saved(captured(
                "Cells cap the blast radius #Resilience <https://aws.amazon.com/builders-library|library> talk:\"Q&A\"",
                false));

        assertThat(texts(message)).containsExactly(
                ":white_check_mark: *Saved your takeaway.*",
                "Cells cap the blast radius #Resilience <https://aws.amazon.com/builders-library|library>",
                "*Talk:* Q&amp;A",
                "*Tags:* #resilience",
                ":link: 1 link",
                "[takeaway_edit Edit | takeaway_delete Delete | takeaway_share Share to channel]");
        assertThat(message.text()).isEqualTo("Saved your takeaway: Cells cap the blast radius #Resilience"
                + " <https://aws.amazon.com/builders-library|library>");
    }

    @Test
    void staysWithinBlockKitLimitsWhateverTheTakeaway() {
        String tags = IntStream.range(0, 2000).mapToObj(i -> "#tag" + i).collect(Collectors.joining(" "));
        String links = IntStream.range(0, 300).mapToObj(i -> "<https://example.com/" + i + "|link " + i + ">")
                .collect(Collectors.joining(" "));
        String text = "x".repeat(40_000) + " " + tags + " " + links + " talk:\"" + "T".repeat(500) + "\"";

        SlackMessage message = CaptureConfirmation.saved(captured(text, false));

        assertWithinLimits(message);
        assertThat(texts(message)).anySatisfy(t -> assertThat(t).contains("the full text is saved"));
    }

    @Test
    void notSavedSaysSoAndGivesTheTextBackWithinLimits() {
        SlackMessage message = CaptureConfirmation.notSaved("line one\nline two " + "y".repeat(10_000));

        assertWithinLimits(message);
        assertThat(texts(message).get(0)).contains("*Not saved.*").contains("try again");
        assertThat(texts(message).get(1)).startsWith("Here is what you wrote, so you can send it again:\n> line one\n> line two");
    }

    @Test
    void aFailureOnOurSideSaysSoAndGivesTheTextBack() {
        SlackMessage message = CaptureConfirmation.failed("my note");

        assertThat(texts(message)).containsExactly(
                ":warning: *Not saved.* Something went wrong on our side while saving your takeaway, so it was *not*"
                        + " saved. It is in the app's log; please try again, or tell whoever runs Takeaways.",
                "Here is what you wrote, so you can send it again:\n> my note");
    }

    @Test
    void someoneSavingAnotherPersonsMessageIsToldWhoseItIsAndCanOnlyShareIt() {
        SlackMessage message = CaptureConfirmation.saved(captured("A teammate's point", false), "U2");

        assertThat(texts(message)).containsExactly(
                ":white_check_mark: *Saved <@U1>'s message as a takeaway.*",
                "A teammate's point",
                "[takeaway_share Share to channel]");
    }

    @Test
    void deleteAsksForConfirmation() {
        ActionsBlock buttons = (ActionsBlock) CaptureConfirmation.saved(captured("Note", false)).blocks().get(2);
        ButtonElement delete = (ButtonElement) buttons.getElements().get(1);

        assertThat(delete.getValue()).isEqualTo("1");
        assertThat(delete.getConfirm().getTitle().getText()).isEqualTo("Delete this takeaway?");
        assertThat(delete.getConfirm().getText().getText())
                .isEqualTo("It leaves search, digests and App Home. This cannot be undone.");
    }

    @Test
    void alreadySavedSaysItIsKeptOnce() {
        assertThat(texts(CaptureConfirmation.saved(captured("Retried note", true))).get(0))
                .isEqualTo(":white_check_mark: *Already saved.* This takeaway was saved before; it is kept once.");
    }

    @Test
    void aSavedNoteNeverBroadcasts() {
        SlackMessage message = CaptureConfirmation.saved(captured(NOTE, false));

        assertThat(texts(message).get(1)).isEqualTo("Heads up @channel &amp; @devs: ship it");
        assertThat(message.text()).isEqualTo("Saved your takeaway: Heads up @channel &amp; @devs: ship it");
    }

    @Test
    void anUpdatedNoteNeverBroadcasts() {
        SlackMessage message = CaptureConfirmation.updated(SharedTakeawayTests.entry(NOTE));

        assertThat(texts(message).get(1)).isEqualTo("Heads up @channel &amp; @devs: ship it");
        assertThat(message.text()).isEqualTo("Updated your takeaway: Heads up @channel &amp; @devs: ship it");
    }

    @Test
    void theTextGivenBackNeverBroadcasts() {
        SlackMessage message = CaptureConfirmation.notSaved(NOTE);

        assertThat(texts(message).get(1))
                .isEqualTo("Here is what you wrote, so you can send it again:\n> Heads up @channel &amp; @devs: ship it");
        assertThat(message.text()).isEqualTo("Not saved: I could not reach the database. Please try again in a minute.");
    }

    static void assertWithinLimits(SlackMessage message) {
        assertThat(message.blocks()).hasSizeLessThanOrEqualTo(SlackMessage.MAX_BLOCKS);
        assertThat(message.text().length()).isLessThanOrEqualTo(SlackText.MESSAGE_TEXT_LIMIT);
        for (LayoutBlock block : message.blocks()) {
            if (block instanceof SectionBlock section) {
                assertThat(section.getText().getText().length()).isLessThanOrEqualTo(SlackText.SECTION_LIMIT);
            } else if (block instanceof ContextBlock context) {
                assertThat(context.getElements()).hasSizeLessThanOrEqualTo(10);
                context.getElements().forEach(element -> assertThat(((MarkdownTextObject) element).getText().length())
                        .isLessThanOrEqualTo(SlackText.CONTEXT_ELEMENT_LIMIT));
            }
        }
    }

    static List<String> texts(SlackMessage message) {
        return message.blocks().stream().flatMap(block -> {
            if (block instanceof SectionBlock section) {
                return java.util.stream.Stream.of(section.getText().getText());
            }
            if (block instanceof ContextBlock context) {
                return context.getElements().stream().map(e -> ((MarkdownTextObject) e).getText());
            }
            if (block instanceof ActionsBlock actions) {
                return java.util.stream.Stream.of(actions.getElements().stream()
                        .map(e -> (ButtonElement) e)
                        .map(b -> b.getActionId() + " " + b.getText().getText())
                        .collect(Collectors.joining(" | ", "[", "]")));
            }
            return java.util.stream.Stream.of(block.toString());
        }).toList();
    }

    private static CapturedTakeaway captured(String text, boolean alreadySaved) {
        var content = TakeawayTextParser.parse(text);
        return new CapturedTakeaway(1, "U1", content, content.tags(), content.links(), content.talkTitle(),
                Instant.parse("2026-11-25T10:00:00Z"), alreadySaved, Optional.empty());
    }
}
