package app.takeaways.bench;

import app.takeaways.note.Audience;
import app.takeaways.note.Conversation;
import app.takeaways.note.TakeawayTextParser;
import app.takeaways.search.SearchQueryParser;
import app.takeaways.search.Meaning;
import app.takeaways.search.SearchIndexer;
import app.takeaways.search.TakeawaySearch;
import app.takeaways.workspace.ChannelType;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How well search finds what people mean: a judged set of takeaways and natural queries
 * ({@code src/test/resources/bench/relevance.json}: the takeaways of {@code samples/reinvent-notes.txt}, distractors
 * written around them, and queries judged by hand), searched through the app's own {@link TakeawaySearch}, through
 * Lucene's BM25 and through bare Postgres all-words full-text search, on the same notes and queries in the same
 * run. Prints MRR@5, success@1 and recall@5 of each, overall and by kind of query. Asserts nothing.
 * <p>
 * Usage: {@code bench/run.sh RelevanceBenchmark [--app=name=value,name=value] [--verbose] [--set=path]}.
 * {@code --app} adds Spring properties to the app (to compare a feature on and off); {@code --verbose} prints each
 * query's ranks and the app's top five; {@code --set} reads another judged set than the one on the classpath.
 */
public final class RelevanceBenchmark {

    static final String TEAM = "T1";
    static final String CHANNEL = "C0LEARNING";
    /** The person whose conference notes the sample is; the distractors' authors take turns. */
    static final String SAMPLE_AUTHOR = "U01ALEX";
    static final List<String> OTHER_AUTHORS = List.of("U02PRIYA", "U03MARCO", "U04JUN", "U05SAM");
    /** Who searches: a member of the team who wrote none of it. */
    static final String SEARCHER = "U06RIO";
    static final int TOP = 5;
    static final List<String> KINDS = List.of("question", "keyword", "paraphrase", "missing-word", "typo");

    private static final Pattern URL = Pattern.compile("(?i)https?://[^\\s<>|]+");
    private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("[.,;:!?)]+$");

    private RelevanceBenchmark() {
    }

    record Note(String key, String talk, String text, List<String> tags, int daysAgo, boolean distractor) {
    }

    record Query(String q, List<String> relevant, String kind) {
    }

    record JudgedSet(List<Note> notes, List<Query> queries) {
    }

    /** One engine's answer to one query: keys, best first, at most {@link #TOP}. */
    interface Engine extends AutoCloseable {

        String name();

        List<String> top(String query) throws Exception;

        @Override
        default void close() throws Exception {
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> appProperties = new LinkedHashMap<>();
        boolean verbose = false;
        Optional<Path> setPath = Optional.empty();
        for (String arg : args) {
            if (arg.equals("--verbose")) {
                verbose = true;
            } else if (arg.startsWith("--app=")) {
                for (String setting : arg.substring("--app=".length()).split(",")) {
                    int equals = setting.indexOf('=');
                    if (setting.isBlank()) {
                        continue;
                    }
                    if (equals <= 0) {
                        throw new IllegalArgumentException("--app takes name=value,name=value, not " + setting);
                    }
                    appProperties.put(setting.substring(0, equals).strip(), setting.substring(equals + 1).strip());
                }
            } else if (arg.startsWith("--set=")) {
                setPath = Optional.of(Path.of(arg.substring("--set=".length())));
            } else {
                throw new IllegalArgumentException("Unknown argument " + arg
                        + " (usage: RelevanceBenchmark [--app=name=value,...] [--verbose] [--set=path])");
            }
        }
        JudgedSet set = read(setPath);
        long samples = set.notes().stream().filter(note -> !note.distractor()).count();
        System.out.printf("RelevanceBenchmark: %d takeaways (%d from the sample notes, %d distractors), %d queries;"
                        + " app settings: %s%n", set.notes().size(), samples, set.notes().size() - samples,
                set.queries().size(), appProperties.isEmpty() ? "(as configured)" : appProperties);

        WireMockServer slackApi = null;
        try (EmbeddedPostgres postgres = CorpusApp.temporaryPostgres("relevance")) {
            slackApi = CorpusApp.slackApi();
            String jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
            try (ConfigurableApplicationContext context = CorpusApp.startApp(jdbcUrl, slackApi, appProperties);
                 Connection connection = DriverManager.getConnection(jdbcUrl)) {
                Map<Long, String> keys = load(connection, set.notes());
                awaitSearchIndex(context);
                List<Engine> engines = List.of(
                        app(context.getBean(TakeawaySearch.class), keys),
                        lucene(set.notes()),
                        barePostgres(connection, keys));
                try {
                    report(set, engines, verbose);
                } finally {
                    for (Engine engine : engines) {
                        engine.close();
                    }
                }
            }
        } finally {
            if (slackApi != null) {
                slackApi.stop();
            }
        }
    }

    /**
     * Indexes every takeaway loaded as the app's indexer would a few seconds after their capture (words, counts,
     * meanings when the model is on), then checks that every row has its vector.
     */
    static void awaitSearchIndex(ConfigurableApplicationContext context) {
        // As a few seconds after the captures: words, counts and (when the model is on) meanings indexed.
        context.getBean(Meaning.class).awaitReady();
        context.getBean(SearchIndexer.class).indexNow();
        long unindexed = context.getBean(JdbcClient.class)
                .sql("SELECT count(*) FROM takeaways WHERE search_vector IS NULL").query(Long.class).single();
        if (unindexed != 0) {
            throw new IllegalStateException(unindexed + " takeaways have no search vector");
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The judged set

    static JudgedSet read(Optional<Path> path) throws IOException {
        JsonNode root;
        if (path.isPresent()) {
            root = JsonMapper.builder().build().readTree(Files.readString(path.get()));
        } else {
            try (InputStream in = RelevanceBenchmark.class.getResourceAsStream("/bench/relevance.json")) {
                if (in == null) {
                    throw new IllegalStateException("bench/relevance.json is not on the classpath");
                }
                root = JsonMapper.builder().build().readTree(in);
            }
        }
        List<Note> notes = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (JsonNode node : root.get("takeaways")) {
            List<String> tags = new ArrayList<>();
            if (node.has("tags")) {
                node.get("tags").forEach(tag -> tags.add(tag.asString()));
            }
            JsonNode talk = node.get("talk");
            Note note = new Note(node.get("key").asString(), talk == null || talk.isNull() ? null : talk.asString(),
                    node.get("text").asString(), List.copyOf(tags), node.get("daysAgo").asInt(),
                    node.has("distractor") && node.get("distractor").asBoolean());
            if (!keys.add(note.key())) {
                throw new IllegalStateException("Two takeaways have the key " + note.key());
            }
            if (note.daysAgo() < 0 || note.daysAgo() > 90) {
                throw new IllegalStateException(note.key() + ": daysAgo must be 0..90");
            }
            notes.add(note);
        }
        List<Query> queries = new ArrayList<>();
        for (JsonNode node : root.get("queries")) {
            List<String> relevant = new ArrayList<>();
            node.get("relevant").forEach(key -> relevant.add(key.asString()));
            Query query = new Query(node.get("q").asString(), List.copyOf(relevant), node.get("kind").asString());
            if (!KINDS.contains(query.kind())) {
                throw new IllegalStateException("\"" + query.q() + "\": kind " + query.kind() + " is not one of "
                        + KINDS);
            }
            if (relevant.isEmpty() || !keys.containsAll(relevant)) {
                throw new IllegalStateException("\"" + query.q() + "\": relevant keys missing or unknown: "
                        + relevant);
            }
            queries.add(query);
        }
        return new JudgedSet(List.copyOf(notes), List.copyOf(queries));
    }

    /**
     * The set in the app's schema, as slash-command captures in one public channel would have left it: the talks by
     * title, each takeaway's text in Slack's message format (&amp;, &lt; and &gt; escaped, URLs in angle brackets) with
     * its links, written {@code daysAgo} days ago. Returns the rows' ids to their keys.
     */
    static Map<Long, String> load(Connection connection, List<Note> notes) throws SQLException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Map<Long, String> keys = new HashMap<>();
        connection.setAutoCommit(false);
        try (PreparedStatement channel = connection.prepareStatement(
                "INSERT INTO channels (team_id, channel_id, channel_type, name, updated_at) VALUES (?, ?, ?, ?, ?)")) {
            channel.setString(1, TEAM);
            channel.setString(2, CHANNEL);
            channel.setString(3, ChannelType.PUBLIC_CHANNEL.value());
            channel.setString(4, "learning");
            channel.setObject(5, now.atOffset(ZoneOffset.UTC));
            channel.executeUpdate();
        }
        Map<String, Long> talks = new HashMap<>();
        try (PreparedStatement talk = connection.prepareStatement("INSERT INTO talks (team_id, title, title_key,"
                + " created_by, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id");
             PreparedStatement takeaway = connection.prepareStatement("INSERT INTO takeaways (team_id, channel_id,"
                     + " channel_type, user_id, text, tags, talk_id, source, slack_request_id, created_at, updated_at)"
                     + " VALUES (?, ?, ?, ?, ?, ?, ?, 'slash_command', ?, ?, ?) RETURNING id");
             PreparedStatement link = connection.prepareStatement(
                     "INSERT INTO takeaway_links (team_id, takeaway_id, position, url, label) VALUES (?, ?, ?, ?, NULL)")) {
            int other = 0;
            for (Note note : notes) {
                String author = note.distractor() ? OTHER_AUTHORS.get(other++ % OTHER_AUTHORS.size()) : SAMPLE_AUTHOR;
                Instant written = now.minus(Duration.ofDays(note.daysAgo()));
                Long talkId = null;
                if (note.talk() != null) {
                    talkId = talks.get(TakeawayTextParser.talkKey(note.talk()));
                    if (talkId == null) {
                        talk.setString(1, TEAM);
                        talk.setString(2, note.talk());
                        talk.setString(3, TakeawayTextParser.talkKey(note.talk()));
                        talk.setString(4, author);
                        talk.setObject(5, written.atOffset(ZoneOffset.UTC));
                        talkId = single(talk);
                        talks.put(TakeawayTextParser.talkKey(note.talk()), talkId);
                    }
                }
                List<String> urls = new ArrayList<>();
                takeaway.setString(1, TEAM);
                takeaway.setString(2, CHANNEL);
                takeaway.setString(3, ChannelType.PUBLIC_CHANNEL.value());
                takeaway.setString(4, author);
                takeaway.setString(5, slackFormat(note.text(), urls));
                takeaway.setArray(6, connection.createArrayOf("text", note.tags().toArray()));
                takeaway.setObject(7, talkId);
                takeaway.setString(8, "bench-" + note.key());
                takeaway.setObject(9, written.atOffset(ZoneOffset.UTC));
                takeaway.setObject(10, written.atOffset(ZoneOffset.UTC));
                long id = single(takeaway);
                keys.put(id, note.key());
                for (int position = 0; position < urls.size(); position++) {
                    link.setString(1, TEAM);
                    link.setLong(2, id);
                    link.setInt(3, position);
                    link.setString(4, urls.get(position));
                    link.addBatch();
                }
            }
            link.executeBatch();
            connection.commit();
        } finally {
            connection.setAutoCommit(true);
        }
        try (var statement = connection.createStatement()) {
            statement.execute("ANALYZE takeaways");
        }
        return keys;
    }

    private static long single(PreparedStatement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** As Slack sends typed text: {@code &}, {@code <}, {@code >} escaped, a URL as {@code <url>}. */
    static String slackFormat(String text, List<String> urls) {
        String escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        Matcher url = URL.matcher(escaped);
        StringBuilder out = new StringBuilder();
        while (url.find()) {
            String found = url.group();
            Matcher trailing = TRAILING_PUNCTUATION.matcher(found);
            String tail = trailing.find() ? trailing.group() : "";
            String address = found.substring(0, found.length() - tail.length());
            urls.add(address);
            url.appendReplacement(out, Matcher.quoteReplacement("<" + address + ">" + tail));
        }
        url.appendTail(out);
        return out.toString();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The engines

    /** The app's own search, as {@code /takeaway search} runs it in the public channel: the first page. */
    static Engine app(TakeawaySearch search, Map<Long, String> keys) {
        Conversation here = new Conversation(CHANNEL, ChannelType.PUBLIC_CHANNEL);
        return new Engine() {
            @Override
            public String name() {
                return "app";
            }

            @Override
            public List<String> top(String query) {
                TakeawaySearch.Results results = search.search(new TakeawaySearch.Request(
                        new Audience.Person(TEAM, SEARCHER, Optional.of(here)), SearchQueryParser.parse(query), 0));
                return results.hits().stream().map(hit -> keys.getOrDefault(hit.id(), "?" + hit.id()))
                        .limit(TOP).toList();
            }
        };
    }

    /**
     * Lucene's BM25 (default parameters) over two fields, the talk's title with the tags and the text, both analysed
     * with {@link EnglishAnalyzer}; the query's words, analysed the same way, each a SHOULD clause over both fields,
     * as {@code MultiFieldQueryParser} builds it by default, no boosts.
     */
    static Engine lucene(List<Note> notes) throws IOException {
        Analyzer analyzer = new EnglishAnalyzer();
        ByteBuffersDirectory directory = new ByteBuffersDirectory();
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer))) {
            for (Note note : notes) {
                Document document = new Document();
                document.add(new StoredField("key", note.key()));
                String head = (note.talk() == null ? "" : note.talk()) + " " + String.join(" ", note.tags());
                document.add(new TextField("head", head, Field.Store.NO));
                document.add(new TextField("text", note.text(), Field.Store.NO));
                writer.addDocument(document);
            }
        }
        DirectoryReader reader = DirectoryReader.open(directory);
        IndexSearcher searcher = new IndexSearcher(reader);
        StoredFields stored = searcher.storedFields();
        return new Engine() {
            @Override
            public String name() {
                return "lucene-bm25";
            }

            @Override
            public List<String> top(String query) throws IOException {
                BooleanQuery.Builder words = new BooleanQuery.Builder();
                int clauses = 0;
                for (String term : analyze(analyzer, query)) {
                    BooleanQuery.Builder anyField = new BooleanQuery.Builder();
                    anyField.add(new TermQuery(new Term("head", term)), BooleanClause.Occur.SHOULD);
                    anyField.add(new TermQuery(new Term("text", term)), BooleanClause.Occur.SHOULD);
                    words.add(anyField.build(), BooleanClause.Occur.SHOULD);
                    clauses++;
                }
                if (clauses == 0) {
                    return List.of();
                }
                List<String> top = new ArrayList<>();
                for (ScoreDoc hit : searcher.search(words.build(), TOP).scoreDocs) {
                    top.add(stored.document(hit.doc).get("key"));
                }
                return top;
            }

            @Override
            public void close() throws IOException {
                reader.close();
                directory.close();
                analyzer.close();
            }
        };
    }

    static List<String> analyze(Analyzer analyzer, String text) throws IOException {
        List<String> terms = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        }
        return terms;
    }

    /**
     * Postgres alone: {@code websearch_to_tsquery} (every word must match) over the talk's title, the tags and the
     * text as people read it, the vector computed in the query, ranked by {@code ts_rank}.
     */
    static Engine barePostgres(Connection connection, Map<Long, String> keys) throws SQLException {
        PreparedStatement statement = connection.prepareStatement("""
                SELECT t.id
                FROM takeaways t LEFT JOIN talks k ON k.id = t.talk_id,
                     to_tsvector('english', coalesce(k.title, '') || ' ' || array_to_string(t.tags, ' ') || ' '
                                 || takeaway_search_text(t.text)) AS v,
                     websearch_to_tsquery('english', ?) AS q
                WHERE t.team_id = ? AND t.deleted_at IS NULL AND v @@ q
                ORDER BY ts_rank(v, q) DESC, t.id
                LIMIT ?
                """);
        return new Engine() {
            @Override
            public String name() {
                return "postgres-and";
            }

            @Override
            public List<String> top(String query) throws SQLException {
                statement.setString(1, query);
                statement.setString(2, TEAM);
                statement.setInt(3, TOP);
                List<String> top = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        top.add(keys.getOrDefault(rows.getLong(1), "?" + rows.getLong(1)));
                    }
                }
                return top;
            }

            @Override
            public void close() throws SQLException {
                statement.close();
            }
        };
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Measures

    /** One query's answer by one engine, measured. */
    record Outcome(List<String> top, int firstRelevant, double recall) {

        static Outcome of(Query query, List<String> top) {
            int first = 0;
            for (int i = 0; i < Math.min(TOP, top.size()); i++) {
                if (query.relevant().contains(top.get(i))) {
                    first = i + 1;
                    break;
                }
            }
            long found = top.stream().limit(TOP).distinct().filter(query.relevant()::contains).count();
            return new Outcome(top, first, (double) found / query.relevant().size());
        }

        double reciprocalRank() {
            return firstRelevant == 0 ? 0 : 1.0 / firstRelevant;
        }

        double success() {
            return firstRelevant == 1 ? 1 : 0;
        }
    }

    static void report(JudgedSet set, List<Engine> engines, boolean verbose) throws Exception {
        // outcomes.get(engine).get(query index)
        Map<String, List<Outcome>> outcomes = new LinkedHashMap<>();
        for (Engine engine : engines) {
            List<Outcome> list = new ArrayList<>();
            for (Query query : set.queries()) {
                list.add(Outcome.of(query, engine.top(query.q())));
            }
            outcomes.put(engine.name(), list);
        }

        System.out.println();
        System.out.printf("%-14s %7s %10s %9s%n", "engine", "MRR@5", "success@1", "recall@5");
        outcomes.forEach((engine, list) -> printRow(engine, list));

        System.out.println();
        System.out.println("By kind of query:");
        System.out.printf("%-17s %-14s %7s %10s %9s%n", "kind", "engine", "MRR@5", "success@1", "recall@5");
        for (String kind : KINDS) {
            List<Integer> indexes = new ArrayList<>();
            for (int i = 0; i < set.queries().size(); i++) {
                if (set.queries().get(i).kind().equals(kind)) {
                    indexes.add(i);
                }
            }
            if (indexes.isEmpty()) {
                continue;
            }
            String label = kind + " (" + indexes.size() + ")";
            for (Map.Entry<String, List<Outcome>> entry : outcomes.entrySet()) {
                List<Outcome> list = indexes.stream().map(entry.getValue()::get).toList();
                System.out.printf("%-17s ", label);
                printRow(entry.getKey(), list);
                label = "";
            }
        }

        List<String> allFail = new ArrayList<>();
        for (int i = 0; i < set.queries().size(); i++) {
            int index = i;
            if (outcomes.values().stream().allMatch(list -> list.get(index).firstRelevant() == 0)) {
                allFail.add("\"" + set.queries().get(i).q() + "\" (" + set.queries().get(i).kind() + ")");
            }
        }
        System.out.println();
        System.out.println("No engine has a relevant takeaway in its top " + TOP + " for " + allFail.size()
                + " queries" + (allFail.isEmpty() ? "." : ": " + String.join(", ", allFail)));

        if (verbose) {
            System.out.println();
            System.out.println("Per query: rank of the first relevant takeaway (- when none in the top " + TOP
                    + ") for " + String.join(" / ", outcomes.keySet()) + ", then the app's top " + TOP + ".");
            Function<Integer, String> rank = r -> r == 0 ? "-" : Integer.toString(r);
            for (int i = 0; i < set.queries().size(); i++) {
                Query query = set.queries().get(i);
                StringBuilder ranks = new StringBuilder();
                for (List<Outcome> list : outcomes.values()) {
                    ranks.append(ranks.isEmpty() ? "" : " / ").append(rank.apply(list.get(i).firstRelevant()));
                }
                Outcome app = outcomes.values().iterator().next().get(i);
                System.out.printf("%-14s %-58s %-9s app: %s%n", "[" + query.kind() + "]", "\"" + query.q() + "\"",
                        ranks, app.top().isEmpty() ? "(nothing)" : String.join(", ", app.top()));
                System.out.printf("%-14s %-58s %-9s judged relevant: %s%n", "", "", "",
                        String.join(", ", query.relevant()));
            }
        }
    }

    private static void printRow(String engine, List<Outcome> list) {
        double n = list.size();
        System.out.printf("%-14s %7.3f %10.3f %9.3f%n", engine,
                list.stream().mapToDouble(Outcome::reciprocalRank).sum() / n,
                list.stream().mapToDouble(Outcome::success).sum() / n,
                list.stream().mapToDouble(Outcome::recall).sum() / n);
    }
}
