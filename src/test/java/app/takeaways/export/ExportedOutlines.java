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

    /** Exported, then read back as an import reads it. */
    static List<OutlineShape.Read> roundTrip(List<OutlineShape.Read> reads) {
        return OutlineShape.takeaways(OutlineReader.read(markdown(reads)));
    }
}
