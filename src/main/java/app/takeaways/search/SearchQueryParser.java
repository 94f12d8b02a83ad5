package app.takeaways.search;

import app.takeaways.search.SearchQuery.Term;

import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what a person typed after {@code /takeaway search}, as Slack sends it (mentions and channels escaped as
 * {@code <@U123|name>} and {@code <#C123|name>}): words, {@code "quoted phrases"}, {@code -excluded}, {@code OR},
 * and the filters {@code tag:}, {@code from:}, {@code in:}, {@code talk:}, {@code after:}, {@code before:}.
 * <p>
 * Never fails: whatever it does not understand is left out and said in {@link SearchQuery#notes()}.
 */
public final class SearchQueryParser {

    /** Only this much of a query is read: nobody searches for a page of text. */
    public static final int MAX_LENGTH = 1000;

    /** Words (and phrases) looked for or left out, at most. */
    static final int MAX_TERMS = 16;

    static final int MAX_WORD_LENGTH = 60;

    /**
     * The dates {@code after:} and {@code before:} take. No note was written before 1970 (where the search's day
     * numbers start) nor will be after 9999 (the last four-digit year); a date far outside them made the search fail
     * in Postgres instead of finding nothing, so it is answered with a note instead.
     */
    static final DateRange DATES = new DateRange(LocalDate.of(1970, 1, 1), LocalDate.of(9999, 12, 31));

    record DateRange(LocalDate first, LocalDate last) {

        boolean contains(LocalDate date) {
            return !date.isBefore(first) && !date.isAfter(last);
        }
    }

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{M}\\p{Nd}]+");
    private static final Pattern FILTER = Pattern.compile("(?i)(tag|from|in|talk|after|before):");
    private static final Pattern USER = Pattern.compile("<@([A-Z0-9]+)(?:\\|[^>]*)?>");
    private static final Pattern SLACK_REFERENCE = Pattern.compile("<(?:[@#!]|https?:|mailto:)");
    private static final Pattern CHANNEL = Pattern.compile("<#([A-Z0-9]+)(?:\\|([^>]*))?>");
    private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}\\p{M}_][\\p{L}\\p{N}\\p{M}_-]*");
    private static final Pattern CHANNEL_NAME = Pattern.compile("[\\p{L}\\p{N}\\p{M}_.-]+");
    /** A date as written, ASCII digits: a year of any length and sign, so that one out of range is told as such. */
    private static final Pattern DATE = Pattern.compile("([+-]?[0-9]+)-([0-9]{1,2})-([0-9]{1,2})");

    private SearchQueryParser() {
    }

    public static SearchQuery parse(String input) {
        return new Reader(input == null ? "" : input).read();
    }

    private static final class Reader {

        private final String text;
        private final List<String> notes = new ArrayList<>();
        private final List<List<Term>> all = new ArrayList<>();
        private final List<Term> none = new ArrayList<>();
        private final Set<String> tags = new LinkedHashSet<>();
        private final Set<String> authors = new LinkedHashSet<>();
        private final Set<String> channelIds = new LinkedHashSet<>();
        private final Set<String> channelNames = new LinkedHashSet<>();
        private final Set<String> talks = new LinkedHashSet<>();
        private boolean fromViewer;
        private LocalDate after;
        private LocalDate before;
        private int pos;
        private int terms;
        private boolean orPending;
        private boolean tooMany;

        Reader(String input) {
            // Postgres refuses text holding NUL: gone first, so no word, phrase, title or name derived holds it.
            // Slack escapes &, < and > in what people type; its own references stay in <...>.
            String stripped = input.replace("\u0000", "")
                    .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").strip();
            if (stripped.length() > MAX_LENGTH) {
                int cut = MAX_LENGTH;
                if (Character.isHighSurrogate(stripped.charAt(cut - 1))) {
                    cut--;
                }
                stripped = stripped.substring(0, cut);
                notes.add("Only the first " + String.format("%,d", MAX_LENGTH) + " characters were searched.");
            }
            this.text = stripped;
        }

        SearchQuery read() {
            boolean negateNext = false;
            while (skipBlanks()) {
                boolean negate = negateNext;
                negateNext = false;
                if (text.charAt(pos) == '-' && pos + 1 < text.length() && !isBlank(text.charAt(pos + 1))) {
                    negate = true;
                    pos++;
                }
                Matcher filter = FILTER.matcher(text).region(pos, text.length());
                if (filter.lookingAt()) {
                    pos = filter.end();
                    String key = filter.group(1).toLowerCase(Locale.ROOT);
                    String value = readValue();
                    if (negate) {
                        notes.add("Leaving out by `" + key + ":` is not supported, so `-" + key + ":" + shown(value)
                                + "` was ignored.");
                    } else {
                        filter(key, value);
                    }
                    orPending = false;
                    continue;
                }
                if (isQuote(text.charAt(pos))) {
                    addTerm(termOf(readQuoted()), negate);
                    continue;
                }
                String token = readToken();
                if (token.equals("OR") || token.equals("|")) {
                    orPending = !all.isEmpty();
                    continue;
                }
                if (token.equals("AND")) {
                    continue;
                }
                if (token.equals("NOT")) {
                    negateNext = true;
                    continue;
                }
                Matcher user = USER.matcher(token);
                if (user.matches() && !negate) {
                    authors.add(user.group(1));
                    continue;
                }
                Matcher channel = CHANNEL.matcher(token);
                if (channel.matches()) {
                    // A #word Slack turned into a channel reference: the word is what was meant.
                    token = channel.group(2) == null ? "" : channel.group(2);
                }
                addTerm(termOf(token), negate);
            }
            // As Slack's search reads them, after: counts from the next day and before: up to the day before.
            if (after != null && before != null && !before.isAfter(after.plusDays(1))) {
                notes.add("No day is both after `after:" + after + "` and before `before:" + before
                        + "`, so nothing can be found.");
            }
            return new SearchQuery(text, all, none, List.copyOf(tags), List.copyOf(authors), fromViewer,
                    List.copyOf(channelIds), List.copyOf(channelNames), List.copyOf(talks), Optional.ofNullable(after),
                    Optional.ofNullable(before), notes);
        }

        private void filter(String key, String value) {
            String example = switch (key) {
                case "tag" -> "tag:k8s";
                case "from" -> "from:@alex or from:me";
                case "in" -> "in:#platform";
                case "talk" -> "talk:\"EKS deep dive\"";
                default -> key + ":2026-01-31";
            };
            if (value.isBlank()) {
                notes.add("`" + key + ":` needs a value, e.g. `" + example + "`.");
                return;
            }
            switch (key) {
                case "tag" -> {
                    Matcher channel = CHANNEL.matcher(value);
                    String name = channel.matches() && channel.group(2) != null ? channel.group(2) : value;
                    name = name.replaceFirst("^#+", "").toLowerCase(Locale.ROOT);
                    if (TAG.matcher(name).matches() && name.length() <= 50) {
                        tags.add(name);
                    } else {
                        notes.add("`tag:" + shown(value) + "` is not a tag, e.g. `" + example + "`.");
                    }
                }
                case "from" -> {
                    Matcher user = USER.matcher(value);
                    if (user.matches()) {
                        authors.add(user.group(1));
                    } else if (value.equalsIgnoreCase("me") || value.equalsIgnoreCase("@me")) {
                        fromViewer = true;
                    } else {
                        notes.add("I could not tell who `from:" + shown(value) + "` is: pick them from Slack's @"
                                + " suggestions, e.g. `" + example + "`.");
                    }
                }
                case "in" -> {
                    Matcher channel = CHANNEL.matcher(value);
                    String name = value.replaceFirst("^#", "").toLowerCase(Locale.ROOT);
                    if (channel.matches()) {
                        channelIds.add(channel.group(1));
                    } else if (CHANNEL_NAME.matcher(name).matches()) {
                        channelNames.add(name);
                    } else {
                        notes.add("`in:" + shown(value) + "` is not a channel, e.g. `" + example + "`.");
                    }
                }
                case "talk" -> talks.add(value.strip().replaceAll("\\s+", " "));
                default -> date(key, value, example);
            }
        }

        private void date(String key, String value, String example) {
            String notADate = "`" + key + ":" + shown(value) + "` is not a date: write it as `" + example + "`.";
            Matcher written = DATE.matcher(value.strip());
            if (!written.matches()) {
                notes.add(notADate);
                return;
            }
            BigInteger year = new BigInteger(written.group(1));
            int month = Integer.parseInt(written.group(2));
            int day = Integer.parseInt(written.group(3));
            if (month < 1 || month > 12 || day < 1 || day > 31) {
                notes.add(notADate);
                return;
            }
            String outOfRange = "`" + key + ":" + shown(value) + "` is out of range: use a date between "
                    + DATES.first() + " and " + DATES.last() + ".";
            if (year.compareTo(BigInteger.valueOf(DATES.first().getYear())) < 0
                    || year.compareTo(BigInteger.valueOf(DATES.last().getYear())) > 0) {
                notes.add(outOfRange);
                return;
            }
            LocalDate date;
            try {
                date = LocalDate.of(year.intValue(), month, day);
            } catch (DateTimeException e) {
                notes.add(notADate); // a day its month does not have: 2026-02-30
                return;
            }
            if (!DATES.contains(date)) {
                notes.add(outOfRange);
            } else if (key.equals("after")) {
                after = date;
            } else {
                before = date;
            }
        }

        private void addTerm(Optional<Term> term, boolean negate) {
            if (term.isEmpty()) {
                return;
            }
            if (terms >= MAX_TERMS) {
                if (!tooMany) {
                    tooMany = true;
                    notes.add("Only the first " + MAX_TERMS + " words were searched.");
                }
                return;
            }
            terms++;
            if (negate) {
                none.add(term.get());
                orPending = false;
            } else if (orPending) {
                all.get(all.size() - 1).add(term.get());
                orPending = false;
            } else {
                List<Term> group = new ArrayList<>();
                group.add(term.get());
                all.add(group);
            }
        }

        private static Optional<Term> termOf(String token) {
            List<String> words = new ArrayList<>();
            Matcher word = WORD.matcher(token);
            while (word.find()) {
                String w = word.group().toLowerCase(Locale.ROOT);
                words.add(w.length() > MAX_WORD_LENGTH ? w.substring(0, MAX_WORD_LENGTH) : w);
            }
            return words.isEmpty() ? Optional.empty() : Optional.of(new Term(words.subList(0, Math.min(8, words.size()))));
        }

        /** A filter's value: quoted (to the closing quote or the end), else up to the next blank. */
        private String readValue() {
            if (pos < text.length() && isQuote(text.charAt(pos))) {
                return readQuoted();
            }
            return pos < text.length() && !isBlank(text.charAt(pos)) ? readToken() : "";
        }

        private String readQuoted() {
            pos++; // the opening quote
            int start = pos;
            while (pos < text.length() && !isQuote(text.charAt(pos))) {
                pos++;
            }
            String quoted = text.substring(start, pos);
            if (pos < text.length()) {
                pos++; // the closing quote
            }
            return quoted;
        }

        /** Up to the next blank; Slack's {@code <...>} references are read whole (a label may hold spaces). */
        private String readToken() {
            int start = pos;
            while (pos < text.length() && !isBlank(text.charAt(pos))) {
                if (text.charAt(pos) == '<' && SLACK_REFERENCE.matcher(text).region(pos, text.length()).lookingAt()) {
                    int close = text.indexOf('>', pos);
                    if (close > 0) {
                        pos = close + 1;
                        continue;
                    }
                }
                pos++;
            }
            return text.substring(start, pos);
        }

        private boolean skipBlanks() {
            while (pos < text.length() && isBlank(text.charAt(pos))) {
                pos++;
            }
            return pos < text.length();
        }

        private static boolean isBlank(char c) {
            return Character.isWhitespace(c) || Character.isSpaceChar(c);
        }

        private static boolean isQuote(char c) {
            return c == '"' || c == '“' || c == '”';
        }

        /** A value echoed back in a note: short, and never closing the note's code span. */
        private static String shown(String value) {
            String clean = value.replace("`", "'");
            return clean.length() > 40 ? clean.substring(0, 40) + "…" : clean;
        }
    }
}
