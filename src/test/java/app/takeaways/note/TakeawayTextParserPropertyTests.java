package app.takeaways.note;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

import java.util.HashSet;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever a person types, the parser answers, keeps the text and only finds well-formed tags and links. */
class TakeawayTextParserPropertyTests {

    @Property(tries = 500)
    void anyTextParsesAndIsKeptAsWritten(@ForAll @StringLength(max = 2000) String input) {
        TakeawayText text = TakeawayTextParser.parse(input);

        assertThat(text.text()).isEqualTo(input);
        assertInvariants(text);
    }

    @Property(tries = 500)
    void slackLikeTextParsesAndIsKeptAsWritten(@ForAll("slackish") String input) {
        TakeawayText text = TakeawayTextParser.parse(input);

        assertThat(text.text()).isEqualTo(input);
        assertInvariants(text);
    }

    @Property(tries = 200)
    void tagsWrittenAreFound(@ForAll("tagNames") String tag) {
        TakeawayText text = TakeawayTextParser.parse("learned something #" + tag + " today");

        assertThat(text.tags()).containsExactly(tag.toLowerCase(Locale.ROOT));
    }

    private static void assertInvariants(TakeawayText text) {
        assertThat(new HashSet<>(text.tags())).hasSameSizeAs(text.tags());
        assertThat(text.tags()).allSatisfy(tag -> {
            assertThat(tag).isEqualTo(tag.toLowerCase(Locale.ROOT)).doesNotStartWith("#").isNotBlank();
            assertThat(tag.length()).isLessThanOrEqualTo(TakeawayTextParser.MAX_TAG_LENGTH);
            assertThat(tag).matches("[\\p{L}\\p{N}\\p{M}_][\\p{L}\\p{N}\\p{M}_-]*");
        });
        assertThat(text.links()).allSatisfy(link -> assertThat(link.url()).matches("(?i)https?://\\S+"));
        assertThat(text.links().stream().map(Link::url).distinct().count()).isEqualTo(text.links().size());
        text.talkTitle().ifPresent(title -> assertThat(title).isNotBlank()
                .hasSizeLessThanOrEqualTo(TakeawayTextParser.MAX_TALK_TITLE_LENGTH));
        assertThat(text.body()).isEqualTo(text.body().strip());
    }

    @Provide
    Arbitrary<String> slackish() {
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.of("#", "##", "#k8s", "#AWS", "<", ">", "|", "<#C123|general>", "<@U1>", "<!here>",
                        "<https://a.io|a>", "https://b.io/x?y=1&amp;z=2", "http://", "talk:", "talk:\"", "\"", "“",
                        "”", "talk:\"EKS\"", "`", "```", "&amp;", "&lt;", "&gt;", "\n", " ", "\t", "- ", "🚀", "é",
                        "(", ")", "[", "]", ".", ","),
                Arbitraries.strings().alpha().numeric().ofMaxLength(8));
        return pieces.list().ofMaxSize(40).map(list -> String.join("", list));
    }

    @Provide
    Arbitrary<String> tagNames() {
        return Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').withChars('_')
                .ofMinLength(1).ofMaxLength(20)
                .filter(s -> s.chars().anyMatch(Character::isLetter) && !s.endsWith("_"))
                .map(s -> s.startsWith("_") ? "x" + s : s);
    }
}
