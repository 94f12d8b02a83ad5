package app.takeaways.note;

import app.takeaways.workspace.ChannelDirectory;
import app.takeaways.workspace.ChannelType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps takeaways. A capture either commits, and then the person may be told it is saved, or throws a
 * {@link org.springframework.dao.DataAccessException}, and then nothing was saved.
 */
@Service
public class TakeawayCapture {

    // Slack waits 3 s for the ack: a capture stuck behind a lock gives up and says so instead.
    static final int CAPTURE_TIMEOUT_SECONDS = 2;

    // The talk named in the capture: read if known, written only if new, so captures of one talk do not queue on its
    // row. Two racing to create it: the loser's no-op update still RETURNs the winner's id.
    private static final String TALK_BY_TITLE = """
            WITH known_talk AS (
                SELECT id FROM talks WHERE team_id = :team AND title_key = CAST(:talkKey AS text)
            ), new_talk AS (
                INSERT INTO talks (team_id, title, title_key, event, created_by, created_at)
                SELECT :team, CAST(:talkTitle AS text), CAST(:talkKey AS text), CAST(:event AS text), :user, :now
                WHERE CAST(:talkTitle AS text) IS NOT NULL AND NOT EXISTS (SELECT 1 FROM known_talk)
                ON CONFLICT (team_id, title_key) DO UPDATE SET title_key = EXCLUDED.title_key
                RETURNING id
            ), talk AS (
                SELECT id, CAST(:tags AS text[]) AS tags FROM known_talk
                UNION ALL SELECT id, CAST(:tags AS text[]) FROM new_talk
                UNION ALL SELECT NULL, CAST(:tags AS text[]) WHERE CAST(:talkTitle AS text) IS NULL
            )""";

    // A reply in a tracked thread: the thread's talk, and its tags after the reply's own. No tracked thread, no row.
    private static final String TALK_OF_THREAD = """
            WITH talk AS (
                SELECT thread.talk_id AS id,
                       ARRAY(SELECT tag FROM unnest(CAST(:tags AS text[]) || thread.tags) WITH ORDINALITY AS t (tag, n)
                             GROUP BY tag ORDER BY min(n)) AS tags
                FROM talk_threads thread
                WHERE thread.team_id = :team AND thread.channel_id = :channel AND thread.thread_ts = :threadTs
                  AND thread.untracked_at IS NULL
            )""";

    private static final String SAVE = """
            , saved AS (
                INSERT INTO takeaways (team_id, channel_id, channel_type, user_id, text, tags, talk_id, source,
                                       slack_request_id, message_ts, thread_ts, permalink, captured_by, created_at,
                                       updated_at)
                SELECT :team, :channel, :channelType, :user, :text, talk.tags, talk.id, :source,
                       :requestId, :messageTs, :threadTs, :permalink, :capturedBy, :now, :now
                FROM talk
                %s
                RETURNING id, tags, talk_id
            ), links AS (
                INSERT INTO takeaway_links (takeaway_id, position, url, label)
                SELECT saved.id, link.position - 1, link.url, link.label
                FROM saved, unnest(CAST(:linkUrls AS text[]), CAST(:linkLabels AS text[]))
                            WITH ORDINALITY AS link (url, label, position)
            )
            SELECT saved.id, saved.tags,
                   COALESCE(CAST(:talkTitle AS text), (SELECT title FROM talks WHERE talks.id = saved.talk_id)) AS talk
            FROM saved
            """;

    private final JdbcClient jdbc;
    private final TakeawayRepository takeaways;
    private final ChannelDirectory channels;
    private final Clock clock;
    private final Map<Source, Counter> saved = new EnumMap<>(Source.class);
    private final Map<Source, Counter> duplicates = new EnumMap<>(Source.class);

    TakeawayCapture(DataSource dataSource, TakeawayRepository takeaways, ChannelDirectory channels, Clock clock,
                    MeterRegistry meters) {
        this.channels = channels;
        JdbcTemplate template = new JdbcTemplate(dataSource);
        template.setQueryTimeout(CAPTURE_TIMEOUT_SECONDS);
        this.jdbc = JdbcClient.create(template);
        this.takeaways = takeaways;
        this.clock = clock;
        for (Source source : Source.values()) {
            saved.put(source, captured(meters, source, "saved"));
            duplicates.put(source, captured(meters, source, "duplicate"));
        }
    }

    private static Counter captured(MeterRegistry meters, Source source, String outcome) {
        return Counter.builder("takeaways.captured")
                .description("Takeaways captured, by where in Slack and whether they were new")
                .tag("source", source.value())
                .tag("outcome", outcome)
                .register(meters);
    }

    /**
     * Keeps the takeaway, or finds the one this Slack delivery already made. One statement: the talk, the takeaway
     * and its links are written together or not at all, in one round trip, without a transaction held open.
     *
     * @throws EmptyTakeawayException when the text says nothing beyond a {@code talk:"..."}
     */
    public CapturedTakeaway capture(CaptureTakeaway command) {
        TakeawayText content = contentOf(command);
        String talkTitle = command.talkTitle() != null ? command.talkTitle() : content.talkTitle().orElse(null);
        return save(command, content, TALK_BY_TITLE, talkTitle)
                .orElseThrow(() -> new IllegalStateException("A capture by title always has a talk row"));
    }

    /**
     * Keeps a reply in a tracked talk thread as a takeaway of that talk, with the thread's tags; nothing when the
     * thread is not tracked (or no longer).
     */
    public Optional<CapturedTakeaway> captureThreadReply(CaptureTakeaway reply) {
        if (reply.threadTs() == null || reply.messageTs() == null) {
            throw new IllegalArgumentException("A thread reply has a thread and a message timestamp");
        }
        TakeawayText content = contentOf(reply);
        return save(reply, content, TALK_OF_THREAD, null);
    }

    /**
     * Slack may have said what kind of channel this is while the takeaway was being written (the type is asked after
     * the ack, and the answer applied to the rows committed by then): the new row follows what is known now. Either
     * this sees the answer, or the answer is recorded later and applied to this row, which is committed by then.
     */
    private void followKnownChannelType(CaptureTakeaway command) {
        channels.typeOf(command.teamId(), command.channelId())
                .filter(known -> known != command.channelType())
                .ifPresent(known -> reclassifyChannel(command.teamId(), command.channelId(), known));
    }

    /** Whether a Slack message is already kept (deleted or not): a reaction on it needs no fetching. */
    public boolean keepsMessage(String teamId, String channelId, String messageTs) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM takeaways
                                       WHERE team_id = :team AND channel_id = :channel AND message_ts = :ts)
                        """)
                .param("team", teamId).param("channel", channelId).param("ts", messageTs)
                .query(Boolean.class).single();
    }

    /**
     * Slack told us what kind of conversation a channel is: the takeaways captured there follow, so privacy rules
     * apply to them from now on.
     */
    public int reclassifyChannel(String teamId, String channelId, ChannelType type) {
        return jdbc.sql("""
                        UPDATE takeaways SET channel_type = :type
                        WHERE team_id = :team AND channel_id = :channel AND channel_type <> :type
                        """)
                .param("type", type.value())
                .param("team", teamId)
                .param("channel", channelId)
                .update();
    }

    /** The link to the Slack message a takeaway was saved from, once Slack gave it. */
    public void recordPermalink(long takeawayId, String permalink) {
        jdbc.sql("UPDATE takeaways SET permalink = :permalink WHERE id = :id")
                .param("permalink", permalink).param("id", takeawayId).update();
    }

    @Transactional(readOnly = true)
    public Optional<Takeaway> find(long id) {
        return takeaways.findWithDetailsById(id);
    }

    private TakeawayText contentOf(CaptureTakeaway command) {
        TakeawayText content = TakeawayTextParser.parse(command.text());
        if (content.body().isBlank()) {
            throw new EmptyTakeawayException();
        }
        return content;
    }

    private Optional<CapturedTakeaway> save(CaptureTakeaway command, TakeawayText content, String talkSql,
                                            String talkTitle) {
        // Postgres keeps microseconds: what is returned is exactly what is stored.
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.MICROS);
        List<String> tags = mergeTags(content.tags(), command.extraTags());
        List<Link> links = mergeLinks(command.sourceLink(), content.links());
        String onConflict;
        if (command.slackRequestId() != null) {
            onConflict = "ON CONFLICT (team_id, slack_request_id) WHERE slack_request_id IS NOT NULL DO NOTHING";
        } else if (command.messageTs() != null) {
            onConflict = "ON CONFLICT (team_id, channel_id, message_ts) WHERE message_ts IS NOT NULL DO NOTHING";
        } else {
            onConflict = "";
        }
        Optional<Saved> inserted = jdbc.sql(talkSql + SAVE.formatted(onConflict))
                .param("team", command.teamId())
                .param("talkTitle", talkTitle)
                .param("talkKey", talkTitle == null ? null : TakeawayTextParser.talkKey(talkTitle))
                .param("event", command.event())
                .param("user", command.userId())
                .param("now", now)
                .param("channel", command.channelId())
                .param("channelType", command.channelType().value())
                .param("text", command.text())
                .param("tags", tags.toArray(String[]::new))
                .param("source", command.source().value())
                .param("requestId", command.slackRequestId())
                .param("messageTs", command.messageTs())
                .param("threadTs", command.threadTs())
                .param("permalink", command.permalink())
                .param("capturedBy", command.capturedBy())
                .param("linkUrls", links.stream().map(Link::url).toArray(String[]::new))
                .param("linkLabels", links.stream().map(Link::label).toArray(String[]::new))
                .query((rows, n) -> new Saved(rows.getLong("id"), List.of((String[]) rows.getArray("tags").getArray()),
                        rows.getString("talk")))
                .optional();
        if (inserted.isPresent()) {
            saved.get(command.source()).increment();
            followKnownChannelType(command);
            return Optional.of(new CapturedTakeaway(inserted.get().id(), command.userId(), content,
                    inserted.get().tags(), links, Optional.ofNullable(inserted.get().talkTitle()), now.toInstant(),
                    false));
        }
        Optional<Takeaway> existing = findExisting(command);
        if (existing.isEmpty()) {
            return Optional.empty(); // a reply in a thread nobody tracks
        }
        // Stored before, or by a retry racing this one: ON CONFLICT waited for it, so it is committed now.
        duplicates.get(command.source()).increment();
        Takeaway stored = existing.get();
        return Optional.of(new CapturedTakeaway(stored.id(), stored.userId(), TakeawayTextParser.parse(stored.text()),
                stored.tags(), stored.links(), stored.talk().map(Talk::title), stored.createdAt(), true));
    }

    private Optional<Takeaway> findExisting(CaptureTakeaway command) {
        Optional<Long> id;
        if (command.slackRequestId() != null) {
            id = jdbc.sql("SELECT id FROM takeaways WHERE team_id = :team AND slack_request_id = :key")
                    .param("team", command.teamId()).param("key", command.slackRequestId())
                    .query(Long.class).optional();
        } else if (command.messageTs() != null) {
            id = jdbc.sql("SELECT id FROM takeaways WHERE team_id = :team AND channel_id = :channel AND message_ts = :key")
                    .param("team", command.teamId()).param("channel", command.channelId())
                    .param("key", command.messageTs())
                    .query(Long.class).optional();
        } else {
            id = Optional.empty();
        }
        return id.flatMap(takeaways::findWithDetailsById);
    }

    /** Tags from the text first, then those given apart from it; lower-case, without {@code #}, once each. */
    static List<String> mergeTags(List<String> fromText, List<String> given) {
        Set<String> tags = new LinkedHashSet<>(fromText);
        for (String tag : given) {
            String name = tag.strip();
            while (name.startsWith("#")) {
                name = name.substring(1);
            }
            if (!name.isEmpty()) {
                tags.add(name.toLowerCase(Locale.ROOT));
            }
        }
        return new ArrayList<>(tags);
    }

    private static List<Link> mergeLinks(String sourceLink, List<Link> fromText) {
        Map<String, Link> links = new LinkedHashMap<>();
        if (sourceLink != null) {
            links.put(sourceLink, new Link(sourceLink, null));
        }
        fromText.forEach(link -> links.putIfAbsent(link.url(), link));
        return new ArrayList<>(links.values());
    }

    private record Saved(long id, List<String> tags, String talkTitle) {
    }
}
