package app.takeaways.slack.blocks;

import app.takeaways.summary.Summary;
import app.takeaways.summary.SummaryReport;
import com.slack.api.model.block.LayoutBlock;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

/**
 * A summary as posted: what it covers, an overview when a language model wrote one, each theme with the takeaways
 * that carry it, the links shared and who contributed. Within Block Kit's limits on any data.
 */
public final class TalkSummaryMessage {

    static final int EXCERPT = 300;
    static final int LINKS = 10;
    static final int CONTRIBUTORS = 10;

    private TalkSummaryMessage() {
    }

    public static SlackMessage render(SummaryReport report) {
        Summary summary = report.summary();
        int people = summary.contributors().size();
        String subject = report.isTalk() ? "*Summary of " + SlackText.escape(SlackText.truncatePlain(report.subject(),
                200)) + "*" : "*Summary of takeaways matching* `" + SlackText.escape(SlackText.truncatePlain(
                report.subject().replace("`", "'"), 200)) + "`";
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(":memo: " + subject + "\n" + count(summary.takeaways(), "takeaway")
                + " from " + count(people, "person", "people")))));
        if (!summary.overview().isBlank()) {
            blocks.add(section(s -> s.text(markdownText(SlackText.truncate(SlackText.escape(summary.overview()),
                    SlackText.SECTION_LIMIT)))));
            blocks.add(context(c -> c.elements(List.of(markdownText(
                    "Overview written by a language model from the takeaways; the themes below quote them.")))));
        }
        for (Summary.Theme theme : summary.themes()) {
            String cited = theme.takeawayIds().stream().map(report.cited()::get).filter(java.util.Objects::nonNull)
                    .map(item -> "• " + WeeklyDigestMessage.excerpt(item.text(), EXCERPT) + " — <@" + item.userId() + ">"
                            + item.permalink().map(link -> "  <" + link + "|view>").orElse(""))
                    .collect(Collectors.joining("\n"));
            blocks.add(section(s -> s.text(markdownText(SlackText.truncate("*" + SlackText.escape(theme.label()) + "*\n"
                    + cited, SlackText.SECTION_LIMIT)))));
        }
        if (!summary.links().isEmpty()) {
            String links = summary.links().stream().limit(LINKS)
                    .map(link -> "• <" + link.url().replace("|", "%7C").replace("<", "%3C").replace(">", "%3E") + "|"
                            + SlackText.escape(SlackText.truncatePlain(link.label() == null ? link.url() : link.label(),
                            80)) + ">")
                    .collect(Collectors.joining("\n"));
            int more = summary.links().size() - LINKS;
            blocks.add(section(s -> s.text(markdownText(SlackText.truncate("*Links*\n" + links
                    + (more > 0 ? "\n… and " + more + " more" : ""), SlackText.SECTION_LIMIT)))));
        }
        String from = summary.contributors().stream().limit(CONTRIBUTORS)
                .map(c -> "<@" + c.userId() + ">" + (c.takeaways() > 1 ? " (" + c.takeaways() + ")" : ""))
                .collect(Collectors.joining(", "));
        String search = report.isTalk() ? "/takeaway search talk:\"" + SlackText.truncatePlain(report.subject(), 150)
                .replace("\"", "'") + "\"" : "/takeaway search " + SlackText.truncatePlain(report.subject(), 150);
        String footer = "From " + from + (people > CONTRIBUTORS ? " and " + (people - CONTRIBUTORS) + " more" : "")
                + "\n" + (report.isTalk() ? "Kept with the talk and updated as it gains takeaways. " : "")
                + "All of them: `" + SlackText.escape(search.replace("`", "'")) + "`";
        blocks.add(context(c -> c.elements(List.of(markdownText(SlackText.truncate(footer,
                SlackText.CONTEXT_ELEMENT_LIMIT))))));
        String fallback = "Summary of " + report.subject() + ": " + String.join(", ", summary.themeLabels());
        return new SlackMessage(fallback, blocks);
    }

    private static String count(int n, String one) {
        return count(n, one, one + "s");
    }

    private static String count(int n, String one, String many) {
        return String.format(Locale.ENGLISH, "%,d", n) + " " + (n == 1 ? one : many);
    }
}
