package app.takeaways.export;

import app.takeaways.note.Audience;
import app.takeaways.note.Conversation;
import app.takeaways.search.SearchQueryParser;
import app.takeaways.search.TakeawaySearch;
import app.takeaways.testbed.IntegrationTest;
import app.takeaways.workspace.ChannelType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OutlineImportTests extends IntegrationTest {

    @Autowired
    OutlineImport imports;

    @Autowired
    TakeawaySearch search;

    @Test
    void theSampleIsSavedOnceAsThePersonsTakeawaysWithItsTalksDayAndLinks() throws IOException {
        List<OutlineShape.Read> sample = OutlineShape.takeaways(OutlineReader.read(sample()));

        OutlineImport.Imported first = imports.save("T1", "C1", ChannelType.PUBLIC_CHANNEL, "U1", sample);
        OutlineImport.Imported again = imports.save("T1", "C1", ChannelType.PUBLIC_CHANNEL, "U1", sample);

        assertThat(first).isEqualTo(new OutlineImport.Imported(34, 0, 13));
        assertThat(again).as("the same outline again changes nothing").isEqualTo(new OutlineImport.Imported(0, 34, 13));
        assertThat(count("takeaways")).isEqualTo(34);
        assertThat(jdbc.sql("SELECT count(*) FROM talks WHERE event = 'Monday'").query(Long.class).single())
                .isEqualTo(13);
        assertThat(jdbc.sql("SELECT DISTINCT source || ' ' || user_id || ' ' || channel_type FROM takeaways")
                .query(String.class).list()).containsExactly("import U1 public_channel");
        assertThat(jdbc.sql("SELECT url FROM takeaway_links").query(String.class).list())
                .contains("https://github.com/aws/karpenter");

        awaitBackgroundWork();
        assertThat(search.search(new TakeawaySearch.Request(Audience.person("T1", "U2",
                new Conversation("C1", ChannelType.PUBLIC_CHANNEL)), SearchQueryParser.parse("bottlerocket"), 0))
                .hits()).singleElement().satisfies(hit -> assertThat(hit.talkTitle())
                        .contains("Kubernetes at AWS: Strategy, road map, and vision"));
    }

    @Test
    void anExtendedOutlineAddsOnlyWhatIsNewAndTheSameLineTwiceIsTwoTakeaways() {
        String outline = """
                • Deep dive on Amazon EKS
                  • No ssh, access nodes through AWS Systems Manager.
                  • Ask the speaker
                  • Ask the speaker
                """;
        OutlineImport.Imported first = imports.save("T1", "C1", ChannelType.PUBLIC_CHANNEL, "U1",
                OutlineShape.takeaways(OutlineReader.read(outline)));
        OutlineImport.Imported extended = imports.save("T1", "C1", ChannelType.PUBLIC_CHANNEL, "U1",
                OutlineShape.takeaways(OutlineReader.read(outline + "  • Karpenter picks instance types per pod\n")));

        assertThat(first).isEqualTo(new OutlineImport.Imported(3, 0, 1));
        assertThat(extended).isEqualTo(new OutlineImport.Imported(1, 3, 1));
    }

    @Test
    void importedInAPrivateChannelTheyAreOnlySeenThere() {
        imports.save("T1", "G1", ChannelType.PRIVATE_CHANNEL, "U1",
                OutlineShape.takeaways(OutlineReader.read("• Secret roadmap\n  • Karpenter everywhere next year\n")));
        awaitBackgroundWork();

        assertThat(search.search(new TakeawaySearch.Request(Audience.person("T1", "U2",
                new Conversation("C1", ChannelType.PUBLIC_CHANNEL)), SearchQueryParser.parse("karpenter"), 0))
                .hits()).isEmpty();
        assertThat(search.search(new TakeawaySearch.Request(Audience.person("T1", "U2",
                new Conversation("G1", ChannelType.PRIVATE_CHANNEL)), SearchQueryParser.parse("karpenter"), 0))
                .hits()).hasSize(1);
    }

    private static String sample() throws IOException {
        try (InputStream in = OutlineImportTests.class.getResourceAsStream("/samples/reinvent-notes.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
