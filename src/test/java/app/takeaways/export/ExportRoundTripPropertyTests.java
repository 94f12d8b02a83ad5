package app.takeaways.export;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Assume;
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
 * Outlines as people write them, read and kept as an import keeps them, exported as Markdown in the order the
 * export reads them and read again: the same days, talks, takeaways (with their sub-points and links) and order.
 * And the reader never fails on any text.
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

    @Property(tries = 300)
    void exportThenImportGivesTheSameTakeawaysInOrder(@ForAll("outlines") String outline) {
        List<OutlineShape.Read> reads = OutlineShape.takeaways(OutlineReader.read(outline));
        // A talk written in two places of one outline is one talk once imported, its takeaways together: that talk
        // may then have a shape the reader takes for something else (half statements, half deep items). Its title
        // in one place only, the outline is what an import keeps.
        Assume.that(eachTalkInOnePlace(reads));
        List<OutlineShape.Read> imported = ExportedOutlines.asImportedInExportOrder(reads);

        assertThat(ExportedOutlines.roundTrip(imported)).containsExactlyElementsOf(imported);
    }

    @Property(tries = 500)
    void anyLineOfAnOutlineIsWrittenAsMarkdownThatReadsBackTheSame(@ForAll("lines") String line) {
        String stored = OutlineReader.inline(line);

        assertThat(OutlineReader.inline(MarkdownOutlineWriter.markdown(stored, id -> id))).isEqualTo(stored);
    }

    private static boolean eachTalkInOnePlace(List<OutlineShape.Read> reads) {
        java.util.Set<String> done = new java.util.HashSet<>();
        String current = null;
        for (OutlineShape.Read read : reads) {
            String key = read.talk().map(app.takeaways.note.TakeawayTextParser::talkKey).orElse(null);
            if (key != null && !key.equals(current) && !done.add(key)) {
                return false;
            }
            current = key;
        }
        return true;
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

    /**
     * Outlines of the shape people write and the reader tells apart: days or events holding talks (at least one
     * of them with two or more statements, or the reader cannot tell the day from a talk), sometimes through a
     * level that only groups them ("Finished aws reinvent."), talks holding takeaways with nested sub-points,
     * and statements of no talk at the top. Every day's and talk's title is its own.
     */
    @Provide
    Arbitrary<String> outlines() {
        Arbitrary<String> text = lines().map(line -> line.replace("\t", " "));
        Arbitrary<Node> leaf = text.map(t -> new Node(t, List.of(), false));
        Arbitrary<Node> subPoint = Combinators.combine(text, leaf.list().ofMaxSize(2))
                .as((t, children) -> new Node(t, children, false));
        Arbitrary<Node> takeaway = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, leaf),
                net.jqwik.api.Tuple.of(1, Combinators.combine(text, subPoint.list().ofMinSize(1).ofMaxSize(3))
                        .as((t, children) -> new Node(t, children, false))));
        Arbitrary<Node> talk = Combinators.combine(text, takeaway.list().ofMinSize(1).ofMaxSize(5))
                .as((t, children) -> new Node(t, children, true));
        Arbitrary<Node> clearTalk = Combinators.combine(text, leaf.list().ofMinSize(2).ofMaxSize(3),
                takeaway.list().ofMaxSize(1)).as((t, leaves, more) -> {
            List<Node> children = new ArrayList<>(leaves);
            children.addAll(more);
            return new Node(t, children, true);
        });
        Arbitrary<Node> event = Combinators.combine(text, clearTalk, talk.list().ofMaxSize(3))
                .as((day, first, talks) -> new Node(day, concat(first, talks), true));
        Arbitrary<Node> eventWithGroup = Combinators.combine(text, talk.list().ofMaxSize(2), text, clearTalk,
                talk.list().ofMaxSize(2)).as((day, before, group, first, talks) -> {
            List<Node> children = new ArrayList<>(before);
            children.add(new Node(group, concat(first, talks), true));
            return new Node(day, children, true);
        });
        Arbitrary<Node> root = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, event),
                net.jqwik.api.Tuple.of(1, eventWithGroup), net.jqwik.api.Tuple.of(2, talk),
                net.jqwik.api.Tuple.of(1, leaf));
        Arbitrary<String> bullet = Arbitraries.of("•", "-", "*", "+", "1.");
        Arbitrary<String> indent = Arbitraries.of("  ", "    ", "\t");
        return Combinators.combine(root.list().ofMinSize(1).ofMaxSize(4), bullet, indent)
                .as((roots, b, i) -> {
                    StringBuilder out = new StringBuilder();
                    int[] titles = {0};
                    roots.forEach(node -> node.write(out, "", b, i, titles));
                    return out.toString();
                });
    }

    private static List<Node> concat(Node first, List<Node> rest) {
        List<Node> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
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

    /** An item; a title (a day's, a group's, a talk's) is written with a number that makes it its own. */
    record Node(String text, List<Node> children, boolean title) {

        void write(StringBuilder out, String indent, String bullet, String step, int[] titles) {
            out.append(indent).append(bullet).append(' ').append(text);
            if (title) {
                out.append(" t").append(++titles[0]);
            }
            out.append('\n');
            children.forEach(child -> child.write(out, indent + step, bullet, step, titles));
        }
    }
}
