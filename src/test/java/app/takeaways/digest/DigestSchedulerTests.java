package app.takeaways.digest;

import app.takeaways.summary.TeamCorpus;
import io.micrometer.core.instrument.MeterRegistry;
import app.takeaways.note.TakeawayChanges;
import app.takeaways.testbed.IntegrationTest;
import app.takeaways.workspace.ConversationKinds;
import app.takeaways.testbed.MutableClock;
import app.takeaways.testbed.SlackApiStub;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static app.takeaways.testbed.SlackMessages.blocksText;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The digest schedule on a clock the test moves, against the real database: due digests are posted once, however
 * many schedulers tick; late ones are marked; quiet weeks post nothing; Slack errors pause or retry.
 */
class DigestSchedulerTests extends IntegrationTest {

    // Monday 2026-11-30 09:00 in Berlin
    private static final Instant DUE = Instant.parse("2026-11-30T08:00:00Z");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    WeeklyDigestBuilder builder;

    @Autowired
    DigestPublisher publisher;

    @Autowired
    ConversationKinds kinds;

    @Autowired
    TakeawayChanges changes;

    @Autowired
    TeamCorpus corpus;

    @Autowired
    MeterRegistry meters;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));

    @BeforeEach
    void aChannelSubscribedForMondayNineInBerlin() {
        new DigestSubscriptions(jdbc, clock).subscribe("T111", "C111",
                new WeeklySchedule(DayOfWeek.MONDAY, LocalTime.of(9, 0), BERLIN), "W111");
    }

    @Test
    void aDueDigestIsPostedOnceAtItsTime() {
        double postedBefore = meters.counter("takeaways.digests", "status", "posted").count();
        takeaway("W222", "Karpenter consolidation cut our node bill #k8s", "2026-11-26T10:00:00Z");
        DigestScheduler scheduler = scheduler();

        clock.set(DUE.minusSeconds(1));
        scheduler.tick();
        assertThat(SlackApiStub.requestsTo("chat.postMessage")).isEmpty();

        clock.set(DUE.plusSeconds(20));
        scheduler.tick();
        scheduler.tick();

        assertThat(SlackApiStub.formsTo("chat.postMessage")).hasSize(1);
        Map<String, String> posted = SlackApiStub.formsTo("chat.postMessage").get(0);
        assertThat(posted).containsEntry("channel", "C111");
        assertThat(blocksText(posted.get("blocks"))).startsWith("Takeaways of the week\n*Nov 23 – Nov 30, 2026*  ·  <#C111>\n"
                + ":bar_chart: *1 takeaway* from *1 person* across *0 talks*")
                .contains("Karpenter consolidation cut our node bill #k8s — <@W222>")
                .doesNotContain("late");
        assertThat(runs()).containsExactly("2026-11-30 08:00:00+00|posted|1");
        assertThat(nextRun()).isEqualTo("2026-12-07 08:00:00+00");
        assertThat(meters.counter("takeaways.digests", "status", "posted").count()).isEqualTo(postedBefore + 1);
    }

    @Test
    void theTeamsWordsAreCountedShortlyBeforeItsDigestIsDue() {
        takeaway("W222", "Karpenter consolidation cut our node bill #k8s", "2026-11-26T10:00:00Z");
        corpus.forget();
        DigestScheduler scheduler = scheduler();

        clock.set(DUE.minus(Duration.ofHours(1)));
        scheduler.tick();
        assertThat(corpus.isCounted("T111")).isFalse();

        clock.set(DUE.minus(DigestScheduler.COUNT_WORDS_AHEAD).plusSeconds(30));
        scheduler.tick();
        assertThat(corpus.isCounted("T111")).isTrue();
        assertThat(SlackApiStub.requestsTo("chat.postMessage")).isEmpty();
    }

    @Test
    void twoSchedulersOnOneDatabasePostOnce() throws Exception {
        for (int i = 0; i < 300; i++) {
            takeaway("W" + (i % 7), "Takeaway " + i + " about observability and tracing #obs talk:\"Talk " + (i % 40) + "\"",
                    "2026-11-26T10:00:00Z");
        }
        DigestScheduler one = scheduler();
        DigestScheduler other = scheduler();
        clock.set(DUE.plusSeconds(5));

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Void>> ticks = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                DigestScheduler scheduler = i % 2 == 0 ? one : other;
                ticks.add(() -> {
                    scheduler.tick();
                    return null;
                });
            }
            for (Future<Void> tick : pool.invokeAll(ticks)) {
                tick.get();
            }
        } finally {
            pool.shutdownNow();
        }

        int parts = jdbc.sql("SELECT parts_posted FROM digest_runs").query(Integer.class).single();
        assertThat(parts).isGreaterThan(1);
        assertThat(SlackApiStub.requestsTo("chat.postMessage")).hasSize(parts);
        assertThat(SlackApiStub.formsTo("chat.postMessage").subList(1, parts))
                .allSatisfy(form -> assertThat(form).containsEntry("thread_ts", "1503435956.000247"));
        assertThat(runs()).containsExactly("2026-11-30 08:00:00+00|posted|300");
    }

    @Test
    void aDigestMissedWhileTheAppWasDownIsPostedWhenItIsBackAndMarkedLate() {
        takeaway("W222", "Cells cap the blast radius", "2026-11-27T10:00:00Z");
        DigestScheduler scheduler = scheduler();

        clock.set(DUE.plus(Duration.ofHours(3)));
        scheduler.tick();
        clock.advance(Duration.ofMinutes(1));
        scheduler.tick();

        assertThat(SlackApiStub.requestsTo("chat.postMessage")).hasSize(1);
        assertThat(blocksText(SlackApiStub.formsTo("chat.postMessage").get(0).get("blocks")))
                .contains(":hourglass_flowing_sand: A late digest: it was due <!date^1796025600^{date_long_pretty} at"
                        + " {time}|2026-11-30 08:00 UTC>, when Takeaways was not running.");
    }

    @Test
    void ofSeveralMissedWeeksOnlyTheLatestIsPosted() {
        takeaway("W222", "Cells cap the blast radius", "2026-12-10T10:00:00Z");
        DigestScheduler scheduler = scheduler();

        clock.set(DUE.plus(Duration.ofDays(15)));
        scheduler.tick();

        assertThat(runs()).containsExactly("2026-12-14 08:00:00+00|posted|1");
        assertThat(SlackApiStub.requestsTo("chat.postMessage")).hasSize(1);
    }

    @Test
    void aQuietWeekPostsNothingAndIsRecordedAsEmpty() {
        takeaway("W222", "Long ago", "2026-10-01T10:00:00Z");
        DigestScheduler scheduler = scheduler();

        clock.set(DUE.plusSeconds(5));
        scheduler.tick();

        assertThat(SlackApiStub.requestsTo("chat.postMessage")).isEmpty();
        assertThat(runs()).containsExactly("2026-11-30 08:00:00+00|empty|0");
    }

    @Test
    void aChannelTheBotWasRemovedFromPausesTheDigestAndTellsTheSubscriber() {
        takeaway("W222", "Cells cap the blast radius", "2026-11-27T10:00:00Z");
        SlackApiStub.stub(post(urlEqualTo("/api/chat.postMessage"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("channel=C111"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"ok\": false, \"error\": \"not_in_channel\"}")));
        DigestScheduler scheduler = scheduler();

        clock.set(DUE.plusSeconds(5));
        scheduler.tick();

        assertThat(runs()).containsExactly("2026-11-30 08:00:00+00|paused|null");
        assertThat(jdbc.sql("SELECT paused_reason FROM digest_subscriptions").query(String.class).single())
                .isEqualTo("not_in_channel");
        Map<String, String> dm = SlackApiStub.formsTo("chat.postMessage").stream()
                .filter(form -> form.get("channel").equals("W111")).findFirst().orElseThrow();
        assertThat(blocksText(dm.get("blocks"))).isEqualTo(":pause_button: I paused the weekly digest you set up for"
                + " <#C111>: I am not a member of it any more (or it was deleted). Invite me with `/invite @Takeaways`,"
                + " then run `/takeaway digest on` in the channel to resume it.");

        clock.set(DUE.plus(Duration.ofDays(7)).plusSeconds(5));
        scheduler.tick();
        assertThat(runs()).hasSize(1);
    }

    @Test
    void anUninstalledTeamsDigestsStopWhileOtherTeamsGoOn() {
        takeaway("W222", "Cells cap the blast radius", "2026-11-27T10:00:00Z");
        DigestSubscriptions subscriptions = new DigestSubscriptions(jdbc, clock);
        subscriptions.subscribe("T222", "C222", new WeeklySchedule(DayOfWeek.MONDAY, LocalTime.of(9, 0), BERLIN), "W333");
        SlackApiStub.conversationIs("C222", SlackApiStub.conversation("C222", "learning", false));
        jdbc.sql("""
                        INSERT INTO takeaways (team_id, channel_id, channel_type, user_id, text, source, created_at,
                                               updated_at)
                        VALUES ('T222', 'C222', 'public_channel', 'W333', 'Shuffle sharding isolates tenants',
                                'slash_command', '2026-11-27T10:00:00Z', '2026-11-27T10:00:00Z')""")
                .update();
        DigestScheduler scheduler = scheduler();

        assertThat(subscriptions.stopTeam("T111")).isEqualTo(1);
        assertThat(subscriptions.stopTeam("T111")).as("paused already").isZero();
        clock.set(DUE.plusSeconds(5));
        scheduler.tick();
        clock.set(DUE.plus(Duration.ofDays(7)).plusSeconds(5));
        scheduler.tick();

        assertThat(SlackApiStub.formsTo("chat.postMessage")).extracting(form -> form.get("channel"))
                .containsExactly("C222");
        assertThat(jdbc.sql("SELECT team_id || '|' || status FROM digest_runs ORDER BY due_at").query(String.class).list())
                .as("a quiet second week for T222, no run ever for T111").containsExactly("T222|posted", "T222|empty");
        assertThat(subscriptions.find("T111", "C111").orElseThrow().pausedReason()).contains("app_uninstalled");
        assertThat(subscriptions.find("T222", "C222").orElseThrow().isPaused()).isFalse();
    }

    @Test
    void aRunClaimedBeforeTheUninstallIsNotPostedNorAPostedOneRewritten() {
        long cells = takeaway("W1", "Cells cap the blast radius #resilience", "2026-11-26T10:00:00Z");
        takeaway("W2", "Shuffle sharding limits who a bad tenant hurts", "2026-11-27T10:00:00Z");
        DigestScheduler scheduler = scheduler();
        clock.set(DUE.plusSeconds(5));
        scheduler.tick();
        changes.delete("T111", cells, "W1");
        clock.set(DUE.plus(Duration.ofDays(7)).plusSeconds(5));
        assertThat(scheduler.claimDue()).isEqualTo(1);
        SlackApiStub.forgetRequests();

        new DigestSubscriptions(jdbc, clock).stopTeam("T111");
        scheduler.tick();

        assertThat(SlackApiStub.requestsTo("chat.postMessage")).isEmpty();
        assertThat(SlackApiStub.requestsTo("chat.update")).isEmpty();
        assertThat(runs()).containsExactly("2026-11-30 08:00:00+00|posted|2", "2026-12-07 08:00:00+00|paused|null");
    }

    @Test
    void aFailedPostIsRetriedOnALaterTickAndNeverDuplicated() {
        for (int i = 0; i < 300; i++) {
            takeaway("W" + (i % 5), "Takeaway " + i + " #obs talk:\"Talk " + (i % 40) + "\"", "2026-11-26T10:00:00Z");
        }
        // the first message goes through, the second fails once
        SlackApiStub.stub(post(urlEqualTo("/api/chat.postMessage")).inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("first posted")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"ok\": true, \"channel\": \"C111\", \"ts\": \"1700000000.000001\"}")));
        SlackApiStub.stub(post(urlEqualTo("/api/chat.postMessage")).inScenario("flaky")
                .whenScenarioStateIs("first posted").willSetStateTo("failed once")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"ok\": false, \"error\": \"fatal_error\"}")));
        SlackApiStub.stub(post(urlEqualTo("/api/chat.postMessage")).inScenario("flaky")
                .whenScenarioStateIs("failed once")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"ok\": true, \"channel\": \"C111\", \"ts\": \"1700000000.000002\"}")));
        DigestScheduler scheduler = scheduler();

        clock.set(DUE.plusSeconds(5));
        scheduler.tick();
        assertThat(jdbc.sql("SELECT status || '|' || parts_posted || '|' || last_error FROM digest_runs")
                .query(String.class).single()).isEqualTo("failed|1|fatal_error");

        clock.advance(Duration.ofMinutes(2));
        scheduler.tick();

        int parts = jdbc.sql("SELECT parts_posted FROM digest_runs").query(Integer.class).single();
        assertThat(runs()).containsExactly("2026-11-30 08:00:00+00|posted|300");
        // every part once, plus the one failed attempt
        assertThat(SlackApiStub.requestsTo("chat.postMessage")).hasSize(parts + 1);
        assertThat(SlackApiStub.formsTo("chat.postMessage").stream().filter(form -> !form.containsKey("thread_ts")))
                .hasSize(1);
    }

    @Test
    void turnedOffBeforeItsTurnNothingIsPosted() {
        takeaway("W222", "Cells cap the blast radius", "2026-11-27T10:00:00Z");
        DigestScheduler scheduler = scheduler();
        clock.set(DUE.plusSeconds(5));
        scheduler.claimDue();
        new DigestSubscriptions(jdbc, clock).unsubscribe("T111", "C111");

        scheduler.tick();

        assertThat(SlackApiStub.requestsTo("chat.postMessage")).isEmpty();
        assertThat(runs()).containsExactly("2026-11-30 08:00:00+00|abandoned|null");
    }

    @Test
    void aPostedDigestFollowsTheTakeawaysItShows() {
        long cells = takeaway("W1", "Cells cap the blast radius #resilience", "2026-11-26T10:00:00Z");
        long shards = takeaway("W2", "Shuffle sharding limits who a bad tenant hurts", "2026-11-27T10:00:00Z");
        DigestScheduler scheduler = scheduler();
        clock.set(DUE.plusSeconds(5));
        scheduler.tick();
        assertThat(runs()).containsExactly("2026-11-30 08:00:00+00|posted|2");

        changes.delete("T111", cells, "W1");
        scheduler.tick();

        Map<String, String> rewritten = SlackApiStub.formsTo("chat.update").get(0);
        assertThat(rewritten).containsEntry("channel", "C111").containsEntry("ts", "1503435956.000247");
        assertThat(blocksText(rewritten.get("blocks"))).contains("*1 takeaway* from *1 person*")
                .contains("Shuffle sharding").doesNotContain("Cells cap");

        changes.delete("T111", shards, "W2");
        scheduler.tick();

        assertThat(blocksText(SlackApiStub.formsTo("chat.update").get(1).get("blocks")))
                .isEqualTo(":wastebasket: _This week's digest was withdrawn: the takeaways it showed were deleted or can"
                        + " no longer be shown here._");
        scheduler.tick();
        assertThat(SlackApiStub.requestsTo("chat.update")).hasSize(2);
    }

    @Test
    void anInstanceWhoseLeaseRanOutStopsAndNoPartIsPostedTwice() {
        for (int i = 0; i < 300; i++) {
            takeaway("W" + (i % 5), "Takeaway " + i + " #obs talk:\"Talk " + (i % 40) + "\"", "2026-11-26T10:00:00Z");
        }
        clock.set(DUE.plusSeconds(5));
        DigestScheduler other = scheduler();
        AtomicBoolean tookOver = new AtomicBoolean();
        DigestScheduler slow = new DigestScheduler(jdbc, transactions, clock, builder, corpus, publisher,
                new DigestSubscriptions(jdbc, clock), kinds, meters,
                Duration.ofSeconds(30), Duration.ZERO, false) {
            @Override
            void pace() {
                if (tookOver.compareAndSet(false, true)) {
                    // This instance waits past its lease (a long rate-limit wait): another takes the run over.
                    clock.advance(DigestScheduler.LEASE.plusMinutes(1));
                    assertThat(other.postNext()).isTrue();
                }
            }
        };

        slow.claimDue();
        slow.postNext();

        int parts = jdbc.sql("SELECT parts_posted FROM digest_runs").query(Integer.class).single();
        assertThat(tookOver).isTrue();
        assertThat(parts).isGreaterThan(2);
        assertThat(runs()).containsExactly("2026-11-30 08:00:00+00|posted|300");
        assertThat(SlackApiStub.requestsTo("chat.postMessage")).as("each part once").hasSize(parts);
        assertThat(jdbc.sql("SELECT cardinality(part_ts) FROM digest_runs").query(Integer.class).single())
                .isEqualTo(parts);
    }

    private DigestScheduler scheduler() {
        return new DigestScheduler(jdbc, transactions, clock, builder, corpus, publisher,
                new DigestSubscriptions(jdbc, clock), kinds, meters,
                Duration.ofSeconds(30), Duration.ZERO, false);
    }

    private long takeaway(String user, String text, String at) {
        String talk = text.contains("talk:\"") ? text.substring(text.indexOf("talk:\"") + 6, text.lastIndexOf('"'))
                : null;
        Long talkId = talk == null ? null : jdbc.sql("""
                        INSERT INTO talks (team_id, title, title_key, created_by, created_at)
                        VALUES ('T111', :title, lower(:title), 'W111', now())
                        ON CONFLICT (team_id, title_key) DO UPDATE SET title = EXCLUDED.title
                        RETURNING id""")
                .param("title", talk).query(Long.class).single();
        return jdbc.sql("""
                        INSERT INTO takeaways (team_id, channel_id, channel_type, user_id, text, talk_id, source,
                                               created_at, updated_at)
                        VALUES ('T111', 'C111', 'public_channel', :user, :text, :talk, 'slash_command', :at, :at)
                        RETURNING id""")
                .param("user", user).param("text", text).param("talk", talkId)
                .param("at", java.time.OffsetDateTime.parse(at.replace("Z", "+00:00")))
                .query(Long.class).single();
    }

    private List<String> runs() {
        return jdbc.sql("SELECT due_at::text || '|' || status || '|' || coalesce(takeaways::text, 'null') FROM digest_runs"
                + " ORDER BY due_at").query(String.class).list();
    }

    private String nextRun() {
        return jdbc.sql("SELECT next_run_at::text FROM digest_subscriptions").query(String.class).single();
    }
}
