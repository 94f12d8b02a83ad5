package app.takeaways.slack.blocks;

import app.takeaways.search.SearchQuery;
import app.takeaways.search.SearchQueryParser;
import app.takeaways.search.TakeawaySearch;
import app.takeaways.search.TakeawaySearch.Hit;
import app.takeaways.search.TakeawaySearch.Results;
import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.element.ButtonElement;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import static app.takeaways.slack.blocks.CaptureConfirmationTests.assertWithinLimits;
import static org.assertj.core.api.Assertions.assertThat;

class SearchResultsMessageTests {

    private static final char START = TakeawaySearch.HIGHLIGHT_START;
    private static final char END = TakeawaySearch.HIGHLIGHT_END;

    @Test
    void matchesAreBoldAndEverythingElseEscaped() {
        assertThat(SearchResultsMessage.highlighted("Use " + START + "<div>" + END + " & " + START + "deep" + END + " "
                + START + "dive" + END + " *not bold*"))
                .isEqualTo("Use *&lt;div&gt;* &amp; *deep dive* *not bold*");
    }

    @Test
    void aSnippetIsPlainTextSoAMentionInItIsShownNotLive() {
        Hit hit = new Hit(1, "U1", "C1", "Heads up <!channel> & <!subteam^S1|@devs>: " + START + "ship" + END + " it",
                Optional.empty(), List.of(), Optional.empty(), Instant.EPOCH);
        Results results = new Results(SearchQueryParser.parse("ship"), 0, List.of(hit), false, Map.of());

        SlackMessage message = SearchResultsMessage.render(results);

        assertThat(CaptureConfirmationTests.texts(message))
                .contains("Heads up &lt;!channel&gt; &amp; &lt;!subteam^S1|@devs&gt;: *ship* it");
        assertThat(message.text())
                .isEqualTo("Takeaways for ship: Heads up &lt;!channel&gt; &amp; &lt;!subteam^S1|@devs&gt;: ship it");
    }

    @Test
    void staysWithinBlockKitLimitsOnAnyData() {
        String huge = ("Consolidation " + START + "karpenter" + END + " <@U1> & `code` ").repeat(400);
        List<Hit> hits = IntStream.range(0, TakeawaySearch.PAGE_SIZE).mapToObj(i -> new Hit(i, "U" + i, "C" + i, huge,
                Optional.of("T".repeat(5000)), List.of("a".repeat(50), "b".repeat(50), "c", "d", "e", "f", "g", "h"),
                Optional.of("https://x.slack.com/archives/C1/p" + "1".repeat(3000)), Instant.EPOCH)).toList();
        SearchQuery query = SearchQueryParser.parse("karpenter ".repeat(200) + "from:nobody after:soon");
        Results results = new Results(query, 3, hits, true, Map.of("karpentr", "karpenter"));

        SlackMessage message = SearchResultsMessage.render(results);

        assertWithinLimits(message);
        assertThat(message.blocks()).hasSizeLessThanOrEqualTo(15);
        message.blocks().stream().filter(ActionsBlock.class::isInstance).map(ActionsBlock.class::cast)
                .flatMap(actions -> actions.getElements().stream()).map(ButtonElement.class::cast)
                .forEach(button -> assertThat(button.getValue().length()).isLessThanOrEqualTo(2000));
        message.blocks().stream().filter(SectionBlock.class::isInstance).map(SectionBlock.class::cast)
                .filter(section -> section.getAccessory() != null)
                .forEach(section -> assertThat(((ButtonElement) section.getAccessory()).getValue()).hasSizeLessThan(20));
        assertThat(SearchResultsMessage.blocks(results, SearchResultsMessage.IN_HOME))
                .hasSizeLessThanOrEqualTo(15);
    }

    @Test
    void pageRequestsRoundTripThroughAButtonValue() {
        SearchResultsMessage.PageRequest request = new SearchResultsMessage.PageRequest(3, "a|b \"c\"");

        assertThat(SearchResultsMessage.PageRequest.of(request.value())).contains(request);
        assertThat(SearchResultsMessage.PageRequest.of("nonsense")).isEmpty();
        assertThat(SearchResultsMessage.PageRequest.of("x|y")).isEmpty();
        assertThat(SearchResultsMessage.PageRequest.of(null)).isEmpty();
    }
}
