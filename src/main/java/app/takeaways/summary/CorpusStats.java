package app.takeaways.summary;

import java.util.Map;

/**
 * How common each word (by stem) is across a team's takeaways: what makes a word distinctive of a set. "AWS" in
 * a team that writes about AWS all day says little about one talk; "Karpenter" says a lot.
 *
 * @param documents          how many takeaways were counted
 * @param documentFrequency  in how many of them each stem appears
 */
public record CorpusStats(int documents, Map<String, Integer> documentFrequency) {

    public static final CorpusStats EMPTY = new CorpusStats(0, Map.of());

    public CorpusStats {
        documentFrequency = Map.copyOf(documentFrequency);
    }

    /** Inverse document frequency, smoothed: a word never seen before counts as rare. */
    double idf(String stem) {
        int df = documentFrequency.getOrDefault(stem, 0);
        return Math.log((documents + 1.0) / (df + 1.0)) + 1.0;
    }

    /** Counts the documents (texts) given. */
    public static CorpusStats of(Iterable<String> texts) {
        java.util.HashMap<String, Integer> df = new java.util.HashMap<>();
        int documents = 0;
        for (String text : texts) {
            documents++;
            Words.of(text).stream().map(Words.Word::stem).distinct().forEach(stem -> df.merge(stem, 1, Integer::sum));
        }
        return new CorpusStats(documents, df);
    }
}
