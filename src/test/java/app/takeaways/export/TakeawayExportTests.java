package app.takeaways.export;

import app.takeaways.note.Audience;
import app.takeaways.note.CaptureTakeaway;
import app.takeaways.note.Conversation;
import app.takeaways.note.TakeawayCapture;
import app.takeaways.search.SearchQueryParser;
import app.takeaways.testbed.IntegrationTest;
import app.takeaways.workspace.ChannelType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Exports read from the real database: what the person may see, what the query selects, and the round trip. */
class TakeawayExportTests extends IntegrationTest {

    private static final Conversation PUBLIC = new Conversation("C1", ChannelType.PUBLIC_CHANNEL);

    @Autowired
    TakeawayExport export;

    @Autowired
    OutlineImport imports;

    @Autowired
    TakeawayCapture capture;

    private int requests;

    @Test
    void theSampleImportedExportedAndImportedAgainIsTheSameTalksAndTakeaways() throws IOException {
        List<OutlineShape.Read> sample = OutlineShape.takeaways(OutlineReader.read(MarkdownOutlineWriterTests.sample()));
        imports.save("T1", "C1", ChannelType.PUBLIC_CHANNEL, "U1", sample);
        Map<String, List<String>> imported = talksAndTakeaways();
        List<String> talks = jdbc.sql("SELECT title FROM talks ORDER BY id").query(String.class).list();
        List<String> links = jdbc.sql("SELECT url FROM takeaway_links ORDER BY url").query(String.class).list();

        String exported = exportMarkdown(Audience.person("T1", "U1", null));
        List<OutlineShape.Read> reread = OutlineShape.takeaways(OutlineReader.read(exported));

        assertThat(imports.save("T1", "C1", ChannelType.PUBLIC_CHANNEL, "U1", reread))
                .as("importing the export adds nothing").isEqualTo(new OutlineImport.Imported(0, 34, 13));
        assertThat(count("takeaways")).isEqualTo(34);

        jdbc.sql("TRUNCATE takeaway_links, takeaways, talks RESTART IDENTITY CASCADE").update();
        assertThat(imports.save("T1", "C1", ChannelType.PUBLIC_CHANNEL, "U1", reread))
                .isEqualTo(new OutlineImport.Imported(34, 0, 13));
        // Takeaways of no talk keep no day (it is kept with a talk): they come after the day's talks.
        assertThat(talksAndTakeaways()).as("the same talks, each with the same takeaways in order")
                .containsExactlyInAnyOrderEntriesOf(imported);
        assertThat(jdbc.sql("SELECT title FROM talks ORDER BY id").query(String.class).list()).isEqualTo(talks);
        assertThat(jdbc.sql("SELECT url FROM takeaway_links ORDER BY url").query(String.class).list())
                .isEqualTo(links);
        assertThat(jdbc.sql("SELECT text FROM takeaways WHERE text LIKE 'Don’t start%'").query(String.class).single())
                .endsWith("outcomes.\n• Kinda agree. Anomaly detection and generics are much better at insights now"
                        + " than they used to be. Specific aren’t always better, and are often biased.");
        assertThat(exportMarkdown(Audience.person("T1", "U1", null))).as("a second round trip writes the same file")
                .isEqualTo(exported);
    }

    @Test
    void onlyWhatThePersonMaySeeIsExported() throws IOException {
        capture("C1", ChannelType.PUBLIC_CHANNEL, "U2", "Public note from someone else");
        capture("G1", ChannelType.PRIVATE_CHANNEL, "U2", "Someone else's private note");
        capture("G2", ChannelType.PRIVATE_CHANNEL, "U1", "My own private note");
        capture("D1", ChannelType.IM, "U1", "My own DM note");
        jdbc.sql("""
                INSERT INTO takeaways (team_id, channel_id, channel_type, user_id, text, source, quotes, created_at,
                                       updated_at, search_day)
                VALUES ('T1', 'C1', 'public_channel', 'UBOT', 'A kept summary', 'summary', '{}', now(), now(), 0)""")
                .update();
        capture("C9", ChannelType.PUBLIC_CHANNEL, "U1", "Another team's note", "T2");

        assertThat(texts(Audience.person("T1", "U1", PUBLIC), null)).containsExactly("Public note from someone else",
                "My own private note", "My own DM note");
        assertThat(texts(Audience.person("T1", "U1", null), null)).containsExactly("Public note from someone else",
                "My own private note", "My own DM note");
        assertThat(texts(Audience.person("T1", "U3", new Conversation("G1", ChannelType.PRIVATE_CHANNEL)), null))
                .containsExactly("Public note from someone else", "Someone else's private note");
        assertThat(texts(Audience.person("T1", "U1", new Conversation("C7", ChannelType.EXT_SHARED)), null))
                .isEmpty();
    }

    @Test
    void aQuerySelectsEveryWordFiltersPhrasesAndExclusionsIndexedOrNot() throws IOException {
        capture("C1", ChannelType.PUBLIC_CHANNEL, "U1", "Karpenter picks instance types per container #k8s");
        capture("C1", ChannelType.PUBLIC_CHANNEL, "U2", "Karpenter replaces node groups #k8s");
        capture("C1", ChannelType.PUBLIC_CHANNEL, "U1", "Karpenter on Fargate pods #k8s");
        capture("C1", ChannelType.PUBLIC_CHANNEL, "U1", "Pods without Karpenter #aws");
        awaitBackgroundWork();
        capture("C1", ChannelType.PUBLIC_CHANNEL, "U1", "Karpenter pods, captured a moment ago #k8s");
        Audience me = Audience.person("T1", "U1", PUBLIC);

        assertThat(texts(me, "karpenter pods")).containsExactly("Karpenter on Fargate pods #k8s",
                "Pods without Karpenter #aws", "Karpenter pods, captured a moment ago #k8s");
        assertThat(texts(me, "karpenter pods tag:k8s -fargate")).containsExactly(
                "Karpenter pods, captured a moment ago #k8s");
        assertThat(texts(me, "\"node groups\"")).containsExactly("Karpenter replaces node groups #k8s");
        assertThat(texts(me, "from:me -fargate tag:k8s")).containsExactly(
                "Karpenter picks instance types per container #k8s", "Karpenter pods, captured a moment ago #k8s");
        assertThat(texts(me, "zzyzx")).isEmpty();
    }

    @Test
    void takeawaysComeGroupedByEventThenTalkInTheOrderTheyWereWritten() throws IOException {
        capture("C1", ChannelType.PUBLIC_CHANNEL, "U1", "first of talk A talk:\"A\"");
        capture("C1", ChannelType.PUBLIC_CHANNEL, "U1", "no talk");
        capture("C1", ChannelType.PUBLIC_CHANNEL, "U1", "first of talk B talk:\"B\"");
        capture("C1", ChannelType.PUBLIC_CHANNEL, "U1", "second of talk A talk:\"A\"");

        assertThat(texts(Audience.person("T1", "U1", PUBLIC), null)).containsExactly("first of talk A",
                "second of talk A", "no talk", "first of talk B");
    }

    private List<String> texts(Audience audience, String query) {
        List<String> texts = new ArrayList<>();
        export.forEach(audience, query == null ? null : SearchQueryParser.parse(query),
                takeaway -> texts.add(takeaway.text()));
        return texts;
    }

    private String exportMarkdown(Audience audience) throws IOException {
        Path markdown = Files.createTempFile("export-test", ".md");
        Path csv = Files.createTempFile("export-test", ".csv");
        try {
            export.write(audience, null, ExportNames.ids(), List.of(MarkdownOutlineWriter.property("title",
                    "Takeaways export")), markdown, csv);
            return Files.readString(markdown, StandardCharsets.UTF_8);
        } finally {
            Files.delete(markdown);
            Files.delete(csv);
        }
    }

    /** Each talk's title (or "" for none) with its takeaways' texts, in the order they were saved. */
    private Map<String, List<String>> talksAndTakeaways() {
        Map<String, List<String>> talks = new LinkedHashMap<>();
        jdbc.sql("SELECT coalesce(k.title, '') AS talk, t.text FROM takeaways t LEFT JOIN talks k ON k.id = t.talk_id"
                        + " ORDER BY t.id")
                .query((rows, n) -> talks.computeIfAbsent(rows.getString("talk"), t -> new ArrayList<>())
                        .add(rows.getString("text"))).list();
        return talks;
    }

    private void capture(String channel, ChannelType type, String user, String text) {
        capture(channel, type, user, text, "T1");
    }

    private void capture(String channel, ChannelType type, String user, String text, String team) {
        capture.capture(CaptureTakeaway.fromSlashCommand(team, channel, type, user, text, "export-" + (++requests)));
    }
}
