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
 * <p>
 * A spreadsheet runs a cell that starts with {@code =}, {@code +}, {@code -} or {@code @} as a formula (OWASP's
 * "CSV injection"): a note such as {@code =HYPERLINK("https://evil.example", "docs")} would run on the reader's
 * machine. Such a cell (and one starting with a tab or carriage return) is written with a leading {@code '}, which
 * spreadsheets show as text and do not display.
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
                    inert(names.person(takeaway.userId()).orElse(takeaway.userId())),
                    inert(takeaway.channelName().orElse(takeaway.channelId())),
                    inert(takeaway.talk().map(Mrkdwn::unescaped).orElse("")),
                    String.join(" ", takeaway.tags()),
                    inert(takeaway.links().stream().map(link -> Mrkdwn.unescaped(link.url()))
                            .collect(Collectors.joining(" "))),
                    inert(Mrkdwn.readable(takeaway.text(), userId -> names.person(userId).orElse(userId))),
                    takeaway.permalink().orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A cell no spreadsheet runs as a formula. */
    static String inert(String cell) {
        if (!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0) {
            return "'" + cell;
        }
        return cell;
    }

    @Override
    public void close() throws IOException {
        printer.flush();
    }
}
