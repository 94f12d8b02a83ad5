package app.takeaways.slack.blocks;

import app.takeaways.slack.OutlineText;
import app.takeaways.export.OutlineImport;
import app.takeaways.export.OutlineShape;
import app.takeaways.note.TakeawayTextParser;
import com.slack.api.model.block.LayoutBlock;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

/**
 * What an import shows: the preview of an outline (its talks, takeaways and links, with Import and Cancel), what
 * the import did, and the one line that says why a pasted or sent outline could not be read and what to do.
 */
public final class ImportMessages {

    /** How many talks the preview lists by name. */
    static final int LISTED_TALKS = 5;
    private static final int TITLE_LIMIT = 150;

    /** The largest outline imported, in bytes, and how it is said. */
    public static final long MAX_BYTES = 1024 * 1024;
    public static final String MAX_SIZE = "1 MB";

    private ImportMessages() {
    }

    /** Why a file could not be read. */
    public enum Unreadable { NOT_TEXT, EMPTY, TOO_BIG, GONE, NO_PERMISSION, SLACK_ERROR }

    /** What an outline holds, as the preview counts it: links as a capture counts them, talks by their title key. */
    record Counts(int takeaways, int links, Map<String, TalkCount> talks, int withoutTalk, List<String> events) {
    }

    record TalkCount(String title, int takeaways) {
    }

    static Counts count(List<OutlineShape.Read> takeaways) {
        int links = 0;
        int withoutTalk = 0;
        Map<String, TalkCount> talks = new LinkedHashMap<>();
        Set<String> events = new LinkedHashSet<>();
        for (OutlineShape.Read read : takeaways) {
            var parsed = TakeawayTextParser.parse(read.text());
            links += parsed.links().size();
            read.event().ifPresent(events::add);
            Optional<String> talk = read.talk().or(parsed::talkTitle);
            if (talk.isEmpty()) {
                withoutTalk++;
            } else {
                talks.merge(TakeawayTextParser.talkKey(talk.get()), new TalkCount(talk.get(), 1),
                        (a, b) -> new TalkCount(a.title(), a.takeaways() + 1));
            }
        }
        return new Counts(takeaways.size(), links, talks, withoutTalk, List.copyOf(events));
    }

    /**
     * ":inbox_tray: *4 talks, 23 takeaways, 6 links* from *Monday*", the first talks with their counts, and Import
     * and Cancel, whose value is the draft's id.
     *
     * @param sourceName the file's name, or {@code pasted}
     */
    public static SlackMessage preview(String draftId, String sourceName, List<OutlineShape.Read> takeaways) {
        Counts counts = count(takeaways);
        String what = counted(counts.talks().size(), "talk") + ", " + counted(counts.takeaways(), "takeaway") + ", "
                + counted(counts.links(), "link");
        String from = from(counts.events(), sourceName);
        String lead = ":inbox_tray: *" + what + "*" + (from.isEmpty() ? "" : " from " + from);
        StringBuilder talks = new StringBuilder();
        counts.talks().values().stream().limit(LISTED_TALKS).forEach(talk -> talks.append("• *")
                .append(title(talk.title())).append("* (").append(counted(talk.takeaways(), "takeaway")).append(")\n"));
        int more = counts.talks().size() - LISTED_TALKS;
        if (more > 0) {
            talks.append("and ").append(counted(more, "more talk")).append('\n');
        }
        if (counts.withoutTalk() > 0) {
            talks.append(counted(counts.withoutTalk(), "takeaway")).append(" of no talk\n");
        }
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(SlackText.truncate(lead, SlackText.SECTION_LIMIT)))));
        if (!talks.isEmpty()) {
            String list = SlackText.truncate(talks.toString().strip(), SlackText.SECTION_LIMIT);
            blocks.add(section(s -> s.text(markdownText(list))));
        }
        blocks.add(context(c -> c.elements(List.of(markdownText("Import saves them as your takeaways in this"
                + " conversation, under their talks. Importing the same outline again adds only what is new.")))));
        blocks.add(actions(a -> a.blockId("import_" + draftId).elements(List.of(
                button(b -> b.actionId(ActionIds.IMPORT_CONFIRM).text(plainText("Import")).value(draftId)
                        .style("primary")),
                button(b -> b.actionId(ActionIds.IMPORT_CANCEL).text(plainText("Cancel")).value(draftId))))));
        return new SlackMessage(SlackText.plain(lead), blocks);
    }

    /** "from *Monday*", "from *Monday* and *Tuesday*", "from *Monday*, *Tuesday* and 3 more"; else the file. */
    private static String from(List<String> events, String sourceName) {
        if (events.isEmpty()) {
            return sourceName == null || sourceName.equals(OutlineText.PASTED) ? "" : "*" + SlackText.escape(
                    SlackText.truncatePlain(sourceName, TITLE_LIMIT)) + "*";
        }
        List<String> named = events.stream().limit(2).map(event -> "*" + title(event) + "*").toList();
        int more = events.size() - named.size();
        if (more > 0) {
            return String.join(", ", named) + " and " + more + " more";
        }
        return String.join(" and ", named);
    }

    /** A title as the outline wrote it (Slack's format), safe to show, without bold marks that would end ours. */
    private static String title(String mrkdwn) {
        return SlackText.truncate(SlackText.note(mrkdwn.replace("*", "").replace("\n", " ")), TITLE_LIMIT);
    }

    static String counted(int n, String noun) {
        return String.format("%,d", n) + " " + noun + (n == 1 ? "" : "s");
    }

    /** What the import did, replacing the preview. */
    public static SlackMessage imported(OutlineImport.Imported imported) {
        if (imported.added() == 0) {
            return SlackMessage.of(":information_source: Nothing new: "
                    + (imported.alreadyThere() == 1 ? "this takeaway was" : "these " + String.format("%,d",
                    imported.alreadyThere()) + " takeaways were") + " already imported.");
        }
        if (imported.alreadyThere() > 0) {
            return SlackMessage.of(":white_check_mark: Added " + counted(imported.added(), "new takeaway") + "; "
                    + String.format("%,d", imported.alreadyThere()) + (imported.alreadyThere() == 1 ? " was" : " were")
                    + " already there.");
        }
        return SlackMessage.of(":white_check_mark: Imported " + counted(imported.added(), "takeaway")
                + (imported.talks() == 0 ? "" : " under " + counted(imported.talks(), "talk")) + ".");
    }

    public static SlackMessage cancelled() {
        return SlackMessage.of(":wastebasket: Import cancelled; nothing was saved.");
    }

    public static SlackMessage gone() {
        return SlackMessage.of(":information_source: This import is no longer waiting: it was imported or cancelled,"
                + " or it is over a day old. Send the outline again to import it.");
    }

    public static SlackMessage notYours(String ownerId) {
        return SlackMessage.of(":lock: Only <@" + ownerId + "> can import or cancel this outline.");
    }

    public static SlackMessage notSaved() {
        return SlackMessage.of(":warning: *Nothing was saved:* the database is not answering. Press Import again in a"
                + " minute.");
    }

    public static SlackMessage notCancelled() {
        return SlackMessage.of(":warning: Not cancelled: the database is not answering. Nothing was imported; press"
                + " Cancel again in a minute.");
    }

    public static SlackMessage failed() {
        return SlackMessage.of(":warning: *Nothing was saved:* something went wrong on our side. Please try again.");
    }

    /** The draft could not be kept (the database): nothing to preview. */
    public static SlackMessage notKept() {
        return SlackMessage.of(":warning: I could not keep your outline for the preview: the database is not"
                + " answering. Nothing was saved; please send it again in a minute.");
    }

    /**
     * {@code /takeaway import <text>} whose text is no outline ("Import tariffs rose 10%": a note that starts with
     * the word): import's own help and an example.
     */
    public static SlackMessage notAnOutline(String command, HelpEntry help) {
        return SlackMessage.of(":inbox_tray: `" + SlackText.escape(command) + " import` takes an outline: a talk's"
                + " title, then its takeaways one per line indented under it. Without text it opens a form to paste one; a"
                + " longer file you can send me in a DM.\n\n" + HelpMessage.usage(command, help));
    }

    /** For the form's error: what the bot understands, briefly. */
    public static String noTakeawaysInForm() {
        return "I found no takeaways here. Write a talk title, then one takeaway per line indented under it, e.g."
                + " \"EKS deep dive\" and under it \"  - Karpenter picks instance types per pod\".";
    }

    /** A file with no takeaways in it. */
    public static SlackMessage noTakeaways(String fileName) {
        return SlackMessage.of(":information_source: " + file(fileName) + " has no takeaways I can read: write one"
                + " per line under a talk title, like `# EKS deep dive` and under it `- Karpenter picks instance types"
                + " per pod`.");
    }

    /** An OPML file with no items, or not well-formed. */
    public static SlackMessage noOpmlItems(String fileName) {
        return SlackMessage.of(":information_source: " + file(fileName) + " has no outline items I can read: send an"
                + " OPML file whose `&lt;outline text=\"...\"&gt;` items hold talks and their takeaways, or a .txt or .md"
                + " outline.");
    }

    /** Why a file could not be read, and what to do. */
    public static SlackMessage unreadable(Unreadable why, String fileName, long size, String slackError) {
        return SlackMessage.of(switch (why) {
            case NOT_TEXT -> ":information_source: I could not read " + file(fileName) + ": it is not a text file."
                    + " Send a .txt, .md or .opml outline.";
            case EMPTY -> ":information_source: " + file(fileName) + " is empty: send the outline with its talks and"
                    + " takeaways in it.";
            case TOO_BIG -> ":information_source: " + file(fileName) + " is " + (size > 0 ? megabytes(size)
                    : "over " + MAX_SIZE) + "; I import outlines up to " + MAX_SIZE + ". Split it and send the parts.";
            case GONE -> ":information_source: Slack says the file is gone (" + SlackText.escape(slackError)
                    + "): share it again here.";
            case NO_PERMISSION -> ":warning: I am missing the files:read permission: reinstall the app from"
                    + " manifest.yml (README, \"Create the Slack app\").";
            case SLACK_ERROR -> ":information_source: I could not read " + file(fileName) + ": Slack said `"
                    + SlackText.escape(slackError) + "`. Share it again in a minute.";
        });
    }

    private static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    private static String file(String fileName) {
        String name = fileName == null || fileName.isBlank() ? "the file" : fileName;
        return "`" + SlackText.escape(SlackText.truncatePlain(name, TITLE_LIMIT).replace("`", "'")) + "`";
    }
}
