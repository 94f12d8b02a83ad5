package app.takeaways.export;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class CsvExportWriterTests {

    private static final ExportNames NAMES = userId -> Optional.ofNullable(Map.of("U1", "Alice").get(userId));

    @Test
    void writesTheHeaderAndOneRowPerTakeawayAsRfc4180QuotesThem() throws IOException {
        String csv = write(new ExportedTakeaway(1, "U1", "C1", Optional.of("general"), Optional.of("Monday"),
                Optional.of("EKS &amp; friends"), "Karpenter, \"the\" autoscaler <https://karpenter.sh|docs>\n"
                + "• per pod, not per node group", List.of("k8s", "aws"),
                List.of(new ExportedTakeaway.Link("https://karpenter.sh", "docs")),
                Optional.of("https://team.slack.com/archives/C1/p1"), Instant.parse("2026-11-30T17:05:09.123Z")),
                new ExportedTakeaway(2, "U2", "D9", Optional.empty(), Optional.empty(), Optional.empty(),
                        "Ask <@U1> &lt;here&gt;", List.of(), List.of(), Optional.empty(),
                        Instant.parse("2026-12-01T08:00:00Z")));

        assertThat(csv).isEqualTo("date,author,channel,talk,tags,links,text,permalink\r\n"
                + "2026-11-30T17:05:09Z,Alice,general,EKS & friends,k8s aws,https://karpenter.sh,"
                + "\"Karpenter, \"\"the\"\" autoscaler docs (https://karpenter.sh)\n• per pod, not per node group\","
                + "https://team.slack.com/archives/C1/p1\r\n"
                + "2026-12-01T08:00:00Z,U2,D9,,,,Ask @Alice <here>,\r\n");
        List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv)).getRecords();
        assertThat(records).hasSize(2);
        assertThat(records.get(0).get("text")).isEqualTo("Karpenter, \"the\" autoscaler docs (https://karpenter.sh)\n"
                + "• per pod, not per node group");
        assertThat(records.get(1).get("author")).isEqualTo("U2");
    }

    @Test
    void aCellASpreadsheetWouldRunAsAFormulaIsWrittenAsText() throws IOException {
        String csv = write(new ExportedTakeaway(3, "U1", "C1", Optional.of("general"), Optional.empty(),
                Optional.of("@scale: caching"), "=HYPERLINK(\"https://evil.example\",\"docs\")", List.of(), List.of(),
                Optional.empty(), Instant.parse("2026-12-01T08:00:00Z")),
                new ExportedTakeaway(4, "U1", "C1", Optional.of("general"), Optional.empty(), Optional.empty(),
                        "-fargate is slower to start, +1 on Karpenter", List.of(), List.of(), Optional.empty(),
                        Instant.parse("2026-12-01T09:00:00Z")));

        List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv)).getRecords();
        assertThat(records.get(0).get("text")).isEqualTo("'=HYPERLINK(\"https://evil.example\",\"docs\")");
        assertThat(records.get(0).get("talk")).isEqualTo("'@scale: caching");
        assertThat(records.get(1).get("text")).isEqualTo("'-fargate is slower to start, +1 on Karpenter");
        assertThat(records.get(1).get("talk")).isEmpty();
    }

    @Test
    void anEmptyExportIsTheHeaderAlone() throws IOException {
        assertThat(write()).isEqualTo("date,author,channel,talk,tags,links,text,permalink\r\n");
    }

    private static String write(ExportedTakeaway... rows) throws IOException {
        StringWriter out = new StringWriter();
        try (CsvExportWriter writer = new CsvExportWriter(out, NAMES)) {
            for (ExportedTakeaway row : rows) {
                writer.write(row);
            }
        }
        return out.toString();
    }
}
