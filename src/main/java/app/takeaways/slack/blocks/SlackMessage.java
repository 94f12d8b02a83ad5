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

    public SlackMessage {
        if (blocks.size() > MAX_BLOCKS) {
            throw new IllegalArgumentException("A message holds at most " + MAX_BLOCKS + " blocks, not " + blocks.size());
        }
        text = SlackText.truncatePlain(text, SlackText.MESSAGE_TEXT_LIMIT);
        blocks = List.copyOf(blocks);
    }
}
