package app.takeaways.export;

import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Outlines' takeaways written as an export writes them, without a database: for tests of the round trip. */
final class ExportedOutlines {

    static final Instant WRITTEN = Instant.parse("2026-11-30T17:05:00Z");

    private ExportedOutlines() {
    }

    /** The takeaways as the export's rows would hold them after an import (as U1, in C1, with no names known). */
    static List<ExportedTakeaway> rows(List<OutlineShape.Read> reads) {
        return java.util.stream.IntStream.range(0, reads.size()).mapToObj(i -> {
            OutlineShape.Read read = reads.get(i);
            return new ExportedTakeaway(i + 1, "U1", "C1", Optional.of("general"), read.event(), read.talk(),
                    read.text(), List.of(), List.of(), Optional.of("https://team.slack.com/archives/C1/p" + (i + 1)),
                    WRITTEN);
        }).toList();
    }

    /** The Markdown export of these takeaways. */
    static String markdown(List<OutlineShape.Read> reads) {
        StringWriter out = new StringWriter();
        MarkdownOutlineWriter writer = new MarkdownOutlineWriter(out, ExportNames.ids(),
                List.of(MarkdownOutlineWriter.property("title", "Takeaways export"),
                        MarkdownOutlineWriter.property("query", "- # everything *")));
        rows(reads).forEach(writer::write);
        return out.toString();
    }

    /**
     * What an import of these takeaways keeps, in the order an export reads it back from the database: a talk is
     * matched by its title (the first title and day it was given are kept), a takeaway of no talk keeps no day;
     * each day's takeaways together, in it each talk's, each group where its first takeaway was, then as written.
     */
    static List<OutlineShape.Read> asImportedInExportOrder(List<OutlineShape.Read> reads) {
        java.util.Map<String, OutlineShape.Read> talks = new java.util.HashMap<>();
        List<OutlineShape.Read> kept = reads.stream().map(read -> read.talk().map(title -> {
            OutlineShape.Read first = talks.computeIfAbsent(app.takeaways.note.TakeawayTextParser.talkKey(title),
                    key -> read);
            return new OutlineShape.Read(first.event(), first.talk(), read.text());
        }).orElse(new OutlineShape.Read(Optional.empty(), Optional.empty(), read.text()))).toList();
        java.util.Map<String, Integer> firstOfEvent = new java.util.HashMap<>();
        java.util.Map<String, Integer> firstOfTalk = new java.util.HashMap<>();
        for (int i = 0; i < kept.size(); i++) {
            firstOfEvent.putIfAbsent(eventGroup(kept.get(i), i), i);
            firstOfTalk.putIfAbsent(talkGroup(kept.get(i), i), i);
        }
        return java.util.stream.IntStream.range(0, kept.size()).boxed()
                .sorted(java.util.Comparator.<Integer>comparingInt(i -> firstOfEvent.get(eventGroup(kept.get(i), i)))
                        .thenComparingInt(i -> firstOfTalk.get(talkGroup(kept.get(i), i)))
                        .thenComparingInt(i -> i))
                .map(kept::get).toList();
    }

    private static String eventGroup(OutlineShape.Read read, int index) {
        return read.event().map(event -> "e" + event).orElseGet(() -> talkGroup(read, index));
    }

    private static String talkGroup(OutlineShape.Read read, int index) {
        return read.talk().map(talk -> "t" + talk).orElse("r" + index);
    }

    /** Exported, then read back as an import reads it. */
    static List<OutlineShape.Read> roundTrip(List<OutlineShape.Read> reads) {
        return OutlineShape.takeaways(OutlineReader.read(markdown(reads)));
    }
}
