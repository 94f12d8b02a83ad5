package app.takeaways.export;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class MarkdownOutlineWriterTests {

    private static final ExportNames NAMES = userId -> Optional.ofNullable(Map.of("U1", "Alice").get(userId));

    @Test
    void writesDaysTalksTakeawaysWithSubPointsAndTheirAuthorDateAndLink() {
        String written = write(
                row(1, "Monday", "EKS deep dive", "Karpenter picks instance types per pod #k8s"
                        + " <https://karpenter.sh|docs>\n• consolidates nodes\n    • in minutes", "U1"),
                row(2, "Monday", "EKS deep dive", "No ssh: *Systems Manager* &amp; `ssm` &lt;3", "U2"),
                row(3, "Monday", "EKS deep dive", "Bottlerocket boots in seconds", "U2"),
                row(4, null, null, "A thought of no talk", "U1"));

        assertThat(written).isEqualTo("""
                title:: Takeaways export

                - Monday
                    - EKS deep dive
                        - Karpenter picks instance types per pod #k8s [docs](<https://karpenter.sh>)
                          author:: Alice (@U1)
                          date:: 2026-11-30
                          slack:: https://team.slack.com/archives/C1/p1
                            - consolidates nodes
                                - in minutes
                        - No ssh: **Systems Manager** \\& `ssm` \\<3
                          author:: @U2
                          date:: 2026-11-30
                          slack:: https://team.slack.com/archives/C1/p2
                        - Bottlerocket boots in seconds
                          author:: @U2
                          date:: 2026-11-30
                          slack:: https://team.slack.com/archives/C1/p3
                - A thought of no talk
                  author:: Alice (@U1)
                  date:: 2026-11-30
                  slack:: https://team.slack.com/archives/C1/p4
                """);
        assertThat(OutlineShape.takeaways(OutlineReader.read(written))).containsExactly(
                new OutlineShape.Read(Optional.of("Monday"), Optional.of("EKS deep dive"),
                        "Karpenter picks instance types per pod #k8s <https://karpenter.sh|docs>\n• consolidates nodes"
                                + "\n    • in minutes"),
                new OutlineShape.Read(Optional.of("Monday"), Optional.of("EKS deep dive"),
                        "No ssh: *Systems Manager* &amp; `ssm` &lt;3"),
                new OutlineShape.Read(Optional.of("Monday"), Optional.of("EKS deep dive"),
                        "Bottlerocket boots in seconds"),
                new OutlineShape.Read(Optional.empty(), Optional.empty(), "A thought of no talk"));
    }

    @Test
    void mentionsAreWrittenAsTextThatNotifiesNobody() {
        String markdown = MarkdownOutlineWriter.markdown("Ask <@U1> in <#C9|ops> or <!here> <!subteam^S1|@sre>"
                + " <!date^1700000000^{date}|Nov 14>", id -> id.equals("U1") ? "Alice" : id);

        assertThat(markdown).isEqualTo("Ask @Alice in #ops or @here @sre Nov 14");
        assertThat(OutlineReader.inline(markdown)).doesNotContain("<");
    }

    @Test
    void markdownThatWouldBeReadAsMarkupIsEscaped() {
        for (String mrkdwn : List.of("a * b * c", "snake_case_name", "[not a link](x)", "![img](<https://x>)",
                "&amp;copy; is not ©", "back\\slash", "- - -", "-", "1. first", "*not bold *", "_a_b_",
                "`unclosed", "**double**", "wow!<https://x.org|yes>", "<https://x.org/?a=1&amp;b=2|q &amp; a>",
                "<https://x.org/a_(b)>", "tag:: not a property", "# not a heading", "&gt; not a quote")) {
            String markdown = MarkdownOutlineWriter.markdown(mrkdwn, id -> id);
            String expected = mrkdwn.replace("https://x.org/?a=1&amp;b=2", "https://x.org/?a=1&b=2");
            assertThat(OutlineReader.inline(markdown)).as("%s written as %s", mrkdwn, markdown).isEqualTo(expected);
        }
    }

    @Test
    void tagsAndLinksKeptApartFromTheTextAreWrittenWithIt() {
        ExportedTakeaway fromAForm = new ExportedTakeaway(1, "U1", "C1", Optional.empty(), Optional.empty(),
                Optional.of("Talk"), "Bottlerocket boots fast #AWS", List.of("aws", "containers"),
                List.of(new ExportedTakeaway.Link("https://aws.amazon.com/bottlerocket/", "source")),
                Optional.empty(), Instant.parse("2026-11-30T10:00:00Z"));

        assertThat(write(fromAForm)).contains("    - Bottlerocket boots fast #AWS #containers"
                + " [source](<https://aws.amazon.com/bottlerocket/>)\n");
    }

    @Test
    void aListTypedInSlackIsWrittenUnderItsTakeawayAsIndented() {
        ExportedTakeaway typed = row(1, null, "re:Invent keynote", "- Graviton4: 30% better price/perf\n"
                + "  - most of our fleet can move\n    - the rest next year\n- Aurora Limitless #databases", "U1");

        assertThat(write(typed)).contains("""
                - re:Invent keynote
                    - \\- Graviton4: 30% better price/perf
                      author:: Alice (@U1)
                      date:: 2026-11-30
                      slack:: https://team.slack.com/archives/C1/p1
                        - most of our fleet can move
                            - the rest next year
                        - Aurora Limitless #databases
                """);
    }

    @Test
    void theSampleReadsBackAsTheSameTakeawaysInTheSameOrder() throws IOException {
        List<OutlineShape.Read> sample = OutlineShape.takeaways(OutlineReader.read(sample()));

        assertThat(ExportedOutlines.roundTrip(sample)).containsExactlyElementsOf(sample);
        String markdown = ExportedOutlines.markdown(sample);
        assertThat(markdown).contains("""
                - Monday
                    - Peter Thiel’s stanford talk
                        - Competition is for losers.
                """).contains("    - Intentional and empathetic observability (Datadog)\n"
                + "        - Don’t start with a ticket titled “Create dashboard”. Start with a metric of concern and focus"
                + " on it, deliberately for outcomes.\n"
                + "          author:: @U1\n"
                + "          date:: 2026-11-30\n"
                + "          slack:: https://team.slack.com/archives/C1/p33\n"
                + "            - Kinda agree. Anomaly detection")
                .contains("Karpenter (although HPA/VPA/CA are avail). https://github.com/aws/karpenter.")
                .contains("(not 1-1 mapped SA \\<-\\> NS)");
    }

    static String sample() throws IOException {
        try (InputStream in = MarkdownOutlineWriterTests.class.getResourceAsStream("/samples/reinvent-notes.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static ExportedTakeaway row(long id, String event, String talk, String text, String user) {
        return new ExportedTakeaway(id, user, "C1", Optional.of("general"), Optional.ofNullable(event),
                Optional.ofNullable(talk), text, List.of(), List.of(),
                Optional.of("https://team.slack.com/archives/C1/p" + id), Instant.parse("2026-11-30T10:00:00Z"));
    }

    private static String write(ExportedTakeaway... rows) {
        StringWriter out = new StringWriter();
        MarkdownOutlineWriter writer = new MarkdownOutlineWriter(out, NAMES,
                List.of(MarkdownOutlineWriter.property("title", "Takeaways export")));
        for (ExportedTakeaway row : rows) {
            writer.write(row);
        }
        return out.toString();
    }
}
