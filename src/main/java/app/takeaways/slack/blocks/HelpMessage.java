package app.takeaways.slack.blocks;

import com.slack.api.model.block.LayoutBlock;

import java.util.ArrayList;
import java.util.List;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

/** {@code /takeaway help}: every subcommand that works, each with an example. */
public final class HelpMessage {

    private HelpMessage() {
    }

    /**
     * @param command the command as Slack sent it (a team may have named it differently)
     * @param lead    an opening line (why help is shown), or {@code null}
     */
    public static SlackMessage render(String command, String lead, List<HelpEntry> entries) {
        List<LayoutBlock> blocks = new ArrayList<>();
        if (lead != null) {
            blocks.add(section(s -> s.text(markdownText(SlackText.truncate(lead, SlackText.SECTION_LIMIT)))));
        }
        String title = SlackText.truncatePlain("What you can do with " + command, SlackText.HEADER_LIMIT);
        blocks.add(header(h -> h.text(plainText(title, true))));
        StringBuilder fallback = new StringBuilder(lead == null ? "" : lead + "\n")
                .append("What you can do with ").append(command).append(':');
        for (HelpEntry entry : entries) {
            String usage = command + (entry.usage().isEmpty() ? "" : " " + entry.usage());
            String example = command + " " + entry.example();
            String text = usage(command, entry);
            blocks.add(section(s -> s.text(markdownText(SlackText.truncate(text, SlackText.SECTION_LIMIT)))));
            fallback.append("\n• ").append(usage).append(" (e.g. ").append(example).append(')');
            if (blocks.size() == SlackMessage.MAX_BLOCKS - 1) {
                break;
            }
        }
        blocks.add(context(c -> c.elements(List.of(markdownText(
                "Takeaways keeps what your team learns at talks, conferences and courses, right here in Slack.")))));
        return new SlackMessage(fallback.toString(), blocks);
    }

    /** One subcommand's usage, what it does and an example, in mrkdwn: its own help. */
    public static String usage(String command, HelpEntry entry) {
        String usage = command + (entry.usage().isEmpty() ? "" : " " + entry.usage());
        return "*`" + SlackText.escape(usage) + "`*\n" + entry.description()
                + "\n_Example:_ `" + SlackText.escape(command + " " + entry.example()) + "`";
    }
}
