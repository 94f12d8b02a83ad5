package app.takeaways.search;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A search as {@link SearchQueryParser} read it: what to look for, what to leave out, and the filters.
 *
 * @param text         the text that was read (at most {@link SearchQueryParser#MAX_LENGTH} characters, no NUL)
 * @param all          every group must match; a group matches when one of its terms does ({@code a OR b})
 * @param none         no term here may match ({@code -word}, {@code -"a phrase"})
 * @param tags         {@code tag:k8s}: every one of these tags
 * @param authors      {@code from:@someone}: by any of these user ids
 * @param fromViewer   {@code from:me}
 * @param channelIds   {@code in:#channel} as Slack sends it ({@code <#C123|name>}): in any of these
 * @param channelNames {@code in:name} typed without Slack's reference: a channel known by that name
 * @param talks        {@code talk:"..."}: of a talk whose title contains any of these
 * @param after        {@code after:2026-01-01}: captured after that day (as Slack's search reads it); a day in
 *                     {@link SearchQueryParser#DATES}
 * @param before       {@code before:2026-12-31}: captured before that day; a day in {@link SearchQueryParser#DATES}
 * @param notes        what was not understood and ignored, in a sentence each, for the person
 */
public record SearchQuery(String text, List<List<Term>> all, List<Term> none, List<String> tags,
                          List<String> authors, boolean fromViewer, List<String> channelIds,
                          List<String> channelNames, List<String> talks, Optional<LocalDate> after,
                          Optional<LocalDate> before, List<String> notes) {

    /** A word, or several in a row (a phrase). Each word is letters and digits only. */
    public record Term(List<String> words) {

        public Term {
            words = List.copyOf(words);
            if (words.isEmpty()) {
                throw new IllegalArgumentException("A term has at least one word");
            }
        }

        public boolean isPhrase() {
            return words.size() > 1;
        }

        /** As the person would write it: a phrase in quotes. */
        public String display() {
            String joined = String.join(" ", words);
            return isPhrase() ? "\"" + joined + "\"" : joined;
        }

        /** In Postgres' {@code to_tsquery} syntax: words are letters and digits only, so nothing needs quoting. */
        String tsquery() {
            return isPhrase() ? "(" + String.join(" <-> ", words) + ")" : words.get(0);
        }
    }

    public SearchQuery {
        all = List.copyOf(all.stream().map(List::copyOf).toList());
        none = List.copyOf(none);
        tags = List.copyOf(tags);
        authors = List.copyOf(authors);
        channelIds = List.copyOf(channelIds);
        channelNames = List.copyOf(channelNames);
        talks = List.copyOf(talks);
        notes = List.copyOf(notes);
    }

    /** Whether there are words to look for (as opposed to filters alone). */
    public boolean hasWords() {
        return !all.isEmpty();
    }

    public boolean hasFilters() {
        return !tags.isEmpty() || !authors.isEmpty() || fromViewer || !channelIds.isEmpty() || !channelNames.isEmpty()
                || !talks.isEmpty() || after.isPresent() || before.isPresent();
    }

    /** Nothing to search for: no words and no filters (words to leave out alone select nothing). */
    public boolean isEmpty() {
        return !hasWords() && !hasFilters();
    }

    /** The words to look for, in Postgres' {@code to_tsquery} syntax; empty when there are none. */
    public Optional<String> tsquery() {
        return hasWords() ? tsquery(all) : Optional.empty();
    }

    /** Every one of these groups (each any of its terms), and none of the words left out; empty for nothing. */
    private Optional<String> tsquery(List<List<Term>> groups) {
        List<String> parts = new java.util.ArrayList<>();
        for (List<Term> group : groups) {
            parts.add(group.size() == 1 ? group.get(0).tsquery()
                    : group.stream().map(Term::tsquery).collect(Collectors.joining(" | ", "(", ")")));
        }
        none.forEach(term -> parts.add("!" + term.tsquery()));
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join(" & ", parts));
    }

    /** The same search with each listed word also matching its alternatives (close spellings). */
    SearchQuery withAlternatives(java.util.Map<String, List<String>> alternatives) {
        List<List<Term>> widened = all.stream().map(group -> group.stream().flatMap(term -> {
            if (term.isPhrase() || !alternatives.containsKey(term.words().get(0))) {
                return java.util.stream.Stream.of(term);
            }
            return java.util.stream.Stream.concat(java.util.stream.Stream.of(term),
                    alternatives.get(term.words().get(0)).stream().map(word -> new Term(List.of(word))));
        }).toList()).toList();
        return new SearchQuery(text, widened, none, tags, authors, fromViewer, channelIds, channelNames, talks, after,
                before, notes);
    }

    /** The same search with one more thing to tell the person about how it was read. */
    SearchQuery withNote(String note) {
        List<String> more = new java.util.ArrayList<>(notes);
        more.add(note);
        return new SearchQuery(text, all, none, tags, authors, fromViewer, channelIds, channelNames, talks, after,
                before, more);
    }

    /**
     * What must match for a takeaway to be found at all, in {@code to_tsquery} syntax: every group holding a quoted
     * phrase, and none of the words left out. Single words only rank (any of them may match); empty when there is
     * nothing strict.
     */
    public Optional<String> strictTsquery() {
        return tsquery(all.stream().filter(group -> group.stream().anyMatch(Term::isPhrase)).toList());
    }

    /** Whether something beyond single words must match: a quoted phrase. */
    public boolean hasPhrases() {
        return all.stream().flatMap(List::stream).anyMatch(Term::isPhrase);
    }

    /** Every word looked for, phrases' words included, in order, once each: what ranks a takeaway. */
    List<String> rankingWords() {
        return all.stream().flatMap(List::stream).flatMap(term -> term.words().stream()).distinct().toList();
    }

    /** The single words to look for (not phrases, not excluded), in order, once each. */
    List<String> singleWords() {
        return all.stream().flatMap(List::stream).filter(term -> !term.isPhrase())
                .map(term -> term.words().get(0)).distinct().toList();
    }
}
