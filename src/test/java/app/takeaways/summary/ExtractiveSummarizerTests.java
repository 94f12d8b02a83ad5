package app.takeaways.summary;

import app.takeaways.summary.ExtractiveSummarizer.Note;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ExtractiveSummarizerTests {

    @Test
    void theSampleNotesAreReadAsTalks() {
        Map<String, List<String>> talks = SampleNotes.talks();

        assertThat(talks).containsKeys("Deep dive on Amazon EKS", "Peter Thiel’s stanford talk",
                "Intentional and empathetic observability (Datadog)");
        assertThat(talks.get("Deep dive on Amazon EKS")).hasSize(6);
        assertThat(talks.get("Intentional and empathetic observability (Datadog)").get(0))
                .contains("Create dashboard").contains("\n• Kinda agree");
    }

    @Test
    void theEksTalksThemesSayWhatItIsAbout() {
        Map<String, List<String>> talks = SampleNotes.talks();
        CorpusStats corpus = CorpusStats.of(talks.values().stream().flatMap(List::stream).toList());

        Summary summary = ExtractiveSummarizer.summarize("Deep dive on Amazon EKS",
                notes(talks.get("Deep dive on Amazon EKS")), corpus, 4);

        assertThat(summary.themeLabels()).hasSize(4).contains("nodes", "cluster", "Karpenter");
        assertThat(summary.themeLabels()).noneMatch(label -> Words.STOPWORDS.contains(label.toLowerCase()));
        assertThat(summary.themeLabels()).doesNotContain("AWS", "the", "Deep", "dive", "Amazon", "EKS");
        assertThat(summary.themes().get(0).takeawayIds()).isNotEmpty();
        assertThat(summary.takeaways()).isEqualTo(6);
    }

    @Test
    void noTalkOfTheSampleGetsFillerForThemes() {
        Map<String, List<String>> talks = SampleNotes.talks();
        CorpusStats corpus = CorpusStats.of(talks.values().stream().flatMap(List::stream).toList());

        talks.forEach((title, texts) -> {
            Summary summary = ExtractiveSummarizer.summarize(title.isEmpty() ? null : title, notes(texts), corpus, 3);
            assertThat(summary.themeLabels()).as(title)
                    .noneMatch(label -> Words.STOPWORDS.contains(label.toLowerCase()));
        });
    }

    @Test
    void aWordEveryoneUsesDoesNotWin() {
        List<String> corpusTexts = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            corpusTexts.add("AWS note number " + i + " about the cloud");
        }
        List<String> talk = List.of("AWS Karpenter consolidates nodes", "AWS Karpenter replaces the cluster autoscaler",
                "With AWS, nodes come and go");
        corpusTexts.addAll(talk);

        Summary summary = ExtractiveSummarizer.summarize(null, notes(talk), CorpusStats.of(corpusTexts), 2);

        assertThat(summary.themeLabels()).containsExactly("Karpenter", "nodes");
    }

    @Test
    void linksAndContributorsAreCollected() {
        List<Note> notes = List.of(
                new Note(1, "U1", "Karpenter docs", List.of(new Summary.Link("https://karpenter.sh", "docs"))),
                new Note(2, "U2", "Karpenter again", List.of(new Summary.Link("https://karpenter.sh", "docs"))),
                new Note(3, "U2", "Bottlerocket", List.of(new Summary.Link("https://bottlerocket.dev", null))));

        Summary summary = ExtractiveSummarizer.summarize(null, notes, CorpusStats.EMPTY, 3);

        assertThat(summary.links()).extracting(Summary.Link::url)
                .containsExactly("https://karpenter.sh", "https://bottlerocket.dev");
        assertThat(summary.contributors()).containsExactly(new Summary.Contributor("U2", 2),
                new Summary.Contributor("U1", 1));
    }

    @Test
    void theSameInputGivesTheSameSummary() {
        Map<String, List<String>> talks = SampleNotes.talks();
        CorpusStats corpus = CorpusStats.of(talks.values().stream().flatMap(List::stream).toList());
        List<Note> all = notes(talks.values().stream().flatMap(List::stream).toList());

        assertThat(ExtractiveSummarizer.summarize(null, all, corpus, 5))
                .isEqualTo(ExtractiveSummarizer.summarize(null, all, corpus, 5));
    }

    @Test
    void wordsGroupByStem() {
        assertThat(Words.stem("nodes")).isEqualTo(Words.stem("node"));
        assertThat(Words.stem("scaling")).isEqualTo(Words.stem("scale")).isEqualTo(Words.stem("scaled"));
        assertThat(Words.stem("policies")).isEqualTo(Words.stem("policy"));
        assertThat(Words.stem("running")).isEqualTo("run");
        assertThat(Words.of("See <https://karpenter.sh|Karpenter docs> by <@U123> talk:\"EKS\" https://x.y/z"))
                .extracting(Words.Word::written).containsExactly("Karpenter", "docs");
        assertThat(Words.of("https://github.com/aws/karpenter. and <https://aws.amazon.com/builders-library/>"))
                .extracting(Words.Word::written).containsExactly("karpenter", "builders", "library");
    }

    private static List<Note> notes(List<String> texts) {
        AtomicLong ids = new AtomicLong();
        return texts.stream().map(text -> new Note(ids.incrementAndGet(), "U" + (ids.get() % 3), text, List.of()))
                .toList();
    }
}
