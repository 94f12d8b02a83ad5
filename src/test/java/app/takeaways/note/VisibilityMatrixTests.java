package app.takeaways.note;

import app.takeaways.digest.WeeklyDigest;
import app.takeaways.digest.WeeklyDigestBuilder;
import app.takeaways.digest.WeeklySchedule;
import app.takeaways.export.TakeawayExport;
import app.takeaways.search.SearchQueryParser;
import app.takeaways.search.TakeawaySearch;
import app.takeaways.summary.SummaryReport;
import app.takeaways.summary.TalkSummaries;
import app.takeaways.testbed.IntegrationTest;
import app.takeaways.testbed.SlackApiStub;
import app.takeaways.workspace.ChannelType;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who sees a takeaway, on the real database: every reader path × where the takeaway was written × who asks where.
 * One row per case; each says whether the takeaway shows to that person, or in that conversation.
 * <p>
 * Two tables, written out as the product promises (PRODUCT.md, "Rules the data keeps"), one for what a person sees for
 * themselves (search, close spellings, App Home, exports) and one for what is posted to everyone in a conversation (the
 * digest, the archive pick, summaries by talk and by search, Share, the language model's prompt). The digest is
 * the exception: it only ever shows the takeaways written in its own channel.
 */
class VisibilityMatrixTests extends IntegrationTest {

    private static final String TEAM = "T111";
    private static final String ANOTHER_TEAM = "T222";
    private static final String AUTHOR = "U100";
    private static final String SOMEONE = "U200";
    /** In the takeaway, and in nothing else: what search and close spellings look for. */
    private static final String WORD = "salamandrine";
    private static final String TYPO = "salamendrine";
    private static final String TEXT = "Axolotls keep a salamandrine trick: they regrow limbs #biology";
    private static final String LLM = "/llm-matrix/v1/chat/completions";

    @DynamicPropertySource
    static void languageModel(DynamicPropertyRegistry registry) {
        // The language model is played by WireMock: what the prompt holds is what is checked.
        registry.add("takeaways.llm.base-url", () -> SlackApiStub.apiUrl().replace("/api/", "/llm-matrix/v1"));
        registry.add("takeaways.llm.model", () -> "matrix-model");
        registry.add("takeaways.llm.api-key", () -> "sk-matrix");
    }

    /** Where the takeaway was written. */
    enum Place {
        PUBLIC("C0PUBLIC", ChannelType.PUBLIC_CHANNEL),
        PRIVATE("G0PRIVATE", ChannelType.PRIVATE_CHANNEL),
        DM("D0DIRECT", ChannelType.IM),
        GROUP_DM("G0GROUPDM", ChannelType.MPIM),
        SLACK_CONNECT("C0SHARED", ChannelType.EXT_SHARED),
        UNKNOWN("C0UNKNOWN", ChannelType.UNKNOWN),
        /** Written while public; Slack then said the channel is private. */
        BECAME_PRIVATE("C0TURNED", ChannelType.PUBLIC_CHANNEL);

        final String channel;
        final ChannelType writtenAs;

        Place(String channel, ChannelType writtenAs) {
            this.channel = channel;
            this.writtenAs = writtenAs;
        }

        /** The conversation as it is now. */
        Conversation conversation() {
            return new Conversation(channel, this == BECAME_PRIVATE ? ChannelType.PRIVATE_CHANNEL : writtenAs);
        }
    }

    /** A person asking, for themselves. */
    enum Person {
        AUTHOR_THERE, AUTHOR_IN_PUBLIC_CHANNEL, AUTHOR_IN_APP_HOME, AUTHOR_IN_SLACK_CONNECT, MEMBER_THERE,
        OTHER_IN_PUBLIC_CHANNEL, OTHER_IN_PRIVATE_CHANNEL, OTHER_IN_APP_HOME, OTHER_IN_SLACK_CONNECT, OTHER_TEAM;

        Audience audience(Place place) {
            return switch (this) {
                case AUTHOR_THERE -> Audience.person(TEAM, AUTHOR, place.conversation());
                case AUTHOR_IN_PUBLIC_CHANNEL -> Audience.person(TEAM, AUTHOR, PUBLIC_ELSEWHERE);
                case AUTHOR_IN_APP_HOME -> Audience.person(TEAM, AUTHOR, null);
                case AUTHOR_IN_SLACK_CONNECT -> Audience.person(TEAM, AUTHOR, SHARED_ELSEWHERE);
                case MEMBER_THERE -> Audience.person(TEAM, SOMEONE, place.conversation());
                case OTHER_IN_PUBLIC_CHANNEL -> Audience.person(TEAM, SOMEONE, PUBLIC_ELSEWHERE);
                case OTHER_IN_PRIVATE_CHANNEL -> Audience.person(TEAM, SOMEONE, PRIVATE_ELSEWHERE);
                case OTHER_IN_APP_HOME -> Audience.person(TEAM, SOMEONE, null);
                case OTHER_IN_SLACK_CONNECT -> Audience.person(TEAM, SOMEONE, SHARED_ELSEWHERE);
                case OTHER_TEAM -> Audience.person(ANOTHER_TEAM, AUTHOR, place.conversation());
            };
        }

        boolean inAppHome() {
            return this == AUTHOR_IN_APP_HOME || this == OTHER_IN_APP_HOME;
        }
    }

    /** Everyone in a conversation, where something is posted. */
    enum Members {
        THERE, PUBLIC_CHANNEL, PRIVATE_CHANNEL, SLACK_CONNECT_CHANNEL, OTHER_TEAM;

        Audience audience(Place place) {
            return switch (this) {
                case THERE -> Audience.members(TEAM, place.conversation());
                case PUBLIC_CHANNEL -> Audience.members(TEAM, PUBLIC_ELSEWHERE);
                case PRIVATE_CHANNEL -> Audience.members(TEAM, PRIVATE_ELSEWHERE);
                case SLACK_CONNECT_CHANNEL -> Audience.members(TEAM, SHARED_ELSEWHERE);
                case OTHER_TEAM -> Audience.members(ANOTHER_TEAM, place.conversation());
            };
        }
    }

    private static final Conversation PUBLIC_ELSEWHERE = new Conversation("C0ELSEWHERE", ChannelType.PUBLIC_CHANNEL);
    private static final Conversation PRIVATE_ELSEWHERE = new Conversation("G0ELSEWHERE", ChannelType.PRIVATE_CHANNEL);
    private static final Conversation SHARED_ELSEWHERE = new Conversation("C0CONNECT", ChannelType.EXT_SHARED);

    // Whether the person sees it: one column per Place, in its order.
    //                                   PUBLIC PRIVATE DM GROUP_DM SLACK_CONNECT UNKNOWN BECAME_PRIVATE
    private static final String PERSON_SEES = """
            AUTHOR_THERE                 Y      Y       Y  Y        Y             Y       Y
            AUTHOR_IN_PUBLIC_CHANNEL     Y      Y       Y  Y        Y             Y       Y
            AUTHOR_IN_APP_HOME           Y      Y       Y  Y        Y             Y       Y
            AUTHOR_IN_SLACK_CONNECT      -      -       -  -        -             -       -
            MEMBER_THERE                 Y      Y       Y  Y        Y             Y       Y
            OTHER_IN_PUBLIC_CHANNEL      Y      -       -  -        -             -       -
            OTHER_IN_PRIVATE_CHANNEL     Y      -       -  -        -             -       -
            OTHER_IN_APP_HOME            Y      -       -  -        -             -       -
            OTHER_IN_SLACK_CONNECT       -      -       -  -        -             -       -
            OTHER_TEAM                   -      -       -  -        -             -       -
            """;

    // Whether it may be posted to everyone in the conversation.
    //                                   PUBLIC PRIVATE DM GROUP_DM SLACK_CONNECT UNKNOWN BECAME_PRIVATE
    private static final String MEMBERS_SEE = """
            THERE                        Y      Y       Y  Y        Y             Y       Y
            PUBLIC_CHANNEL               Y      -       -  -        -             -       -
            PRIVATE_CHANNEL              Y      -       -  -        -             -       -
            SLACK_CONNECT_CHANNEL        -      -       -  -        -             -       -
            OTHER_TEAM                   -      -       -  -        -             -       -
            """;

    enum PersonReader {
        /** A moment after the capture: its words and meaning indexed. */
        SEARCH,
        /** Before the indexer got to it: read by its text. */
        SEARCH_BEFORE_INDEXING,
        CLOSE_SPELLINGS,
        APP_HOME,
        /** {@code /takeaway export}: everything the person may see. */
        EXPORT,
        /** {@code /takeaway export <word>} before the indexer got to it. */
        EXPORT_SEARCH_BEFORE_INDEXING;

        boolean beforeIndexing() {
            return this == SEARCH_BEFORE_INDEXING || this == EXPORT_SEARCH_BEFORE_INDEXING;
        }
    }

    enum MembersReader { DIGEST, ARCHIVE_PICK, SUMMARY_BY_TALK, SUMMARY_BY_SEARCH, SHARE, LLM_PROMPT }

    static Stream<Arguments> whatAPersonSees() {
        List<Arguments> rows = new ArrayList<>();
        for (PersonReader reader : PersonReader.values()) {
            for (Person person : Person.values()) {
                if (reader == PersonReader.APP_HOME && !person.inAppHome()) {
                    continue; // App Home is outside any conversation
                }
                for (Place place : Place.values()) {
                    rows.add(Arguments.of(reader, place, person, table(PERSON_SEES, person.name(), place)));
                }
            }
        }
        return rows.stream();
    }

    static Stream<Arguments> whatIsPostedToAConversation() {
        List<Arguments> rows = new ArrayList<>();
        for (MembersReader reader : MembersReader.values()) {
            for (Members members : Members.values()) {
                for (Place place : Place.values()) {
                    boolean sees = table(MEMBERS_SEE, members.name(), place);
                    // A digest is the week of its own channel, whatever else its members may see.
                    boolean expected = reader == MembersReader.DIGEST ? members == Members.THERE : sees;
                    rows.add(Arguments.of(reader, place, members, expected));
                }
            }
        }
        return rows.stream();
    }

    @Autowired
    TakeawayCapture capture;

    @Autowired
    TakeawaySearch search;

    @Autowired
    RecentTakeaways recent;

    @Autowired
    WeeklyDigestBuilder digests;

    @Autowired
    TalkSummaries summaries;

    @Autowired
    TakeawayExport exports;

    private long talk;
    private int triggers;

    @BeforeEach
    void aLanguageModelThatAnswers() {
        SlackApiStub.stub(post(urlEqualTo(LLM)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"choices\": [{\"message\": {\"role\": \"assistant\", \"content\": \"Axolotls.\"}}]}")));
    }

    @ParameterizedTest(name = "{0}: written in {1}, {2} asks: sees it {3}")
    @MethodSource("whatAPersonSees")
    void aPersonSeesOnlyWhatTheyMay(PersonReader reader, Place place, Person person, boolean sees) {
        long id = write(place, Instant.now(), !reader.beforeIndexing());
        Audience audience = person.audience(place);

        boolean shown = switch (reader) {
            case SEARCH, SEARCH_BEFORE_INDEXING -> search.search(new TakeawaySearch.Request(audience, SearchQueryParser.parse(WORD), 0))
                    .hits().stream().anyMatch(hit -> hit.id() == id);
            case CLOSE_SPELLINGS -> {
                TakeawaySearch.Results results = search.search(new TakeawaySearch.Request(audience,
                        SearchQueryParser.parse(TYPO), 0));
                boolean suggested = results.respelled().containsValue(WORD);
                // the word is never suggested where the takeaway is not shown, nor the takeaway without it
                assertThat(results.hits().stream().anyMatch(hit -> hit.id() == id)).isEqualTo(suggested);
                yield suggested;
            }
            case APP_HOME -> recent.visibleTo(audience, 50).stream().anyMatch(entry -> entry.id() == id);
            case EXPORT -> exported(audience, null).contains(id);
            case EXPORT_SEARCH_BEFORE_INDEXING -> exported(audience, WORD).contains(id);
        };

        assertThat(shown).as("%s shows a takeaway written in %s to %s", reader, place, person).isEqualTo(sees);
        assertJavaCheckAgrees(audience, id, sees);
    }

    @ParameterizedTest(name = "{0}: written in {1}, posted to {2}: shows it {3}")
    @MethodSource("whatIsPostedToAConversation")
    void aConversationIsShownOnlyWhatAllItsMembersMay(MembersReader reader, Place place, Members members,
                                                      boolean shows) {
        Audience audience = members.audience(place);
        Conversation postedIn = audience.shownIn().orElseThrow();
        boolean shown = switch (reader) {
            case DIGEST -> {
                long id = write(place, Instant.now());
                yield digest(audience, postedIn).sources().contains(id);
            }
            case ARCHIVE_PICK -> {
                long id = write(place, Instant.now().minus(Duration.ofDays(200)));
                // This week's takeaway in the conversation posted to, about the same theme.
                writeIn(audience.teamId(), postedIn, SOMEONE, "Axolotls and salamandrine tricks #biology",
                        Instant.now(), false);
                yield digest(audience, postedIn).fromTheArchive().map(WeeklyDigest.Item::id).filter(found -> found == id)
                        .isPresent();
            }
            case SUMMARY_BY_TALK -> {
                long id = write(place, Instant.now());
                yield summaryOfTalk(audience).map(report -> report.sources().contains(id)).orElse(false);
            }
            case SUMMARY_BY_SEARCH -> {
                long id = write(place, Instant.now());
                yield summaries.ofSearch(audience, SearchQueryParser.parse("axolotls"))
                        .map(report -> report.sources().contains(id)).orElse(false);
            }
            case SHARE -> {
                long id = write(place, Instant.now());
                yield recent.find(audience, id).map(RecentTakeaways.Found::visible).orElse(false);
            }
            case LLM_PROMPT -> {
                write(place, Instant.now());
                SlackApiStub.forgetRequests();
                summaryOfTalk(audience);
                List<LoggedRequest> prompts = SlackApiStub.client().find(postRequestedFor(urlEqualTo(LLM)));
                yield prompts.stream().anyMatch(prompt -> prompt.getBodyAsString().contains(WORD));
            }
        };

        assertThat(shown).as("%s in %s shows a takeaway written in %s", reader, members, place).isEqualTo(shows);
    }

    private List<Long> exported(Audience audience, String query) {
        List<Long> ids = new ArrayList<>();
        exports.forEach(audience, query == null ? null : SearchQueryParser.parse(query), row -> ids.add(row.id()));
        return ids;
    }

    /** The Java check, for rows in hand, says the same as the SQL for an ordinary takeaway. */
    private void assertJavaCheckAgrees(Audience audience, long id, boolean sees) {
        RecentTakeaways.Entry entry = recent.find(TEAM, id).orElseThrow();
        assertThat(Visibility.allows(audience, entry.written(TEAM))).as("the Java check").isEqualTo(sees);
    }

    private long write(Place place, Instant at) {
        return write(place, at, true);
    }

    /**
     * The takeaway under test, by its author, in its talk; when needed, the channel made private afterwards; then,
     * unless told not to, indexed for search (words, vocabulary, meaning) as it is a moment after its capture.
     */
    private long write(Place place, Instant at, boolean indexed) {
        talk = jdbc.sql("""
                        INSERT INTO talks (team_id, title, title_key, created_by, created_at)
                        VALUES (:team, 'Regeneration', 'regeneration', :user, now())
                        ON CONFLICT (team_id, title_key) DO UPDATE SET title_key = EXCLUDED.title_key RETURNING id""")
                .param("team", TEAM).param("user", AUTHOR).query(Long.class).single();
        // Something anyone may see in the same talk, so a summary has something to say wherever it is posted.
        writeIn(TEAM, new Conversation("C0FILLER", ChannelType.PUBLIC_CHANNEL), SOMEONE,
                "Regrowth needs stem cells near the wound", at, true);
        long id = writeIn(TEAM, new Conversation(place.channel, place.writtenAs), AUTHOR, TEXT, at, true);
        if (place == Place.BECAME_PRIVATE) {
            capture.reclassifyChannel(TEAM, place.channel, ChannelType.PRIVATE_CHANNEL);
        }
        if (indexed) {
            awaitBackgroundWork();
        }
        return id;
    }

    private long writeIn(String team, Conversation where, String user, String text, Instant at, boolean inTalk) {
        long id = capture.capture(CaptureTakeaway.fromSlashCommand(team, where.id(), where.kind(), user,
                inTalk && team.equals(TEAM) ? text + " talk:\"Regeneration\"" : text, "matrix-" + (++triggers))).id();
        jdbc.sql("UPDATE takeaways SET created_at = :at, updated_at = :at WHERE id = :id")
                .param("at", at.atOffset(ZoneOffset.UTC)).param("id", id).update();
        return id;
    }

    private WeeklyDigest digest(Audience audience, Conversation postedIn) {
        Instant now = Instant.now();
        return digests.build(audience.teamId(), postedIn, new WeeklySchedule.Period(now.minus(Duration.ofDays(7)),
                now.plusSeconds(60)), ZoneOffset.UTC, Optional.empty());
    }

    private Optional<SummaryReport> summaryOfTalk(Audience audience) {
        return summaries.ofTalk(audience, new TalkSummaries.TalkRef(talk, "Regeneration"));
    }

    private static boolean table(String table, String row, Place place) {
        String line = table.lines().map(String::strip).filter(l -> l.startsWith(row + " ")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No row " + row));
        List<String> cells = Arrays.asList(line.split("\\s+"));
        return cells.get(1 + place.ordinal()).equals("Y");
    }
}
