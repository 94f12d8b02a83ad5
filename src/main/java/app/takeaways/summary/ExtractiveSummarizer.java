package app.takeaways.summary;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Summarises a set of takeaways without any model or network: its themes are the words most distinctive of the
 * set (frequent in it, rare in the team's whole corpus, so neither "the" nor a team's everyday "AWS" wins), each
 * with the takeaways that carry it best; then the links shared and the contributors. The same input always gives
 * the same summary.
 */
public final class ExtractiveSummarizer {

    /**
     * One takeaway to summarise, its words read once (a digest summarises each takeaway in its talk and again in
     * its week).
     */
    public static final class Note {

        private final long id;
        private final String authorId;
        private final String text;
        private final List<Summary.Link> links;
        private final List<Words.Word> words;
        private final Set<String> stems;

        public Note(long id, String authorId, String text, List<Summary.Link> links) {
            this.id = id;
            this.authorId = authorId;
            this.text = text;
            this.links = List.copyOf(links);
            this.words = Words.of(text);
            Set<String> distinct = new LinkedHashSet<>();
            words.forEach(word -> distinct.add(word.stem()));
            this.stems = distinct;
        }

        public long id() {
            return id;
        }

        public String authorId() {
            return authorId;
        }

        public String text() {
            return text;
        }

        public List<Summary.Link> links() {
            return links;
        }
    }

    /** How many takeaways a theme lists at most. */
    static final int PER_THEME = 2;

    private ExtractiveSummarizer() {
    }

    /**
     * @param title     the talk's title, if the set is a talk's: its words are not themes (it is shown anyway)
     * @param maxThemes how many themes at most
     */
    public static Summary summarize(String title, List<Note> notes, CorpusStats corpus, int maxThemes) {
        Map<String, Integer> setDf = new HashMap<>();
        Map<String, Integer> occurrences = new HashMap<>();
        Map<String, Map<String, Integer>> writtenForms = new HashMap<>();
        for (Note note : notes) {
            for (Words.Word word : note.words) {
                occurrences.merge(word.stem(), 1, Integer::sum);
                writtenForms.computeIfAbsent(word.stem(), s -> new HashMap<>())
                        .merge(word.written(), word.fromLink() ? 0 : 1, Integer::sum);
            }
            note.stems.forEach(stem -> setDf.merge(stem, 1, Integer::sum));
        }
        // A talk's title is shown with its themes: they say what its takeaways add to it, not the title again.
        Set<String> titleStems = new java.util.HashSet<>();
        if (title != null) {
            Words.of(title).forEach(word -> titleStems.add(word.stem()));
        }

        // A theme is said more than once (by several takeaways, or over and over in one), unless the set is too
        // small for anything to repeat. Each further takeaway saying it counts more than saying it again, and
        // rarity in the corpus counts twice (squared idf): distinctive beats frequent.
        // Everyday words ("manager", "support") count half: they rarely name what a talk was about.
        Map<String, Double> score = new HashMap<>();
        setDf.forEach((stem, df) -> {
            if (!titleStems.contains(stem)) {
                int occurs = occurrences.getOrDefault(stem, 0);
                double idf = corpus.idf(stem);
                score.put(stem, (df + 0.5 * Math.log1p(occurs - df)) * idf * idf
                        * (Words.EVERYDAY.contains(stem) ? 0.5 : 1.0));
            }
        });
        Comparator<String> best = Comparator.comparingDouble((String stem) -> -score.get(stem))
                .thenComparing(stem -> stem);
        boolean small = notes.size() < 3;
        List<String> themes = new ArrayList<>(score.keySet().stream()
                .filter(stem -> small || setDf.get(stem) >= 2 || occurrences.get(stem) >= 2)
                .sorted(best)
                .limit(Math.max(0, maxThemes))
                .toList());
        // Nothing repeats in a short talk: its most distinctive words still say what it was about.
        if (themes.size() < maxThemes) {
            score.keySet().stream().filter(stem -> !themes.contains(stem)).sorted(best)
                    .limit(maxThemes - themes.size())
                    .forEach(themes::add);
        }

        List<Summary.Theme> result = new ArrayList<>();
        Set<Long> shown = new LinkedHashSet<>();
        Map<Note, Double> coverage = new java.util.IdentityHashMap<>();
        for (String stem : themes) {
            List<Long> carriers = notes.stream()
                    .filter(note -> note.stems.contains(stem))
                    .sorted(Comparator.comparing((Note note) -> shown.contains(note.id()))
                            .thenComparingDouble(note -> -coverage.computeIfAbsent(note,
                                    carrier -> coverage(carrier.stems, themes, score)))
                            .thenComparingInt(note -> note.text().length())
                            .thenComparingLong(Note::id))
                    .limit(PER_THEME)
                    .map(Note::id)
                    .toList();
            shown.addAll(carriers);
            result.add(new Summary.Theme(label(writtenForms.get(stem)), carriers));
        }

        Map<String, Summary.Link> links = new LinkedHashMap<>();
        notes.forEach(note -> note.links().forEach(link -> links.putIfAbsent(link.url(), link)));
        Map<String, Integer> byAuthor = new LinkedHashMap<>();
        notes.forEach(note -> byAuthor.merge(note.authorId(), 1, Integer::sum));
        List<Summary.Contributor> contributors = byAuthor.entrySet().stream()
                .map(entry -> new Summary.Contributor(entry.getKey(), entry.getValue()))
                .sorted(Comparator.comparingInt((Summary.Contributor c) -> -c.takeaways()).thenComparing(Summary.Contributor::userId))
                .toList();
        return new Summary("", result, new ArrayList<>(links.values()), contributors, notes.size());
    }

    private static int caseRank(String form) {
        if (form.length() > 1 && form.equals(form.toUpperCase(java.util.Locale.ROOT))) {
            return 0;
        }
        return form.equals(form.toLowerCase(java.util.Locale.ROOT)) ? 1 : 2;
    }

    private static double coverage(Set<String> stems, List<String> themes, Map<String, Double> score) {
        return themes.stream().filter(stems::contains).mapToDouble(score::get).sum();
    }

    /**
     * The form people wrote most; on a tie an acronym ("EKS" over "eks"), then lower case over a capital that may
     * only start a sentence ("nodes" over "Nodes"), then the shorter.
     */
    private static String label(Map<String, Integer> forms) {
        return forms.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, Integer> e) -> -e.getValue())
                        .thenComparingInt(e -> caseRank(e.getKey()))
                        .thenComparingInt(e -> e.getKey().length())
                        .thenComparing(Map.Entry::getKey))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse("");
    }
}
