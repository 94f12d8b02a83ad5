package app.takeaways.summary;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A summary ready to show: of a talk (its title) or of a search (its query), with the takeaways its themes cite.
 *
 * @param talkId  the talk summarised, if it is a talk's summary
 * @param subject the talk's title, or the query
 * @param cited   the takeaways the themes cite, by id
 * @param sources every takeaway summarised: what the summary quotes, so it is never shown more widely than they are
 */
public record SummaryReport(Optional<Long> talkId, String subject, Summary summary, Map<Long, Cited> cited,
                            List<Long> sources) {

    /** A takeaway a theme cites. */
    public record Cited(long id, String userId, String text, Optional<String> permalink) {
    }

    public SummaryReport {
        cited = Map.copyOf(cited);
        sources = List.copyOf(sources);
    }

    public boolean isTalk() {
        return talkId.isPresent();
    }

    /** The summary as text to search (kept as the summary's takeaway): subject, overview, themes and what they cite. */
    public String searchableText() {
        StringBuilder text = new StringBuilder("Summary of ").append(subject).append(".\n");
        if (!summary.overview().isBlank()) {
            text.append(summary.overview()).append('\n');
        }
        if (!summary.themes().isEmpty()) {
            text.append("Themes: ").append(String.join(", ", summary.themeLabels())).append(".\n");
        }
        summary.themes().stream().flatMap(theme -> theme.takeawayIds().stream()).distinct()
                .map(cited::get).filter(java.util.Objects::nonNull)
                .forEach(item -> text.append("• ").append(item.text().strip().replaceAll("\\s*\\n\\s*", " / "))
                        .append('\n'));
        if (!summary.links().isEmpty()) {
            text.append("Links: ").append(summary.links().stream().map(Summary.Link::url)
                    .collect(Collectors.joining(" "))).append('\n');
        }
        return text.toString().strip();
    }
}
