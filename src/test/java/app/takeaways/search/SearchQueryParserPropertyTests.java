package app.takeaways.search;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever a person types after {@code /takeaway search}, the parser answers with a query Postgres accepts, or with
 * nothing to search for: never an exception.
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

    private static void assertWellFormed(SearchQuery query) {
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
        query.all().stream().flatMap(java.util.List::stream).forEach(term -> assertThat(term.words())
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
                        "&amp;", "&lt;", "&gt;", "<", ">", "<https://a.b|c>", "'", ";", "DROP", "TABLE", "*", ":*",
                        "&", "!", "(", ")", "<->", "\\", "\u0000", "🚀", "👩‍💻", "²", "ℵ", "日本語", "\n", "\t", " "),
                Arbitraries.strings().ofMaxLength(20));
        return pieces.list().ofMaxSize(40).map(list -> String.join(" ", list));
    }
}
