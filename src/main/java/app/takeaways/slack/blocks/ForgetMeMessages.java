package app.takeaways.slack.blocks;

import com.slack.api.model.block.LayoutBlock;

import java.util.ArrayList;
import java.util.List;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.confirmationDialog;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

/** What {@code /takeaway forget me} asks and answers. */
public final class ForgetMeMessages {

    private ForgetMeMessages() {
    }

    /**
     * The question: what will be deleted, that it cannot be undone, Delete (danger, with Slack's own "are you
     * sure") and Cancel.
     *
     * @param userId who asked: the buttons' value, compared with who clicks
     */
    public static SlackMessage confirm(String userId, int takeaways, int reactions) {
        String what = counted(takeaways, "takeaway") + " and " + counted(reactions, "reaction");
        String question = ":warning: *Delete " + what + "?*\n"
                + "Everything you saved or reacted with in this workspace goes, in every channel and DM: your"
                + " takeaways, and the summaries quoting them are rewritten without them. *This cannot be undone.*";
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(question))));
        blocks.add(actions(a -> a.blockId("forget_me").elements(List.of(
                button(b -> b.actionId(ActionIds.FORGET_ME_CONFIRM).style("danger").value(userId)
                        .text(plainText(t -> t.text("Delete " + what).emoji(true)))
                        // Slack's own "are you sure", in Slack's danger style too
                        .confirm(confirmationDialog(c -> c.style("danger")
                                .title(plainText("Delete for good?"))
                                .text(plainText("Your " + what + " in this workspace will be deleted. This cannot"
                                        + " be undone."))
                                .confirm(plainText("Delete"))
                                .deny(plainText("Keep them"))))),
                button(b -> b.actionId(ActionIds.FORGET_ME_CANCEL).value(userId)
                        .text(plainText(t -> t.text("Cancel").emoji(true))))))));
        return new SlackMessage("Delete " + what + "? This cannot be undone.", blocks);
    }

    public static SlackMessage nothingToDelete() {
        return SlackMessage.of(":information_source: You have no takeaways or reactions in this workspace: there is"
                + " nothing to delete.");
    }

    /** The question, answered: exactly what went. */
    public static SlackMessage deleted(int takeaways, int reactions) {
        return SlackMessage.of("Deleted " + counted(takeaways, "takeaway") + " and " + counted(reactions, "reaction")
                + ".");
    }

    /** A second click, after the first deleted everything. */
    public static SlackMessage alreadyDeleted() {
        return SlackMessage.of(":information_source: Nothing left to delete: your takeaways and reactions are"
                + " already deleted.");
    }

    public static SlackMessage cancelled() {
        return SlackMessage.of("Cancelled: nothing was deleted.");
    }

    public static SlackMessage notYours(String userId) {
        return SlackMessage.of(":lock: Only <@" + userId + "> can answer this: it is about their takeaways.");
    }

    public static SlackMessage databaseDown() {
        return SlackMessage.of(":warning: *Nothing was deleted:* the database is not answering. Please try again in"
                + " a minute.");
    }

    private static String counted(int n, String thing) {
        return n + " " + thing + (n == 1 ? "" : "s");
    }
}
