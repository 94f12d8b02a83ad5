package app.takeaways.export;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Outlines as people write them, read, exported as Markdown and read again: the same talks, takeaways (with their
 * sub-points and links) and order. And the reader never fails on any text.
 */
class ExportRoundTripPropertyTests {

    @Property(tries = 500)
    void anyTextIsReadWithoutFailing(@ForAll @StringLength(max = 3000) String text) {
        assertThatCode(() -> OutlineShape.takeaways(OutlineReader.read(text))).doesNotThrowAnyException();
    }

    @Property(tries = 500)
    void outlineLikeTextIsReadWithoutFailing(@ForAll("outlineLike") String text) {
        assertThatCode(() -> OutlineShape.takeaways(OutlineReader.read(text))).doesNotThrowAnyException();
    }

    @Property(tries = 300)
    void opmlFailsOnlyAsNotAnOutline(@ForAll("opmlLike") String xml) {
        try {
            OutlineReader.readOpml(xml);
        } catch (IllegalArgumentException notAnOutline) {
            assertThat(notAnOutline).hasMessageStartingWith("Not an OPML outline");
        }
    }

    @Property(tries = 1000)
    void exportThenImportGivesTheSameTakeawaysInOrder(@ForAll("outlines") String outline) {
        List<OutlineShape.Read> reads = OutlineShape.takeaways(OutlineReader.read(outline));

        assertThat(ExportedOutlines.roundTrip(reads)).containsExactlyElementsOf(reads);
    }

    @Property(tries = 1000)
    void anyLineOfAnOutlineIsWrittenAsMarkdownThatReadsBackTheSame(@ForAll("lines") String line) {
        String stored = OutlineReader.inline(line);

        assertThat(OutlineReader.inline(MarkdownOutlineWriter.markdown(stored, id -> id))).isEqualTo(stored);
    }

    // --- generators -------------------------------------------------------------------------------------------

    @Provide
    Arbitrary<String> lines() {
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.of("*", "**", "_", "__", "`", "``", "\\", "[", "]", "(", ")", "<", ">", "&", "&amp;",
                        "&copy;", "&#35;", "!", "![x](y)", "#", "#k8s", "|", "~", ":", "::", "-", "+", "1.", "\"",
                        "'", "’", "…", "•", ":tada:", "🚀", "👩‍💻", " ", "  ", "\t", "é", "x_y", "*a*", "**b**",
                        "_c_", "`d`", "[e](https://e.org)", "[f](https://f.org/a_(b)?c=1&d=2)", "<https://g.org>",
                        "https://h.org/i_j", "<mailto:a@b.org>", "[k](mailto:k@l.org)", "[m](/relative)",
                        "[n](https://o.org \"title\")", "<b>html</b>", "<!-- c -->", "\\*", "\\_", "a\\"),
                Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(8));
        return piece.list().ofMinSize(1).ofMaxSize(12).map(pieces -> String.join("", pieces))
                .filter(line -> !line.isBlank());
    }

    @Provide
    Arbitrary<String> outlines() {
        Arbitrary<String> text = lines().map(line -> line.replace("\t", " "));
        Arbitrary<Node> leaf = text.map(t -> new Node(t, List.of()));
        Arbitrary<Node> subPoint = Combinators.combine(text, leaf.list().ofMaxSize(2))
                .as(Node::new);
        Arbitrary<Node> takeaway = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, leaf),
                net.jqwik.api.Tuple.of(1, Combinators.combine(text, subPoint.list().ofMinSize(1).ofMaxSize(3))
                        .as(Node::new)));
        Arbitrary<Node> talk = Combinators.combine(text, takeaway.list().ofMinSize(1).ofMaxSize(5)).as(Node::new);
        Arbitrary<Node> event = Combinators.combine(text, talk.list().ofMinSize(1).ofMaxSize(4)).as(Node::new);
        // a level that groups talks without naming them ("Finished aws reinvent.")
        Arbitrary<Node> eventWithGroup = Combinators.combine(text, talk.list().ofMinSize(1).ofMaxSize(2), text,
                talk.list().ofMinSize(1).ofMaxSize(3)).as((day, before, group, talks) -> {
            List<Node> children = new ArrayList<>(before);
            children.add(new Node(group, talks));
            return new Node(day, children);
        });
        Arbitrary<Node> root = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, event),
                net.jqwik.api.Tuple.of(1, eventWithGroup), net.jqwik.api.Tuple.of(2, talk),
                net.jqwik.api.Tuple.of(1, leaf));
        Arbitrary<String> bullet = Arbitraries.of("•", "-", "*", "+", "1.");
        Arbitrary<String> indent = Arbitraries.of("  ", "    ", "\t");
        return Combinators.combine(root.list().ofMinSize(1).ofMaxSize(4), bullet, indent)
                .as((roots, b, i) -> {
                    StringBuilder out = new StringBuilder();
                    roots.forEach(node -> node.write(out, "", b, i));
                    return out.toString();
                });
    }

    @Provide
    Arbitrary<String> outlineLike() {
        return Arbitraries.oneOf(Arbitraries.of("•", "-", "*", "#", "##", "key::", "```", "~~~", "---", "1.", "\n",
                        "\r\n", "\r", "  ", "\t", "\u00A0", "\uFEFF", "\u0000", "<https://x.org|x>", "[a](b)", "&amp;"),
                Arbitraries.strings().ofMaxLength(10)).list().ofMaxSize(60).map(pieces -> String.join("", pieces));
    }

    @Provide
    Arbitrary<String> opmlLike() {
        return Arbitraries.oneOf(Arbitraries.of("<opml>", "</opml>", "<body>", "</body>", "<outline text=\"a\">",
                        "<outline text='&amp;'/>", "</outline>", "<!DOCTYPE x [<!ENTITY e \"e\">]>", "&e;", "<",
                        ">", "\"", "<?xml version=\"1.0\"?>"),
                Arbitraries.strings().ofMaxLength(6)).list().ofMaxSize(30).map(pieces -> String.join("", pieces));
    }

    record Node(String text, List<Node> children) {

        void write(StringBuilder out, String indent, String bullet, String step) {
            out.append(indent).append(bullet).append(' ').append(text).append('\n');
            children.forEach(child -> child.write(out, indent + step, bullet, step));
        }
    }
}
