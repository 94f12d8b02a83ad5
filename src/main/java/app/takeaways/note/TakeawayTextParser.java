package app.takeaways.note;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a takeaway written in Slack's message format: {@code #tags}, links (Slack's {@code <https://...|label>}
 * and bare URLs) and an optional {@code talk:"Title"}.
 * <p>
 * Slack's own references ({@code <#C123|general>}, {@code <@U123>}, {@code <!here>}) are never tags, and neither
 * is anything inside a link or a code span. The text itself is never changed: multi-line bullets are kept as written.
 */
public final class TakeawayTextParser {

    /** Longer than this is not a tag but a run-on word (and would not fit where tags are shown). */
    public static final int MAX_TAG_LENGTH = 50;

    /** Talk titles are one line; anything longer than this is cut. */
    public static final int MAX_TALK_TITLE_LENGTH = 200;

    // talk:"Title", talk:“Title” (macOS/iOS smart quotes), talk: "Title", or talk:OneWord.
    // An unclosed quote runs to the end of the line.
    private static final Pattern TALK = Pattern.compile(
            "(?<!\\S)talk:[ \\t]*(?:\"([^\"\\n]*)(?:\"|$)|[“”]([^“”\\n]*)(?:[“”]|$)|([^\\s\"“”]+))",
            Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);

    // Anything Slack wraps in angle brackets: links, user/channel references, special mentions.
    private static final Pattern SLACK_ENTITY = Pattern.compile("<([^<>\\n]*)>");

    private static final Pattern SLACK_LINK = Pattern.compile("(?i)^(https?://[^|\\s]+)(?:\\|(.*))?$");

    private static final Pattern BARE_URL = Pattern.compile("(?i)\\bhttps?://[^\\s<>|]+");

    private static final Pattern CODE = Pattern.compile("```.*?```|`[^`\\n]*`", Pattern.DOTALL);

    private static final Pattern TAG =
            Pattern.compile("(?<![\\p{L}\\p{N}\\p{M}_&#/\\\\-])#([\\p{L}\\p{N}_][\\p{L}\\p{N}\\p{M}_-]*)");

    private static final Pattern HAS_LETTER = Pattern.compile("\\p{L}");

    private TakeawayTextParser() {
    }

    public static TakeawayText parse(String text) {
        String source = text == null ? "" : text;

        // Each pattern only runs when the text could hold what it looks for: most takeaways are plain prose.
        Optional<String> talkTitle = Optional.empty();
        String body = source.strip();
        String scan = source;
        if (containsIgnoreCase(source, "talk:")) {
            Matcher talk = TALK.matcher(source);
            if (talk.find()) {
                talkTitle = talkTitleOf(talk);
                body = withoutSpan(source, talk.start(), talk.end());
                scan = blankOut(source, talk.start(), talk.end());
            }
        }

        // Links first: the text inside Slack's brackets and bare URLs must not yield tags.
        Map<String, Link> links = new LinkedHashMap<>();
        StringBuilder tagScan = new StringBuilder(scan);
        if (scan.indexOf('<') >= 0) {
            Matcher entity = SLACK_ENTITY.matcher(scan);
            while (entity.find()) {
                Matcher link = SLACK_LINK.matcher(entity.group(1));
                if (link.matches()) {
                    String url = unescape(link.group(1));
                    links.putIfAbsent(url, new Link(url, link.group(2) == null ? null : unescape(link.group(2)).strip()));
                }
                blankOut(tagScan, entity.start(), entity.end());
            }
        }
        if (containsIgnoreCase(scan, "http")) {
            Matcher bare = BARE_URL.matcher(tagScan);
            while (bare.find()) {
                String url = trimUrl(bare.group());
                if (url.length() > "https://".length()) {
                    String unescaped = unescape(url);
                    links.putIfAbsent(unescaped, new Link(unescaped, null));
                }
                blankOut(tagScan, bare.start(), bare.end());
            }
        }
        if (scan.indexOf('#') < 0) {
            return new TakeawayText(source, body, List.of(), new ArrayList<>(links.values()), talkTitle);
        }
        if (scan.indexOf('`') >= 0) {
            Matcher code = CODE.matcher(tagScan);
            while (code.find()) {
                blankOut(tagScan, code.start(), code.end());
            }
        }

        Set<String> tags = new LinkedHashSet<>();
        Matcher tag = TAG.matcher(tagScan);
        while (tag.find()) {
            String name = trimTrailing(tag.group(1), "-_").toLowerCase(Locale.ROOT);
            if (!name.isEmpty() && name.length() <= MAX_TAG_LENGTH && HAS_LETTER.matcher(name).find()) {
                tags.add(name);
            }
        }
        return new TakeawayText(source, body, new ArrayList<>(tags), new ArrayList<>(links.values()), talkTitle);
    }

    private static boolean containsIgnoreCase(String text, String lowerCaseWord) {
        int last = text.length() - lowerCaseWord.length();
        for (int i = 0; i <= last; i++) {
            if (text.regionMatches(true, i, lowerCaseWord, 0, lowerCaseWord.length())) {
                return true;
            }
        }
        return false;
    }

    /** Normalises a talk title for matching: case, spacing and Slack's escaping do not make a new talk. */
    public static String talkKey(String title) {
        return title.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private static Optional<String> talkTitleOf(Matcher talk) {
        String raw = talk.group(1) != null ? talk.group(1) : talk.group(2) != null ? talk.group(2) : talk.group(3);
        String title = unescape(raw).strip().replaceAll("\\s+", " ");
        if (title.isEmpty()) {
            return Optional.empty();
        }
        if (title.length() > MAX_TALK_TITLE_LENGTH) {
            title = title.substring(0, MAX_TALK_TITLE_LENGTH).strip();
        }
        return Optional.of(title);
    }

    private static String withoutSpan(String source, int start, int end) {
        String left = source.substring(0, start);
        String right = source.substring(end);
        if (endsWithBlank(left) && (right.isEmpty() || startsWithBlank(right))) {
            left = left.replaceAll("[ \\t]+$", "");
        }
        return (left + right).strip();
    }

    private static boolean endsWithBlank(String s) {
        return !s.isEmpty() && (s.charAt(s.length() - 1) == ' ' || s.charAt(s.length() - 1) == '\t');
    }

    private static boolean startsWithBlank(String s) {
        return !s.isEmpty() && (s.charAt(0) == ' ' || s.charAt(0) == '\t' || s.charAt(0) == '\n');
    }

    private static String blankOut(String source, int start, int end) {
        StringBuilder sb = new StringBuilder(source);
        blankOut(sb, start, end);
        return sb.toString();
    }

    private static void blankOut(StringBuilder sb, int start, int end) {
        for (int i = start; i < end; i++) {
            if (sb.charAt(i) != '\n') {
                sb.setCharAt(i, ' ');
            }
        }
    }

    /** Trailing punctuation belongs to the sentence, not the URL; a closing bracket only if it has no partner. */
    private static String trimUrl(String url) {
        int cut = url.length();
        int escaped = indexOfEscape(url);
        if (escaped >= 0) {
            cut = escaped;
        }
        while (cut > 0) {
            char last = url.charAt(cut - 1);
            if (".,;:!?'\"*_~".indexOf(last) >= 0) {
                cut--;
            } else if (last == ')' && count(url, '(', cut) < count(url, ')', cut)) {
                cut--;
            } else if (last == ']' && count(url, '[', cut) < count(url, ']', cut)) {
                cut--;
            } else {
                break;
            }
        }
        return url.substring(0, cut);
    }

    private static int indexOfEscape(String url) {
        int lt = url.indexOf("&lt;");
        int gt = url.indexOf("&gt;");
        if (lt < 0) {
            return gt;
        }
        return gt < 0 ? lt : Math.min(lt, gt);
    }

    private static int count(String s, char c, int end) {
        int n = 0;
        for (int i = 0; i < end; i++) {
            if (s.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }

    private static String trimTrailing(String s, String chars) {
        int end = s.length();
        while (end > 0 && chars.indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return s.substring(0, end);
    }

    /** Slack escapes {@code &}, {@code <} and {@code >} in message text. */
    static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
