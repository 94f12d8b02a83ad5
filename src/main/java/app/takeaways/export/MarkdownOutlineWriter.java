package app.takeaways.export;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takeaways written as a Markdown outline of the shape people write notes in (and {@link OutlineReader} reads):
 * the day or event, under it each talk, under that its takeaways with their sub-points, links and tags; each
 * takeaway's author, date and Slack link as Logseq properties ({@code author:: ...}), which an import leaves out.
 * Fed one takeaway at a time, in the order {@link TakeawayExport} reads them (grouped by event, then talk): nothing
 * is kept but the event and talk being written.
 * <p>
 * Each line's Markdown reads back ({@link OutlineReader}) as the stored text: Slack's {@code <url|label>} becomes
 * {@code [label](url)}, {@code *bold*} {@code **bold**}, and whatever Markdown would otherwise read as markup is
 * escaped. People are written by name ({@code @Alice}), channels as {@code #name}, special mentions by their label:
 * text that notifies nobody, read back as such.
 */
public final class MarkdownOutlineWriter implements Closeable {

    /** One level of the outline: four spaces, as the sample and Logseq write it. */
    static final String LEVEL = "    ";

    /** A line under a takeaway's first: a sub-point ({@code •}, four spaces a level), a typed bullet, or text. */
    private static final Pattern SUB_LINE = Pattern.compile("[ \\t]*((?:[•◦▪‣*+-]|[0-9]{1,4}[.)])[ \\t]+)?(.*)");
    private static final Pattern BOLD = Pattern.compile("(?<![\\p{L}\\p{N}*\\\\])\\*(?=\\S)([^*\\n]*?\\S)\\*(?![\\p{L}\\p{N}*])");
    private static final Pattern ITALIC = Pattern.compile("(?<![\\p{L}\\p{N}_\\\\])_(?=\\S)([^_\\n]*?\\S)_(?![\\p{L}\\p{N}_])");
    private static final Pattern CODE = Pattern.compile("`([^`\\n]+)`");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private final Writer out;
    private final ExportNames names;
    private boolean started;
    private Optional<String> event = Optional.empty();
    private Optional<String> talk = Optional.empty();

    /**
     * @param header what the file is (who exported what, when), as properties at its top: lines of
     *               {@code key:: value}, which an import reads as nothing
     */
    public MarkdownOutlineWriter(Writer out, ExportNames names, List<String> header) {
        this.out = out;
        this.names = names;
        try {
            for (String line : header) {
                out.write(line.replace('\n', ' ').replace('\r', ' '));
                out.write('\n');
            }
            if (!header.isEmpty()) {
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A header line: {@code key:: value}. */
    public static String property(String key, String value) {
        return key + ":: " + value;
    }

    public void write(ExportedTakeaway takeaway) {
        try {
            boolean sameEvent = started && takeaway.event().equals(event);
            boolean sameTalk = sameEvent && takeaway.talk().equals(talk);
            started = true;
            int depth = 0;
            if (takeaway.event().isPresent()) {
                if (!sameEvent) {
                    item(0, takeaway.event().get());
                }
                depth = 1;
            }
            if (takeaway.talk().isPresent()) {
                if (!sameTalk) {
                    item(depth, takeaway.talk().get());
                }
                depth++;
            }
            event = takeaway.event();
            talk = takeaway.talk();
            takeaway(depth, takeaway);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void takeaway(int depth, ExportedTakeaway takeaway) throws IOException {
        List<String> lines = takeaway.text().lines().dropWhile(String::isBlank).toList();
        String first = lines.isEmpty() ? "" : lines.get(0);
        item(depth, first + extras(takeaway));
        String indent = LEVEL.repeat(depth) + "  ";
        String name = names.person(takeaway.userId()).map(n -> n + " (@" + takeaway.userId() + ")")
                .orElse("@" + takeaway.userId());
        out.write(indent + property("author", name.replace('\n', ' ')) + "\n");
        out.write(indent + property("date", DATE.format(takeaway.createdAt())) + "\n");
        if (takeaway.permalink().isPresent()) {
            out.write(indent + property("slack", takeaway.permalink().get()) + "\n");
        }
        // Each line under the first is an item under the takeaway, nested as it is indented (a sub-point is
        // written four spaces a level deeper; a list typed in Slack as the person indented it).
        Deque<int[]> open = new ArrayDeque<>();
        open.push(new int[] {lines.isEmpty() ? 0 : indent(lines.get(0)), 0});
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            Matcher subPoint = SUB_LINE.matcher(line);
            if (!subPoint.matches()) {
                continue;
            }
            int column = indent(line);
            while (!open.isEmpty() && open.peek()[0] >= column) {
                open.pop();
            }
            int level = open.isEmpty() ? 1 : open.peek()[1] + 1;
            open.push(new int[] {column, level});
            item(depth + level, subPoint.group(2));
        }
    }

    /** The column a line's text starts at, a tab to the next multiple of four. */
    private static int indent(String line) {
        int column = 0;
        for (int i = 0; i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t'); i++) {
            column = line.charAt(i) == '\t' ? (column / 4 + 1) * 4 : column + 1;
        }
        return column;
    }

    /** The tags and links kept with a takeaway that its text does not show (a form's source link and tags). */
    private static String extras(ExportedTakeaway takeaway) {
        StringBuilder extra = new StringBuilder();
        String lower = takeaway.text().toLowerCase(Locale.ROOT);
        for (String tag : takeaway.tags()) {
            if (!showsTag(lower, "#" + tag.toLowerCase(Locale.ROOT))) {
                extra.append(" #").append(tag);
            }
        }
        for (ExportedTakeaway.Link link : takeaway.links()) {
            if (!takeaway.text().contains(link.url()) && !takeaway.text().contains(link.url().replace("&", "&amp;"))) {
                extra.append(" <").append(link.url()).append(link.label() == null ? "" : "|" + link.label())
                        .append('>');
            }
        }
        return extra.toString();
    }

    /** Whether the (lower-cased) text holds the hashtag, not as the start of a longer one. */
    private static boolean showsTag(String lower, String hashtag) {
        for (int at = lower.indexOf(hashtag); at >= 0; at = lower.indexOf(hashtag, at + 1)) {
            int end = at + hashtag.length();
            if (end == lower.length() || !(Character.isLetterOrDigit(lower.charAt(end)) || lower.charAt(end) == '_'
                    || lower.charAt(end) == '-')) {
                return true;
            }
        }
        return false;
    }

    private void item(int depth, String mrkdwn) throws IOException {
        String markdown = markdown(mrkdwn, userId -> names.person(userId).orElse(userId));
        if (markdown.isBlank()) {
            return;
        }
        out.write(LEVEL.repeat(depth) + "- " + markdown + "\n");
    }

    /**
     * One line of mrkdwn as Markdown that {@link OutlineReader} reads back as the same text. Bold, italics and code
     * are written as Markdown when they read back the same; else everything is escaped.
     */
    static String markdown(String mrkdwn, java.util.function.Function<String, String> personName) {
        String escaped = write(mrkdwn, personName, false);
        if (mrkdwn.indexOf('*') < 0 && mrkdwn.indexOf('_') < 0 && mrkdwn.indexOf('`') < 0) {
            return escaped;
        }
        String styled = write(mrkdwn, personName, true);
        // Styled only where it reads back as the text itself (one parse); else escaped, which reads back as the
        // text by construction.
        return styled.equals(escaped) || OutlineReader.inline(styled).equals(mrkdwn.strip()) ? styled : escaped;
    }

    private static String write(String mrkdwn, java.util.function.Function<String, String> personName,
                                boolean styled) {
        StringBuilder out = new StringBuilder(mrkdwn.length() + 16);
        for (Mrkdwn.Piece piece : Mrkdwn.pieces(mrkdwn.strip())) {
            if (piece instanceof Mrkdwn.Text text) {
                out.append(styled ? styled(text.typed()) : escaped(text.typed()));
            } else if (piece instanceof Mrkdwn.Link link) {
                if (!out.isEmpty() && out.charAt(out.length() - 1) == '!'
                        && (out.length() < 2 || out.charAt(out.length() - 2) != '\\')) {
                    out.insert(out.length() - 1, '\\'); // "![" would be an image
                }
                String label = link.label() == null ? escaped(Mrkdwn.unescaped(link.url()))
                        : write(link.label(), personName, styled);
                out.append('[').append(label).append("](<").append(destination(Mrkdwn.unescaped(link.url())))
                        .append(">)");
            } else if (piece instanceof Mrkdwn.Person person) {
                out.append(escaped("@" + personName.apply(person.userId())));
            } else if (piece instanceof Mrkdwn.Channel channel) {
                out.append(escaped("#" + Objects.requireNonNullElse(channel.name(), channel.channelId())));
            } else if (piece instanceof Mrkdwn.Special special) {
                out.append(escaped(special.label()));
            }
        }
        // "- - -" is a thematic break, "-" alone an empty bullet: a leading dash is text
        if (!out.isEmpty() && (out.charAt(0) == '-' || out.charAt(0) == '+')) {
            out.insert(0, '\\');
        }
        return out.toString();
    }

    /** Text as typed, with Slack's bold, italics and code as Markdown's. */
    private static String styled(String typed) {
        StringBuilder out = new StringBuilder();
        List<int[]> spans = new ArrayList<>();
        for (Pattern pattern : List.of(CODE, BOLD, ITALIC)) {
            Matcher matcher = pattern.matcher(typed);
            while (matcher.find()) {
                int start = matcher.start();
                int end = matcher.end();
                if (spans.stream().noneMatch(span -> start < span[1] && span[0] < end)) {
                    spans.add(new int[] {start, end, pattern == CODE ? 0 : pattern == BOLD ? 1 : 2});
                }
            }
        }
        spans.sort(java.util.Comparator.comparingInt(span -> span[0]));
        int at = 0;
        for (int[] span : spans) {
            out.append(escaped(typed.substring(at, span[0])));
            String inner = typed.substring(span[0] + 1, span[1] - 1);
            switch (span[2]) {
                case 0 -> out.append('`').append(inner).append('`');
                case 1 -> out.append("**").append(escaped(inner)).append("**");
                default -> out.append('*').append(escaped(inner)).append('*');
            }
            at = span[1];
        }
        return out.append(escaped(typed.substring(at))).toString();
    }

    /** Text as typed, nothing in it read as Markdown. */
    static String escaped(String typed) {
        if (typed.chars().noneMatch(c -> "\\`*_[]<>&!".indexOf(c) >= 0)) {
            return typed;
        }
        StringBuilder out = new StringBuilder(typed.length() + 8);
        for (int i = 0; i < typed.length(); i++) {
            char c = typed.charAt(i);
            if ("\\`*_[]<>&".indexOf(c) >= 0 || c == '!' && i + 1 < typed.length() && typed.charAt(i + 1) == '[') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** A link's destination, between {@code <} and {@code >}, read back as written. */
    private static String destination(String url) {
        StringBuilder out = new StringBuilder(url.length() + 4);
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == '\\' || c == '<' || c == '>' || c == '&') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }
}
