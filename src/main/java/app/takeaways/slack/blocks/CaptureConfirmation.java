package app.takeaways.slack.blocks;

import app.takeaways.note.CapturedTakeaway;
import app.takeaways.note.RecentTakeaways.Entry;
import app.takeaways.note.TakeawayTextParser;
import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextBlockElement;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.confirmationDialog;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

/** The ephemeral answer to a capture: what was saved (or why nothing was), its talk, tags and links. */
public final class CaptureConfirmation {

    /** Room left in a section for the takeaway itself. */
    static final int BODY_LIMIT = SlackText.SECTION_LIMIT - 100;

    private CaptureConfirmation() {
    }

    /** What its author sees: the takeaway, and buttons to edit, delete or share it. */
    public static SlackMessage saved(CapturedTakeaway captured) {
        return saved(captured, captured.authorId());
    }

    /**
     * What {@code viewerId} sees. Someone who saved another person's message (a reaction, the shortcut) is told whose
     * it is; only the author gets Edit and Delete.
     */
    public static SlackMessage saved(CapturedTakeaway captured, String viewerId) {
        boolean author = captured.authorId().equals(viewerId);
        String headline;
        if (captured.alreadySaved()) {
            headline = ":white_check_mark: *Already saved.* This takeaway was saved before; it is kept once.";
        } else if (author && captured.quotedAuthor().isPresent()) {
            headline = ":white_check_mark: *Saved your takeaway*, from a message by <@" + captured.quotedAuthor().get()
                    + ">.";
        } else if (author) {
            headline = ":white_check_mark: *Saved your takeaway.*";
        } else {
            headline = ":white_check_mark: *Saved <@" + captured.authorId() + ">'s message as a takeaway.*";
        }
        String body = SlackText.note(captured.content().body());
        String fallback = (captured.alreadySaved() ? "Already saved: " : "Saved your takeaway: ")
                + SlackText.truncate(body, 200);
        return render(headline, fallback, captured.id(), author, body, captured.talkTitle().orElse(null),
                captured.tags(), captured.links().size());
    }

    /** The confirmation again after its author edited the takeaway. */
    public static SlackMessage updated(Entry takeaway) {
        String body = SlackText.note(TakeawayTextParser.parse(takeaway.text()).body());
        return render(":pencil2: *Updated your takeaway.*", "Updated your takeaway: " + SlackText.truncate(body, 200),
                takeaway.id(), true, body, takeaway.talkTitle().orElse(null), takeaway.tags(), takeaway.linkCount());
    }

    /** {@code body} is the takeaway's text already through {@link SlackText#note(String)}. */
    private static SlackMessage render(String headline, String fallback, long id, boolean author, String body,
                                       String talkTitle, List<String> tags, int linkCount) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(headline))));
        blocks.add(section(s -> s.text(markdownText(SlackText.truncate(body, BODY_LIMIT)))));
        List<ContextBlockElement> details = new ArrayList<>();
        if (talkTitle != null) {
            details.add(markdownText(SlackText.truncate("*Talk:* " + SlackText.escape(talkTitle),
                    SlackText.CONTEXT_ELEMENT_LIMIT)));
        }
        if (!tags.isEmpty()) {
            String line = tags.stream().map(tag -> "#" + tag).collect(Collectors.joining("  "));
            details.add(markdownText(SlackText.truncate("*Tags:* " + line, SlackText.CONTEXT_ELEMENT_LIMIT)));
        }
        if (linkCount > 0) {
            details.add(markdownText(":link: " + linkCount + (linkCount == 1 ? " link" : " links")));
        }
        if (body.length() > BODY_LIMIT) {
            details.add(markdownText("Showing the start of " + String.format("%,d", body.length())
                    + " characters: the full text is saved."));
        }
        if (!details.isEmpty()) {
            blocks.add(context(c -> c.elements(details)));
        }
        blocks.add(buttons(id, author));
        return new SlackMessage(fallback, blocks);
    }

    /** Edit and Delete for the author, Share to channel for anyone who sees the confirmation. */
    static ActionsBlock buttons(long takeawayId, boolean author) {
        String id = String.valueOf(takeawayId);
        List<BlockElement> elements = new ArrayList<>();
        if (author) {
            elements.add(button(b -> b.actionId(ActionIds.EDIT).text(plainText("Edit")).value(id)));
            elements.add(button(b -> b.actionId(ActionIds.DELETE).text(plainText("Delete")).value(id).style("danger")
                    .confirm(confirmationDialog(d -> d.title(plainText("Delete this takeaway?"))
                            .text(plainText("It leaves search, digests and App Home. This cannot be undone."))
                            .confirm(plainText("Delete")).deny(plainText("Keep it")).style("danger")))));
        }
        elements.add(button(b -> b.actionId(ActionIds.SHARE).text(plainText("Share to channel")).value(id)));
        return actions(a -> a.blockId("takeaway_" + id).elements(elements));
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
            String yours = SlackText.truncate(SlackText.quote(SlackText.note(text)), BODY_LIMIT);
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
