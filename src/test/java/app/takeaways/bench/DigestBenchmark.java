package app.takeaways.bench;

import app.takeaways.note.Conversation;
import app.takeaways.workspace.ChannelType;

import app.takeaways.digest.WeeklyDigest;
import app.takeaways.digest.WeeklyDigestBuilder;
import app.takeaways.digest.WeeklySchedule;
import app.takeaways.slack.blocks.SlackMessage;
import app.takeaways.slack.blocks.WeeklyDigestMessage;
import app.takeaways.summary.TeamCorpus;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the weekly digest of a channel with 5,000 takeaways in its week, the way the scheduler does: the app's own
 * {@link WeeklyDigestBuilder} (the week's rows, each talk's themes and best takeaways, the tags, one takeaway from
 * the archive) and the Slack messages it makes ({@link WeeklyDigestMessage}). The channel's week is made of texts
 * from {@link SearchCorpus} (the team's history of a million takeaways, which themes are measured against and the
 * archive is drawn from), over 80 talks of which a few are busy, with reactions on some.
 * <p>
 * Prints the first build (which also counts the team's words), p50/p95 of the next {@code --runs} builds, and of a
 * few builds that count the team's words first; the target is 500 ms. Usage: {@code bench/run.sh DigestBenchmark [--week=5000] [--runs=20]
 * [--data-dir=target/bench-search/pg] [--takeaways=1000000]} (the corpus is the search benchmark's, generated once).
 */
public final class DigestBenchmark {

    private static final String TEAM = SearchCorpus.TEAM;
    private static final String CHANNEL = "CDIGESTBENCH";
    private static final int TALKS = 80;
    private static final Duration TARGET = Duration.ofMillis(500);

    private DigestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (!arg.startsWith("--") || equals < 0) {
                throw new IllegalArgumentException("Unknown argument " + arg + " (see DigestBenchmark's javadoc)");
            }
            options.put(arg.substring(2, equals), arg.substring(equals + 1));
        }
        int week = Integer.parseInt(options.getOrDefault("week", "5000"));
        int runs = Integer.parseInt(options.getOrDefault("runs", "20"));
        try (CorpusApp app = CorpusApp.start(Path.of(options.getOrDefault("data-dir", "target/bench-search/pg")),
                Integer.parseInt(options.getOrDefault("takeaways", "1000000")), false)) {
            WeeklySchedule.Period period = new WeeklySchedule.Period(app.corpusEnd.minus(Duration.ofDays(7)),
                    app.corpusEnd);
            prepareWeek(app.connection, period.end(), week);
            WeeklyDigestBuilder builder = app.bean(WeeklyDigestBuilder.class);
            TeamCorpus corpus = app.bean(TeamCorpus.class);
            System.out.printf("Digest benchmark: %d CPUs, Java %s; channel with %,d takeaways in its week over %d"
                            + " talks, team of %s takeaways%n", Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"), week, TALKS,
                    CorpusApp.single(app.connection, "SELECT to_char(count(*), 'FM999,999,999') FROM takeaways"
                            + " WHERE team_id = '" + TEAM + "'"));

            corpus.forget();
            long started = System.nanoTime();
            WeeklyDigest digest = builder.build(TEAM, new Conversation(CHANNEL, ChannelType.PUBLIC_CHANNEL), period, ZoneOffset.UTC, Optional.empty());
            List<SlackMessage> messages = WeeklyDigestMessage.render(digest);
            double first = (System.nanoTime() - started) / 1e6;
            describe(digest, messages);
            System.out.printf("first build in this JVM, counting the team's words (%,d most recent takeaways):"
                    + " %.0f ms%n", 20_000, first);

            for (int i = 0; i < 3; i++) {
                WeeklyDigestMessage.render(builder.build(TEAM, new Conversation(CHANNEL, ChannelType.PUBLIC_CHANNEL), period, ZoneOffset.UTC, Optional.empty()));
            }
            long[] builds = new long[runs];
            long[] rendered = new long[runs];
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                WeeklyDigest built = builder.build(TEAM, new Conversation(CHANNEL, ChannelType.PUBLIC_CHANNEL), period, ZoneOffset.UTC, Optional.empty());
                long t1 = System.nanoTime();
                WeeklyDigestMessage.render(built);
                long t2 = System.nanoTime();
                builds[i] = t1 - t0;
                rendered[i] = t2 - t0;
            }
            report("build (database, themes, archive)", builds);
            report("build and render as Slack messages", rendered);
            // As a scheduled digest may find it: the team's words not counted in the last six hours.
            long[] cold = new long[Math.max(5, runs / 4)];
            for (int i = 0; i < cold.length; i++) {
                corpus.forget();
                long t0 = System.nanoTime();
                WeeklyDigestMessage.render(builder.build(TEAM, new Conversation(CHANNEL, ChannelType.PUBLIC_CHANNEL), period, ZoneOffset.UTC, Optional.empty()));
                cold[i] = System.nanoTime() - t0;
            }
            report("build and render, counting the team's words first", cold);
            double p95 = percentile(rendered, 95);
            System.out.printf("target: p95 <= %d ms: %s%n", TARGET.toMillis(), p95 <= TARGET.toMillis() ? "met" : "MISSED");
            cleanUp(app.connection);
        }
    }

    /** The channel's week: texts of the corpus, spread over the seven days, 80 talks (a few busy), some reacted. */
    private static void prepareWeek(Connection connection, Instant end, int week) throws SQLException {
        cleanUp(connection);
        try (Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO channels (team_id, channel_id, channel_type, name, updated_at) VALUES ('"
                    + TEAM + "', '" + CHANNEL + "', 'public_channel', 'digest-bench', now()) ON CONFLICT DO NOTHING");
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                WITH talk AS (SELECT id, row_number() OVER (ORDER BY id) AS n
                              FROM (SELECT id FROM talks WHERE team_id = ? ORDER BY id LIMIT ?) chosen),
                     source AS (SELECT text, tags, user_id, row_number() OVER (ORDER BY id) AS n
                                FROM (SELECT id, text, tags, user_id FROM takeaways
                                      WHERE team_id = ? ORDER BY id LIMIT ?) picked)
                INSERT INTO takeaways (team_id, channel_id, channel_type, user_id, text, tags, talk_id, source,
                                       message_ts, created_at, updated_at)
                SELECT ?, ?, 'public_channel', s.user_id, s.text, s.tags,
                       CASE WHEN s.n % 10 = 0 THEN NULL ELSE talk.id END, 'thread_reply', 'bench.' || s.n,
                       ?::timestamptz - make_interval(secs => s.n * 604800.0 / (? + 1)),
                       ?::timestamptz - make_interval(secs => s.n * 604800.0 / (? + 1))
                FROM source s
                -- a golden-ratio sequence, squared: talk 1 gets the most takeaways, talk 80 the fewest
                JOIN talk ON talk.n = 1 + floor(? * power(s.n * 0.6180339887 - floor(s.n * 0.6180339887), 2))::int
                """)) {
            int i = 1;
            insert.setString(i++, TEAM);
            insert.setInt(i++, TALKS);
            insert.setString(i++, TEAM);
            insert.setInt(i++, week);
            insert.setString(i++, TEAM);
            insert.setString(i++, CHANNEL);
            insert.setObject(i++, end.atOffset(ZoneOffset.UTC));
            insert.setInt(i++, week);
            insert.setObject(i++, end.atOffset(ZoneOffset.UTC));
            insert.setInt(i++, week);
            insert.setInt(i, TALKS);
            insert.executeUpdate();
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO takeaway_reactions (team_id, channel_id, message_ts, user_id, reaction,"
                    + " created_at) SELECT team_id, channel_id, message_ts, 'U' || g, 'heart', now() FROM takeaways t,"
                    + " generate_series(1, (t.id % 6)::int) g WHERE t.channel_id = '" + CHANNEL + "' AND t.id % 4 = 0");
            statement.execute("ANALYZE takeaways");
        }
    }

    private static void cleanUp(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM takeaway_reactions WHERE channel_id = '" + CHANNEL + "'");
            statement.execute("DELETE FROM takeaways WHERE channel_id = '" + CHANNEL + "'");
        }
    }

    private static void describe(WeeklyDigest digest, List<SlackMessage> messages) {
        System.out.printf("digest: %,d takeaways from %,d people across %,d talks; %d Slack messages (blocks: %s);"
                        + " from the archive: %s%n", digest.takeaways(), digest.people(), digest.talkCount(),
                messages.size(), messages.stream().map(m -> String.valueOf(m.blocks().size())).toList(),
                digest.fromTheArchive().map(item -> "#" + item.id()).orElse("none"));
        digest.talks().stream().limit(3).forEach(talk -> System.out.printf("  %s (%d): themes %s%n",
                talk.title().orElse("(no talk)"), talk.takeaways(), talk.themes()));
    }

    private static void report(String what, long[] nanos) {
        System.out.printf("%s over %d runs: p50 %.0f ms, p95 %.0f ms, max %.0f ms%n", what, nanos.length,
                percentile(nanos, 50), percentile(nanos, 95), Arrays.stream(nanos).max().orElse(0) / 1e6);
    }

    private static double percentile(long[] nanos, double p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
    }
}
