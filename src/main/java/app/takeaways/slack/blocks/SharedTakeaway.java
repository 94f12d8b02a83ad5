package app.takeaways.slack.blocks;

import app.takeaways.note.RecentTakeaways.Entry;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

/** A takeaway posted to a channel ("Share to channel", "Also post it to this channel"), with attribution. */
public final class SharedTakeaway {

    private SharedTakeaway() {
    }

    public static SlackMessage render(Entry takeaway, String sharedBy) {
        String who = takeaway.userId().equals(sharedBy)
                ? "<@" + sharedBy + "> shared a takeaway"
                : "<@" + sharedBy + "> shared a takeaway by <@" + takeaway.userId() + ">";
        String quoting = takeaway.quotedAuthor().map(author -> ", quoting a message by <@" + author + ">").orElse("");
        String headline = who + quoting + takeaway.talkTitle().map(t -> " from *" + SlackText.escape(t) + "*")
                .orElse("") + ":";
        List<String> details = new ArrayList<>();
        if (!takeaway.tags().isEmpty()) {
            details.add(takeaway.tags().stream().limit(10).map(tag -> "#" + tag).collect(Collectors.joining(" ")));
        }
        takeaway.permalink().ifPresent(link -> details.add("<" + link + "|Original message>"));
        details.add("Saved with `/takeaway`");
        String text = SlackText.note(takeaway.text());
        return new SlackMessage(SlackText.truncate(who + ": " + text, 300), List.of(
                section(s -> s.text(markdownText(SlackText.truncate(headline, SlackText.SECTION_LIMIT)))),
                section(s -> s.text(markdownText(SlackText.truncate(SlackText.quote(text), SlackText.SECTION_LIMIT)))),
                context(c -> c.elements(List.of(markdownText(SlackText.truncate(String.join("  ·  ", details),
                        SlackText.CONTEXT_ELEMENT_LIMIT)))))));
    }
}
