package app.takeaways.search;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever a person types after {@code /takeaway search}, the parser answers with a query Postgres accepts (dates in
 * range, no NUL in any text), or with nothing to search for: never an exception.
 */
class SearchQueryParserPropertyTests {

    // What to_tsquery gets: words of letters and digits joined by its operators, nothing it would have to parse.
    private static final Pattern OPERAND = Pattern.compile("!?\\(?[\\p{L}\\p{M}\\p{Nd}]+( <-> [\\p{L}\\p{M}\\p{Nd}]+)*\\)?");

    @Property(tries = 1000)
    void anyTextGivesAWellFormedQuery(@ForAll @StringLength(max = 12_000) String input) {
        assertWellFormed(SearchQueryParser.parse(input));
    }

    @Property(tries = 1000)
    void queryLikeTextGivesAWellFormedQuery(@ForAll("queryish") String input) {
        assertWellFormed(SearchQueryParser.parse(input));
    }

    @Property(tries = 1000)
    void anyTextWithNulGivesAWellFormedQuery(@ForAll("withNul") String input) {
        assertWellFormed(SearchQueryParser.parse(input));
    }

    @Property(tries = 1000)
    void aDateIsTakenWhenInRangeElseSaidInANote(@ForAll("filterKey") String key, @ForAll("dateLike") String date) {
        SearchQuery query = SearchQueryParser.parse("karpenter " + key + ":" + date);

        assertWellFormed(query);
        Optional<LocalDate> taken = key.equals("after") ? query.after() : query.before();
        if (taken.isPresent()) {
            assertThat(query.notes()).isEmpty();
        } else {
            assertThat(query.notes()).singleElement().asString().startsWith("`" + key + ":");
        }
    }

    private static void assertWellFormed(SearchQuery query) {
        query.after().ifPresent(day -> assertThat(SearchQueryParser.DATES.contains(day)).as(day.toString()).isTrue());
        query.before().ifPresent(day -> assertThat(SearchQueryParser.DATES.contains(day)).as(day.toString()).isTrue());
        List<String> texts = new ArrayList<>();
        texts.add(query.text());
        Stream.concat(query.all().stream().flatMap(List::stream), query.none().stream())
                .forEach(term -> texts.addAll(term.words()));
        Stream.of(query.tags(), query.authors(), query.channelIds(), query.channelNames(), query.talks(),
                query.notes()).forEach(texts::addAll);
        query.tsquery().ifPresent(texts::add);
        assertThat(texts).noneMatch(text -> text.contains("\u0000"));
        assertThat(query.text().length()).isLessThanOrEqualTo(SearchQueryParser.MAX_LENGTH);
        assertThat(query.all().size() + query.none().size()).isLessThanOrEqualTo(SearchQueryParser.MAX_TERMS);
        query.tsquery().ifPresentOrElse(tsquery -> {
            assertThat(query.hasWords()).isTrue();
            for (String part : tsquery.split(" & ")) {
                for (String alternative : part.replaceAll("^\\((.*\\|.*)\\)$", "$1").split(" \\| ")) {
                    assertThat(alternative).matches(OPERAND);
                }
            }
        }, () -> assertThat(query.hasWords()).isFalse());
        query.all().forEach(group -> assertThat(group).isNotEmpty());
        query.all().stream().flatMap(List::stream).forEach(term -> assertThat(term.words())
                .allSatisfy(word -> assertThat(word.length()).isBetween(1, SearchQueryParser.MAX_WORD_LENGTH)));
        query.tags().forEach(tag -> assertThat(tag).isLowerCase().doesNotStartWith("#"));
        assertThat(query.notes()).allSatisfy(note -> assertThat(note).isNotBlank());
    }

    @Provide
    Arbitrary<String> queryish() {
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.of("karpenter", "EKS", "node", "groups", "-", "--", "-fargate", "OR", "AND", "NOT", "|",
                        "\"", "“", "”", "\"deep dive\"", "tag:", "tag:k8s", "tag:#", "from:", "from:me",
                        "from:<@U123|alex>", "<@U1>", "in:", "in:<#C1|general>", "in:#", "<#C9|k8s>", "talk:",
                        "talk:\"", "talk:\"EKS", "after:", "after:2026-02-30", "before:2026-1-5", "before:x",
                        "after:99999-12-31", "before:0000-01-01", "after:+1000000000-01-01", "before:0001-01-01",
                        "after:1969-12-31", "before:-2026-01-01", "after:10000-01-01", "before:9999-12-31",
                        "after:1970-01-01", "before:2026-01-0\u00001", "talk:\"a\u0000b\"", "in:x\u0000y",
                        "&amp;", "&lt;", "&gt;", "<", ">", "<https://a.b|c>", "'", ";", "DROP", "TABLE", "*", ":*",
                        "&", "!", "(", ")", "<->", "\\", "\u0000", "🚀", "👩‍💻", "²", "ℵ", "日本語", "\n", "\t", " "),
                Arbitraries.strings().ofMaxLength(20));
        return pieces.list().ofMaxSize(40).map(list -> String.join(" ", list));
    }

    @Provide
    Arbitrary<String> withNul() {
        // k and @ stand for the filters whose values are kept as typed (a talk's title) or read as a date.
        return Arbitraries.strings().withChars('\u0000', 'a', 'k', '@', ' ', '"', ':', '-', '#', '<', '>', '1', '9')
                .ofMaxLength(200).map(text -> text.replace("k", "talk:").replace("@", "after:"));
    }

    @Provide
    Arbitrary<String> filterKey() {
        return Arbitraries.of("after", "before");
    }

    /** Shaped like a date, with any year (zero, negative, huge), month and day, sometimes a NUL inside. */
    @Provide
    Arbitrary<String> dateLike() {
        Arbitrary<String> year = Arbitraries.oneOf(
                Arbitraries.of("0", "0000", "0001", "1969", "1970", "2026", "9999", "10000", "99999", "+99999",
                        "+1000000000", "-1", "-2026", "00002026"),
                Arbitraries.integers().between(1900, 10_100).map(String::valueOf),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(30));
        Arbitrary<String> monthOrDay = Arbitraries.integers().between(0, 99)
                .flatMap(n -> Arbitraries.of(String.valueOf(n), String.format("%02d", n)));
        Arbitrary<String> date = Combinators.combine(year, monthOrDay, monthOrDay)
                .as((y, m, d) -> y + "-" + m + "-" + d);
        return Arbitraries.oneOf(date, date.map(d -> d.substring(0, d.length() / 2) + "\u0000"
                + d.substring(d.length() / 2)));
    }
}
