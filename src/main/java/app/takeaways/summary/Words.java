package app.takeaways.summary;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words of a takeaway that can carry a theme: Slack's markup read as people see it (a link's label, not its
 * address; no mentions), common English and note-taking filler left out, each word with a light stem so "node",
 * "nodes" and "scaling", "scale" group together. Deterministic, no dictionary files.
 */
final class Words {

    /**
     * A word as written and the stem it groups under.
     *
     * @param fromLink read from a link's address, not written by anyone: it counts, but is not how to spell it
     */
    record Word(String stem, String written, boolean fromLink) {
    }

    private static final Pattern SLACK_LINK = Pattern.compile("<(?:https?|mailto):[^|>]*\\|([^>]*)>");
    private static final Pattern SLACK_REFERENCE = Pattern.compile("<[^>]*>");
    // Marks the words read from a link's address (a character no one types).
    private static final char LINK_MARK = '\uE002';
    private static final Pattern UNLABELLED_LINK = Pattern.compile("<((?:https?):[^|>]*)>");
    private static final Set<String> URL_FILLER = Set.of("index", "docs", "doc", "blob", "tree", "main", "master",
            "www", "html", "htm", "latest", "wiki", "page", "pages", "watch", "issues", "pull", "home", "en", "us",
            "readme", "articles", "blog", "post", "posts", "view", "edit", "status");
    private static final Pattern BARE_URL = Pattern.compile("(?i)\\bhttps?://\\S+");
    private static final Pattern CODE_BLOCK = Pattern.compile("```.*?```", Pattern.DOTALL);
    private static final Pattern TALK = Pattern.compile("(?i)(?<!\\S)talk:[ \\t]*(?:\"[^\"\\n]*\"?|[“”][^“”\\n]*[“”]?|\\S+)");
    private static final Pattern WORD = Pattern.compile("[\\p{L}][\\p{L}\\p{N}]*(?:[-'’][\\p{L}\\p{N}]+)*|[\\p{N}]+[\\p{L}][\\p{L}\\p{N}]*");

    // Common English, and what people write in notes without saying anything about the subject.
    static final Set<String> STOPWORDS = Set.copyOf(List.of(
            "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "aren't",
            "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can",
            "cannot", "could", "did", "do", "does", "doing", "don't", "down", "during", "each", "else", "etc", "even",
            "ever", "every", "few", "for", "from", "further", "get", "gets", "getting", "got", "had", "has", "have",
            "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "however", "i", "if",
            "in", "into", "is", "isn't", "it", "it's", "its", "itself", "just", "let", "let's", "like", "lot", "lots",
            "made", "make", "makes", "many", "may", "me", "might", "more", "most", "much", "must", "my", "myself",
            "need", "needs", "no", "nor", "not", "now", "of", "off", "often", "on", "once", "one", "only", "or",
            "other", "others", "our", "ours", "ourselves", "out", "over", "own", "per", "plus", "quite", "rather",
            "really", "same", "say", "says", "see", "she", "should", "so", "some", "still", "such", "than", "that",
            "that's", "the", "their", "theirs", "them", "themselves", "then", "there", "there's", "these", "they",
            "they're", "thing", "things", "this", "those", "though", "through", "to", "too", "under", "until", "up",
            "upon", "us", "use", "used", "uses", "using", "very", "via", "was", "way", "we", "we're", "well", "were",
            "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "within", "without",
            "won't", "would", "yes", "yet", "you", "you're", "your", "yours", "yourself",
            "although", "anyway", "basically", "besides", "currently", "especially", "generally", "hence",
            "instead", "mostly", "probably", "since", "therefore", "thus", "unless", "usually", "whether",
            "aforementioned", "definitely", "maybe", "perhaps", "simply", "certainly", "obviously", "almost",
            "already", "always", "never", "sometimes", "else", "either", "neither", "whatever", "whenever",
            "wherever", "anything", "everything", "nothing", "something", "someone", "anyone", "everyone",
            // note-taking filler
            "agree", "agreed", "awesome", "bit", "cool", "course", "good", "great", "idea", "ideas", "interesting",
            "kinda", "know", "learned", "learn", "new", "nice", "note", "notes", "point", "points", "pretty",
            "remember", "session", "slide", "slides", "speaker", "takeaway", "takeaways", "talk", "talks", "think",
            "thought", "thoughts", "today", "want", "worth"));

    /** Common words that name no subject (see {@code everyday-words.txt}), by stem: they count half as themes. */
    static final Set<String> EVERYDAY = everyday();

    private Words() {
    }

    private static Set<String> everyday() {
        try (var in = Words.class.getResourceAsStream("everyday-words.txt")) {
            if (in == null) {
                throw new IllegalStateException("everyday-words.txt is missing from the classpath");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(Words::stem)
                    .collect(java.util.stream.Collectors.toUnmodifiableSet());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The theme-carrying words of a text, in order. */
    static List<Word> of(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        // Most takeaways are plain words: each rewrite runs only when its text can be there (a team's whole
        // corpus is read this way).
        String readable = text;
        if (readable.contains("```")) {
            readable = CODE_BLOCK.matcher(readable).replaceAll(" ");
        }
        if (containsIgnoringCase(readable, "talk:")) {
            readable = TALK.matcher(readable).replaceAll(" ");
        }
        if (readable.indexOf('<') >= 0) {
            readable = SLACK_LINK.matcher(readable).replaceAll(" $1 ");
            // A link without a label usually names its subject in its last path segment (github.com/aws/karpenter).
            readable = UNLABELLED_LINK.matcher(readable).replaceAll(link -> " " + LINK_MARK
                    + subjectOf(link.group(1)).replace(" ", " " + LINK_MARK) + " ");
            readable = SLACK_REFERENCE.matcher(readable).replaceAll(" ");
        }
        if (containsIgnoringCase(readable, "http")) {
            readable = BARE_URL.matcher(readable).replaceAll(link -> " " + LINK_MARK + subjectOf(link.group())
                    .replace(" ", " " + LINK_MARK) + " ");
        }
        if (readable.indexOf('&') >= 0) {
            readable = readable.replace("&amp;", "&").replace("&lt;", " ").replace("&gt;", " ");
        }
        List<Word> words = new ArrayList<>();
        Matcher word = WORD.matcher(readable);
        while (word.find()) {
            boolean fromLink = word.start() > 0 && readable.charAt(word.start() - 1) == LINK_MARK;
            String written = word.group().replace('’', '\'');
            String lower = written.toLowerCase(Locale.ROOT);
            if (lower.length() < 2 || lower.length() > 40 || STOPWORDS.contains(lower)) {
                continue;
            }
            // "eks", "k8s", "ecs": short words count only when they are acronyms or carry a digit
            if (lower.length() == 2 && !written.equals(written.toUpperCase(Locale.ROOT))) {
                continue;
            }
            words.add(new Word(stem(lower.endsWith("'s") ? lower.substring(0, lower.length() - 2) : lower), written,
                    fromLink));
        }
        return words;
    }

    private static boolean containsIgnoringCase(String text, String lowerCase) {
        for (int i = 0; i + lowerCase.length() <= text.length(); i++) {
            if (text.regionMatches(true, i, lowerCase, 0, lowerCase.length())) {
                return true;
            }
        }
        return false;
    }

    /** The last path segment of a link that reads as words ("karpenter", "builders-library"), or "". */
    static String subjectOf(String url) {
        String path = url.replaceFirst("[.,;:!?)\\]'\"]+$", "").replaceFirst("(?i)^[a-z]+://[^/]*", "").replaceAll("[?#].*$", "");
        String[] segments = path.split("/");
        for (int i = segments.length - 1; i >= 0; i--) {
            String segment = segments[i].replaceAll("\\.[a-z0-9]{2,5}$", "").toLowerCase(Locale.ROOT);
            if (segment.matches("[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*") && segment.length() >= 4
                    && !URL_FILLER.contains(segment)) {
                return segment.replace('-', ' ').replace('_', ' ');
            }
        }
        return "";
    }

    /**
     * A light English stem: plurals, -ing, -ed, -ly and a final e go, so forms of one word meet
     * ("policies" and "policy", "scaling", "scaled" and "scale"). Not a dictionary form: only for grouping.
     */
    static String stem(String word) {
        String w = word;
        if (w.length() <= 3 || !w.chars().allMatch(Character::isLetter)) {
            return w;
        }
        if (w.endsWith("ies") && w.length() > 4) {
            w = w.substring(0, w.length() - 3) + "y";
        } else if (w.endsWith("sses")) {
            w = w.substring(0, w.length() - 2);
        } else if (w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) {
            w = w.substring(0, w.length() - 1);
        }
        if (w.endsWith("ing") && w.length() > 5 && hasVowel(w.substring(0, w.length() - 3))) {
            w = undouble(w.substring(0, w.length() - 3));
        } else if (w.endsWith("ed") && w.length() > 4 && hasVowel(w.substring(0, w.length() - 2))) {
            w = undouble(w.substring(0, w.length() - 2));
        } else if (w.endsWith("ly") && w.length() > 5) {
            w = w.substring(0, w.length() - 2);
        }
        if (w.endsWith("e") && w.length() > 4) {
            w = w.substring(0, w.length() - 1);
        }
        return w;
    }

    private static boolean hasVowel(String s) {
        for (int i = 0; i < s.length(); i++) {
            if ("aeiouy".indexOf(s.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** "running" → "run", "planned" → "plan"; but "falling" keeps "fall". */
    private static String undouble(String s) {
        int n = s.length();
        if (n >= 2 && s.charAt(n - 1) == s.charAt(n - 2) && "bdfgmnprt".indexOf(s.charAt(n - 1)) >= 0) {
            return s.substring(0, n - 1);
        }
        return s;
    }
}
