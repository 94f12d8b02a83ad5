package app.takeaways.search;

import java.util.Collections;
import app.takeaways.note.Audience;
import app.takeaways.note.Visibility;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * Ranked search over a team's takeaways, the way people ask: a takeaway matching any of the query's words is found,
 * ranked by BM25 in Postgres (rare words weigh more than common ones, more words matched rank higher, the talk's
 * title and the tags above the text, English stemming, question words left out), then fused with a ranking by
 * meaning ({@link Meaning}: a takeaway near the query in meaning is found even when it shares no word with it).
 * Quoted phrases, words left out and every filter stay strict; recency is a mild tie-breaker; close spellings are
 * looked for a word no takeaway holds. What the searcher may see ({@link Visibility}, for the request's
 * {@link Audience}) is part of every statement's SQL, close spellings included: a word only found in takeaways they
 * may not see is never suggested.
 */
@Service
public class TakeawaySearch {

    public static final int PAGE_SIZE = 5;

    /** Around a snippet's highlighted words: where bold starts and ends (characters no one types). */
    public static final char HIGHLIGHT_START = '\uE000';
    public static final char HIGHLIGHT_END = '\uE001';

    /** Of a common word's matches, the most recent this many are ranked. */
    static final int RECENT_MATCHES = 300;
    /** How far back recent matches are looked for first, then next; then in all time. */
    static final List<java.time.Duration> TIERS = List.of(java.time.Duration.ofDays(30), java.time.Duration.ofDays(90));

    /** A snippet shows at most about this many characters of a takeaway, around its best match. */
    static final int SNIPPET_LENGTH = 300;

    private static final String HEADLINE_OPTIONS = "StartSel=" + HIGHLIGHT_START + ", StopSel=" + HIGHLIGHT_END
            + ", MaxWords=40, MinWords=20, ShortWord=2, MaxFragments=2, FragmentDelimiter=\" … \"";
    private static final String HEADLINE_ALL = "StartSel=" + HIGHLIGHT_START + ", StopSel=" + HIGHLIGHT_END
            + ", HighlightAll=true";

    /**
     * A search someone runs, or a summary reads.
     *
     * @param audience who the results are for: a person in a conversation or outside any (App Home), or everyone in
     *                 a conversation (a summary posted there)
     * @param page     0 for the first {@link #PAGE_SIZE} results
     * @param derived  whether kept summaries are found too (a person's search finds them; a summary does not
     *                 summarise summaries)
     */
    public record Request(Audience audience, SearchQuery query, int page, Visibility.Derived derived) {

        /** A person's search: kept summaries are found too. */
        public Request(Audience audience, SearchQuery query, int page) {
            this(audience, query, page, Visibility.Derived.INCLUDED);
        }

        public String teamId() {
            return audience.teamId();
        }
    }

    /** SQL with named parameters ({@code :name}), as sent. */
    public record Statement(String sql, Map<String, Object> params) {

        public Statement {
            // in order, and a parameter may be null
            params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        }
    }

    /** One takeaway found; its snippet marks matches with {@link #HIGHLIGHT_START} and {@link #HIGHLIGHT_END}. */
    public record Hit(long id, String userId, String channelId, String snippet, Optional<String> talkTitle,
                      List<String> tags, Optional<String> permalink, Instant createdAt) {

        public Hit {
            tags = List.copyOf(tags);
        }
    }

    /**
     * A page of results.
     *
     * @param respelled close spellings looked for too, for words no takeaway the searcher may see holds
     *                  ("karpentr" → "karpenter")
     * @param hereOnly  only what was written in the conversation could be searched (one shared with another
     *                  organisation, or of a kind Slack has not told)
     */
    public record Results(SearchQuery query, int page, List<Hit> hits, boolean hasMore,
                          Map<String, String> respelled, boolean hereOnly) {

        public Results {
            hits = List.copyOf(hits);
            respelled = Collections.unmodifiableMap(new LinkedHashMap<>(respelled));
        }

        public Results(SearchQuery query, int page, List<Hit> hits, boolean hasMore, Map<String, String> respelled) {
            this(query, page, hits, hasMore, respelled, false);
        }

        public boolean isEmpty() {
            return hits.isEmpty();
        }
    }

    /** BM25's term-frequency saturation and length normalisation (Lucene's defaults). */
    static final double K1 = 1.2;
    static final double B = 0.75;
    /** A word of the talk's title or of the tags counts as this many in the text. */
    static final double HEAD_WEIGHT = 3;
    /** ts_rank's weights (D, C, B: the text, A: title and tags) for reading a word's frequency. */
    static final Float[] RANK_WEIGHTS = {0f, 0f, (float) (1 / HEAD_WEIGHT), 1f};
    /** What ts_rank gives one occurrence of a one-word query at weight 1 (1 / 1.6449, its normaliser). */
    static final double ONE_HEAD_OCCURRENCE = 0.6079271;
    /** What is new ranks at most this much higher (fading over months): a tie-breaker, not a filter. */
    static final double RECENCY = 0.1;

    /**
     * A word held by at most this share of a team's takeaways is rare: all of its matches are read (up to
     * {@link #RARE_MATCHES}); of a more common word, the most recent {@link #RECENT_MATCHES}.
     */
    static final double RARE_SHARE = 0.001;
    static final int RARE_MATCHES = 500;
    /** In a team with at most this many takeaways counted, every word is rare. */
    static final int SMALL_TEAM = 2_000;

    /** Reciprocal rank fusion's constant: how much the first places of each ranking count over the next. */
    static final int FUSION_K = 60;
    /** Of the ranking by words, the first this many are compared by meaning too (with those near by meaning). */
    static final int COMPARED = 100;
    /** Takeaways found by meaning alone, at most, and how close to the query they must be (cosine). */
    static final int MEANING_CANDIDATES = 30;
    static final double MEANING_THRESHOLD = 0.40;

    /**
     * Words that ask rather than say what is looked for ("what did the talk say about..."), beyond Postgres'
     * English stop words (what, did, the, about, how...): they rank nothing.
     */
    static final Set<String> QUESTION_WORDS = Set.of("say", "said", "says", "tell", "tells", "told", "mention",
            "mentioned", "mentions", "anything", "something", "anyone", "someone", "everything", "thing", "things",
            "know", "think", "thought", "remember", "recall", "please", "hey");
    /** Words that say where something was said more than what: they count, for a fraction of a word. */
    static final Set<String> PLACE_WORDS = Set.of("talk", "talks", "session", "sessions", "presentation",
            "presentations", "speaker", "speakers", "keynote", "note", "notes", "takeaway", "takeaways");
    static final double PLACE_WEIGHT = 0.3;

    private final StatementRunner runner;
    private final Meaning meaning;
    private final RecentMeanings recentMeanings;
    private final double meaningWeight;
    private final Clock clock;
    private final Timer timer;

    TakeawaySearch(JdbcClient jdbc, Meaning meaning, RecentMeanings recentMeanings,
                   @Value("${takeaways.search.meaning-weight:1.0}") double meaningWeight, Clock clock,
                   MeterRegistry meters) {
        this.runner = new StatementRunner() {
            @Override
            public <T> List<T> query(Statement statement, RowMapper<T> rows) {
                return jdbc.sql(statement.sql()).params(statement.params()).query(rows).list();
            }
        };
        this.meaning = meaning;
        this.recentMeanings = recentMeanings;
        this.meaningWeight = meaningWeight;
        this.clock = clock;
        this.timer = Timer.builder("takeaways.search").description("Searches, from the query to the page of results")
                .publishPercentiles(0.5, 0.95, 0.99).register(meters);
    }

    /**
     * Runs the search. A query with nothing to search for ({@link SearchQuery#isEmpty()}, or only words to leave
     * out) finds nothing.
     */
    public Results search(Request request) {
        return timer.record(() -> search(request, runner));
    }

    /** The search, its statements run by {@code runner} (the benchmark's plain JDBC, or the app's). */
    public Results search(Request request, StatementRunner runner) {
        SearchQuery query = request.query();
        int page = Math.max(0, request.page());
        if (query.isEmpty()) {
            return new Results(query, page, List.of(), false, Map.of(), hereOnly(request));
        }
        Ranked ranked = rank(request, runner);
        List<Hit> hits;
        boolean hasMore;
        if (ranked.newest()) {
            hits = runner.query(newest(request, ranked.query(), page * PAGE_SIZE, PAGE_SIZE + 1),
                    TakeawaySearch::hit);
            hasMore = hits.size() > PAGE_SIZE;
            hits = hasMore ? hits.subList(0, PAGE_SIZE) : hits;
        } else {
            int from = Math.min(page * PAGE_SIZE, ranked.ids().size());
            List<Long> shown = ranked.ids().subList(from, Math.min(from + PAGE_SIZE, ranked.ids().size()));
            hits = hits(ranked, shown, runner);
            hasMore = ranked.ids().size() > from + PAGE_SIZE;
        }
        return new Results(ranked.query(), page, hits, hasMore, ranked.respelled(), hereOnly(request));
    }

    private static boolean hereOnly(Request request) {
        return request.audience().shownIn().map(where -> where.kind().isOwnConversationOnly()).orElse(false);
    }

    /**
     * The best matches, up to {@code limit} (what a summary of a search is built from), ranked as a search ranks
     * them (close spellings included). {@link Request#page()} is ignored.
     */
    public List<Hit> bestMatches(Request request, int limit) {
        if (request.query().isEmpty()) {
            return List.of();
        }
        Ranked ranked = rank(request, runner);
        if (ranked.newest()) {
            return runner.query(newest(request, ranked.query(), 0, limit), TakeawaySearch::hit);
        }
        return hits(ranked, ranked.ids().subList(0, Math.min(limit, ranked.ids().size())), runner);
    }

    /**
     * What runs a search's statements: the app's database access, or (in the benchmark) plain JDBC.
     */
    public interface StatementRunner {

        <T> List<T> query(Statement statement, RowMapper<T> rows);
    }

    /** A word of the query as the index holds it (its English stem), how many takeaways hold it, and its weight. */
    record Word(String word, String lexeme, int documents, double weight) {

        /** The stem as a query ({@code 'upgrad'}): as the index holds it, not stemmed again. */
        String quoted() {
            return "'" + lexeme + "'";
        }
    }

    /** The team's takeaways as counted for ranking: how many, and their average length in words. */
    record Counted(int documents, double averageLength) {

        /** BM25's inverse document frequency (Lucene's form: never negative). */
        double idf(int holding) {
            int total = Math.max(documents, holding);
            return Math.log(1 + (total - holding + 0.5) / (holding + 0.5));
        }

        boolean isRare(Word word) {
            return documents <= SMALL_TEAM || word.documents() <= documents * RARE_SHARE;
        }
    }

    /**
     * A search's order: the takeaways found, best first, or (no word that ranks anything: filters alone, or only
     * stop words) the newest, page by page.
     */
    private record Ranked(SearchQuery query, List<Long> ids, List<Word> words, boolean newest,
                          Map<String, String> respelled) {

        /** The words as a query of stems, any of them (what is highlighted). */
        String anyWord() {
            return words.stream().map(Word::quoted).distinct()
                    .collect(Collectors.joining(" | "));
        }
    }

    private Ranked rank(Request request, StatementRunner runner) {
        SearchQuery query = request.query();
        Map<String, String> respelled = new LinkedHashMap<>();
        if (!query.hasWords()) {
            return new Ranked(query, List.of(), List.of(), true, respelled);
        }
        // The query's meaning is worked out while its words are looked for (on two cores, side by side).
        CompletableFuture<Optional<float[]>> meant = meaningWeight > 0
                ? meaning.ofSoon(String.join(" ", query.rankingWords()))
                : CompletableFuture.completedFuture(Optional.empty());
        Lookup lookup = words(request, query, runner);
        SearchQuery asTyped = query;
        // A word no takeaway the person may see holds: its close spellings are looked for too ("karpentr").
        Map<String, List<String>> alternatives = closeSpellings(request, lookup.words().stream()
                .filter(word -> word.documents() == 0 && asTyped.singleWords().contains(word.word()))
                .map(Word::word).toList(), runner);
        if (!alternatives.isEmpty()) {
            query = query.withAlternatives(alternatives);
            alternatives.forEach((word, close) -> respelled.put(word, close.get(0)));
            lookup = words(request, query, runner);
        }
        List<Word> words = lookup.words();
        if (words.isEmpty()) {
            // Only words that say nothing on their own ("what about it"): the newest, as for filters alone.
            return new Ranked(query.withNote("Only very common words were given, so these are the newest takeaways."
                    + " Add a word that says what you are looking for."), List.of(), List.of(), true, respelled);
        }
        Counted counted = lookup.counted();
        Optional<String> strict = query.strictTsquery();
        List<Word> rare = words.stream().filter(counted::isRare).toList();
        List<Word> common = words.stream().filter(word -> !counted.isRare(word)).toList();
        Set<Long> candidates = new LinkedHashSet<>();
        candidates.addAll(runner.query(rareAndUnindexed(request, query, anyOf(rare), anyOf(words), strict),
                (rows, n) -> rows.getLong(1)));
        if (!common.isEmpty()) {
            // With a phrase, what is found holds the phrase: its most recent matches are the candidates.
            if (rare.isEmpty() && words.size() > 1 && !query.hasPhrases()) {
                // Every word, so that the recent takeaways holding all of them are among those ranked, however common
                // each is (with a rare word among them, they are among its matches, all read already). Over the
                // first period only (the last month, or a talk's whole time): reading further back through the text
                // index costs more than all the rest of a search, and older ones rank lower anyway.
                candidates.addAll(recent(request, query, words.stream().map(Word::quoted)
                        .distinct().collect(Collectors.joining(" & ")), strict, true, runner));
            }
            candidates.addAll(recent(request, query, anyOf(common), strict, false, runner));
        }
        Optional<Meaning.Probe> probe = meant.join().map(Meaning.Probe::of);
        List<RecentMeanings.Near> near = probe.map(p -> recentMeanings.nearest(request.teamId(), p,
                MEANING_CANDIDATES, MEANING_THRESHOLD, runner)).orElse(List.of());
        near.forEach(n -> candidates.add(n.id()));
        if (candidates.isEmpty()) {
            return new Ranked(query, List.of(), words, false, respelled);
        }
        List<Scored> scored = bm25(runner.query(scores(request, query, words, strict, candidates), Candidate::of),
                words, counted);
        if (probe.isPresent()) {
            scored = withMeanings(scored, near, runner);
        }
        return new Ranked(query, fused(scored, probe), words, false, respelled);
    }

    /** The words of a lookup, and how the team's takeaways were counted. */
    private record Lookup(List<Word> words, Counted counted) {
    }

    /**
     * The query's words that rank (question words left out; Postgres' English stop words have no stem), with their
     * stems and how many of the team's takeaways hold them.
     */
    private Lookup words(Request request, SearchQuery query, StatementRunner runner) {
        List<String> asked = query.rankingWords().stream()
                .filter(word -> !QUESTION_WORDS.contains(word.toLowerCase(java.util.Locale.ROOT))).toList();
        if (asked.isEmpty()) {
            return new Lookup(List.of(), new Counted(0, 1));
        }
        record Row(String word, String lexeme, int documents, int counted, double averageLength) {
        }
        List<Row> rows = runner.query(new Statement("""
                SELECT q.word, l.lexeme, coalesce(s.documents, 0) AS documents,
                       coalesce(c.documents, 0) AS counted, coalesce(c.average_length, 1) AS average_length
                FROM unnest(CAST(:words AS text[])) WITH ORDINALITY AS q (word, n)
                LEFT JOIN LATERAL (SELECT x AS lexeme FROM unnest(tsvector_to_array(to_tsvector('english', q.word))) x
                                   LIMIT 1) l ON true
                LEFT JOIN search_terms s ON s.team_id = :team AND s.lexeme = l.lexeme
                LEFT JOIN search_statistics c ON c.team_id = :team
                ORDER BY q.n
                """, Map.of("words", asked.toArray(String[]::new), "team", request.teamId())),
                (result, n) -> new Row(result.getString("word"), result.getString("lexeme"),
                        result.getInt("documents"), result.getInt("counted"), result.getDouble("average_length")));
        Counted counted = rows.isEmpty() ? new Counted(0, 1)
                : new Counted(rows.get(0).counted(), Math.max(1, rows.get(0).averageLength()));
        List<Word> words = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (Row row : rows) {
            if (row.lexeme() != null && seen.add(row.lexeme())) {
                double weight = PLACE_WORDS.contains(row.word().toLowerCase(java.util.Locale.ROOT)) ? PLACE_WEIGHT : 1;
                words.add(new Word(row.word(), row.lexeme(), row.documents(), weight));
            }
        }
        return new Lookup(words, counted);
    }

    /** Any of the words, as a query of stems; null for none. */
    private static String anyOf(List<Word> words) {
        return words.isEmpty() ? null
                : words.stream().map(Word::quoted).collect(Collectors.joining(" | "));
    }

    /** How a takeaway's vector is read: as indexed, or (not indexed yet: a second or so after its capture) now. */
    private static final String VECTOR = "coalesce(t.search_vector, takeaway_search_vector(t.text, t.tags,"
            + " (SELECT k.title FROM talks k WHERE k.id = t.talk_id)))";

    /**
     * The matches of the rare words (all of them, up to {@link #RARE_MATCHES}), and the takeaways not indexed yet
     * that match any word: those are read by their text, so a capture is found from its ack on.
     */
    private Statement rareAndUnindexed(Request request, SearchQuery query, String rare, String any,
                                       Optional<String> strict) {
        Map<String, Object> params = new LinkedHashMap<>();
        StringBuilder sql = new StringBuilder();
        if (rare != null) {
            StringBuilder where = where(request, query, params);
            where.append("  AND t.search_vector @@ CAST(:rare AS tsquery)\n");
            strict.ifPresent(s -> where.append("  AND t.search_vector @@ to_tsquery('english', :strict)\n"));
            params.put("rare", rare);
            params.put("rareMatches", RARE_MATCHES);
            sql.append("(SELECT t.id FROM takeaways t\n").append(where).append("LIMIT :rareMatches)\nUNION ALL\n");
        }
        StringBuilder where = where(request, query, params);
        where.append("  AND t.search_vector IS NULL AND ").append(VECTOR).append(" @@ CAST(:any AS tsquery)\n");
        strict.ifPresent(s -> where.append("  AND ").append(VECTOR).append(" @@ to_tsquery('english', :strict)\n"));
        params.put("any", any);
        params.put("unindexed", RARE_MATCHES);
        strict.ifPresent(s -> params.put("strict", s));
        sql.append("(SELECT t.id FROM takeaways t\n").append(where).append("LIMIT :unindexed)");
        return new Statement(sql.toString(), params);
    }

    /**
     * The ids of the {@link #RECENT_MATCHES} most recent matches of {@code tsquery} (stems).
     * <p>
     * A common word matches hundreds of thousands of takeaways, too many to rank in time: what is ranked are its most
     * recent matches, since recency counts in the rank anyway. They are looked for over the last month first (before
     * {@code before:}, when given), then the two months before, then all earlier time (from {@code after:}, when
     * given), only as long as too few are found; in a talk ({@code talk:}), over all of its time at once.
     * The first month up to now is read whichever way is quicker for the words (walking it newest first for a common
     * word, through the text index for a rarer one); an earlier period is only reached when the words are rare
     * enough in it that reading all of their matches there through the text index is quick, and is always read so.
     */
    private List<Long> recent(Request request, SearchQuery query, String tsquery, Optional<String> strict,
                              boolean firstPeriodOnly, StatementRunner runner) {
        Instant now = clock.instant();
        Optional<Instant> before = query.before().map(day -> day.atStartOfDay().toInstant(ZoneOffset.UTC))
                .filter(day -> day.isBefore(now));
        // Periods of whole days, [from, until): the days a takeaway may have been written on to be found at all.
        int end = before.map(TakeawaySearch::day).orElseGet(() -> day(now) + 1);
        int until = end;
        Integer first = query.after().map(day -> day(day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC)))
                .orElse(null);
        Set<Long> candidates = new LinkedHashSet<>();
        boolean upToNow = before.isEmpty();
        // A talk's takeaways are few enough (hundreds, a few thousand) to read all of its matches at once.
        int firstTier = query.talks().isEmpty() ? 0 : TIERS.size();
        int lastTier = firstPeriodOnly ? firstTier : TIERS.size();
        for (int tier = firstTier; tier <= lastTier && candidates.size() < RECENT_MATCHES; tier++) {
            Integer from = first;
            if (tier < TIERS.size()) {
                from = end - 1 - (int) TIERS.get(tier).toDays();
            }
            if (from != null && first != null) {
                from = Math.max(from, first);
            }
            if (from != null && from >= until) {
                continue;
            }
            candidates.addAll(runner.query(recentMatches(request, query, tsquery, strict,
                    new Days(from, until, upToNow && tier == 0, day(now)), RECENT_MATCHES - candidates.size()),
                    (rows, n) -> rows.getLong(1)));
            if (from == null || (first != null && from <= first)) {
                break;
            }
            until = from;
        }
        return new ArrayList<>(candidates);
    }

    /**
     * The days {@code from} (or all time, when null) up to before {@code until} (days since 1970-01-01 in UTC, as
     * {@code search_day} counts them).
     *
     * @param upToNow the period runs up to today: the newest takeaways, which a common word's search walks
     * @param today    the day it is now
     */
    private record Days(Integer from, int until, boolean upToNow, int today) {

        /** At most this many days are looked up one by one in the text index; longer, it is checked on each match. */
        static final int LISTED = 120;

        /**
         * Read from the text index as a range ({@code search_day >= from}), the days up to today are read, and each
         * costs less than a day looked up on its own (about 2.5 times less, measured over a million takeaways): a
         * range is the quicker way to a recent period.
         */
        boolean quickerAsRange() {
            return upToNow || (today + 1 - from) * 2 < (until - from) * 5;
        }
    }

    /**
     * Ids of the newest matches written in {@code days}, at most {@code limit}.
     * <p>
     * The day is in the text index next to the words. A recent period is given to it as a range of days (which it
     * reads up to today); an earlier one day by day, as a range would make it read every takeaway of every day up to
     * today, or since the first. The period up to now can also be walked newest first (a common word's search does);
     * any other period's matches are all read through the text index, then the newest kept (the {@code OFFSET 0}
     * keeps the planner from walking the period newest first instead).
     */
    private Statement recentMatches(Request request, SearchQuery query, String tsquery, Optional<String> strict,
                                    Days days, int limit) {
        Map<String, Object> params = new LinkedHashMap<>();
        StringBuilder where = where(request, query, params);
        where.append("  AND t.search_vector @@ CAST(:tsquery AS tsquery)\n");
        params.put("tsquery", tsquery);
        strict.ifPresent(s -> {
            where.append("  AND t.search_vector @@ to_tsquery('english', :strict)\n");
            params.put("strict", s);
        });
        if (days.from() != null && days.quickerAsRange()) {
            where.append("  AND t.search_day >= :fromDay\n");
            params.put("fromDay", days.from());
            if (!days.upToNow()) {
                where.append("  AND t.search_day + 0 < :untilDay\n");
                params.put("untilDay", days.until());
            }
        } else if (days.from() != null && days.until() - days.from() <= Days.LISTED) {
            // Computed in the statement, the list is not known when it is planned: known, its length would be
            // costed as that many index scans and the days left out of the index, which is what they are there for.
            where.append("  AND t.search_day = ANY (ARRAY(SELECT generate_series(CAST(:fromDay AS int),"
                    + " CAST(:untilDay AS int) - 1)))\n");
            params.put("fromDay", days.from());
            params.put("untilDay", days.until());
        } else {
            // Too many days to name: the period is checked on each match the words find (the "+ 0" keeps the
            // text index from reading every takeaway of those days).
            if (days.from() != null) {
                where.append("  AND t.search_day + 0 >= :fromDay\n");
                params.put("fromDay", days.from());
            }
            where.append("  AND t.search_day + 0 < :untilDay\n");
            params.put("untilDay", days.until());
        }
        params.put("limit", limit);
        // Newest first, by day then time (the same order): what lets a walk use the index by day.
        String sql = days.upToNow()
                ? "SELECT t.id FROM takeaways t\n" + where
                + "ORDER BY t.search_day DESC, t.created_at DESC LIMIT :limit"
                : "SELECT m.id FROM (SELECT t.id, t.search_day, t.created_at FROM takeaways t\n" + where
                + "OFFSET 0) m\nORDER BY m.search_day DESC, m.created_at DESC LIMIT :limit";
        return new Statement(sql, params);
    }

    /** A candidate as read: its length in words, how often it holds each query word (as ts_rank reads it). */
    private record Candidate(long id, Instant createdAt, int length, double[] ranks) {

        static Candidate of(ResultSet rows, int n) throws SQLException {
            Object[] ranks = (Object[]) rows.getArray("ranks").getArray();
            double[] values = new double[ranks.length];
            for (int i = 0; i < ranks.length; i++) {
                values[i] = ((Number) ranks[i]).doubleValue();
            }
            return new Candidate(rows.getLong("id"), rows.getObject("created_at", OffsetDateTime.class).toInstant(),
                    rows.getInt("length"), values);
        }
    }

    /** A candidate with its score by words (BM25, with a mild boost for what is recent) and its meaning, if known. */
    private record Scored(long id, double score, Instant createdAt, byte[] embedding) {
    }

    /**
     * The candidates the audience may see that pass the filters and whatever must match (phrases, words left out),
     * each with its length and how often it holds each query word: ts_rank, one word at a time (in C, on the vector
     * as stored: ten times quicker than unnesting it), weighted by where it is (title and tags, or text) and
     * already saturating.
     */
    private Statement scores(Request request, SearchQuery query, List<Word> words, Optional<String> strict,
                             Set<Long> candidates) {
        Map<String, Object> params = new LinkedHashMap<>();
        StringBuilder where = where(request, query, params);
        where.append("  AND t.id = ANY (CAST(:candidates AS bigint[]))\n");
        strict.ifPresent(s -> {
            where.append("  AND v.vector @@ to_tsquery('english', :strict)\n");
            params.put("strict", s);
        });
        params.put("candidates", candidates.toArray(Long[]::new));
        params.put("rankWeights", RANK_WEIGHTS);
        StringBuilder ranks = new StringBuilder();
        for (int i = 0; i < words.size(); i++) {
            ranks.append(i == 0 ? "" : ", ").append("ts_rank(CAST(:rankWeights AS float4[]), v.vector, CAST(:term")
                    .append(i).append(" AS tsquery), 0)");
            params.put("term" + i, words.get(i).quoted());
        }
        return new Statement("SELECT t.id, t.created_at,\n"
                + "       coalesce(t.search_length, tsvector_word_count(v.vector)) AS length,\n"
                + "       ARRAY[" + ranks + "] AS ranks\n"
                + "FROM takeaways t CROSS JOIN LATERAL (SELECT " + VECTOR + " AS vector) v\n" + where, params);
    }

    /**
     * BM25: for each query word, its inverse document frequency in the team times its saturated frequency in the
     * takeaway (one occurrence in the text counting 1, in the title or tags {@link #HEAD_WEIGHT}), normalised by
     * the takeaway's length; then up to {@link #RECENCY} more for what is new, fading over months. Best first.
     */
    private List<Scored> bm25(List<Candidate> candidates, List<Word> words, Counted counted) {
        double[] idf = words.stream().mapToDouble(word -> word.weight() * counted.idf(word.documents())).toArray();
        Instant now = clock.instant();
        List<Scored> scored = new ArrayList<>(candidates.size());
        for (Candidate candidate : candidates) {
            double norm = K1 * (1 - B + B * candidate.length() / counted.averageLength());
            double score = 0;
            for (int i = 0; i < idf.length && i < candidate.ranks().length; i++) {
                double tf = candidate.ranks()[i] * HEAD_WEIGHT / ONE_HEAD_OCCURRENCE;
                if (tf > 0) {
                    score += idf[i] * tf * (K1 + 1) / (tf + norm);
                }
            }
            double months = Math.max(0, java.time.Duration.between(candidate.createdAt(), now).toSeconds()) / 2592000.0;
            score *= 1 + RECENCY / (1 + months);
            scored.add(new Scored(candidate.id(), score, candidate.createdAt(), null));
        }
        scored.sort(Comparator.comparingDouble(Scored::score).reversed()
                .thenComparing(Scored::createdAt, Comparator.reverseOrder())
                .thenComparing(Scored::id, Comparator.reverseOrder()));
        return scored;
    }

    /**
     * The embeddings of the best {@link #COMPARED} by words and of those found near in meaning (all of them: the
     * scores kept only those the audience may see), read for the ranking by meaning.
     */
    private static List<Scored> withMeanings(List<Scored> scored, List<RecentMeanings.Near> near,
                                             StatementRunner runner) {
        Set<Long> ids = new LinkedHashSet<>();
        scored.stream().limit(COMPARED).forEach(row -> ids.add(row.id()));
        Set<Long> nearIds = new java.util.HashSet<>();
        near.forEach(n -> nearIds.add(n.id()));
        scored.stream().filter(row -> nearIds.contains(row.id())).forEach(row -> ids.add(row.id()));
        Map<Long, byte[]> embeddings = new java.util.HashMap<>();
        runner.query(new Statement("SELECT t.id, t.embedding FROM takeaways t"
                        + " WHERE t.id = ANY (CAST(:ids AS bigint[])) AND t.embedding IS NOT NULL",
                        Map.of("ids", ids.toArray(Long[]::new))),
                (rows, n) -> embeddings.put(rows.getLong("id"), rows.getBytes("embedding")));
        return scored.stream().map(row -> new Scored(row.id(), row.score(), row.createdAt(),
                embeddings.get(row.id()))).toList();
    }

    /**
     * The two rankings fused (reciprocal rank fusion): by words, and by meaning (the query's cosine with each
     * takeaway's embedding). A takeaway no word matched is kept only if it is near the query in meaning.
     */
    private List<Long> fused(List<Scored> scored, Optional<Meaning.Probe> probe) {
        Map<Long, Double> fused = new LinkedHashMap<>();
        int place = 0;
        for (Scored row : scored) {
            if (row.score() > 0) {
                fused.put(row.id(), 1.0 / (FUSION_K + ++place));
            }
        }
        if (probe.isPresent()) {
            record ByMeaning(Scored row, double cosine) {
            }
            List<ByMeaning> byMeaning = scored.stream().filter(row -> row.embedding() != null)
                    .map(row -> new ByMeaning(row, probe.get().cosine(row.embedding())))
                    .filter(near -> near.row().score() > 0 || near.cosine() >= MEANING_THRESHOLD)
                    .sorted(Comparator.comparingDouble(ByMeaning::cosine).reversed()).toList();
            place = 0;
            for (ByMeaning near : byMeaning) {
                fused.merge(near.row().id(), meaningWeight / (FUSION_K + ++place), Double::sum);
            }
        }
        Map<Long, Scored> rows = new java.util.HashMap<>();
        scored.forEach(row -> rows.put(row.id(), row));
        return fused.entrySet().stream()
                .sorted(Comparator.<Map.Entry<Long, Double>>comparingDouble(Map.Entry::getValue).reversed()
                        .thenComparing(entry -> rows.get(entry.getKey()).score(), Comparator.reverseOrder())
                        .thenComparing(entry -> rows.get(entry.getKey()).createdAt(), Comparator.reverseOrder())
                        .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                .map(Map.Entry::getKey).toList();
    }

    /** The hits for these ids, in this order, with snippets centred on the words that matched best. */
    private List<Hit> hits(Ranked ranked, List<Long> ids, StatementRunner runner) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("ids", ids.toArray(Long[]::new));
        params.put("snippetLength", SNIPPET_LENGTH);
        params.put("all", HEADLINE_ALL);
        params.put("some", HEADLINE_OPTIONS);
        String snippet;
        if (ranked.words().isEmpty()) {
            snippet = "left(takeaway_search_text(t.text), :snippetLength + 1)";
        } else {
            params.put("highlight", ranked.anyWord());
            snippet = """
                    CASE WHEN length(takeaway_search_text(t.text)) <= :snippetLength
                         THEN ts_headline('english', takeaway_search_text(t.text), CAST(:highlight AS tsquery), :all)
                         ELSE ts_headline('english', takeaway_search_text(t.text), CAST(:highlight AS tsquery), :some)
                    END""";
        }
        List<Hit> hits = runner.query(new Statement(
                "SELECT t.id, t.user_id, t.channel_id, t.tags, t.permalink, t.created_at, k.title AS talk, " + snippet
                        + " AS snippet\nFROM takeaways t LEFT JOIN talks k ON k.id = t.talk_id\n"
                        + "WHERE t.id = ANY (CAST(:ids AS bigint[]))", params), TakeawaySearch::hit);
        Map<Long, Hit> byId = new java.util.HashMap<>();
        hits.forEach(hit -> byId.put(hit.id(), hit));
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    /** Without words to rank by: the newest the audience may see that pass the filters (and the words left out). */
    private Statement newest(Request request, SearchQuery query, int offset, int limit) {
        Map<String, Object> params = new LinkedHashMap<>();
        StringBuilder where = where(request, query, params);
        query.strictTsquery().ifPresent(strict -> {
            where.append("  AND ").append(VECTOR).append(" @@ to_tsquery('english', :strict)\n");
            params.put("strict", strict);
        });
        params.put("snippetLength", SNIPPET_LENGTH);
        params.put("limit", limit);
        params.put("offset", offset);
        return new Statement("""
                SELECT r.id, r.user_id, r.channel_id, r.tags, r.permalink, r.created_at, k.title AS talk,
                       left(takeaway_search_text(r.text), :snippetLength + 1) AS snippet
                FROM (SELECT t.id, t.user_id, t.channel_id, t.tags, t.permalink, t.created_at, t.text, t.talk_id
                      FROM takeaways t
                """ + where + """
                      ORDER BY t.created_at DESC, t.id DESC
                      LIMIT :limit OFFSET :offset) r
                LEFT JOIN talks k ON k.id = r.talk_id
                ORDER BY r.created_at DESC, r.id DESC
                """, params);
    }

    /** As the trigger writes {@code search_day}: days since 1970-01-01 in UTC. */
    private static int day(Instant instant) {
        return (int) Math.floorDiv(instant.getEpochSecond(), 86_400L);
    }

    /** What the audience may see (its workspace, not deleted, the privacy rule), and the query's filters. */
    private static StringBuilder where(Request request, SearchQuery query, Map<String, Object> params) {
        Visibility.Predicate visible = Visibility.of(request.audience(), "t", request.derived());
        params.putAll(visible.params());
        params.put("team", request.teamId());
        StringBuilder where = new StringBuilder("WHERE ").append(visible.sql()).append('\n');
        filters(request, query, where, params);
        return where;
    }

    private static void filters(Request request, SearchQuery query, StringBuilder where, Map<String, Object> params) {
        if (!query.tags().isEmpty()) {
            where.append("  AND t.tags @> CAST(:tags AS text[])\n");
            params.put("tags", query.tags().toArray(String[]::new));
        }
        List<String> authors = new ArrayList<>(query.authors());
        if (query.fromViewer()) {
            // from:me in a summary posted for a conversation: nobody in particular, so no one's takeaways
            authors.add(request.audience().viewerId().orElse(""));
        }
        if (!authors.isEmpty()) {
            where.append("  AND t.user_id = ANY (CAST(:authors AS text[]))\n");
            params.put("authors", authors.toArray(String[]::new));
        }
        if (!query.channelIds().isEmpty() || !query.channelNames().isEmpty()) {
            where.append("""
                      AND (t.channel_id = ANY (CAST(:channelIds AS text[]))
                           OR t.channel_id IN (SELECT c.channel_id FROM channels c
                                               WHERE c.team_id = :team AND lower(c.name) = ANY (CAST(:channelNames AS text[]))))
                    """);
            params.put("channelIds", query.channelIds().toArray(String[]::new));
            params.put("channelNames", query.channelNames().toArray(String[]::new));
        }
        if (!query.talks().isEmpty()) {
            where.append("  AND t.talk_id IN (SELECT k.id FROM talks k WHERE k.team_id = :team AND k.title ILIKE ANY (CAST(:talks AS text[])))\n");
            params.put("talks", query.talks().stream().map(title -> "%" + likeEscaped(title) + "%").toArray(String[]::new));
        }
        // As Slack's search reads them: after:2026-01-01 is from January 2nd on, before:2026-12-31 up to December 30th.
        query.after().ifPresent(day -> {
            where.append("  AND t.created_at >= :after\n");
            params.put("after", day.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC));
        });
        query.before().ifPresent(day -> {
            where.append("  AND t.created_at < :before\n");
            params.put("before", day.atStartOfDay().atOffset(ZoneOffset.UTC));
        });
    }

    /**
     * What a query selects when every match is wanted rather than a ranked page (an export): its filters, phrases
     * and words left out, strict as a search applies them, and every one of its words (all of them, where a search
     * ranks any), in takeaways indexed or not yet (read by their text). A condition on the takeaways row {@code t},
     * with its parameters, to go beside the reader's own {@link Visibility} condition; {@code TRUE} for an empty
     * query. Close spellings are not looked for: what is selected is what was asked for.
     */
    public static Statement selecting(Audience audience, SearchQuery query) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("team", audience.teamId());
        StringBuilder where = new StringBuilder("TRUE\n");
        filters(new Request(audience, query, 0), query, where, params);
        Optional<String> words = query.hasWords() ? query.tsquery() : query.strictTsquery();
        words.ifPresent(tsquery -> {
            where.append("  AND ").append(VECTOR).append(" @@ to_tsquery('english', :selected)\n");
            params.put("selected", tsquery);
        });
        return new Statement(where.toString(), params);
    }

    /** Close words looked at for each word that found nothing, best first; of these, the first three seen count. */
    static final int CLOSE_CANDIDATES = 8;

    /**
     * For each word no takeaway the searcher may see holds, the closest words (pg_trgm similarity) of the team's
     * vocabulary that are in a takeaway they may see, best first (at most three). Words under four letters are left
     * alone: too short to tell a typo from another word.
     */
    private Map<String, List<String>> closeSpellings(Request request, List<String> words, StatementRunner runner) {
        Map<String, List<String>> alternatives = new LinkedHashMap<>();
        for (String word : words) {
            if (word.length() < 4 || seen(request, word, runner)) {
                continue;
            }
            List<String> close = new ArrayList<>();
            for (String candidate : runner.query(closeSpellingsStatement(request, word), (rows, n) -> rows.getString(1))) {
                if (close.size() < 3 && seen(request, candidate, runner)) {
                    close.add(candidate);
                }
            }
            if (!close.isEmpty() && !close.get(0).equals(word)) {
                alternatives.put(word, close);
            }
        }
        return alternatives;
    }

    private boolean seen(Request request, String word, StatementRunner runner) {
        return runner.query(visibleWordStatement(request, word), (rows, n) -> rows.getBoolean(1)).get(0);
    }

    /**
     * The statement that finds a word's closest words in the team's vocabulary (the word itself first, if known).
     * The vocabulary holds every word ever written, private and deleted takeaways' too: each is offered only if
     * {@link #visibleWordStatement} says a takeaway the searcher may see holds it now.
     */
    public Statement closeSpellingsStatement(Request request, String word) {
        Visibility.Predicate visible = Visibility.of(request.audience(), "t", request.derived());
        Map<String, Object> params = new LinkedHashMap<>(visible.params());
        params.put("team", request.teamId());
        params.put("word", word);
        params.put("candidates", CLOSE_CANDIDATES);
        // With the words of takeaways not indexed yet (a second or so after their capture), read from their text.
        return new Statement("""
                SELECT c.word FROM (
                    SELECT w.word FROM search_words w
                    WHERE w.team_id = :team AND w.word % :word
                    UNION
                    SELECT p.word
                    FROM takeaways t, takeaway_words(t.text, t.tags, (SELECT k.title FROM talks k WHERE k.id = t.talk_id))
                         AS p (word)
                    WHERE t.search_vector IS NULL AND p.word % :word AND\s""" + visible.sql() + """

                ) c
                ORDER BY c.word = :word DESC, similarity(c.word, :word) DESC, c.word
                LIMIT :candidates
                """, params);
    }

    /**
     * Whether a takeaway the searcher may see holds the word. One statement per word, the word bound as a value:
     * planned for it, a common word's first takeaway is found by walking a few rows, a rare one's through the text
     * index (a word taken from the vocabulary inside one statement would read a common word's whole posting list).
     */
    public Statement visibleWordStatement(Request request, String word) {
        Visibility.Predicate visible = Visibility.of(request.audience(), "t", request.derived());
        Map<String, Object> params = new LinkedHashMap<>(visible.params());
        params.put("word", word);
        return new Statement("SELECT EXISTS (SELECT 1 FROM takeaways t WHERE t.search_vector @@ plainto_tsquery("
                + "'english', :word) AND " + visible.sql() + ")\n"
                // or one not indexed yet, read by its text
                + "    OR EXISTS (SELECT 1 FROM takeaways t WHERE t.search_vector IS NULL AND " + VECTOR
                + " @@ plainto_tsquery('english', :word) AND " + visible.sql() + ")", params);
    }

    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** A row of a page statement as a hit. */
    public static Hit hit(ResultSet rows, int n) throws SQLException {
        return new Hit(rows.getLong("id"), rows.getString("user_id"), rows.getString("channel_id"),
                snippet(rows.getString("snippet")), Optional.ofNullable(rows.getString("talk")),
                List.of((String[]) rows.getArray("tags").getArray()), Optional.ofNullable(rows.getString("permalink")),
                rows.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    /** At most about {@link #SNIPPET_LENGTH} characters, never cutting a highlight in two. */
    static String snippet(String headline) {
        // takeaway_search_text writes a typed < and > as ‹ and › so they are not read as HTML: back as typed.
        String text = headline == null ? "" : headline.strip().replace('‹', '<').replace('›', '>');
        if (text.length() <= SNIPPET_LENGTH) {
            return text;
        }
        int cut = SNIPPET_LENGTH;
        if (Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        String head = text.substring(0, cut);
        int space = head.lastIndexOf(' ');
        if (space > SNIPPET_LENGTH * 2 / 3) {
            head = head.substring(0, space);
        }
        if (head.lastIndexOf(HIGHLIGHT_START) > head.lastIndexOf(HIGHLIGHT_END)) {
            head = head + HIGHLIGHT_END;
        }
        return head.stripTrailing() + "…";
    }
}
