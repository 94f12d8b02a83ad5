package app.takeaways.slack.blocks;

import app.takeaways.note.CapturedTakeaway;
import app.takeaways.note.TakeawayText;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.ContextBlockElement;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

/** The ephemeral answer to a capture: what was saved (or why nothing was), its talk, tags and links. */
public final class CaptureConfirmation {

    /** Room left in a section for the takeaway itself. */
    static final int BODY_LIMIT = SlackText.SECTION_LIMIT - 100;

    private CaptureConfirmation() {
    }

    public static SlackMessage saved(CapturedTakeaway captured) {
        TakeawayText content = captured.content();
        String headline = captured.alreadySaved()
                ? ":white_check_mark: *Already saved.* This takeaway was saved before; it is kept once."
                : ":white_check_mark: *Saved your takeaway.*";
        String body = content.body();
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(headline))));
        blocks.add(section(s -> s.text(markdownText(SlackText.truncate(body, BODY_LIMIT)))));

        List<ContextBlockElement> details = new ArrayList<>();
        captured.talkTitle().ifPresent(title ->
                details.add(markdownText(SlackText.truncate("*Talk:* " + SlackText.escape(title),
                        SlackText.CONTEXT_ELEMENT_LIMIT))));
        if (!content.tags().isEmpty()) {
            String tags = content.tags().stream().map(tag -> "#" + tag).collect(Collectors.joining("  "));
            details.add(markdownText(SlackText.truncate("*Tags:* " + tags, SlackText.CONTEXT_ELEMENT_LIMIT)));
        }
        if (!content.links().isEmpty()) {
            int n = content.links().size();
            details.add(markdownText(":link: " + n + (n == 1 ? " link" : " links")));
        }
        if (body.length() > BODY_LIMIT) {
            details.add(markdownText("Showing the start of " + String.format("%,d", body.length())
                    + " characters: the full text is saved."));
        }
        if (!details.isEmpty()) {
            blocks.add(context(c -> c.elements(details)));
        }
        String fallback = (captured.alreadySaved() ? "Already saved: " : "Saved your takeaway: ")
                + SlackText.truncatePlain(body, 200);
        return new SlackMessage(fallback, blocks);
    }

    /** The database could not be reached: say plainly that nothing was saved, and give the text back. */
    public static SlackMessage notSaved(String text) {
        return notSaved(":warning: *Not saved.* I could not reach the database, so your takeaway was *not* saved."
                + " Please try again in a minute.",
                "Not saved: I could not reach the database. Please try again in a minute.", text);
    }

    /** The database refused the takeaway (a bug on our side): nothing was saved; the text goes back. */
    public static SlackMessage failed(String text) {
        return notSaved(":warning: *Not saved.* Something went wrong on our side while saving your takeaway, so it"
                + " was *not* saved. It is in the app's log; please try again, or tell whoever runs Takeaways.",
                "Not saved: something went wrong on our side. Please try again.", text);
    }

    private static SlackMessage notSaved(String headline, String fallback, String text) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(headline))));
        if (!text.isBlank()) {
            String yours = SlackText.truncate(SlackText.quote(text), BODY_LIMIT);
            blocks.add(section(s -> s.text(markdownText("Here is what you wrote, so you can send it again:\n" + yours))));
        }
        return new SlackMessage(fallback, blocks);
    }

    /** Only a {@code talk:"..."} and nothing taken away from it. */
    public static SlackMessage nothingToSave(String command) {
        String example = command + " Karpenter picks instance types per pod, not per node group talk:\"EKS deep dive\"";
        String text = ":pencil: Nothing to save yet: add what you took away, e.g.\n`" + SlackText.escape(example) + "`";
        return new SlackMessage("Nothing to save yet: add what you took away from the talk.",
                List.of(section(s -> s.text(markdownText(text)))));
    }
}
