package app.takeaways.export;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutlineReaderTests {

    @Test
    void aHeadingLosesItsClosingHashesOnlyAfterABlank() {
        assertThat(OutlineReader.withoutClosingHashes("Serverless Days ##")).isEqualTo("Serverless Days");
        assertThat(OutlineReader.withoutClosingHashes("Serverless Days \t# \t")).isEqualTo("Serverless Days");
        assertThat(OutlineReader.withoutClosingHashes("What's new in C#")).isEqualTo("What's new in C#");
        assertThat(OutlineReader.withoutClosingHashes("What's new in C# ##")).isEqualTo("What's new in C#");
        assertThat(OutlineReader.withoutClosingHashes("#")).isEqualTo("#");
        assertThat(OutlineReader.withoutClosingHashes("Day one   ")).isEqualTo("Day one");
        // a long run of blanks inside a heading is read in one pass
        String crafted = "a" + " ".repeat(200_000) + "b";
        assertThat(OutlineReader.withoutClosingHashes(crafted)).isEqualTo(crafted);
    }

    @Test
    void theSampleNotesAreADayItsTalksAndTheirTakeaways() throws IOException {
        List<OutlineShape.Read> read = OutlineShape.takeaways(OutlineReader.read(sample()));

        assertThat(read).hasSize(34).allSatisfy(takeaway -> assertThat(takeaway.event()).contains("Monday"));
        assertThat(read.stream().map(OutlineShape.Read::talk).flatMap(Optional::stream).distinct())
                .hasSize(13)
                .startsWith("Peter Thiel’s stanford talk", "Deep dive on Amazon EKS",
                        "Kubernetes at AWS: Strategy, road map, and vision")
                .contains("Automating cross-account CI/CD pipelines",
                        "Intentional and empathetic observability (Datadog)");
        assertThat(read.get(0)).isEqualTo(new OutlineShape.Read(Optional.of("Monday"),
                Optional.of("Peter Thiel’s stanford talk"), "Competition is for losers."));
        // a note of no talk, as written under the day
        assertThat(read).contains(new OutlineShape.Read(Optional.of("Monday"), Optional.empty(),
                "3 on restaurants/drugstores. Temp benefits with doordash+lyft. 200 after 500 in first 3mo."));
        // "Not much." is that talk's one takeaway
        assertThat(read).contains(new OutlineShape.Read(Optional.of("Monday"),
                Optional.of("Automating cross-account CI/CD pipelines"), "Not much."));
        // the aside stays with its takeaway, as a sub-point
        assertThat(read).filteredOn(takeaway -> takeaway.text().startsWith("Don’t start with a ticket"))
                .singleElement().satisfies(takeaway -> assertThat(takeaway.text())
                        .contains("\n• Kinda agree. Anomaly detection"));
        // links stay as written, for a capture to read
        assertThat(read).anySatisfy(takeaway -> assertThat(takeaway.text()).contains("https://github.com/aws/karpenter"));
    }

    @Test
    void markdownHeadingsAreLevelsAndDashesTabsAndNumbersAreBullets() {
        String markdown = """
                # re:Invent, Tuesday

                ## Deep dive on Amazon EKS
                - Upgrades are **turnkey**, then test
                - IAM roles for service accounts
                \t- not mapped 1-1 to namespaces
                - See [Karpenter](https://karpenter.sh) & the <docs>

                ## Proton
                1. Templates for devs
                2) Verification offerings

                A line of no bullet, in the section
                """;

        List<OutlineShape.Read> read = OutlineShape.takeaways(OutlineReader.read(markdown));

        assertThat(read).extracting(OutlineShape.Read::text).containsExactly(
                "Upgrades are *turnkey*, then test",
                "IAM roles for service accounts\n• not mapped 1-1 to namespaces",
                "See <https://karpenter.sh|Karpenter> &amp; the &lt;docs&gt;",
                "Templates for devs",
                "Verification offerings",
                "A line of no bullet, in the section");
        assertThat(read).extracting(OutlineShape.Read::talk).containsExactly(Optional.of("Deep dive on Amazon EKS"),
                Optional.of("Deep dive on Amazon EKS"), Optional.of("Deep dive on Amazon EKS"), Optional.of("Proton"),
                Optional.of("Proton"), Optional.of("Proton"));
        assertThat(read).allSatisfy(takeaway -> assertThat(takeaway.event()).contains("re:Invent, Tuesday"));
    }

    @Test
    void theReadmesExampleIsADayWithTwoTalks() {
        String readme = """
                Monday
                    • Keynote: the future of platform teams.
                        ◦ Golden paths beat mandates #platform
                        ◦ Measure developer time saved, not tickets closed
                            ▪ Kinda agree, but our tickets are the only data we have
                    • EKS deep dive.
                        ◦ Karpenter picks instance types per pod https://karpenter.sh
                """;

        List<OutlineShape.Read> read = OutlineShape.takeaways(OutlineReader.read(readme));

        assertThat(read).extracting(t -> t.event().orElse("-") + " / " + t.talk().orElse("-") + ": " + t.text())
                .containsExactly(
                        "Monday / Keynote: the future of platform teams: Golden paths beat mandates #platform",
                        "Monday / Keynote: the future of platform teams: Measure developer time saved, not tickets"
                                + " closed\n• Kinda agree, but our tickets are the only data we have",
                        "Monday / EKS deep dive: Karpenter picks instance types per pod https://karpenter.sh");
    }

    @Test
    void bulletsRightUnderALineOfNoBulletAreItsItems() {
        String notes = """
                EKS deep dive
                - Karpenter picks instance types per pod
                - Upgrades are turnkey
                  - then test the add-ons

                Proton
                * Templates for devs
                """;

        List<OutlineShape.Read> read = OutlineShape.takeaways(OutlineReader.read(notes));

        assertThat(read).extracting(takeaway -> takeaway.talk().orElse("-") + ": " + takeaway.text()).containsExactly(
                "EKS deep dive: Karpenter picks instance types per pod",
                "EKS deep dive: Upgrades are turnkey\n• then test the add-ons",
                "Proton: Templates for devs");
    }

    @Test
    void logseqPropertiesAreLeftOutAndWrappedLinesJoined() {
        String logseq = """
                - Operational excellence at Amazon
                  collapsed:: true
                \t- Sending "Ops Win" emails, good milestones
                \t  with large audiences
                \t- Retros and postmortems, regularly
                \t  id:: 6543-abcd
                """;

        assertThat(OutlineReader.read(logseq)).containsExactly(new OutlineItem("Operational excellence at Amazon",
                List.of(new OutlineItem("Sending \"Ops Win\" emails, good milestones with large audiences", List.of()),
                        new OutlineItem("Retros and postmortems, regularly", List.of()))));
    }

    @Test
    void opmlIsReadAndItsEntitiesAreNot() {
        String opml = """
                <?xml version="1.0"?>
                <opml version="2.0"><head><title>Notes</title></head><body>
                  <outline text="Monday">
                    <outline text="Deep dive on Amazon EKS">
                      <outline text="No ssh, access nodes through AWS Systems Manager."/>
                      <outline text="Karpenter &amp; HPA"/>
                    </outline>
                  </outline>
                </body></opml>
                """;

        assertThat(OutlineShape.takeaways(OutlineReader.readOpml(opml))).containsExactly(
                new OutlineShape.Read(Optional.of("Monday"), Optional.of("Deep dive on Amazon EKS"),
                        "No ssh, access nodes through AWS Systems Manager."),
                new OutlineShape.Read(Optional.of("Monday"), Optional.of("Deep dive on Amazon EKS"),
                        "Karpenter &amp; HPA"));
        assertThatThrownBy(() -> OutlineReader.readOpml("""
                <?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                <opml><body><outline text="&x;"/></body></opml>"""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("Not an OPML outline");
        assertThatThrownBy(() -> OutlineReader.readOpml("not xml")).isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 300)
    void anyTextIsReadWithoutFailingAndNoItemIsEmpty(@ForAll String text) {
        List<OutlineItem> items = OutlineReader.read(text);
        assertThat(OutlineShape.takeaways(items)).allSatisfy(takeaway -> assertThat(takeaway.text()).isNotBlank());
    }

    private static String sample() throws IOException {
        try (InputStream in = OutlineReaderTests.class.getResourceAsStream("/samples/reinvent-notes.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
