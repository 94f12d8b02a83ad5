package app.takeaways.search;

import app.takeaways.note.Audience;
import app.takeaways.note.Visibility;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ranked full-text search over a team's takeaways, in Postgres: English stemming, the talk's title and the tags
 * above the text, a mild boost for what is recent, and close spellings tried when nothing matches. What the
 * searcher may see ({@link Visibility}, for the request's {@link Audience}) is part of every statement's SQL, close
 * spellings included: a word only found in takeaways they may not see is never suggested.
 */
@Service
public class TakeawaySearch {

    public static final int PAGE_SIZE = 5;

    /** Around a snippet's highlighted words: where bold starts and ends (characters no one types). */
    public static final char HIGHLIGHT_START = '\uE000';
    public static final char HIGHLIGHT_END = '\uE001';

    /** Of a search's matches, the most recent this many are ranked. */
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
    }

    /** One takeaway found; its snippet marks matches with {@link #HIGHLIGHT_START} and {@link #HIGHLIGHT_END}. */
    public record Hit(long id, String userId, String channelId, String snippet, Optional<String> talkTitle,
                      List<String> tags, Optional<String> permalink, Instant createdAt) {
    }

    /**
     * A page of results.
     *
     * @param respelled close spellings tried because the words as typed found nothing ("karpentr" → "karpenter")
     * @param hereOnly  only what was written in the conversation could be searched (one shared with another
     *                  organisation, or of a kind Slack has not told)
     */
    public record Results(SearchQuery query, int page, List<Hit> hits, boolean hasMore,
                          Map<String, String> respelled, boolean hereOnly) {

        public Results(SearchQuery query, int page, List<Hit> hits, boolean hasMore, Map<String, String> respelled) {
            this(query, page, hits, hasMore, respelled, false);
        }

        public boolean isEmpty() {
            return hits.isEmpty();
        }
    }

    private final JdbcClient jdbc;
    private final StatementRunner runner;
    private final Clock clock;
    private final Timer timer;

    TakeawaySearch(JdbcClient jdbc, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.runner = new StatementRunner() {
            @Override
            public List<Long> ids(Statement statement) {
                return jdbc.sql(statement.sql()).params(statement.params()).query(Long.class).list();
            }

            @Override
            public List<Hit> hits(Statement statement) {
                return jdbc.sql(statement.sql()).params(statement.params()).query(TakeawaySearch::hit).list();
            }
        };
        this.clock = clock;
        this.timer = Timer.builder("takeaways.search").description("Searches, from the query to the page of results")
                .publishPercentiles(0.5, 0.95, 0.99).register(meters);
    }

    /**
     * Runs the search. A query with nothing to search for ({@link SearchQuery#isEmpty()}, or only words to leave
     * out) finds nothing.
     */
    public Results search(Request request) {
        return timer.record(() -> run(request));
    }

    private Results run(Request request) {
        SearchQuery query = request.query();
        int page = Math.max(0, request.page());
        if (query.isEmpty()) {
            return new Results(query, page, List.of(), false, Map.of(), hereOnly(request));
        }
        List<Hit> hits = find(request, query, page * PAGE_SIZE, PAGE_SIZE + 1);
        Map<String, String> respelled = new LinkedHashMap<>();
        // Nothing as typed: try close spellings. A later page of a respelled search is respelled the same way.
        if (hits.isEmpty() && query.hasWords() && (page == 0 || find(request, query, 0, 1).isEmpty())) {
            Map<String, List<String>> alternatives = closeSpellings(request, query.singleWords());
            if (!alternatives.isEmpty()) {
                query = query.withAlternatives(alternatives);
                hits = find(request, query, page * PAGE_SIZE, PAGE_SIZE + 1);
                alternatives.forEach((word, close) -> respelled.put(word, close.get(0)));
            }
        }
        boolean hasMore = hits.size() > PAGE_SIZE;
        return new Results(query, page, hasMore ? hits.subList(0, PAGE_SIZE) : hits, hasMore, respelled,
                hereOnly(request));
    }

    private static boolean hereOnly(Request request) {
        return request.audience().shownIn().map(where -> where.kind().isOwnConversationOnly()).orElse(false);
    }

    /**
     * The best matches, up to {@code limit} (what a summary of a search is built from), as typed: no close
     * spellings. {@link Request#page()} is ignored.
     */
    public List<Hit> bestMatches(Request request, int limit) {
        return request.query().isEmpty() ? List.of() : find(request, request.query(), 0, limit);
    }

    /**
     * What runs a search's statements: the app's database access, or (in the benchmark) plain JDBC. Each statement
     * either selects takeaway ids, or a page of hits ({@link #hit}).
     */
    public interface StatementRunner {

        List<Long> ids(Statement statement);

        List<Hit> hits(Statement statement);
    }

    /**
     * Rows {@code offset} to {@code offset + limit} of a search, as typed, through {@code runner}.
     * <p>
     * Filters alone list the newest. With words, a common word matches hundreds of thousands of takeaways, too many
     * to rank in time: what is ranked are the {@link #RECENT_MATCHES} most recent matches, since recency counts in
     * the rank anyway. They are looked for over the last month first (before {@code before:}, when given), then the
     * two months before, then all earlier time (from {@code after:}, when given), only as long as too few are found;
     * in a talk ({@code talk:}), over all of its time at once.
     * The first month up to now is read whichever way is quicker for the words (walking it newest first for a common
     * word, through the text index for a rarer one); an earlier period is only reached when the words are rare
     * enough in it that reading all of their matches there through the text index is quick, and is always read so.
     */
    public List<Hit> find(Request request, SearchQuery query, int offset, int limit, StatementRunner runner) {
        if (query.tsquery().isEmpty()) {
            return runner.hits(page(request, query, null, offset, limit));
        }
        Instant now = clock.instant();
        Optional<Instant> before = query.before().map(day -> day.atStartOfDay().toInstant(ZoneOffset.UTC))
                .filter(day -> day.isBefore(now));
        // Periods of whole days, [from, until): the days a takeaway may have been written on to be found at all.
        int end = before.map(TakeawaySearch::day).orElseGet(() -> day(now) + 1);
        int until = end;
        Integer first = query.after().map(day -> day(day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC)))
                .orElse(null);
        java.util.Set<Long> candidates = new java.util.LinkedHashSet<>();
        boolean upToNow = before.isEmpty();
        // A talk's takeaways are few enough (hundreds, a few thousand) to read all of its matches at once.
        int firstTier = query.talks().isEmpty() ? 0 : TIERS.size();
        for (int tier = firstTier; tier <= TIERS.size() && candidates.size() < RECENT_MATCHES; tier++) {
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
            candidates.addAll(runner.ids(recentMatches(request, query,
                    new Days(from, until, upToNow && tier == 0, day(now)), RECENT_MATCHES - candidates.size())));
            if (from == null || (first != null && from <= first)) {
                break;
            }
            until = from;
        }
        return candidates.isEmpty() ? List.of()
                : runner.hits(page(request, query, new ArrayList<>(candidates), offset, limit));
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
    private Statement recentMatches(Request request, SearchQuery query, Days days, int limit) {
        Map<String, Object> params = new LinkedHashMap<>();
        StringBuilder where = where(request, query, params);
        where.append("  AND t.search_vector @@ to_tsquery('english', :tsquery)\n");
        params.put("tsquery", query.tsquery().orElseThrow());
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

    /**
     * A page of hits: the candidates ranked (relevance, length-normalised, with title and tags weighing more, then
     * a boost of up to half for what is new, fading over months), or without words the newest, with snippets.
     */
    private Statement page(Request request, SearchQuery query, List<Long> candidates, int offset, int limit) {
        Map<String, Object> params = new LinkedHashMap<>();
        String ranked;
        String snippet;
        if (candidates != null) {
            params.put("tsquery", query.tsquery().orElseThrow());
            params.put("candidates", candidates.toArray(Long[]::new));
            params.put("now", OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
            ranked = """
                    SELECT t.id, t.user_id, t.channel_id, t.tags, t.permalink, t.created_at, t.text, t.talk_id,
                           ts_rank(t.search_vector, q.query, 1)
                             * (1 + 0.5 / (1 + greatest(0, date_part('epoch', :now - t.created_at)) / 2592000.0))
                             AS score
                    FROM takeaways t, (SELECT to_tsquery('english', :tsquery) AS query) q
                    WHERE t.id = ANY (CAST(:candidates AS bigint[]))
                    ORDER BY score DESC, t.created_at DESC, t.id DESC
                    LIMIT :limit OFFSET :offset
                    """;
            params.put("snippetLength", SNIPPET_LENGTH);
            params.put("all", HEADLINE_ALL);
            params.put("some", HEADLINE_OPTIONS);
            snippet = """
                    CASE WHEN length(takeaway_search_text(r.text)) <= :snippetLength
                         THEN ts_headline('english', takeaway_search_text(r.text), to_tsquery('english', :tsquery), :all)
                         ELSE ts_headline('english', takeaway_search_text(r.text), to_tsquery('english', :tsquery), :some)
                    END""";
        } else {
            ranked = """
                    SELECT t.id, t.user_id, t.channel_id, t.tags, t.permalink, t.created_at, t.text, t.talk_id,
                           0 AS score
                    FROM takeaways t
                    """ + where(request, query, params) + """
                    ORDER BY t.created_at DESC, t.id DESC
                    LIMIT :limit OFFSET :offset
                    """;
            params.put("snippetLength", SNIPPET_LENGTH);
            snippet = "left(takeaway_search_text(r.text), :snippetLength + 1)";
        }
        params.put("limit", limit);
        params.put("offset", offset);
        String sql = "SELECT r.id, r.user_id, r.channel_id, r.tags, r.permalink, r.created_at, k.title AS talk, "
                + snippet + " AS snippet\nFROM (" + ranked + ") r LEFT JOIN talks k ON k.id = r.talk_id\n"
                + "ORDER BY r.score DESC, r.created_at DESC, r.id DESC";
        return new Statement(sql, params);
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

    /** Rows from {@code offset} on, at most {@code limit} (a page asks for one more, to know if there is a next). */
    private List<Hit> find(Request request, SearchQuery query, int offset, int limit) {
        return find(request, query, offset, limit, runner);
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

    /** Close words looked at for each word that found nothing, best first; of these, the first three seen count. */
    static final int CLOSE_CANDIDATES = 8;

    /**
     * For each word that finds nothing, the closest words (pg_trgm similarity) of the team's vocabulary that are in
     * a takeaway the searcher may see, best first (at most three). Words under four letters are left alone: too
     * short to tell a typo from another word.
     */
    private Map<String, List<String>> closeSpellings(Request request, List<String> words) {
        Map<String, List<String>> alternatives = new LinkedHashMap<>();
        for (String word : words) {
            if (word.length() < 4) {
                continue;
            }
            Statement candidates = closeSpellingsStatement(request, word);
            List<String> close = new ArrayList<>();
            for (String candidate : jdbc.sql(candidates.sql()).params(candidates.params()).query(String.class).list()) {
                Statement seen = visibleWordStatement(request, candidate);
                if (close.size() < 3 && jdbc.sql(seen.sql()).params(seen.params()).query(Boolean.class).single()) {
                    close.add(candidate);
                }
            }
            if (!close.isEmpty() && !close.get(0).equals(word)) {
                alternatives.put(word, close);
            }
        }
        return alternatives;
    }

    /**
     * The statement that finds a word's closest words in the team's vocabulary (the word itself first, if known).
     * The vocabulary holds every word ever written, private and deleted takeaways' too: each is offered only if
     * {@link #visibleWordStatement} says a takeaway the searcher may see holds it now.
     */
    public Statement closeSpellingsStatement(Request request, String word) {
        return new Statement("""
                SELECT w.word FROM search_words w
                WHERE w.team_id = :team AND w.word % :word
                ORDER BY w.word = :word DESC, similarity(w.word, :word) DESC, w.word
                LIMIT :candidates
                """, Map.of("team", request.teamId(), "word", word, "candidates", CLOSE_CANDIDATES));
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
                + "'english', :word) AND " + visible.sql() + ")", params);
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
