package app.takeaways.note;

import app.takeaways.testbed.IntegrationTest;
import app.takeaways.workspace.TeamRetention;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The background deletion of uninstalled workspaces' data, on the real database: a team whose retention ended loses
 * every row in every table that holds a team, in one round; every other team keeps every row.
 */
class RetentionSweeperTests extends IntegrationTest {

    /** Uninstalled 31 days ago: due. */
    private static final String GONE = "T0GONE";
    /** Installed: never due. */
    private static final String STAYING = "T0STAY";
    /** Uninstalled 29 days ago: still kept. */
    private static final String LEAVING = "T0LEAVE";

    @Autowired
    private RetentionSweeper sweeper;

    @Autowired
    private TeamRetention retention;

    @Autowired
    private TeamErasure erasure;

    @Autowired
    private Clock clock;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void listen() {
        log.start();
        ((Logger) LoggerFactory.getLogger(RetentionSweeper.class)).addAppender(log);
    }

    @AfterEach
    void stopListening() {
        ((Logger) LoggerFactory.getLogger(RetentionSweeper.class)).detachAppender(log);
    }

    @Test
    void aRoundDeletesEveryRowOfATeamWhoseRetentionEndedAndNothingElse() {
        everything(GONE);
        everything(STAYING);
        installed(STAYING);
        everything(LEAVING);
        uninstalled(GONE, Duration.ofDays(31));
        uninstalled(LEAVING, Duration.ofDays(29));
        // A table added later needs its row in everything() too.
        assertThat(tablesWithRows(GONE)).as("seeded").containsAll(allBut(teamTables(), "installations",
                "installation_teams"));
        assertThat(tablesWithRows(STAYING)).as("seeded").containsAll(allBut(teamTables(), "uninstalled_teams",
                "installation_teams"));
        Map<String, Long> staying = rowsByTable(STAYING);
        Map<String, Long> leaving = rowsByTable(LEAVING);
        long links = count("takeaway_links");

        assertThat(sweeper.sweep()).isEqualTo(1);

        assertThat(tablesWithRows(GONE)).as("tables still holding rows of the team deleted").isEmpty();
        assertThat(rowsByTable(STAYING)).isEqualTo(staying);
        assertThat(rowsByTable(LEAVING)).isEqualTo(leaving);
        assertThat(count("takeaway_links")).as("the deleted team's links only").isEqualTo(links - 1);
        assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("Deleted the data of workspace T0GONE (uninstalled 31 days ago): 2 takeaways");

        assertThat(sweeper.sweep()).as("nothing left to delete").isZero();
    }

    @Test
    void aTeamWithAnInstallationKeepsItsData() {
        everything(STAYING);
        installed(STAYING);
        uninstalled(STAYING, Duration.ofDays(31));
        Map<String, Long> before = rowsByTable(STAYING);

        assertThat(sweeper.sweep()).isZero();

        before.put("uninstalled_teams", 0L);
        assertThat(rowsByTable(STAYING)).isEqualTo(before);
        assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("Workspace T0STAY has an installation again: its data is kept");
    }

    @Test
    void severalInstancesDeleteEachTeamOnce() throws Exception {
        List<String> teams = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String team = "T0GONE" + i;
            teams.add(team);
            everything(team);
            uninstalled(team, Duration.ofDays(40));
        }
        List<RetentionSweeper> instances = List.of(sweeper(), sweeper(), sweeper());

        ExecutorService pool = Executors.newFixedThreadPool(instances.size());
        int deleted = 0;
        try {
            List<Callable<Integer>> rounds = instances.stream().<Callable<Integer>>map(s -> s::sweep).toList();
            for (Future<Integer> round : pool.invokeAll(rounds)) {
                deleted += round.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(deleted).isEqualTo(teams.size());
        assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage).hasSize(teams.size())
                .allSatisfy(line -> assertThat(line).endsWith("(uninstalled 40 days ago): 2 takeaways"));
        assertThat(count("takeaways")).isZero();
        assertThat(count("uninstalled_teams")).isZero();
    }

    private RetentionSweeper sweeper() {
        return new RetentionSweeper(retention, erasure, clock, Duration.ofHours(1), false);
    }

    /** The tables with a team_id column, as the schema is now: a table added later is checked without a word here. */
    private List<String> teamTables() {
        return jdbc.sql("""
                        SELECT table_name FROM information_schema.columns
                        WHERE table_schema = current_schema() AND column_name = 'team_id'
                        ORDER BY table_name
                        """)
                .query(String.class).list();
    }

    private Map<String, Long> rowsByTable(String team) {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String table : teamTables()) {
            rows.put(table, jdbc.sql("SELECT count(*) FROM " + table + " WHERE team_id = :team")
                    .param("team", team).query(Long.class).single());
        }
        return rows;
    }

    private Set<String> tablesWithRows(String team) {
        Map<String, Long> rows = rowsByTable(team);
        rows.values().removeIf(count -> count == 0);
        return rows.keySet();
    }

    private static List<String> allBut(List<String> tables, String... left) {
        return tables.stream().filter(table -> !List.of(left).contains(table)).toList();
    }

    private void uninstalled(String team, Duration ago) {
        jdbc.sql("INSERT INTO uninstalled_teams (team_id, uninstalled_at) VALUES (:team, now() - :ago * interval '1 second')")
                .param("team", team).param("ago", ago.toSeconds()).update();
    }

    private void installed(String team) {
        jdbc.sql("""
                        INSERT INTO installations (tenant_id, team_id, is_enterprise_install, bot_token, key_id,
                                                   installed_at, updated_at)
                        VALUES (:team, :team, false, 'tk1:00000000:AAAA', '00000000', now(), now())
                        """)
                .param("team", team).update();
    }

    /** A row of the team in every table that keeps one: a talk, its thread, a takeaway and its summary, and the rest. */
    private void everything(String team) {
        long talk = jdbc.sql("""
                        INSERT INTO talks (team_id, title, title_key, created_by, created_at)
                        VALUES (:team, 'Cell-based architecture', 'cell-based architecture', 'W111', now())
                        RETURNING id""")
                .param("team", team).query(Long.class).single();
        jdbc.sql("""
                        INSERT INTO talk_threads (team_id, channel_id, thread_ts, talk_id, started_by, origin, created_at)
                        VALUES (:team, 'C111', '1700000000.000100', :talk, 'W111', 'command', now())""")
                .param("team", team).param("talk", talk).update();
        long takeaway = jdbc.sql("""
                        INSERT INTO takeaways (team_id, channel_id, channel_type, user_id, text, talk_id, source,
                                               message_ts, created_at, updated_at)
                        VALUES (:team, 'C111', 'public_channel', 'W111', 'Cells cap the blast radius', :talk,
                                'thread_reply', '1700000000.000200', now(), now())
                        RETURNING id""")
                .param("team", team).param("talk", talk).query(Long.class).single();
        jdbc.sql("""
                        INSERT INTO takeaway_links (team_id, takeaway_id, position, url)
                        VALUES (:team, :id, 0, 'https://example.com/cells')""")
                .param("team", team).param("id", takeaway).update();
        long summary = jdbc.sql("""
                        INSERT INTO takeaways (team_id, channel_id, channel_type, user_id, text, talk_id, source, quotes,
                                               created_at, updated_at)
                        VALUES (:team, 'C111', 'public_channel', 'B0BOT', 'Themes: cells', :talk, 'summary',
                                ARRAY[:quoted]::bigint[], now(), now())
                        RETURNING id""")
                .param("team", team).param("talk", talk).param("quoted", takeaway).query(Long.class).single();
        jdbc.sql("""
                        INSERT INTO posted_summaries (team_id, takeaway_id, channel_id, message_ts, talk_id, subject,
                                                      requested_by, posted_at, refreshed_at)
                        VALUES (:team, :summary, 'C111', '1700000000.000300', :talk, 'Cell-based architecture', 'W111',
                                now(), now())""")
                .param("team", team).param("summary", summary).param("talk", talk).update();
        jdbc.sql("""
                        INSERT INTO takeaway_reactions (team_id, channel_id, message_ts, user_id, reaction, created_at)
                        VALUES (:team, 'C111', '1700000000.000200', 'W222', 'memo', now())""")
                .param("team", team).update();
        jdbc.sql("""
                        INSERT INTO channels (team_id, channel_id, channel_type, name, updated_at)
                        VALUES (:team, 'C111', 'public_channel', 'general', now())""")
                .param("team", team).update();
        jdbc.sql("INSERT INTO search_words (team_id, word) VALUES (:team, 'cells')").param("team", team).update();
        jdbc.sql("INSERT INTO search_terms (team_id, lexeme, documents) VALUES (:team, 'cell', 1)")
                .param("team", team).update();
        jdbc.sql("""
                        INSERT INTO search_statistics (team_id, documents, average_length, counted_at)
                        VALUES (:team, 1, 4, now())""")
                .param("team", team).update();
        jdbc.sql("""
                        INSERT INTO digest_subscriptions (team_id, channel_id, weekday, local_time, time_zone,
                                                          subscribed_by, next_run_at, created_at, updated_at)
                        VALUES (:team, 'C111', 1, '09:00', 'Europe/Berlin', 'W111', now() + interval '1 day', now(),
                                now())""")
                .param("team", team).update();
        jdbc.sql("""
                        INSERT INTO digest_runs (team_id, channel_id, due_at, period_start, period_end, status,
                                                 run_after, created_at, sources)
                        VALUES (:team, 'C111', now(), now() - interval '7 days', now(), 'posted', now(), now(),
                                ARRAY[:takeaway]::bigint[])""")
                .param("team", team).param("takeaway", takeaway).update();
        jdbc.sql("""
                        INSERT INTO digest_resurfaced (team_id, takeaway_id, resurfaced_at)
                        VALUES (:team, :takeaway, now())""")
                .param("team", team).param("takeaway", takeaway).update();
        jdbc.sql("""
                        INSERT INTO pending_reaction_captures (team_id, channel_id, message_ts, reacted_by, run_after,
                                                               created_at)
                        VALUES (:team, 'C111', '1700000000.000400', 'W222', now() + interval '1 day', now())""")
                .param("team", team).update();
        jdbc.sql("INSERT INTO capture_drafts (id, team_id, text, created_at) VALUES (gen_random_uuid(), :team, 'Cells', now())")
                .param("team", team).update();
        jdbc.sql("""
                        INSERT INTO import_drafts (id, team_id, user_id, channel_id, channel_hint, source_name, outline,
                                                   created_at)
                        VALUES (gen_random_uuid(), :team, 'W111', 'C111', 'public_channel', 'notes.txt', 'Keynote', now())""")
                .param("team", team).update();
    }
}
