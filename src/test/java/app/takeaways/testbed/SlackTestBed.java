package app.takeaways.testbed;

import app.takeaways.slack.AfterAck;
import app.takeaways.slack.BotIdentity;
import app.takeaways.slack.UserChannels;
import app.takeaways.slack.ChannelClassifier;
import app.takeaways.summary.TeamCorpus;
import app.takeaways.workspace.ChannelDirectory;
import org.junit.jupiter.api.BeforeEach;
import app.takeaways.search.RecentMeanings;
import app.takeaways.search.SearchIndexer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.time.Duration;

import static org.awaitility.Awaitility.await;

/**
 * The test bed every Slack surface's integration test stands on: the whole app on a random port in HTTP mode,
 * real Postgres ({@link TestDatabase}) migrated by Flyway, WireMock as Slack's Web API ({@link SlackApiStub}),
 * and {@link SlackHttp} signing requests as Slack does. Which Slack settings it runs with is its subclass's
 * {@code @DynamicPropertySource}: {@link IntegrationTest}'s one workspace, or OAuth mode's many.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class SlackTestBed {

    public static final String SIGNING_SECRET = "test-signing-secret-8f742231b10e8888abcd99yyyzzz85a5";
    public static final String BOT_TOKEN = "xoxb-test-bot-token";

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    private AfterAck afterAck;

    @Autowired
    private ChannelDirectory channels;

    @Autowired
    private ChannelClassifier classifier;

    @Autowired
    private BotIdentity identity;

    @Autowired
    private TeamCorpus corpus;

    @Autowired
    private SearchIndexer searchIndexer;

    @Autowired
    private RecentMeanings recentMeanings;

    @Autowired
    private UserChannels userChannels;

    protected SlackHttp slack;

    /**
     * Points a test context at the test bed: its own database in {@link TestDatabase}, WireMock as Slack's Web API,
     * and the given Slack settings (empty for unset).
     */
    public static void register(DynamicPropertyRegistry registry, String database, String botToken,
                                String signingSecret, String appToken) {
        registry.add("spring.datasource.url", () -> TestDatabase.jdbcUrl(database));
        registry.add("spring.datasource.username", TestDatabase::username);
        registry.add("slack.api-url", SlackApiStub::apiUrl);
        registry.add("slack.bot-token", () -> botToken);
        registry.add("slack.signing-secret", () -> signingSecret);
        registry.add("slack.app-token", () -> appToken);
        // Single-workspace mode needs no encryption key: the test bed starts without one, whatever the shell has.
        registry.add("takeaways.encryption.key", () -> "");
        // Tests tick the digest scheduler and the summary refresher themselves, on a clock they control.
        registry.add("takeaways.digest.scheduler-enabled", () -> "false");
        registry.add("takeaways.digest.pause-between-messages", () -> "0s");
        registry.add("takeaways.summary.refresher-enabled", () -> "false");
        // ...and rounds of the deletion of uninstalled workspaces' data.
        registry.add("takeaways.retention.sweeper-enabled", () -> "false");
        // Search's index is brought up to date by awaitBackgroundWork (until then, search reads new rows by text).
        registry.add("takeaways.search.indexer-enabled", () -> "false");
    }

    @BeforeEach
    void cleanSlate() {
        // Work a previous test left running after its ack must not land in this one.
        awaitBackgroundWork();
        SlackApiStub.reset();
        jdbc.sql("""
                TRUNCATE takeaway_links, takeaways, talks, channels, search_words, search_terms, search_statistics,
                         digest_subscriptions, digest_runs,
                         takeaway_reactions, pending_reaction_captures, capture_drafts, import_drafts,
                         installations, installation_teams, oauth_states, uninstalled_teams
                         RESTART IDENTITY CASCADE""")
                .update();
        channels.forgetRemembered();
        classifier.forgetAsked();
        corpus.forget();
        recentMeanings.forget();
        userChannels.forget();
        learnWhoTheBotIs(identity);
        slack = new SlackHttp(port, SIGNING_SECRET);
    }

    /**
     * Who the bot is (auth.test) is otherwise learnt in the background at start: known before each test. One
     * workspace's token serves any team asked about; tests of many workspaces learn per workspace instead.
     */
    protected void learnWhoTheBotIs(BotIdentity identity) {
        identity.learnNow(null);
    }

    /** Waits for the work after each ack, then indexes for search what it saved (words, counts, meanings). */
    protected void awaitBackgroundWork() {
        await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10)).atMost(Duration.ofSeconds(30))
                .until(afterAck::isIdle);
        searchIndexer.indexNow();
    }

    /** A talk thread in channel C111 of T111, as {@code /takeaway talk} leaves one: its replies are the talk's. */
    protected void talkThread(String threadTs, String title, String startedBy) {
        long talk = jdbc.sql("""
                        INSERT INTO talks (team_id, title, title_key, created_by, created_at)
                        VALUES ('T111', :title, lower(:title), :user, now()) RETURNING id""")
                .param("title", title).param("user", startedBy).query(Long.class).single();
        jdbc.sql("""
                        INSERT INTO talk_threads (team_id, channel_id, thread_ts, talk_id, started_by, origin, created_at)
                        VALUES ('T111', 'C111', :thread, :talk, :user, 'command', now())""")
                .param("thread", threadTs).param("talk", talk).param("user", startedBy).update();
    }

    protected long count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }
}
