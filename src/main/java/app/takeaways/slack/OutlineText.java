package app.takeaways.slack;

import app.takeaways.export.OutlineReader;
import app.takeaways.export.OutlineShape;
import app.takeaways.slack.blocks.SlackText;

import java.util.List;
import java.util.Locale;

/** An outline as people send it to the bot (pasted, or a .txt, .md or .opml file) read to its takeaways. */
public final class OutlineText {

    /** The source name of an outline pasted into the form or the command. */
    public static final String PASTED = "pasted";

    private OutlineText() {
    }

    /**
     * The takeaways of an outline, by its shape; none when it holds none (or is an OPML file that is not
     * well-formed).
     *
     * @param sourceName the file's name ({@code .opml} is read as OPML), or {@link #PASTED}
     */
    public static List<OutlineShape.Read> takeaways(String outline, String sourceName) {
        if (isOpml(outline, sourceName)) {
            try {
                return OutlineShape.takeaways(OutlineReader.readOpml(outline));
            } catch (IllegalArgumentException e) {
                return List.of();
            }
        }
        return OutlineShape.takeaways(OutlineReader.read(outline));
    }

    /**
     * Text Slack sent in its message format (a slash command's) as the person typed it: links back to Markdown, so
     * the outline reader writes them as Slack links again, and Slack's escaping undone.
     */
    public static String fromSlackMessage(String mrkdwn) {
        String links = mrkdwn.replaceAll("<((?:https?|mailto):[^|<>\\s]+)\\|([^<>]+)>", "[$2]($1)")
                .replaceAll("<((?:https?|mailto):[^|<>\\s]+)>", "$1");
        return SlackText.readable(links);
    }

    /** By the file's extension, or an {@code <opml} element at the start. */
    public static boolean isOpml(String outline, String sourceName) {
        if (sourceName != null && sourceName.toLowerCase(Locale.ROOT).endsWith(".opml")) {
            return true;
        }
        String start = outline.stripLeading().replace("\uFEFF", "");
        start = start.substring(0, Math.min(start.length(), 500)).toLowerCase(Locale.ROOT);
        return start.startsWith("<opml") || start.startsWith("<?xml") && start.contains("<opml");
    }
}
