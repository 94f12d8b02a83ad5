package app.takeaways.slack.blocks;

import app.takeaways.search.SearchQuery;
import app.takeaways.search.TakeawaySearch;
import app.takeaways.search.TakeawaySearch.Hit;
import app.takeaways.search.TakeawaySearch.Results;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

/**
 * Search results as Slack shows them: each takeaway's best passage with the matches in bold, who wrote it, its
 * talk, channel and date, a link to the message, and Previous / Next buttons that replace the page in place.
 */
public final class SearchResultsMessage {

    /** What the paging buttons carry: the page to show and the query, as {@code page|query}. */
    public record PageRequest(int page, String query) {

        /** Button values hold at most 2,000 characters; queries are read up to 1,000. */
        public String value() {
            return page + "|" + query;
        }

        public static Optional<PageRequest> of(String value) {
            if (value == null) {
                return Optional.empty();
            }
            int bar = value.indexOf('|');
            try {
                return bar < 0 ? Optional.empty()
                        : Optional.of(new PageRequest(Math.max(0, Integer.parseInt(value.substring(0, bar))),
                        value.substring(bar + 1)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }

    /**
     * Where the results are shown.
     *
     * @param pageActionId how the action ids of the Previous / Next buttons start (ids are unique in a block)
     * @param share        whether each result has a Share button (there is a channel to share into)
     */
    public record Place(String pageActionId, boolean share) {
    }

    public static final Place IN_CHANNEL = new Place(ActionIds.SEARCH_PAGE, true);
    public static final Place IN_HOME = new Place(ActionIds.HOME_SEARCH_PAGE, false);

    private SearchResultsMessage() {
    }

    /** The ephemeral answer to {@code /takeaway search}. */
    public static SlackMessage render(Results results) {
        return new SlackMessage(fallback(results), blocks(results, IN_CHANNEL));
    }

    /** The blocks of a page of results (at most 15). */
    public static List<LayoutBlock> blocks(Results results, Place place) {
        SearchQuery query = results.query();
        List<LayoutBlock> blocks = new ArrayList<>();
        String asked = SlackText.truncatePlain(query.text().replace("`", "'"), 200);
        if (results.isEmpty()) {
            blocks.add(section(s -> s.text(markdownText(nothingFound(results, asked)))));
            notes(results).ifPresent(notes -> blocks.add(context(c -> c.elements(List.of(markdownText(notes))))));
            return blocks;
        }
        String order = query.hasWords() ? "best match first" : "newest first";
        String title = ":mag: *Takeaways for* `" + SlackText.escape(asked) + "`  ·  "
                + (results.page() == 0 && !results.hasMore() ? results.hits().size() + " found, " + order
                : "page " + (results.page() + 1) + ", " + order);
        blocks.add(section(s -> s.text(markdownText(SlackText.truncate(title, SlackText.SECTION_LIMIT)))));
        notes(results).ifPresent(notes -> blocks.add(context(c -> c.elements(List.of(markdownText(notes))))));
        for (Hit hit : results.hits()) {
            String snippet = SlackText.truncate(highlighted(hit.snippet()), SlackText.SECTION_LIMIT);
            if (place.share()) {
                blocks.add(section(s -> s.text(markdownText(snippet)).accessory(button(b -> b
                        .actionId(ActionIds.SEARCH_SHARE).text(plainText("Share")).value(String.valueOf(hit.id()))))));
            } else {
                blocks.add(section(s -> s.text(markdownText(snippet))));
            }
            blocks.add(context(c -> c.elements(List.of(markdownText(SlackText.truncate(details(hit),
                    SlackText.CONTEXT_ELEMENT_LIMIT))))));
        }
        List<BlockElement> paging = new ArrayList<>();
        if (results.page() > 0) {
            paging.add(pageButton(place, "previous", "← Previous", new PageRequest(results.page() - 1, query.text())));
        }
        if (results.hasMore()) {
            paging.add(pageButton(place, "next", "Next →", new PageRequest(results.page() + 1, query.text())));
        }
        if (!paging.isEmpty()) {
            blocks.add(actions(a -> a.blockId("search_paging").elements(paging)));
        }
        return blocks;
    }

    /** What {@code /takeaway search} answers when there is nothing to look for. */
    public static SlackMessage nothingToSearch(String command, SearchQuery query, HelpEntry help) {
        StringBuilder text = new StringBuilder(":mag: Nothing to search for");
        text.append(query.none().isEmpty() ? "." : ": add a word to look for, not only words to leave out.");
        query.notes().forEach(note -> text.append("\n• ").append(SlackText.escape(note)));
        text.append("\n\n").append(HelpMessage.usage(command, help));
        return SlackMessage.of(text.toString());
    }

    /** Bold where the search matched; everything else escaped for mrkdwn. */
    static String highlighted(String snippet) {
        // Two matches side by side ("deep dive") read better in one bold run.
        String merged = snippet.replace(TakeawaySearch.HIGHLIGHT_END + " " + TakeawaySearch.HIGHLIGHT_START, " ");
        String escaped = SlackText.escape(merged);
        StringBuilder out = new StringBuilder(escaped.length() + 8);
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == TakeawaySearch.HIGHLIGHT_START || c == TakeawaySearch.HIGHLIGHT_END) {
                out.append('*');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String details(Hit hit) {
        List<String> details = new ArrayList<>();
        details.add("<@" + hit.userId() + ">");
        hit.talkTitle().ifPresent(talk -> details.add("*" + SlackText.escape(SlackText.truncatePlain(talk, 120)) + "*"));
        details.add(hit.channelId().startsWith("D") ? "a DM" : "<#" + hit.channelId() + ">");
        details.add(SlackText.date(hit.createdAt()));
        if (!hit.tags().isEmpty()) {
            details.add(hit.tags().stream().limit(6).map(tag -> "#" + tag).collect(Collectors.joining(" ")));
        }
        hit.permalink().ifPresent(link -> details.add("<" + link + "|View message>"));
        return String.join("  ·  ", details);
    }

    private static Optional<String> notes(Results results) {
        List<String> notes = new ArrayList<>();
        if (!results.respelled().isEmpty()) {
            notes.add("Nothing matched " + results.respelled().keySet().stream().map(w -> "_" + SlackText.escape(w) + "_")
                    .collect(Collectors.joining(", ")) + " as typed: showing close spellings ("
                    + results.respelled().values().stream().map(w -> "*" + SlackText.escape(w) + "*")
                    .collect(Collectors.joining(", ")) + ").");
        }
        results.query().notes().forEach(note -> notes.add(SlackText.escape(note)));
        return notes.isEmpty() ? Optional.empty()
                : Optional.of(SlackText.truncate(String.join("\n", notes), SlackText.CONTEXT_ELEMENT_LIMIT));
    }

    private static String nothingFound(Results results, String asked) {
        SearchQuery query = results.query();
        StringBuilder text = new StringBuilder(":shrug: Nothing found for `" + SlackText.escape(asked) + "`.");
        if (results.page() > 0) {
            return text.append(" There are no more results.").toString();
        }
        List<String> tips = new ArrayList<>();
        if (query.hasFilters() && query.hasWords()) {
            tips.add("drop a filter (`tag:`, `from:`, `in:`, `talk:`, `after:`, `before:`)");
        } else if (query.hasFilters()) {
            tips.add("loosen the filters");
        }
        if (query.all().size() > 1) {
            tips.add("use fewer words, or `OR` between them");
        }
        if (query.hasWords()) {
            tips.add("check the spelling");
        }
        if (!query.none().isEmpty()) {
            tips.add("leave out fewer words");
        }
        if (!tips.isEmpty()) {
            text.append("\nTry to ").append(String.join(", ", tips)).append('.');
        }
        text.append(results.hereOnly()
                ? "\nThis conversation includes people from outside your organisation (or Slack has not said yet"
                + " whether it does): search here finds only what was saved here."
                : "\nSearch finds takeaways from public channels, from this conversation, and your own.");
        return SlackText.truncate(text.toString(), SlackText.SECTION_LIMIT);
    }

    private static String fallback(Results results) {
        String asked = SlackText.truncatePlain(results.query().text(), 100);
        // Snippets are plain text, as in the blocks: escaped, so no "<!channel>" in one is live.
        return results.isEmpty() ? "Nothing found for " + asked
                : "Takeaways for " + asked + ": " + results.hits().stream()
                .map(hit -> hit.snippet().replace(String.valueOf(TakeawaySearch.HIGHLIGHT_START), "")
                        .replace(String.valueOf(TakeawaySearch.HIGHLIGHT_END), ""))
                .map(snippet -> SlackText.escape(SlackText.truncatePlain(snippet, 80)))
                .collect(Collectors.joining(" / "));
    }

    private static ButtonElement pageButton(Place place, String which, String label, PageRequest request) {
        return button(b -> b.actionId(place.pageActionId() + which).text(plainText(label)).value(request.value()));
    }
}
