package app.takeaways.slack.commands;

import app.takeaways.platform.RepeatingWork;
import app.takeaways.testbed.Fixtures;
import app.takeaways.testbed.FormState;
import app.takeaways.testbed.IntegrationTest;
import app.takeaways.testbed.Payloads;
import app.takeaways.testbed.SlackApiStub;
import app.takeaways.testbed.SlackHttp;
import app.takeaways.testbed.SlackMessages;
import app.takeaways.testbed.TestDatabase;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static app.takeaways.testbed.SlackMessages.blockTexts;
import static app.takeaways.testbed.SlackMessages.json;
import static app.takeaways.testbed.SlackMessages.visibleText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The database goes away under a running app (its own database here, so nothing else is disturbed): a capture is
 * answered "not saved" in time, the app stays up, and it saves again once the database is back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class DatabaseOutageTests {

    private static final String DATABASE = "outage";
    private static final String SECRET = "outage-signing-secret";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    List<RepeatingWork> background;

    SlackHttp slack;

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        IntegrationTest.register(registry, DATABASE, "xoxb-outage-test", SECRET, "");
        // The background work of a running app goes on through an outage here, as it would in production.
        registry.add("takeaways.search.indexer-enabled", () -> "true");
        registry.add("takeaways.digest.scheduler-enabled", () -> "true");
        registry.add("takeaways.digest.tick", () -> "1s");
        registry.add("takeaways.summary.refresher-enabled", () -> "true");
        registry.add("takeaways.summary.refresh-every", () -> "1s");
    }

    @BeforeEach
    void setUp() {
        SlackApiStub.reset();
        slack = new SlackHttp(port, SECRET);
        jdbc.sql("TRUNCATE takeaway_links, takeaways, talks, channels, import_drafts RESTART IDENTITY CASCADE").update();
    }

    @Autowired
    javax.sql.DataSource dataSource;

    @AfterEach
    void databaseBack() throws java.sql.SQLException {
        TestDatabase.admin("ALTER DATABASE " + DATABASE + " WITH ALLOW_CONNECTIONS true");
        // The pooled connections the outage ended would fail the next test's first statements.
        dataSource.unwrap(com.zaxxer.hikari.HikariDataSource.class).getHikariPoolMXBean().softEvictConnections();
    }

    @Test
    void tellsThePersonNothingWasSavedAndRecoversWhenTheDatabaseReturns() {
        takeDatabaseDown();

        HttpResponse<String> during = slack.post(SlackHttp.FORM, command("Written while Postgres is away #ops", "9.9.a"));

        assertThat(during.statusCode()).isEqualTo(200);
        JsonObject ack = json(during.body());
        assertThat(ack.get("response_type").getAsString()).isEqualTo("ephemeral");
        assertThat(blockTexts(ack)).containsExactly(
                ":warning: *Not saved.* I could not reach the database, so your takeaway was *not* saved. Please try"
                        + " again in a minute.",
                "Here is what you wrote, so you can send it again:\n> Written while Postgres is away #ops");
        assertThat(ack.get("text").getAsString()).startsWith("Not saved");
        assertThat(healthStatus()).isEqualTo(503);

        TestDatabase.admin("ALTER DATABASE " + DATABASE + " WITH ALLOW_CONNECTIONS true");

        await().atMost(Duration.ofSeconds(30)).until(() -> healthStatus() == 200);
        HttpResponse<String> after = slack.post(SlackHttp.FORM, command("Written after it came back #ops", "9.9.b"));
        assertThat(blockTexts(json(after.body())).get(0)).isEqualTo(":white_check_mark: *Saved your takeaway.*");
        assertThat(jdbc.sql("SELECT text FROM takeaways").query(String.class).list())
                .containsExactly("Written after it came back #ops");
    }

    @Test
    void anEventIsLeftForSlackToDeliverAgainAndIsStoredWhenItDoes() {
        jdbc.sql("""
                INSERT INTO talks (team_id, title, title_key, created_by, created_at)
                VALUES ('T111', 'Keynote', 'keynote', 'U1', now())""").update();
        jdbc.sql("""
                INSERT INTO talk_threads (team_id, channel_id, thread_ts, talk_id, started_by, origin, created_at)
                SELECT 'T111', 'C111', '1700000000.000100', id, 'U1', 'command', now() FROM talks""").update();
        String reply = Payloads.threadReply("1700000001.000100", "1700000000.000100", "W222", "Said during an outage");
        takeDatabaseDown();

        HttpResponse<String> during = slack.post(SlackHttp.JSON, reply);
        HttpResponse<String> reaction = slack.post(SlackHttp.JSON, Payloads.event("events/reaction_added.json",
                e -> e.addProperty("reaction", "memo")));

        assertThat(during.statusCode()).isEqualTo(503);
        assertThat(reaction.statusCode()).isEqualTo(503);
        TestDatabase.admin("ALTER DATABASE " + DATABASE + " WITH ALLOW_CONNECTIONS true");
        await().atMost(Duration.ofSeconds(30)).until(() -> healthStatus() == 200);

        assertThat(slack.postRetry(SlackHttp.JSON, reply, 1).statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT text FROM takeaways").query(String.class).list())
                .containsExactly("Said during an outage");
    }

    @Test
    void aFormKeepsTheTextAndSaysItWasNotSaved() {
        String submission = FormState.form().text("text", "Typed while Postgres is away")
                .submission("capture_takeaway", "V900", "{\"channelId\":\"C111\"}", "W111");
        takeDatabaseDown();

        HttpResponse<String> during = slack.post(SlackHttp.FORM, submission);

        JsonObject answer = json(during.body());
        assertThat(answer.get("response_action").getAsString()).isEqualTo("errors");
        assertThat(answer.getAsJsonObject("errors").get("text").getAsString())
                .isEqualTo("Not saved: the database is not answering. Your text is still here: try again in a minute.");
    }

    @Test
    void anImportDuringAnOutageSaysNothingWasSavedAndKeepsThePreviewForLater() {
        JsonObject preview = json(slack.post(SlackHttp.FORM, command("import EKS deep dive\n"
                + "  - Karpenter picks instance types per pod", "9.9.c")).body());
        String draft = ImportSubcommandTests.draftId(preview);
        takeDatabaseDown();

        slack.post(SlackHttp.FORM, Payloads.click("import_confirm", draft, "W111", "outage-import"));

        await().atMost(Duration.ofSeconds(30)).until(() -> SlackApiStub.responsesTo("outage-import").size() == 1);
        JsonObject answer = json(SlackApiStub.responsesTo("outage-import").get(0));
        assertThat(visibleText(answer)).isEqualTo(":warning: *Nothing was saved:* the database is not answering."
                + " Press Import again in a minute.");
        assertThat(answer.get("replace_original").getAsBoolean()).as("the preview and its buttons stay").isFalse();

        TestDatabase.admin("ALTER DATABASE " + DATABASE + " WITH ALLOW_CONNECTIONS true");
        await().atMost(Duration.ofSeconds(30)).until(() -> healthStatus() == 200);
        slack.post(SlackHttp.FORM, Payloads.click("import_confirm", draft, "W111", "outage-import"));

        await().atMost(Duration.ofSeconds(30)).until(() -> SlackApiStub.responsesTo("outage-import").size() == 2);
        assertThat(visibleText(json(SlackApiStub.responsesTo("outage-import").get(1))))
                .isEqualTo(":white_check_mark: Imported 1 takeaway under 1 talk.");
        assertThat(jdbc.sql("SELECT text FROM takeaways").query(String.class).list())
                .containsExactly("Karpenter picks instance types per pod");
    }

    @Test
    void forgetMeDuringAnOutageSaysPlainlyNothingWasDeleted() {
        slack.post(SlackHttp.FORM, command("Kept through an outage #ops", "9.9.d"));
        JsonObject question = json(slack.post(SlackHttp.FORM, command("forget me", "9.9.e")).body());
        takeDatabaseDown();

        JsonObject asked = json(slack.post(SlackHttp.FORM, command("forget me", "9.9.f")).body());
        slack.post(SlackHttp.FORM, Payloads.click("forget_me_confirm",
                SlackMessages.buttonValue(question, "forget_me_confirm"), "W111", "outage-forget"));

        String nothingDeleted = ":warning: *Nothing was deleted:* the database is not answering. Please try again in"
                + " a minute.";
        assertThat(visibleText(asked)).isEqualTo(nothingDeleted);
        await().atMost(Duration.ofSeconds(30)).until(() -> SlackApiStub.responsesTo("outage-forget").size() == 1);
        JsonObject answer = json(SlackApiStub.responsesTo("outage-forget").get(0));
        assertThat(visibleText(answer)).isEqualTo(nothingDeleted);
        assertThat(answer.get("replace_original").getAsBoolean()).as("the question and its buttons stay").isFalse();
        TestDatabase.admin("ALTER DATABASE " + DATABASE + " WITH ALLOW_CONNECTIONS true");
        await().atMost(Duration.ofSeconds(30)).until(() -> healthStatus() == 200);
        assertThat(jdbc.sql("SELECT text FROM takeaways").query(String.class).list())
                .containsExactly("Kept through an outage #ops");
    }

    /**
     * Five seconds without the database while captures, reactions, health checks and background rounds go on: the log
     * says once that it went away and once that it is back, and shows no stack trace.
     */
    @Test
    void aFiveSecondOutageIsOneWarningAndOneLineWhenItEnds(CapturedOutput output) throws InterruptedException {
        slack.post(SlackHttp.FORM, command("Saved before the outage #ops", "9.9.g"));
        int before = output.getAll().length();

        takeDatabaseDown();
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        AtomicInteger turnedAway = new AtomicInteger();
        ExecutorService slackSide = Executors.newFixedThreadPool(4);
        for (int sender = 0; sender < 4; sender++) {
            int n = sender;
            slackSide.execute(() -> {
                for (int request = 0; System.nanoTime() < until; request++) {
                    if (n == 0) {
                        slack.post(SlackHttp.JSON, Payloads.event("events/reaction_added.json",
                                e -> e.addProperty("reaction", "memo")));
                        healthStatus();
                    } else if (slack.post(SlackHttp.FORM, command("Written during the outage", n + "." + request))
                            .body().contains("Not saved")) {
                        turnedAway.incrementAndGet();
                    }
                }
            });
        }
        slackSide.shutdown();
        assertThat(slackSide.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        TestDatabase.admin("ALTER DATABASE " + DATABASE + " WITH ALLOW_CONNECTIONS true");
        await().atMost(Duration.ofSeconds(30)).until(() -> healthStatus() == 200);
        assertThat(blockTexts(json(slack.post(SlackHttp.FORM, command("Written after the outage", "9.9.i")).body()))
                .get(0)).isEqualTo(":white_check_mark: *Saved your takeaway.*");
        // a round of each piece of background work that runs here, on a database that is back
        Map<RepeatingWork, Long> done = new java.util.HashMap<>();
        background.stream().filter(RepeatingWork::isRunning).forEach(work -> done.put(work, work.roundsDone()));
        assertThat(done).as("background work running").hasSizeGreaterThanOrEqualTo(3);
        await().atMost(Duration.ofSeconds(30)).until(() -> done.entrySet().stream()
                .allMatch(entry -> entry.getKey().roundsDone() > entry.getValue()));

        String log = output.getAll().substring(before);
        assertThat(log.lines().filter(line -> line.contains(" WARN ") || line.contains(" ERROR ")))
                .as(log).singleElement().asString().contains("The database cannot be reached");
        assertThat(log.lines().filter(line -> line.contains(" INFO ") && line.contains("The database is back")))
                .as(log).hasSize(1);
        assertThat(log).as(log).doesNotContain("\tat ");
        assertThat(turnedAway).hasValueGreaterThan(5);
        assertThat(log.lines().filter(line -> line.contains("Takeaway not saved, the database is unavailable")))
                .as("said once, however many captures were turned away").hasSize(1);
    }

    private static void takeDatabaseDown() {
        TestDatabase.admin("ALTER DATABASE " + DATABASE + " WITH ALLOW_CONNECTIONS false");
        TestDatabase.admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + DATABASE + "'");
    }

    private int healthStatus() {
        return slack.get("/actuator/health").statusCode();
    }

    private static String command(String text, String triggerId) {
        return Fixtures.slashCommand(Map.of("command", "/takeaway", "text", text, "trigger_id", triggerId));
    }
}
