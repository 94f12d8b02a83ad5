package app.takeaways.summary;

import java.util.List;

/**
 * What a set of takeaways says: its themes (distinctive words, each with the takeaways that carry it best), the
 * links shared and who contributed. Built by {@link ExtractiveSummarizer}, deterministic.
 *
 * @param overview     a few sentences written by a language model, when one is configured and answered; else empty
 * @param themes       most distinctive first
 * @param links        every link shared, once, in order of appearance
 * @param contributors by number of takeaways, most first
 * @param takeaways    how many takeaways were summarised
 */
public record Summary(String overview, List<Theme> themes, List<Link> links, List<Contributor> contributors,
                      int takeaways) {

    /** A theme: its label as people wrote it, and the ids of the takeaways that carry it best. */
    public record Theme(String label, List<Long> takeawayIds) {

        public Theme {
            takeawayIds = List.copyOf(takeawayIds);
        }
    }

    /** A link and the label it was shared with, if any. */
    public record Link(String url, String label) {
    }

    public record Contributor(String userId, int takeaways) {
    }

    public Summary {
        overview = overview == null ? "" : overview;
        themes = List.copyOf(themes);
        links = List.copyOf(links);
        contributors = List.copyOf(contributors);
    }

    public Summary withOverview(String text) {
        return new Summary(text, themes, links, contributors, takeaways);
    }

    /** The theme labels, most distinctive first. */
    public List<String> themeLabels() {
        return themes.stream().map(Theme::label).toList();
    }
}
