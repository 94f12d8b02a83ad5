package app.takeaways.export;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Takeaways as CSV, one row each, as RFC 4180 writes it (CRLF, quotes where needed) by Commons CSV: date (UTC, ISO
 * 8601), author and channel by name where known (else their Slack id), talk, tags and links (space-separated), the
 * text as people read it (Slack's markup undone: a link as {@code label (url)}, a person as {@code @name}), and the
 * link to the Slack message. The text is readable rather than Slack's format because a CSV is read in a
 * spreadsheet; the Markdown export keeps the formatting.
 */
public final class CsvExportWriter implements Closeable {

    public static final List<String> COLUMNS = List.of("date", "author", "channel", "talk", "tags", "links", "text",
            "permalink");

    private final CSVPrinter printer;
    private final ExportNames names;

    public CsvExportWriter(Writer out, ExportNames names) {
        this.names = names;
        try {
            this.printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(COLUMNS.toArray(String[]::new))
                    .get());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void write(ExportedTakeaway takeaway) {
        try {
            printer.printRecord(takeaway.createdAt().truncatedTo(ChronoUnit.SECONDS).toString(),
                    names.person(takeaway.userId()).orElse(takeaway.userId()),
                    takeaway.channelName().orElse(takeaway.channelId()),
                    takeaway.talk().map(Mrkdwn::unescaped).orElse(""),
                    String.join(" ", takeaway.tags()),
                    takeaway.links().stream().map(link -> Mrkdwn.unescaped(link.url()))
                            .collect(Collectors.joining(" ")),
                    Mrkdwn.readable(takeaway.text(), userId -> names.person(userId).orElse(userId)),
                    takeaway.permalink().orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        printer.flush();
    }
}
