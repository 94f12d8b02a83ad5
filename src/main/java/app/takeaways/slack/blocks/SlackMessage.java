package app.takeaways.slack.blocks;

import com.slack.api.model.block.LayoutBlock;

import java.util.List;

/**
 * A message as Slack takes it: Block Kit blocks, and the plain text Slack shows in notifications and where blocks
 * cannot be shown.
 */
public record SlackMessage(String text, List<LayoutBlock> blocks) {

    /** Block Kit's limit of blocks in one message. */
    public static final int MAX_BLOCKS = 50;

    /**
     * A one-section message; the notification text is the same without emoji codes and formatting marks. What the
     * caller wrote may quote a takeaway, so it goes through {@link SlackText#note(String)}: nothing in it broadcasts.
     */
    public static SlackMessage of(String mrkdwn) {
        String safe = SlackText.note(mrkdwn);
        String section = SlackText.truncate(safe, SlackText.SECTION_LIMIT);
        return new SlackMessage(SlackText.plain(safe), List.of(com.slack.api.model.block.Blocks.section(s -> s.text(
                com.slack.api.model.block.composition.BlockCompositions.markdownText(section)))));
    }

    /** This message with a note (mrkdwn) at the end, or itself when there is none. */
    public SlackMessage withNote(String note) {
        if (note == null || note.isBlank() || blocks.size() >= MAX_BLOCKS) {
            return this;
        }
        List<LayoutBlock> more = new java.util.ArrayList<>(blocks);
        more.add(com.slack.api.model.block.Blocks.section(s -> s.text(
                com.slack.api.model.block.composition.BlockCompositions.markdownText(
                        SlackText.truncate(SlackText.note(note), SlackText.SECTION_LIMIT)))));
        return new SlackMessage(text, more);
    }

    public SlackMessage {
        if (blocks.size() > MAX_BLOCKS) {
            throw new IllegalArgumentException("A message holds at most " + MAX_BLOCKS + " blocks, not " + blocks.size());
        }
        // The notification text is mrkdwn too, and may quote a takeaway: whatever a renderer put in, it broadcasts
        // to no one.
        text = SlackText.truncate(SlackText.note(text), SlackText.MESSAGE_TEXT_LIMIT);
        blocks = List.copyOf(blocks);
    }
}
