package app.takeaways.bench;

import app.takeaways.note.Audience;
import app.takeaways.note.Conversation;
import app.takeaways.workspace.ChannelType;

import app.takeaways.bench.SearchCorpus.Channel;
import app.takeaways.bench.SearchCorpus.Talk;
import app.takeaways.search.SearchQuery;
import app.takeaways.search.SearchQuery.Term;
import app.takeaways.search.SearchQueryParser;
import app.takeaways.search.TakeawaySearch;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import org.springframework.jdbc.core.RowMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;


/**
 * Search latency over a million takeaways: each kind of search (a rare word, a common one, a phrase, filters, a
 * typo, ...) run many times through the app's own {@link TakeawaySearch}, and the same statements run as bare SQL
 * over plain JDBC on the same data, the floor the app is measured against. Prints p50/p95/p99 of both, their
 * ratio, and flags what misses the product's bars (app p95 <= 25 ms, within 2x of bare SQL); then EXPLAIN
 * (ANALYZE, BUFFERS) of the worst.
 * <p>
 * The app runs in this JVM (its Spring context, Flyway building the schema) against an embedded Postgres 17 whose
 * data directory is kept: the corpus ({@link SearchCorpus}) is generated and loaded once, then reused.
 * <p>
 * Usage: {@code bench/run.sh SearchBenchmark [--data-dir=target/bench-search/pg] [--takeaways=1000000]
 * [--regenerate] [--warmup=20] [--iterations=200] [--budget=60] [--only=text,text]
 * [--postgres=name=value,name=value]}. A corpus of another size (or version) in the data directory is replaced.
 * {@code --budget} caps the seconds one kind of search is measured for (at least 20 iterations even so);
 * {@code --only} runs the kinds whose name contains one of the texts; {@code --postgres} tries Postgres settings.
 */
public final class SearchBenchmark {

    private static final String TEAM = SearchCorpus.TEAM;
    private static final double TARGET_P95_MS = 25;
    private static final double TARGET_RATIO = 2;
    private static final int MIN_MEASURED = 20;
    private static final int WORST_EXPLAINED = 5;

    private SearchBenchmark() {
    }

    /** Command-line settings. */
    record Options(Path dataDirectory, int takeaways, boolean regenerate, int warmup, int iterations, Duration budget,
                   List<String> only, Map<String, String> postgres) {

        static Options parse(String[] args) {
            Map<String, String> values = new LinkedHashMap<>();
            for (String arg : args) {
                if (!arg.startsWith("--")) {
                    throw new IllegalArgumentException("Unknown argument " + arg + " (see SearchBenchmark's javadoc)");
                }
                int equals = arg.indexOf('=');
                values.put(equals < 0 ? arg.substring(2) : arg.substring(2, equals),
                        equals < 0 ? "true" : arg.substring(equals + 1));
            }
            Options options = new Options(Path.of(values.getOrDefault("data-dir", "target/bench-search/pg")),
                    Integer.parseInt(values.getOrDefault("takeaways", "1000000")),
                    Boolean.parseBoolean(values.getOrDefault("regenerate", "false")),
                    Integer.parseInt(values.getOrDefault("warmup", "20")),
                    Integer.parseInt(values.getOrDefault("iterations", "200")),
                    Duration.ofSeconds(Long.parseLong(values.getOrDefault("budget", "60"))),
                    List.of(values.getOrDefault("only", "").split(",")),
                    settings(values.getOrDefault("postgres", "")));
            values.keySet().removeAll(List.of("data-dir", "takeaways", "regenerate", "warmup", "iterations", "budget",
                    "only", "postgres"));
            if (!values.isEmpty()) {
                throw new IllegalArgumentException("Unknown option(s) " + values.keySet());
            }
            return options;
        }

        /** {@code name=value,name=value}: Postgres settings to try (plan_cache_mode, say). */
        private static Map<String, String> settings(String list) {
            Map<String, String> settings = new LinkedHashMap<>();
            for (String setting : list.split(",")) {
                if (!setting.isBlank()) {
                    String[] nameValue = setting.split("=", 2);
                    if (nameValue.length != 2) {
                        throw new IllegalArgumentException("--postgres takes name=value,name=value, not " + list);
                    }
                    settings.put(nameValue[0].strip(), nameValue[1].strip());
                }
            }
            return settings;
        }
    }

    /** One kind of search, in several variants of the same form, so that no one cached value flatters it. */
    record Shape(String name, List<Variant> variants) {

        Shape onPage(int page) {
            return new Shape(name, variants.stream().map(v -> new Variant(v.query(), v.viewer(), v.channel(), page))
                    .toList());
        }

        /** Run in this conversation ({@code null}: App Home). */
        Shape runIn(String channel) {
            return new Shape(name, variants.stream().map(v -> new Variant(v.query(), v.viewer(), channel, v.page()))
                    .toList());
        }
    }

    /** A search as someone runs it: what they typed, who they are, where (null: App Home), which page (0 first). */
    record Variant(String query, String viewer, String channel, int page) {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        try (CorpusApp app = CorpusApp.start(options.dataDirectory(), options.takeaways(), options.regenerate(),
                options.postgres())) {
            Connection connection = app.connection;
            describe(connection);
            List<Shape> shapes = shapes(app.corpus, app.corpusEnd, connection).stream()
                    .filter(shape -> options.only().stream().anyMatch(shape.name()::contains)).toList();
            TakeawaySearch search = app.bean(TakeawaySearch.class);
            // The bare SQL's connection set up as the app's pool sets up each of its own.
            String connectionInit = app.context.getEnvironment()
                    .getProperty("spring.datasource.hikari.connection-init-sql");
            if (connectionInit != null && !connectionInit.isBlank()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(connectionInit);
                }
            }
            run(shapes, search, new BareSearch(search, connection), options);
        }
    }

    /** The machine, Postgres' settings and the corpus' sizes: what the numbers below depend on. */
    private static void describe(Connection connection) throws SQLException {
        System.out.printf("Machine: %d CPUs, %s %s, Java %s (%s), max heap %,d MiB%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("os.arch"), System.getProperty("java.version"), System.getProperty("java.vm.name"),
                Runtime.getRuntime().maxMemory() >> 20);
        System.out.println("Postgres: " + CorpusApp.single(connection, "SELECT version()"));
        System.out.println("Settings: " + CorpusApp.single(connection, """
                SELECT string_agg(name || '=' || current_setting(name), ', ' ORDER BY name) FROM pg_settings
                WHERE name IN ('shared_buffers', 'work_mem', 'effective_cache_size', 'random_page_cost', 'jit',
                               'max_parallel_workers_per_gather', 'plan_cache_mode', 'default_statistics_target')"""));
        try (Statement statement = connection.createStatement();
             ResultSet teams = statement.executeQuery("""
                     SELECT team_id, count(*), round(avg(length(text))), count(*) FILTER (WHERE talk_id IS NOT NULL),
                            count(*) FILTER (WHERE cardinality(tags) > 0), count(*) FILTER (WHERE channel_type <> 'public_channel')
                     FROM takeaways GROUP BY team_id ORDER BY team_id""")) {
            while (teams.next()) {
                System.out.printf("Corpus, team %s: %,d takeaways (average %d characters; %,d with a talk, %,d with"
                                + " tags, %,d in private channels)%n", teams.getString(1), teams.getLong(2),
                        teams.getInt(3), teams.getLong(4), teams.getLong(5), teams.getLong(6));
            }
        }
        System.out.println("Sizes: " + CorpusApp.single(connection, """
                SELECT format('takeaways heap %s, with TOAST and indexes %s; takeaways_search (GIN) %s; takeaways_tags'
                              || ' (GIN) %s; search_words %s rows, %s with its indexes; talks %s rows',
                              pg_size_pretty(pg_relation_size('takeaways')),
                              pg_size_pretty(pg_total_relation_size('takeaways')),
                              pg_size_pretty(pg_relation_size('takeaways_search')),
                              pg_size_pretty(pg_relation_size('takeaways_tags')),
                              (SELECT count(*) FROM search_words), pg_size_pretty(pg_total_relation_size('search_words')),
                              (SELECT count(*) FROM talks))"""));
    }

    // --- The searches --------------------------------------------------------------------------------------------

    private static List<Shape> shapes(SearchCorpus corpus, Instant corpusEnd, Connection connection)
            throws SQLException {
        List<String> common = corpus.commonWords();
        // Words as frequent as their band says (1-5% of the team's takeaways; 50 to 1,000 takeaways), stems included:
        // "pipelines" is as frequent as "pipeline".
        int teamTakeaways = Integer.parseInt(CorpusApp.single(connection,
                "SELECT count(*) FROM takeaways WHERE team_id = '" + TEAM + "'"));
        List<String> medium = spread(withFrequency(corpus.mediumWords(), teamTakeaways / 100, teamTakeaways / 20,
                connection), 8);
        List<String> rare = spread(withFrequency(corpus.rareWords(), teamTakeaways / 18_000, teamTakeaways / 900,
                connection), 8);
        List<String> phrases = corpus.phrases().subList(0, 8);
        List<String> tags = corpus.tags().subList(0, 8);
        List<String> people = corpus.users(TEAM);
        List<Channel> channels = corpus.channels(TEAM);
        List<Channel> open = channels.stream().filter(c -> !c.isPrivate()).toList();
        Channel secret = channels.stream().filter(Channel::isPrivate).findFirst().orElseThrow();
        List<Talk> talks = corpus.talks(TEAM);
        LocalDate today = corpusEnd.atOffset(ZoneOffset.UTC).toLocalDate();
        // From the most active person (talk) down to quiet ones.
        int[] personRanks = {0, 1, 3, 10, 30, 100, 200, 400};
        int[] talkRanks = {0, 1, 3, 10, 30, 100, 300, 1000};
        IntFunction<String> person = i -> "<@" + people.get(personRanks[i]) + "|user" + personRanks[i] + ">";
        IntFunction<String> talk = i -> "talk:\"" + talks.get(talkRanks[i]).title() + "\"";
        List<String> typosOfRare = new ArrayList<>();
        for (String word : rare) {
            typosOfRare.add(typo(word, connection));
        }
        // Words under four letters are never respelled, so the most frequent words long enough to be.
        List<String> typosOfCommon = new ArrayList<>();
        for (String word : corpus.frequentWords().stream().filter(word -> word.length() >= 6).limit(5).toList()) {
            typosOfCommon.add(typo(word, connection));
        }
        List<String> nonsense = List.of("xqzjvk", "zzqxwv", "qjxvzb", "vxqzjw", "jzqxkv", "wqxzjv", "kqzxjv", "zxjqvw");

        // Who searches and where: a different person and public channel for each variant.
        Variants in = new Variants(people, open.stream().map(Channel::id).toList());
        return List.of(
                in.shape("rare word", rare.size(), rare::get),
                in.shape("common word", common.size(), common::get),
                in.shape("two common words", 8, i -> common.get(i % 5) + " " + common.get((i + 1 + i / 5) % 5)),
                in.shape("rare + common word", 8, i -> rare.get(i) + " " + common.get(i % 5)),
                in.shape("three words", 8, i -> common.get(i % 5) + " " + medium.get(i) + " " + medium.get((i + 3) % 8)),
                in.shape("phrase", 8, i -> "\"" + phrases.get(i) + "\""),
                in.shape("word -exclusion", 8, i -> medium.get(i) + " -" + common.get(i % 5)),
                in.shape("word OR word", 8, i -> medium.get(i) + " OR " + medium.get((i + 1) % 8)),
                in.shape("filter only: tag:", 8, i -> "tag:" + tags.get(i)),
                in.shape("filter only: from:", 8, i -> "from:" + person.apply(i)),
                in.shape("filter only: in:", 8, i -> "in:<#" + open.get(i).id() + "|" + open.get(i).name() + ">"),
                in.shape("filter only: talk:", 8, talk),
                in.shape("filter only: after:", 8, i -> "after:" + today.minusDays(new int[] {2, 7, 30, 90, 180, 365,
                        500, 700}[i])),
                in.shape("tag: + word", 8, i -> "tag:" + tags.get(i) + " " + medium.get(i)),
                in.shape("from: + word", 8, i -> "from:" + person.apply(i) + " " + medium.get(i)),
                in.shape("talk: + word", 8, i -> talk.apply(i) + " " + common.get(i % 5)),
                in.shape("after: before: + word", 8, i -> "after:" + today.minusDays(100 + 60L * i) + " before:"
                        + today.minusDays(10 + 60L * i) + " " + medium.get(i)),
                // As people ask: question and stop words around the words that matter, and one word found nowhere.
                in.shape("question (stop words)", 8, i -> new String[] {"what did the", "how do we", "is there any",
                        "what about the", "why does the", "what did they say about", "how should we handle",
                        "do we need"}[i] + " " + medium.get(i) + " " + common.get(i % 5)),
                in.shape("words + one found nowhere", 8, i -> rare.get(i) + " " + medium.get((i + 2) % 8) + " "
                        + nonsense.get(i)),
                in.shape("only stop words", 4, i -> new String[] {"what about it", "how do we do this",
                        "is there any", "what did they say"}[i]),
                in.shape("typo of a rare word", typosOfRare.size(), typosOfRare::get),
                in.shape("typo of a common word", typosOfCommon.size(), typosOfCommon::get),
                in.shape("no hit (nonsense word)", nonsense.size(), nonsense::get),
                in.shape("page 3 of a common word", common.size(), common::get).onPage(2),
                in.shape("word, in a private channel", 8, medium::get).runIn(secret.id()),
                in.shape("word, App Home (no channel)", 8, medium::get).runIn(null));
    }

    /** Makes the variants of a shape, each run by another person in another channel. */
    private record Variants(List<String> people, List<String> channels) {

        Shape shape(String name, int count, IntFunction<String> query) {
            List<Variant> variants = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                variants.add(new Variant(query.apply(i), people.get((i * 53 + 7) % people.size()),
                        channels.get(i % channels.size()), 0));
            }
            return new Shape(name, variants);
        }
    }

    /** The words that are in {@code min} to {@code max} of the team's takeaways. */
    private static List<String> withFrequency(List<String> words, int min, int max, Connection connection)
            throws SQLException {
        List<String> found = new ArrayList<>();
        try (PreparedStatement count = connection.prepareStatement("""
                SELECT count(*) FROM takeaways
                WHERE team_id = ? AND deleted_at IS NULL AND search_vector @@ to_tsquery('english', ?)""")) {
            for (String word : words) {
                count.setString(1, TEAM);
                count.setString(2, word);
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    if (row.getLong(1) >= min && row.getLong(1) <= max) {
                        found.add(word);
                    }
                }
            }
        }
        if (found.size() < 8) {
            throw new IllegalStateException("Only " + found + " of " + words + " are in " + min + " to " + max
                    + " takeaways: is the corpus complete?");
        }
        return found;
    }

    /** {@code count} items spread evenly over the list. */
    private static List<String> spread(List<String> items, int count) {
        List<String> picked = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            picked.add(items.get(i * items.size() / count));
        }
        return picked;
    }

    /** The word with one letter dropped (from the middle out), such that the result matches nothing as typed. */
    private static String typo(String word, Connection connection) throws SQLException {
        int middle = word.length() / 2;
        for (int offset = 0; offset < word.length(); offset++) {
            int at = middle + (offset % 2 == 0 ? offset / 2 : -(offset / 2 + 1));
            if (at <= 0 || at >= word.length() - 1) {
                continue;
            }
            String typo = word.substring(0, at) + word.substring(at + 1);
            try (PreparedStatement matches = connection.prepareStatement("""
                    SELECT EXISTS (SELECT 1 FROM takeaways
                                   WHERE deleted_at IS NULL AND search_vector @@ to_tsquery('english', ?))""")) {
                matches.setString(1, typo);
                try (ResultSet row = matches.executeQuery()) {
                    row.next();
                    if (!row.getBoolean(1)) {
                        return typo;
                    }
                }
            }
        }
        throw new IllegalStateException("No typo of " + word + " that matches nothing");
    }

    // --- Measuring -----------------------------------------------------------------------------------------------

    /** What one shape measured. */
    private record Measured(Shape shape, long[] app, long[] bare, String hits, long matches, int differing,
                            Map<String, String> respelled, List<TakeawaySearch.Statement> statements) {

        double appP95() {
            return percentile(app, 95);
        }

        double ratio() {
            return appP95() / percentile(bare, 95);
        }

        List<String> misses() {
            List<String> misses = new ArrayList<>();
            if (appP95() > TARGET_P95_MS) {
                misses.add("p95");
            }
            if (ratio() > TARGET_RATIO) {
                misses.add("ratio");
            }
            return misses;
        }
    }

    private static void run(List<Shape> shapes, TakeawaySearch search, BareSearch bare, Options options)
            throws SQLException {
        System.out.printf("%nRunning %d kinds of search in team %s: %d warm-up + up to %d measured iterations each"
                        + " (at most %d s each, at least %d iterations), app and bare SQL alternating.%n",
                shapes.size(), TEAM, options.warmup(), options.iterations(), options.budget().toSeconds(),
                MIN_MEASURED);
        List<Measured> results = new ArrayList<>();
        for (Shape shape : shapes) {
            Measured measured = measure(shape, search, bare, options);
            results.add(measured);
            System.out.printf("  %-30s app p95 %8.1f ms, bare p95 %8.1f ms (%d iterations)%n", shape.name(),
                    measured.appP95(), percentile(measured.bare(), 95), measured.app().length);
            if (measured.appP95() > TARGET_P95_MS) {
                // Which of its variants are slow: the runs went through them in turn.
                int variants = shape.variants().size();
                for (int v = 0; v < variants; v++) {
                    int variant = v;
                    long[] runs = java.util.stream.IntStream.range(0, measured.app().length)
                            .filter(i -> i % variants == variant).mapToLong(i -> measured.app()[i]).toArray();
                    System.out.printf("      app p50 %6.1f ms, max %6.1f ms: %s%n", percentile(runs, 50),
                            percentile(runs, 100), shape.variants().get(v).query());
                }
            }
        }
        report(results);
        if (BareSearch.STATEMENT_TIMES) {
            System.out.println("\nStatements of the bare side: average ms, times sent, statement");
            BareSearch.TIMES.forEach((sql, time) -> System.out.printf("  %8.2f ms x%6d  %s%n", time[0] / 1e6 / time[1],
                    time[1], sql));
        }
        explainWorst(results, bare);
    }

    private static Measured measure(Shape shape, TakeawaySearch search, BareSearch bare, Options options)
            throws SQLException {
        List<SearchQuery> parsed = shape.variants().stream().map(v -> SearchQueryParser.parse(v.query())).toList();

        // Once per variant: what each finds, and that the bare SQL finds the same.
        int minHits = Integer.MAX_VALUE;
        int maxHits = 0;
        boolean allHaveMore = true;
        int differing = 0;
        long[] matches = new long[parsed.size()];
        Map<String, String> respelled = new LinkedHashMap<>();
        List<TakeawaySearch.Statement> statements = List.of();
        for (int i = 0; i < parsed.size(); i++) {
            Variant variant = shape.variants().get(i);
            TakeawaySearch.Results results = search.search(request(variant, parsed.get(i)));
            BareSearch.Outcome outcome = bare.search(TEAM, variant, parsed.get(i));
            minHits = Math.min(minHits, results.hits().size());
            maxHits = Math.max(maxHits, results.hits().size());
            allHaveMore &= results.hasMore();
            if (!results.hits().stream().map(TakeawaySearch.Hit::id).toList().equals(outcome.ids())) {
                differing++;
            }
            // As the app finally searched it (with close spellings, if it respelled).
            matches[i] = bare.countMatches(TEAM, variant, results.query());
            respelled.putAll(results.respelled());
            if (i == 0) {
                statements = outcome.statements();
            }
        }

        long deadline = System.nanoTime() + options.budget().toNanos() / 4;
        for (int i = 0; i < options.warmup() && (i < 2 || System.nanoTime() < deadline); i++) {
            int v = i % parsed.size();
            search.search(request(shape.variants().get(v), SearchQueryParser.parse(shape.variants().get(v).query())));
            bare.search(TEAM, shape.variants().get(v), parsed.get(v));
        }

        long[] app = new long[options.iterations()];
        long[] sql = new long[options.iterations()];
        int n = 0;
        deadline = System.nanoTime() + options.budget().toNanos();
        while (n < options.iterations() && (n < MIN_MEASURED || System.nanoTime() < deadline)) {
            Variant variant = shape.variants().get(n % parsed.size());
            // Alternating which goes first, so neither always finds the other's pages in the cache.
            if (n % 2 == 0) {
                app[n] = timeApp(search, variant);
                sql[n] = timeBare(bare, variant, parsed.get(n % parsed.size()));
            } else {
                sql[n] = timeBare(bare, variant, parsed.get(n % parsed.size()));
                app[n] = timeApp(search, variant);
            }
            n++;
        }
        String hits = minHits == maxHits ? String.valueOf(minHits) : minHits + "-" + maxHits;
        return new Measured(shape, Arrays.copyOf(app, n), Arrays.copyOf(sql, n), hits + (allHaveMore ? "+" : ""),
                median(matches), differing, respelled, statements);
    }

    /** End to end inside the app: reading what was typed, the search, the page of hits. */
    private static long timeApp(TakeawaySearch search, Variant variant) {
        long started = System.nanoTime();
        search.search(request(variant, SearchQueryParser.parse(variant.query())));
        return System.nanoTime() - started;
    }

    /** The time of the search's statements alone, over plain JDBC. */
    private static long timeBare(BareSearch bare, Variant variant, SearchQuery query) {
        return bare.search(TEAM, variant, query).sqlNanos();
    }

    private static TakeawaySearch.Request request(Variant variant, SearchQuery query) {
        // The corpus's channels are public ones: a search there reads what is public, its own and the viewer's.
        Conversation where = variant.channel() == null ? null
                : new Conversation(variant.channel(), ChannelType.PUBLIC_CHANNEL);
        return new TakeawaySearch.Request(Audience.person(TEAM, variant.viewer(), where), query, variant.page());
    }

    // --- Reporting -----------------------------------------------------------------------------------------------

    private static void report(List<Measured> results) {
        System.out.printf("%nSearch latency, ms (targets: app p95 <= %.0f ms, app p95 / bare p95 <= %.0f)%n",
                TARGET_P95_MS, TARGET_RATIO);
        String format = "%-30s %4s | %8s %8s %8s | %8s %8s %8s | %6s | %5s %9s | %s%n";
        System.out.printf(format, "search", "n", "app p50", "p95", "p99", "bare p50", "p95", "p99", "ratio", "hits",
                "matches", "");
        for (Measured m : results) {
            List<String> misses = m.misses();
            String flag = (misses.isEmpty() ? "ok" : "MISS " + String.join(",", misses))
                    + (m.differing() > 0 ? " (bare SQL found other hits in " + m.differing() + " variants)" : "");
            System.out.printf(format, m.shape().name(), m.app().length, ms(percentile(m.app(), 50)),
                    ms(m.appP95()), ms(percentile(m.app(), 99)), ms(percentile(m.bare(), 50)),
                    ms(percentile(m.bare(), 95)), ms(percentile(m.bare(), 99)), String.format("%.2f", m.ratio()),
                    m.hits(), String.format("%,d", m.matches()), flag);
        }
        System.out.println("""
                hits: on the page searched (a range over the variants; + when every variant has a next page);
                matches: rows the search's words and filters select in all time (median over the variants).""");
        System.out.println("Queries (the first of each kind's variants):");
        for (Measured m : results) {
            Variant first = m.shape().variants().get(0);
            System.out.printf("  %-30s %s%s%s%n", m.shape().name(), first.query(),
                    first.page() > 0 ? "  [page " + (first.page() + 1) + "]" : "",
                    m.respelled().isEmpty() ? "" : "  respelled: " + m.respelled());
        }
    }

    /** EXPLAIN (ANALYZE, BUFFERS) of what the bare SQL ran for the worst shapes' first variant. */
    private static void explainWorst(List<Measured> results, BareSearch bare) throws SQLException {
        List<Measured> worst = results.stream().filter(m -> !m.misses().isEmpty())
                .sorted(Comparator.comparingDouble(Measured::appP95).reversed()).limit(WORST_EXPLAINED).toList();
        if (worst.isEmpty()) {
            worst = results.stream().sorted(Comparator.comparingDouble(Measured::appP95).reversed()).limit(3).toList();
        }
        Map<String, long[]> plans = bare.preparedPlans();
        for (Measured m : worst) {
            System.out.printf("%n=== %s: %s (app p95 %.1f ms, bare p95 %.1f ms)%n", m.shape().name(),
                    m.shape().variants().get(0).query(), m.appP95(), percentile(m.bare(), 95));
            for (TakeawaySearch.Statement statement : m.statements()) {
                BareSearch.Sql sql = BareSearch.Sql.of(statement);
                System.out.println("--- " + BareSearch.normalized(sql.text()));
                System.out.println("    parameters: " + sql.values().stream().map(SearchBenchmark::shown)
                        .collect(Collectors.joining(", ")));
                long[] counts = plans.get(BareSearch.normalized(sql.text()));
                if (counts != null) {
                    System.out.printf("    during the runs, this statement was server-prepared: %,d generic plans,"
                            + " %,d custom plans (all shapes that send it)%n", counts[0], counts[1]);
                }
                System.out.println("    custom plan (planned for these values):");
                bare.explain(statement).forEach(line -> System.out.println("    " + line));
                if (counts != null && counts[0] > counts[1]) {
                    // What most runs used: EXPLAIN alone would only ever show the custom plan.
                    System.out.println("    generic plan (what most runs used), run with these values:");
                    bare.explainGeneric(statement).forEach(line -> System.out.println("    " + line));
                }
            }
        }
    }

    private static String shown(Object value) {
        return value instanceof Object[] array ? Arrays.toString(array) : String.valueOf(value);
    }

    private static String ms(double millis) {
        return String.format(millis < 10 ? "%.2f" : "%.1f", millis);
    }

    /** Nearest-rank percentile, in milliseconds. */
    private static double percentile(long[] nanos, double p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    // --- The bare SQL --------------------------------------------------------------------------------------------

    /**
     * The statements {@link TakeawaySearch} sends ({@link TakeawaySearch#find}'s and
     * {@link TakeawaySearch#closeSpellingsStatement}), run over plain JDBC with the same steps as the service (a
     * search that finds nothing as typed looks up close spellings and runs again, widened), values bound as Spring
     * binds them: the floor for the app's time. Keep the steps in step with {@code TakeawaySearch.run}.
     */
    static final class BareSearch {

        private static final Pattern NAMED = Pattern.compile(":([a-zA-Z]\\w*)");

        private final TakeawaySearch search;
        private final Connection connection;

        BareSearch(TakeawaySearch search, Connection connection) {
            this.search = search;
            this.connection = connection;
        }

        /** A statement with {@code ?} placeholders and its values in order. */
        record Sql(String text, List<Object> values) {

            /** From {@code :name} parameters, as Spring's JdbcClient turns them into {@code ?}. */
            static Sql of(TakeawaySearch.Statement statement) {
                List<Object> values = new ArrayList<>();
                Matcher parameter = NAMED.matcher(statement.sql());
                StringBuilder text = new StringBuilder();
                while (parameter.find()) {
                    if (!statement.params().containsKey(parameter.group(1))) {
                        throw new IllegalArgumentException("No value for :" + parameter.group(1));
                    }
                    values.add(statement.params().get(parameter.group(1)));
                    parameter.appendReplacement(text, "?");
                }
                parameter.appendTail(text);
                return new Sql(text.toString(), values);
            }
        }

        /**
         * The page's ids (and whether there is a next page), every statement sent, in order, and how long they took
         * over plain JDBC, from sending each to reading its last row.
         */
        record Outcome(List<Long> ids, boolean hasMore, List<TakeawaySearch.Statement> statements, long sqlNanos) {
        }

        /**
         * The app's search with its statements run here, over plain JDBC: the same steps (close spellings, the
         * ranking, the page), and only the time of the statements counted.
         */
        Outcome search(String team, Variant variant, SearchQuery query) {
            if (query.isEmpty()) {
                return new Outcome(List.of(), false, List.of(), 0);
            }
            Runner runner = new Runner();
            TakeawaySearch.Results results = search.search(request(variant, query), runner);
            return new Outcome(results.hits().stream().map(TakeawaySearch.Hit::id).toList(), results.hasMore(),
                    runner.statements, runner.nanos);
        }

        /** With BENCH_STATEMENT_TIMES set: each kind of statement's total time and count (bench/README.md). */
        static final boolean STATEMENT_TIMES = System.getenv("BENCH_STATEMENT_TIMES") != null;
        static final Map<String, long[]> TIMES = new java.util.concurrent.ConcurrentHashMap<>();

        private final class Runner implements TakeawaySearch.StatementRunner {

            private final List<TakeawaySearch.Statement> statements = new ArrayList<>();
            private long nanos;

            @Override
            public <T> List<T> query(TakeawaySearch.Statement statement, RowMapper<T> mapper) {
                statements.add(statement);
                List<T> rows = new ArrayList<>();
                long started = System.nanoTime();
                try (PreparedStatement prepared = prepare(Sql.of(statement)); ResultSet result = prepared.executeQuery()) {
                    while (result.next()) {
                        rows.add(mapper.mapRow(result, rows.size()));
                    }
                    long took = System.nanoTime() - started;
                    nanos += took;
                    if (STATEMENT_TIMES) {
                        String sql = normalized(statement.sql());
                        long[] kind = TIMES.computeIfAbsent(sql.substring(0, Math.min(90, sql.length())),
                                key -> new long[2]);
                        kind[0] += took;
                        kind[1]++;
                    }
                    return rows;
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
        }

        /**
         * How many takeaways the search's words and filters select in all time (what ranking every match would
         * rank), counted with SQL of the benchmark's own: the column must not depend on how the service builds its
         * statements.
         */
        long countMatches(String team, Variant variant, SearchQuery query) throws SQLException {
            StringBuilder sql = new StringBuilder("""
                    SELECT count(*) FROM takeaways t
                    WHERE t.team_id = ? AND t.deleted_at IS NULL
                      AND (t.channel_type = 'public_channel' OR t.user_id = ? OR t.channel_id = ?)""");
            List<String> authors = new ArrayList<>(query.authors());
            if (query.fromViewer()) {
                authors.add(variant.viewer());
            }
            List<Object> values = new ArrayList<>(Arrays.asList(team, variant.viewer(), variant.channel()));
            query.tsquery().ifPresent(tsquery -> {
                sql.append(" AND t.search_vector @@ to_tsquery('english', ?)");
                values.add(tsquery);
            });
            if (!query.tags().isEmpty()) {
                sql.append(" AND t.tags @> CAST(? AS text[])");
                values.add(query.tags().toArray(String[]::new));
            }
            if (!authors.isEmpty()) {
                sql.append(" AND t.user_id = ANY (CAST(? AS text[]))");
                values.add(authors.toArray(String[]::new));
            }
            if (!query.channelIds().isEmpty() || !query.channelNames().isEmpty()) {
                sql.append(" AND (t.channel_id = ANY (CAST(? AS text[])) OR t.channel_id IN (SELECT c.channel_id"
                        + " FROM channels c WHERE c.team_id = ? AND lower(c.name) = ANY (CAST(? AS text[]))))");
                values.addAll(List.of(query.channelIds().toArray(String[]::new), team,
                        query.channelNames().toArray(String[]::new)));
            }
            if (!query.talks().isEmpty()) {
                sql.append(" AND t.talk_id IN (SELECT k.id FROM talks k WHERE k.team_id = ?"
                        + " AND k.title ILIKE ANY (CAST(? AS text[])))");
                values.addAll(List.of(team, query.talks().stream().map(title -> "%" + title.replace("\\", "\\\\")
                        .replace("%", "\\%").replace("_", "\\_") + "%").toArray(String[]::new)));
            }
            query.after().ifPresent(day -> {
                sql.append(" AND t.created_at >= ?");
                values.add(day.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC));
            });
            query.before().ifPresent(day -> {
                sql.append(" AND t.created_at < ?");
                values.add(day.atStartOfDay().atOffset(ZoneOffset.UTC));
            });
            try (PreparedStatement prepared = prepare(new Sql(sql.toString(), values));
                 ResultSet row = prepared.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }

        List<String> explain(TakeawaySearch.Statement statement) throws SQLException {
            Sql sql = Sql.of(statement);
            List<String> plan = new ArrayList<>();
            try (PreparedStatement prepared = prepare(new Sql("EXPLAIN (ANALYZE, BUFFERS) " + sql.text(),
                    sql.values()));
                 ResultSet rows = prepared.executeQuery()) {
                while (rows.next()) {
                    plan.add(rows.getString(1));
                }
            }
            return plan;
        }

        /**
         * EXPLAIN (ANALYZE, BUFFERS) of the statement's generic plan, the one planned without its values: what a
         * statement prepared on a connection (pgjdbc prepares from the fifth run) gets once Postgres judges it no
         * costlier than the custom plans so far.
         */
        List<String> explainGeneric(TakeawaySearch.Statement statement) throws SQLException {
            Sql sql = Sql.of(statement);
            StringBuilder numbered = new StringBuilder();
            int parameter = 0;
            for (char c : sql.text().toCharArray()) {
                numbered.append(c == '?' ? "$" + ++parameter : String.valueOf(c));
            }
            String arguments = sql.values().stream().map(BareSearch::literal).collect(Collectors.joining(", "));
            List<String> plan = new ArrayList<>();
            String planCacheMode = CorpusApp.single(connection, "SELECT current_setting('plan_cache_mode')");
            try (Statement session = connection.createStatement()) {
                session.execute("SET plan_cache_mode = force_generic_plan");
                session.execute("PREPARE bench_generic AS " + numbered);
                try (ResultSet rows = session.executeQuery(
                        "EXPLAIN (ANALYZE, BUFFERS) EXECUTE bench_generic(" + arguments + ")")) {
                    while (rows.next()) {
                        plan.add(rows.getString(1));
                    }
                } finally {
                    session.execute("DEALLOCATE bench_generic");
                    session.execute("SET plan_cache_mode = " + planCacheMode);
                }
            }
            return plan;
        }

        /** A value as an SQL literal, given its type by the prepared statement's parameter. */
        private static String literal(Object value) {
            if (value instanceof Number) {
                return value.toString();
            }
            String text = value instanceof String[] array ? Arrays.stream(array)
                    .map(element -> "\"" + element.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                    .collect(Collectors.joining(",", "{", "}")) : value.toString();
            return "'" + text.replace("'", "''") + "'";
        }

        /** This connection's server-prepared statements: generic and custom plans, by statement text. */
        Map<String, long[]> preparedPlans() throws SQLException {
            Map<String, long[]> plans = new LinkedHashMap<>();
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery(
                         "SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements")) {
                while (rows.next()) {
                    plans.merge(normalized(rows.getString(1).replaceAll("\\$\\d+", "?")),
                            new long[] {rows.getLong(2), rows.getLong(3)},
                            (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
                }
            }
            return plans;
        }

        static String normalized(String sql) {
            return sql.strip().replaceAll("\\s+", " ");
        }

        /** Binds as Spring does for a value of unknown SQL type: strings as strings, the rest by setObject. */
        private PreparedStatement prepare(Sql sql) throws SQLException {
            PreparedStatement statement = connection.prepareStatement(sql.text());
            for (int i = 0; i < sql.values().size(); i++) {
                Object value = sql.values().get(i);
                if (value instanceof String text) {
                    statement.setString(i + 1, text);
                } else {
                    statement.setObject(i + 1, value);
                }
            }
            return statement;
        }
    }
}
