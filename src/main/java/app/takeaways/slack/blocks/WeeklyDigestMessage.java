package app.takeaways.slack.blocks;

import app.takeaways.digest.WeeklyDigest;
import app.takeaways.digest.WeeklyDigest.Item;
import app.takeaways.digest.WeeklyDigest.TalkSection;
import com.slack.api.model.block.LayoutBlock;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

/**
 * A weekly digest as Slack messages: the first in the channel (dates, numbers, tags of the week, the busiest
 * talks, one takeaway from the archive, how to search for more), the other talks in messages in its thread. Every
 * message within Block Kit's limits, whatever the week holds; a very long week ends with where to find the rest.
 */
public final class WeeklyDigestMessage {

    /** Messages at most: the first and nine in its thread. */
    static final int MAX_PARTS = 10;
    static final int EXCERPT = 280;
    static final int CONTRIBUTORS_SHOWN = 8;
    // blocks kept free in the first message for the archive and the footer
    private static final int FIRST_MESSAGE_RESERVE = 4;

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_YEAR = DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.ENGLISH);

    private WeeklyDigestMessage() {
    }

    public static List<SlackMessage> render(WeeklyDigest digest) {
        String dates = dates(digest.periodStart(), digest.periodEnd(), digest.zone());
        String stats = ":bar_chart: *" + count(digest.takeaways(), "takeaway") + "* from *"
                + count(digest.people(), "person", "people") + "* across *" + count(digest.talkCount(), "talk") + "*";

        List<LayoutBlock> first = new ArrayList<>();
        first.add(header(h -> h.text(plainText("Takeaways of the week", true))));
        first.add(section(s -> s.text(markdownText("*" + dates + "*  ·  <#" + digest.channelId() + ">\n" + stats))));
        digest.lateSince().ifPresent(due -> first.add(context(c -> c.elements(List.of(markdownText(
                ":hourglass_flowing_sand: A late digest: it was due " + SlackText.dateTime(due)
                        + ", when Takeaways was not running."))))));
        if (!digest.tags().isEmpty()) {
            String tags = digest.tags().stream().map(tag -> "#" + tag.tag() + " (" + tag.count() + ")")
                    .collect(Collectors.joining("  "));
            first.add(context(c -> c.elements(List.of(markdownText(SlackText.truncate("*Tags of the week:* " + tags,
                    SlackText.CONTEXT_ELEMENT_LIMIT))))));
        }

        List<List<LayoutBlock>> parts = new ArrayList<>();
        parts.add(first);
        List<TalkSection> talks = digest.talks();
        int shown = 0;
        int budget = SlackMessage.MAX_BLOCKS - FIRST_MESSAGE_RESERVE;
        for (TalkSection talk : talks) {
            List<LayoutBlock> blocks = talk(talk);
            List<LayoutBlock> current = parts.get(parts.size() - 1);
            if (current.size() + blocks.size() + 1 > budget) {
                if (parts.size() == MAX_PARTS) {
                    break;
                }
                List<LayoutBlock> next = new ArrayList<>();
                next.add(section(s -> s.text(markdownText("*Takeaways of the week, continued*  ·  " + dates))));
                parts.add(next);
                budget = SlackMessage.MAX_BLOCKS - 1;
                current = next;
            }
            current.add(divider());
            current.addAll(blocks);
            shown++;
        }
        // after: reads as Slack's search does: from the day after
        String search = "/takeaway search " + digest.tags().stream().findFirst().map(tag -> "tag:" + tag.tag() + " ")
                .orElse("") + "after:" + LocalDate.ofInstant(digest.periodStart(), digest.zone()).minusDays(1);
        if (shown < talks.size()) {
            int rest = talks.size() - shown;
            int restTakeaways = talks.subList(shown, talks.size()).stream().mapToInt(TalkSection::takeaways).sum();
            List<LayoutBlock> last = parts.get(parts.size() - 1);
            last.add(context(c -> c.elements(List.of(markdownText("… and " + count(rest, "more talk") + " with "
                    + count(restTakeaways, "takeaway") + ": find them with `" + SlackText.escape(search) + "`")))));
        }
        digest.fromTheArchive().ifPresent(item -> {
            first.add(divider());
            first.add(section(s -> s.text(markdownText(SlackText.truncate(":card_file_box: *From the archive*, "
                    + SlackText.date(item.createdAt()) + item.talkTitle().map(t -> " · _" + SlackText.escape(t) + "_")
                    .orElse("") + "\n" + SlackText.quote(excerpt(item.text(), 400)) + "\n— " + byline(item),
                    SlackText.SECTION_LIMIT)))));
        });
        String more = parts.size() > 1 ? "  ·  More talks in the thread." : "";
        first.add(context(c -> c.elements(List.of(markdownText(SlackText.truncate("Find more: `"
                + SlackText.escape(search) + "`" + more, SlackText.CONTEXT_ELEMENT_LIMIT))))));

        String fallback = "Takeaways of the week (" + dates + "): " + count(digest.takeaways(), "takeaway") + " from "
                + count(digest.people(), "person", "people") + " across " + count(digest.talkCount(), "talk");
        List<SlackMessage> messages = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            messages.add(new SlackMessage(i == 0 ? fallback : fallback + " (continued)", parts.get(i)));
        }
        return messages;
    }

    private static List<LayoutBlock> talk(TalkSection talk) {
        String title = talk.title().map(t -> "*" + SlackText.escape(SlackText.truncatePlain(t, 200)) + "*")
                .orElse("*Other takeaways*");
        String themes = talk.themes().isEmpty() ? ""
                : "  ·  _" + talk.themes().stream().map(SlackText::escape).collect(Collectors.joining(", ")) + "_";
        String best = talk.best().stream().map(item -> "• " + excerpt(item.text(), EXCERPT) + " — " + byline(item))
                .collect(Collectors.joining("\n"));
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(SlackText.truncate(title + "  ·  " + count(talk.takeaways(),
                "takeaway") + themes + "\n" + best, SlackText.SECTION_LIMIT)))));
        if (talk.contributors().size() > 1 || talk.takeaways() > talk.best().size()) {
            String people = talk.contributors().stream().limit(CONTRIBUTORS_SHOWN).map(id -> "<@" + id + ">")
                    .collect(Collectors.joining(" "));
            int more = talk.contributors().size() - CONTRIBUTORS_SHOWN;
            blocks.add(context(c -> c.elements(List.of(markdownText(SlackText.truncate("From " + people
                    + (more > 0 ? " and " + more + " more" : ""), SlackText.CONTEXT_ELEMENT_LIMIT))))));
        }
        return blocks;
    }

    /** A takeaway on one line: its text as written (Slack's format, broadcasts neutralised), lines joined, cut. */
    static String excerpt(String text, int max) {
        String oneLine = SlackText.note(text).strip().replaceAll("\\s*\\n\\s*", " / ").replaceAll("\\s+", " ");
        return SlackText.truncate(oneLine, max);
    }

    private static String byline(Item item) {
        String who = "<@" + item.userId() + ">";
        String reactions = item.reactions() > 0 ? "  :heart: " + item.reactions() : "";
        return who + item.permalink().map(link -> "  <" + link + "|view>").orElse("") + reactions;
    }

    private static String dates(Instant start, Instant end, ZoneId zone) {
        LocalDate from = LocalDate.ofInstant(start, zone);
        LocalDate to = LocalDate.ofInstant(end.minusSeconds(1), zone);
        return (from.getYear() == to.getYear() ? DAY.format(from) : DAY_YEAR.format(from)) + " – " + DAY_YEAR.format(to);
    }

    private static String count(int n, String one) {
        return count(n, one, one + "s");
    }

    private static String count(int n, String one, String many) {
        return String.format(Locale.ENGLISH, "%,d", n) + " " + (n == 1 ? one : many);
    }
}
