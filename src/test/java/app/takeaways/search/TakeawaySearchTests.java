package app.takeaways.search;

import app.takeaways.note.Audience;
import app.takeaways.note.Conversation;

import app.takeaways.note.CaptureTakeaway;
import app.takeaways.note.TakeawayCapture;
import app.takeaways.note.TakeawayChanges;
import app.takeaways.search.TakeawaySearch.Hit;
import app.takeaways.search.TakeawaySearch.Results;
import app.takeaways.testbed.IntegrationTest;
import app.takeaways.workspace.ChannelType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Ranked full-text search on the real database: what is found, in which order, and what never is. */
class TakeawaySearchTests extends IntegrationTest {

    private static final AtomicInteger TRIGGERS = new AtomicInteger();
    private static final Pattern DAY = Pattern.compile("Day (\\d+) ");

    @Autowired
    TakeawayCapture capture;

    @Autowired
    TakeawayChanges changes;

    @Autowired
    TakeawaySearch search;

    @Test
    void aMatchInTheTalkTitleOrATagOutranksOneBuriedInALongBody() {
        long buried = save("C1", "U1", "We spent the morning on cost reports, budgets, forecasting, reserved instances,"
                + " savings plans, rightsizing, spot interruptions, tagging policies, showback and chargeback, and only"
                + " at the very end someone mentioned that karpenter consolidation trimmed the bill too.");
        long titled = save("C1", "U2", "Nodes come and go in seconds talk:\"Karpenter in production\"");
        long tagged = save("C1", "U3", "Bin-packing beats node groups #karpenter");
        age(titled, 200);
        age(tagged, 200);

        List<Long> found = ids(find("karpenter"));
        assertThat(found).hasSize(3).endsWith(buried);
        assertThat(found.subList(0, 2)).containsExactlyInAnyOrder(titled, tagged);
    }

    @Test
    void anyWordMayMatchAndMoreWordsMatchedRankHigher() {
        long one = save("C1", "U1", "Cluster upgrades need a maintenance window");
        long two = save("C1", "U2", "EKS cluster upgrades are turnkey, then test");
        long three = save("C1", "U3", "Postgres major upgrades need pg_upgrade");

        assertThat(ids(find("eks cluster upgrades"))).containsExactly(two, one, three);
    }

    @Test
    void aRareWordWeighsMoreThanACommonOne() {
        for (int i = 0; i < 8; i++) {
            save("C1", "U1", "AWS note number " + i + " about billing");
        }
        long rare = save("C1", "U2", "Karpenter replaces the cluster autoscaler");
        long common = save("C1", "U3", "AWS re:Invent had a keynote on AWS and more AWS");

        List<Long> found = ids(find("aws karpenter"));

        assertThat(found.get(0)).isEqualTo(rare);
        assertThat(found).contains(common);
    }

    @Test
    void aQuestionIsReadForItsWordsAndOneUnknownWordFindsNothingLessThanTheOthers() {
        long upgrades = save("C1", "U1", "Upgrading cluster k8s version is turnkey (then test) talk:\"Deep dive on Amazon EKS\"");
        save("C1", "U2", "Retros and postmortems, regularly talk:\"Operational excellence\"");

        Results asked = find("what did the EKS talk say about upgrades");
        Results missing = find("eks upgrades zeppelin");

        assertThat(ids(asked)).first().isEqualTo(upgrades);
        assertThat(ids(missing)).first().isEqualTo(upgrades);
        // the snippet shows the note as people read it: the talk has its own line
        assertThat(asked.hits().get(0).snippet()).doesNotContain("talk:").startsWith(bold("Upgrading"));
        assertThat(asked.hits().get(0).talkTitle()).contains("Deep dive on Amazon EKS");
    }

    @Test
    void onlyStopWordsStillAnswerWithTheNewest() {
        save("C1", "U1", "Older note");
        long newest = save("C1", "U2", "Newest note");

        Results results = find("what about it");

        assertThat(ids(results)).first().isEqualTo(newest);
        assertThat(results.query().notes()).contains(
                "Only very common words were given, so these are the newest takeaways. Add a word that says what you are looking for.");
    }

    @Test
    void phrasesExclusionsAndFiltersStayStrict() {
        long phrase = save("C1", "U1", "Deep dive into cluster autoscaling #k8s");
        long words = save("C1", "U2", "A dive that went deep into the budget");
        long excluded = save("C1", "U1", "Deep dive on Terraform drift");

        assertThat(ids(find("\"deep dive\" cluster"))).containsExactly(phrase, excluded);
        assertThat(ids(find("deep dive -terraform"))).containsExactlyInAnyOrder(phrase, words);
        assertThat(ids(find("deep dive tag:k8s"))).containsExactly(phrase);
        assertThat(ids(find("deep dive from:<@U2>"))).containsExactly(words);
    }

    @Test
    void aCaptureIsFoundFromItsAckOnBeforeItIsIndexed() {
        long saved = save("C1", "U1", "Bottlerocket is the aws os built specifically for containers");

        Results results = searchNow("bottlerocket containers", "U9", "C1", 0);

        assertThat(jdbc.sql("SELECT search_vector IS NULL FROM takeaways WHERE id = :id").param("id", saved)
                .query(Boolean.class).single()).as("not indexed yet").isTrue();
        assertThat(ids(results)).containsExactly(saved);
        assertThat(results.hits().get(0).snippet()).startsWith(bold("Bottlerocket"));
    }

    @Test
    void aTypoRightAfterTheCaptureIsAlreadyForgiven() {
        long karpenter = save("C1", "U1", "Karpenter is the next-gen autoscaler");
        save("C2", "U1", "Karpenter in a channel the searcher is not in, private");
        jdbc.sql("UPDATE takeaways SET channel_type = 'private_channel' WHERE channel_id = 'C2'").update();

        Results results = searchNow("karpentr", "U9", "C1", 0);

        assertThat(ids(results)).containsExactly(karpenter);
        assertThat(results.respelled()).containsEntry("karpentr", "karpenter");
    }

    @Test
    void meaningsAreWorkedOutAfterTheAckBackFilledAndFoundWithoutASharedWord() {
        long bottlerocket = save("C1", "U1", "Bottlerocket is the aws os built specifically for containers");
        save("C1", "U2", "Retros and postmortems, regularly");
        assertThat(embedded(bottlerocket)).as("nothing worked out on the ack path").isFalse();
        // a row from before this version, indexed by the old one: indexed again and given a meaning in the background
        long older = save("C1", "U3", "Feature flags let us switch databases without downtime");
        awaitBackgroundWork();
        jdbc.sql("UPDATE takeaways SET search_version = 0, embedding = NULL, embedded_at = NULL WHERE id = :id")
                .param("id", older).update();

        awaitBackgroundWork();

        assertThat(embedded(bottlerocket)).isTrue();
        assertThat(embedded(older)).isTrue();
        // no word in common with the note, only its meaning
        assertThat(ids(find("an operating system made for running docker"))).first().isEqualTo(bottlerocket);
    }

    @Test
    void anEditedNoteIsFoundByItsNewMeaning() {
        long note = save("C1", "U1", "Bottlerocket is the aws os built specifically for containers");
        save("C1", "U2", "Retros and postmortems, regularly");
        awaitBackgroundWork();
        assertThat(ids(find("an operating system made for running docker"))).first().isEqualTo(note);

        changes.edit("T1", note, "U1", "The tacos at lunch were excellent, get the al pastor", List.of(), null);

        assertThat(embedded(note)).as("its old meaning is gone with its old text").isFalse();
        assertThat(ids(find("mexican dishes worth ordering"))).first().isEqualTo(note);
        assertThat(ids(find("an operating system made for running docker"))).doesNotContain(note);
    }

    private boolean embedded(long id) {
        return jdbc.sql("SELECT embedding IS NOT NULL FROM takeaways WHERE id = :id").param("id", id)
                .query(Boolean.class).single();
    }

    @Test
    void onlyTheMostRecentMatchesOfAWordInThousandsAreRankedAndTheyArePagedThrough() {
        jdbc.sql("""
                INSERT INTO takeaways (team_id, channel_id, channel_type, user_id, text, source, created_at, updated_at)
                SELECT 'T1', 'C1', 'public_channel', 'U1', 'Note ' || n || ' about karpenter', 'slash_command',
                       now() - make_interval(hours => n), now()
                FROM generate_series(1, :rows) n""")
                .param("rows", TakeawaySearch.RECENT_MATCHES + 100).update();
        asIfCommonInABigTeam("karpent");

        Results first = find("karpenter");
        int pages = (TakeawaySearch.RECENT_MATCHES + TakeawaySearch.MEANING_CANDIDATES) / TakeawaySearch.PAGE_SIZE;
        Results beyond = search("karpenter", "U9", "C1", pages);

        assertThat(first.hits()).extracting(Hit::snippet).first().asString().startsWith("Note 1 about");
        // the most recent, and the few nearest in meaning: never all 400
        assertThat(search("karpenter", "U9", "C1", TakeawaySearch.RECENT_MATCHES / TakeawaySearch.PAGE_SIZE - 1)
                .hits()).hasSize(TakeawaySearch.PAGE_SIZE);
        assertThat(beyond.hits()).isEmpty();
        assertThat(beyond.hasMore()).isFalse();
    }

    @Test
    void onEqualTextTheNewerComesFirst() {
        long older = save("C1", "U1", "Cells cap the blast radius of a bad deploy");
        long newer = save("C1", "U2", "Cells cap the blast radius of a bad deploy");
        age(older, 30);

        assertThat(ids(find("blast radius"))).containsExactly(newer, older);
    }

    @Test
    void wordsAreStemmedSoScalingFindsScale() {
        long scale = save("C1", "U1", "They scale clusters to tens of thousands of nodes");
        save("C1", "U1", "Nothing about that here");

        assertThat(ids(find("scaling"))).containsExactly(scale);
        assertThat(find("scaling").hits().get(0).snippet())
                .isEqualTo("They " + bold("scale") + " clusters to tens of thousands of nodes");
    }

    @Test
    void phrasesMatchWordsInTheirOrder() {
        long phrase = save("C1", "U1", "Forget node groups, Karpenter picks instances per pod");
        save("C1", "U1", "Groups of nodes are a thing of the past");

        assertThat(ids(find("\"node groups\""))).containsExactly(phrase);
        assertThat(ids(find("node groups"))).hasSize(2);
    }

    @Test
    void excludedWordsAndOrGroups() {
        long karpenter = save("C1", "U1", "Karpenter provisions nodes just in time");
        long fargate = save("C1", "U1", "Fargate or Karpenter: nodes you never see");
        long bottlerocket = save("C1", "U1", "Bottlerocket is the OS for containers");

        assertThat(ids(find("karpenter -fargate"))).containsExactly(karpenter);
        assertThat(ids(find("karpenter -\"you never see\""))).containsExactly(karpenter);
        assertThat(ids(find("fargate OR bottlerocket"))).containsExactlyInAnyOrder(fargate, bottlerocket);
    }

    @Test
    void eachFilterNarrowsAndFiltersAloneListNewestFirst() {
        long k8s = save("C1", "U1", "Karpenter consolidates nodes #k8s #aws talk:\"EKS deep dive\"");
        long aws = save("C2", "U2", "KMS and Secrets Manager replace Vault #aws talk:\"EKS deep dive\"");
        long other = save("C2", "U1", "Ops win emails build an ops culture talk:\"Builders library\"");
        jdbc.sql("INSERT INTO channels VALUES ('T1', 'C2', 'public_channel', 'platform', now())").update();
        at(k8s, "2026-03-01T10:00:00Z");
        at(aws, "2026-04-01T10:00:00Z");
        at(other, "2026-05-01T10:00:00Z");

        assertThat(ids(find("tag:aws"))).containsExactly(aws, k8s);
        assertThat(ids(find("tag:#AWS tag:k8s"))).containsExactly(k8s);
        assertThat(ids(find("from:<@U1|alex>"))).containsExactly(other, k8s);
        assertThat(ids(find("from:me", "U2"))).containsExactly(aws);
        assertThat(ids(find("in:<#C1|general>"))).containsExactly(k8s);
        assertThat(ids(find("in:#platform"))).containsExactly(other, aws);
        assertThat(ids(find("talk:\"eks DEEP\""))).containsExactly(aws, k8s);
        assertThat(ids(find("after:2026-03-01"))).containsExactly(other, aws);
        assertThat(ids(find("before:2026-04-01"))).containsExactly(k8s);
        assertThat(ids(find("after:2026-03-15 before:2026-04-15"))).containsExactly(aws);
        assertThat(ids(find("nodes tag:k8s"))).containsExactly(k8s);
        assertThat(ids(find("vault from:<@U1>"))).isEmpty();
    }

    @Test
    void aTypoStillFindsWhatWasMeant() {
        long karpenter = save("C1", "U1", "Karpenter is the next-gen autoscaler");
        save("C1", "U1", "Carpets are not autoscalers");

        Results results = find("karpentr");

        assertThat(ids(results)).containsExactly(karpenter);
        assertThat(results.respelled()).containsEntry("karpentr", "karpenter");
        assertThat(results.hits().get(0).snippet()).startsWith(bold("Karpenter"));
        assertThat(find("karpenter").respelled()).isEmpty();
    }

    @Test
    void aPrivateTakeawayIsFoundOnlyInItsConversationAndByItsAuthor() {
        long secret = capture.capture(CaptureTakeaway.fromSlashCommand("T1", "G1", ChannelType.PRIVATE_CHANNEL, "U1",
                "The reorg moves platform under infra", "t-" + TRIGGERS.incrementAndGet())).id();
        long dm = capture.capture(CaptureTakeaway.fromSlashCommand("T1", "D1", ChannelType.IM, "U1",
                "Reorg thoughts, just for me", "t-" + TRIGGERS.incrementAndGet())).id();

        assertThat(ids(search("reorg", "U2", "C1"))).isEmpty();
        assertThat(ids(search("reorg", "U2", null))).isEmpty();
        assertThat(ids(search("in:<#G1|secret>", "U2", "C1"))).isEmpty();
        assertThat(ids(search("reorg", "U2", "G1"))).containsExactly(secret);
        assertThat(ids(search("reorg", "U1", "C1"))).containsExactlyInAnyOrder(secret, dm);
        assertThat(ids(search("reorg", "U1", null))).containsExactlyInAnyOrder(secret, dm);
    }

    @Test
    void unknownChannelsAreTreatedAsPrivate() {
        capture.capture(CaptureTakeaway.fromSlashCommand("T1", "C9", ChannelType.UNKNOWN, "U1",
                "Not yet classified", "t-" + TRIGGERS.incrementAndGet()));

        assertThat(ids(search("classified", "U2", "C1"))).isEmpty();
    }

    @Test
    void teamsNeverSeeEachOthersTakeaways() {
        capture.capture(CaptureTakeaway.fromSlashCommand("T2", "C1", ChannelType.PUBLIC_CHANNEL, "U1",
                "Karpenter in the other workspace", "t-" + TRIGGERS.incrementAndGet()));

        assertThat(ids(find("karpenter"))).isEmpty();
        assertThat(ids(find("karpentr"))).isEmpty();
        assertThat(ids(find("from:<@U1>"))).isEmpty();
    }

    @Test
    void deletedTakeawaysAreNeverFoundAndEditedOnesByTheirNewWordsOnly() {
        long deleted = save("C1", "U1", "Spinnaker for deployments");
        long edited = save("C1", "U1", "Flux for gitops");
        changes.delete("T1", deleted, "U1");
        changes.edit("T1", edited, "U1", "Argo CD for gitops", List.of(), null);

        assertThat(ids(find("spinnaker"))).isEmpty();
        assertThat(ids(find("flux"))).isEmpty();
        assertThat(ids(find("argo"))).containsExactly(edited);
    }

    @Test
    void resultsComeFivePerPage() {
        for (int i = 0; i < 12; i++) {
            save("C1", "U1", "Observability note " + i);
        }

        Results first = find("observability");
        Results third = search("observability", "U1", "C1", 2);

        assertThat(first.hits()).hasSize(5);
        assertThat(first.hasMore()).isTrue();
        assertThat(third.hits()).hasSize(2);
        assertThat(third.hasMore()).isFalse();
        assertThat(search("observability", "U1", "C1", 3).hits()).isEmpty();
    }

    @Test
    void linksAndMentionsAreSearchedAsPeopleReadThem() {
        long linked = save("C1", "U1", "Read <https://aws.amazon.com/builders-library/|the Builders' Library> &amp; "
                + "ask <@U777> in <#C123|platform-team>");

        assertThat(ids(find("builders library"))).containsExactly(linked);
        assertThat(ids(find("platform team"))).containsExactly(linked);
        assertThat(find("library").hits().get(0).snippet()).isEqualTo("Read the Builders' " + bold("Library")
                + " (https://aws.amazon.com/builders-library/) & ask   in #platform-team");
    }

    @Test
    void aLongTakeawayShowsItsBestPassageOnly() {
        String filler = "Lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor. ".repeat(20);
        save("C1", "U1", filler + "The key point: Bottlerocket boots in seconds. " + filler);

        Hit hit = find("bottlerocket").hits().get(0);

        assertThat(hit.snippet()).contains(bold("Bottlerocket")).hasSizeLessThanOrEqualTo(TakeawaySearch.SNIPPET_LENGTH + 2);
    }

    @Test
    void anyQueryGetsAnAnswerNeverAnError() {
        save("C1", "U1", "Karpenter is the next-gen autoscaler #k8s");
        List<String> queries = List.of("\"unbalanced", "-", "- -", "--", "OR", "OR OR karpenter", "karpenter OR",
                "'; DROP TABLE takeaways; --", "a & b | !c <-> d", "(karpenter", "karpenter:*", "\\", "\"\"",
                "🚀🔥", "🚀 karpenter", "tag:", "from:", "in:", "talk:\"", "after:never", "before:2026-13-45",
                "NOT", "NOT karpenter", "-karpenter", "the", "the of and", "x".repeat(10_000),
                "karpenter ".repeat(2_000), "k8s", "²³", "ℵ₀", "\u0000", "&lt;script&gt;", "<@U1", "<#C1|",
                "<https://x.y|z>", "ﬁ ligature", "ÅNGSTRÖM", "日本語のテキスト", "next-gen");
        for (String query : queries) {
            Results results = find(query);
            assertThat(results.hits()).as(query).allSatisfy(hit -> assertThat(hit.snippet()).isNotNull());
        }
        assertThat(ids(find("🚀 karpenter"))).hasSize(1);
        assertThat(ids(find("next-gen"))).hasSize(1);
        assertThat(ids(find("k8s"))).hasSize(1);
    }

    @Test
    void datesAtOrPastTheEndsOfTheRangeAndNulNeverFail() {
        save("C1", "U1", "Karpenter is the next-gen autoscaler #k8s talk:\"Scaling\"");
        List<String> queries = List.of("after:99999-01-01 before:0001-01-01 karpenter",
                "after:+1000000000-01-01 karpenter", "after:+99999-12-31 karpenter", "before:+99999-12-31 karpenter",
                "before:-0001-01-01 karpenter", "before:0000-01-01", "karpenter after:9999-12-31",
                "after:9999-12-31", "karpenter before:1970-01-01", "before:1970-01-01",
                "karpenter after:2026-05-01 before:2026-01-01", "kar\u0000penter", "talk:\"Scal\u0000ing\" k8s",
                "in:C\u00001 \u0000tag:k8s");
        for (String query : queries) {
            Results results = find(query);
            assertThat(results.hits()).as(query).allSatisfy(hit -> assertThat(hit.snippet()).isNotNull());
        }
        assertThat(ids(find("after:99999-01-01 before:0001-01-01 karpenter"))).hasSize(1);
        assertThat(ids(find("karpenter after:1970-01-01 before:9999-12-31"))).hasSize(1);
        assertThat(ids(find("kar\u0000penter talk:\"Scal\u0000ing\""))).hasSize(1);
        assertThat(ids(find("karpenter after:9999-12-31"))).isEmpty();
        assertThat(ids(find("karpenter before:1970-01-01"))).isEmpty();
    }

    @Test
    void aPeriodFindsExactlyItsMatchesHoweverFarBackItIs() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        // A note a day, at noon (UTC), for 400 days: "Day 1 …" is yesterday's.
        jdbc.sql("""
                INSERT INTO takeaways (team_id, channel_id, channel_type, user_id, text, source, created_at, updated_at)
                SELECT 'T1', 'C1', 'public_channel', 'U1', 'Day ' || n || ' with karpenter', 'slash_command',
                       (CAST(:today AS date) - n) + time '12:00' AT TIME ZONE 'UTC', now()
                FROM generate_series(1, 400) n""").param("today", today).update();
        asIfCommonInABigTeam("karpent");

        // after: counts from the next day, before: up to the day before, as Slack's search reads them.
        assertThat(days("karpenter after:" + today.minusDays(12) + " before:" + today.minusDays(5)))
                .containsExactlyInAnyOrderElementsOf(range(6, 11));
        assertThat(days("karpenter after:" + today.minusDays(200) + " before:" + today.minusDays(100)))
                .containsExactlyInAnyOrderElementsOf(range(101, 199));
        assertThat(days("karpenter after:" + today.minusDays(50))).containsExactlyInAnyOrderElementsOf(range(1, 49));
        assertThat(days("karpenter before:" + today.minusDays(350)))
                .containsExactlyInAnyOrderElementsOf(range(351, 400));
        // More matches than are ranked: the most recent of the period (and the few nearest the query in meaning).
        assertThat(days("karpenter after:" + today.minusDays(399) + " before:" + today.minusDays(1)))
                .containsAll(range(2, 1 + TakeawaySearch.RECENT_MATCHES))
                .hasSizeLessThanOrEqualTo(TakeawaySearch.RECENT_MATCHES + TakeawaySearch.MEANING_CANDIDATES)
                .allSatisfy(day -> assertThat(day).isBetween(2, 398));
        assertThat(days("karpenter after:" + today.minusDays(3) + " before:" + today.minusDays(2))).isEmpty();
    }

    /** The day numbers ("Day N") of every result of a search, page after page. */
    private List<Integer> days(String query) {
        List<Integer> days = new ArrayList<>();
        for (int page = 0; ; page++) {
            Results results = search(query, "U9", "C1", page);
            results.hits().forEach(hit -> {
                Matcher day = DAY.matcher(hit.snippet());
                assertThat(day.find()).as(hit.snippet()).isTrue();
                days.add(Integer.parseInt(day.group(1)));
            });
            if (!results.hasMore()) {
                return days;
            }
        }
    }

    private static List<Integer> range(int first, int last) {
        return IntStream.rangeClosed(first, last).boxed().toList();
    }

    private long save(String channel, String user, String text) {
        return capture.capture(CaptureTakeaway.fromSlashCommand("T1", channel, ChannelType.PUBLIC_CHANNEL, user, text,
                "t-" + TRIGGERS.incrementAndGet())).id();
    }

    /**
     * The team counted as a big one, where {@code word} is common: its matches are too many to rank all of them, so
     * only its most recent are.
     */
    private void asIfCommonInABigTeam(String word) {
        awaitBackgroundWork();
        jdbc.sql("UPDATE search_statistics SET documents = 1000000 WHERE team_id = 'T1'").update();
        jdbc.sql("UPDATE search_terms SET documents = 500000 WHERE team_id = 'T1' AND lexeme = :word")
                .param("word", word).update();
    }

    private void age(long id, int days) {
        jdbc.sql("UPDATE takeaways SET created_at = created_at - make_interval(days => :days) WHERE id = :id")
                .param("days", days).param("id", id).update();
    }

    private void at(long id, String instant) {
        jdbc.sql("UPDATE takeaways SET created_at = :at WHERE id = :id")
                .param("at", OffsetDateTime.ofInstant(Instant.parse(instant), ZoneOffset.UTC)).param("id", id).update();
    }

    private Results find(String query) {
        return find(query, "U9");
    }

    private Results find(String query, String viewer) {
        return search(query, viewer, "C1");
    }

    private Results search(String query, String viewer, String channel) {
        return search(query, viewer, channel, 0);
    }

    /** A search a moment after the captures: what they saved is indexed by then. */
    private Results search(String query, String viewer, String channel, int page) {
        awaitBackgroundWork();
        return searchNow(query, viewer, channel, page);
    }

    /** A search before the indexer had a chance to index anything. */
    private Results searchNow(String query, String viewer, String channel, int page) {
        return search.search(new TakeawaySearch.Request(Audience.person("T1", viewer, channel == null ? null
                : new Conversation(channel, ChannelType.inferFromCommand(channel, null).isKnown()
                ? ChannelType.inferFromCommand(channel, null) : ChannelType.PUBLIC_CHANNEL)),
                SearchQueryParser.parse(query), page));
    }

    private static List<Long> ids(Results results) {
        return results.hits().stream().map(Hit::id).toList();
    }

    private static String bold(String word) {
        return TakeawaySearch.HIGHLIGHT_START + word + TakeawaySearch.HIGHLIGHT_END;
    }
}
