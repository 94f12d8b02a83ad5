package app.takeaways.search;

import app.takeaways.search.SearchQuery.Term;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SearchQueryParserTests {

    @Test
    void wordsMustAllMatch() {
        SearchQuery query = SearchQueryParser.parse("Karpenter  consolidation");

        assertThat(query.tsquery()).contains("karpenter & consolidation");
        assertThat(query.hasFilters()).isFalse();
    }

    @Test
    void quotedPhrasesAndSmartQuotesKeepTheirOrder() {
        assertThat(SearchQueryParser.parse("\"node groups\" karpenter").tsquery())
                .contains("(node <-> groups) & karpenter");
        assertThat(SearchQueryParser.parse("“deep dive”").tsquery()).contains("(deep <-> dive)");
        assertThat(SearchQueryParser.parse("next-gen autoscaler").tsquery()).contains("(next <-> gen) & autoscaler");
    }

    @Test
    void anUnbalancedQuoteRunsToTheEnd() {
        assertThat(SearchQueryParser.parse("karpenter \"node groups").tsquery())
                .contains("karpenter & (node <-> groups)");
    }

    @Test
    void excludedWordsAndPhrases() {
        SearchQuery query = SearchQueryParser.parse("karpenter -fargate -\"managed nodes\" NOT ecs");

        assertThat(query.tsquery()).contains("karpenter & !fargate & !(managed <-> nodes) & !ecs");
        assertThat(query.none()).extracting(Term::display).containsExactly("fargate", "\"managed nodes\"", "ecs");
    }

    @Test
    void orJoinsItsNeighbours() {
        assertThat(SearchQueryParser.parse("eks OR ecs fargate").tsquery()).contains("(eks | ecs) & fargate");
        assertThat(SearchQueryParser.parse("OR eks OR").tsquery()).contains("eks");
        assertThat(SearchQueryParser.parse("eks or ecs").tsquery()).contains("eks & or & ecs");
    }

    @Test
    void filtersAsSlackSendsThem() {
        SearchQuery query = SearchQueryParser.parse("tag:#K8s from:<@U123|alex> in:<#C456|platform> "
                + "talk:\"EKS deep dive\" after:2026-01-01 before:2026-12-31 in:general from:me");

        assertThat(query.tags()).containsExactly("k8s");
        assertThat(query.authors()).containsExactly("U123");
        assertThat(query.fromViewer()).isTrue();
        assertThat(query.channelIds()).containsExactly("C456");
        assertThat(query.channelNames()).containsExactly("general");
        assertThat(query.talks()).containsExactly("EKS deep dive");
        assertThat(query.after()).contains(LocalDate.of(2026, 1, 1));
        assertThat(query.before()).contains(LocalDate.of(2026, 12, 31));
        assertThat(query.hasWords()).isFalse();
        assertThat(query.isEmpty()).isFalse();
        assertThat(query.notes()).isEmpty();
    }

    @Test
    void aTagSlackTurnedIntoAChannelReferenceIsStillATag() {
        assertThat(SearchQueryParser.parse("tag:<#C123|k8s>").tags()).containsExactly("k8s");
        assertThat(SearchQueryParser.parse("<#C123|k8s> scaling").tsquery()).contains("k8s & scaling");
    }

    @Test
    void aBareMentionIsWhoWroteIt() {
        assertThat(SearchQueryParser.parse("<@U123|alex> karpenter").authors()).containsExactly("U123");
    }

    @Test
    void whatIsNotUnderstoodIsSaidAndIgnored() {
        SearchQuery query = SearchQueryParser.parse("karpenter after:last-week from:alex tag: -tag:aws");

        assertThat(query.tsquery()).contains("karpenter");
        assertThat(query.hasFilters()).isFalse();
        assertThat(query.notes()).containsExactly(
                "`after:last-week` is not a date: write it as `after:2026-01-31`.",
                "I could not tell who `from:alex` is: pick them from Slack's @ suggestions, e.g."
                        + " `from:@alex or from:me`.",
                "`tag:` needs a value, e.g. `tag:k8s`.",
                "Leaving out by `tag:` is not supported, so `-tag:aws` was ignored.");
    }

    @Test
    void datesOutOfRangeAreSaidAndIgnored() {
        SearchQuery query = SearchQueryParser.parse("karpenter after:99999-12-31 before:0000-01-01"
                + " after:+1000000000-01-01 before:0001-01-01 after:1969-12-31 before:-2026-01-01");

        assertThat(query.after()).isEmpty();
        assertThat(query.before()).isEmpty();
        assertThat(query.tsquery()).contains("karpenter");
        assertThat(query.notes()).containsExactly(
                "`after:99999-12-31` is out of range: use a date between 1970-01-01 and 9999-12-31.",
                "`before:0000-01-01` is out of range: use a date between 1970-01-01 and 9999-12-31.",
                "`after:+1000000000-01-01` is out of range: use a date between 1970-01-01 and 9999-12-31.",
                "`before:0001-01-01` is out of range: use a date between 1970-01-01 and 9999-12-31.",
                "`after:1969-12-31` is out of range: use a date between 1970-01-01 and 9999-12-31.",
                "`before:-2026-01-01` is out of range: use a date between 1970-01-01 and 9999-12-31.");
    }

    @Test
    void theFirstAndLastDaysOfTheRangeAreDates() {
        SearchQuery query = SearchQueryParser.parse("after:1970-01-01 before:9999-12-31");

        assertThat(query.after()).contains(SearchQueryParser.DATES.first()).contains(LocalDate.of(1970, 1, 1));
        assertThat(query.before()).contains(SearchQueryParser.DATES.last()).contains(LocalDate.of(9999, 12, 31));
        assertThat(query.notes()).isEmpty();
    }

    @Test
    void aDayItsMonthDoesNotHaveIsNotADateWhateverTheYear() {
        assertThat(SearchQueryParser.parse("after:2026-02-30 before:99999-13-01 after:2026-1-5x").notes())
                .containsExactly(
                        "`after:2026-02-30` is not a date: write it as `after:2026-01-31`.",
                        "`before:99999-13-01` is not a date: write it as `before:2026-01-31`.",
                        "`after:2026-1-5x` is not a date: write it as `after:2026-01-31`.");
        assertThat(SearchQueryParser.parse("after:2024-02-29 before:2026-1-5").after())
                .contains(LocalDate.of(2024, 2, 29));
        assertThat(SearchQueryParser.parse("before:2026-1-5").before()).contains(LocalDate.of(2026, 1, 5));
    }

    @Test
    void aPeriodWithNoDayInItSaysSo() {
        SearchQuery swapped = SearchQueryParser.parse("karpenter after:2026-05-01 before:2026-01-01");
        SearchQuery nextDay = SearchQueryParser.parse("after:2026-01-01 before:2026-01-02");

        assertThat(swapped.after()).contains(LocalDate.of(2026, 5, 1));
        assertThat(swapped.before()).contains(LocalDate.of(2026, 1, 1));
        assertThat(swapped.notes()).containsExactly(
                "No day is both after `after:2026-05-01` and before `before:2026-01-01`, so nothing can be found.");
        assertThat(nextDay.notes()).containsExactly(
                "No day is both after `after:2026-01-01` and before `before:2026-01-02`, so nothing can be found.");
        assertThat(SearchQueryParser.parse("after:2026-01-01 before:2026-01-03").notes()).isEmpty();
    }

    @Test
    void nulIsGoneFromEveryPartOfTheQuery() {
        SearchQuery query = SearchQueryParser.parse("\u0000kar\u0000penter \"node\u0000 groups\" talk:\"EKS\u0000 deep\""
                + " in:gen\u0000eral tag:k\u00008s after:2026-01-\u000001 -\u0000fargate \u0000");

        assertThat(query.text()).doesNotContain("\u0000");
        assertThat(query.tsquery()).contains("karpenter & (node <-> groups) & !fargate");
        assertThat(query.talks()).containsExactly("EKS deep");
        assertThat(query.channelNames()).containsExactly("general");
        assertThat(query.tags()).containsExactly("k8s");
        assertThat(query.after()).contains(LocalDate.of(2026, 1, 1));
        assertThat(query.notes()).isEmpty();
        assertThat(SearchQueryParser.parse("\u0000\u0000").isEmpty()).isTrue();
    }

    @Test
    void nothingToSearchFor() {
        assertThat(SearchQueryParser.parse("").isEmpty()).isTrue();
        assertThat(SearchQueryParser.parse("  -  🚀 ").isEmpty()).isTrue();
        assertThat(SearchQueryParser.parse("-fargate").isEmpty()).isTrue();
        assertThat(SearchQueryParser.parse("-fargate").tsquery()).isEmpty();
    }

    @Test
    void slacksEscapingIsUndone() {
        assertThat(SearchQueryParser.parse("Q&amp;A &lt;b&gt;").tsquery()).contains("(q <-> a) & b");
    }

    @Test
    void longQueriesAreCut() {
        SearchQuery query = SearchQueryParser.parse("word ".repeat(50) + "x".repeat(2000));

        assertThat(query.all()).hasSize(SearchQueryParser.MAX_TERMS);
        assertThat(query.text()).hasSizeLessThanOrEqualTo(SearchQueryParser.MAX_LENGTH);
        assertThat(query.notes()).containsExactly("Only the first 1,000 characters were searched.",
                "Only the first 16 words were searched.");
    }

    @Test
    void closeSpellingsWidenSingleWords() {
        SearchQuery widened = SearchQueryParser.parse("karpentr \"node groups\"")
                .withAlternatives(java.util.Map.of("karpentr", List.of("karpenter", "carpenter")));

        assertThat(widened.tsquery()).contains("(karpentr | karpenter | carpenter) & (node <-> groups)");
    }
}
