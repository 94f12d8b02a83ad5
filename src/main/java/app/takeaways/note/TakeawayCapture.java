package app.takeaways.note;

import app.takeaways.workspace.ChannelDirectory;
import app.takeaways.workspace.ChannelType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
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

    private static final Logger log = LoggerFactory.getLogger(TakeawayCapture.class);

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

    // One statement: the takeaway and its links, or (the same Slack delivery again) the takeaway stored before,
    // returned by a no-op update of its identity, so nothing is looked up after the write. A new row has xmax 0.
    private static final String SAVE = """
            , saved AS (
                INSERT INTO takeaways (team_id, channel_id, channel_type, user_id, text, tags, talk_id, source,
                                       slack_request_id, message_ts, thread_ts, permalink, captured_by, quoted_author,
                                       created_at, updated_at)
                SELECT :team, :channel, :channelType, :user, :text, talk.tags, talk.id, :source,
                       :requestId, :messageTs, :threadTs, :permalink, :capturedBy, :quotedAuthor, :now, :now
                FROM talk
                %s
                RETURNING id, user_id, text, tags, talk_id, created_at, (xmax <> 0) AS existed
            ), links AS (
                INSERT INTO takeaway_links (team_id, takeaway_id, position, url, label)
                SELECT :team, saved.id, link.position - 1, link.url, link.label
                FROM saved, unnest(CAST(:linkUrls AS text[]), CAST(:linkLabels AS text[]))
                            WITH ORDINALITY AS link (url, label, position)
                WHERE NOT saved.existed
            )
            SELECT saved.id, saved.user_id, saved.text, saved.tags, saved.created_at, saved.existed,
                   COALESCE(CASE WHEN NOT saved.existed THEN CAST(:talkTitle AS text) END,
                            (SELECT title FROM talks WHERE talks.id = saved.talk_id)) AS talk,
                   -- a retry's links, as stored before (a new row's are the ones just given)
                   CASE WHEN saved.existed THEN ARRAY(SELECT l.url FROM takeaway_links l
                                                      WHERE l.team_id = :team AND l.takeaway_id = saved.id
                                                      ORDER BY l.position)
                   END AS stored_urls,
                   CASE WHEN saved.existed THEN ARRAY(SELECT l.label FROM takeaway_links l
                                                      WHERE l.team_id = :team AND l.takeaway_id = saved.id
                                                      ORDER BY l.position)
                   END AS stored_labels
            FROM saved
            """;

    private final JdbcClient jdbc;
    private final TakeawayRepository takeaways;
    private final ChannelDirectory channels;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Map<Source, Counter> saved = new EnumMap<>(Source.class);
    private final Map<Source, Counter> duplicates = new EnumMap<>(Source.class);

    TakeawayCapture(DataSource dataSource, TakeawayRepository takeaways, ChannelDirectory channels,
                    ApplicationEventPublisher events, Clock clock, MeterRegistry meters) {
        this.channels = channels;
        this.events = events;
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
        try {
            channels.typeOf(command.teamId(), command.channelId())
                    .map(known -> ChannelType.believe(known, command.channelType()))
                    .filter(believed -> believed != command.channelType())
                    .ifPresent(believed -> reclassifyChannel(command.teamId(), command.channelId(), believed));
        } catch (DataAccessException e) {
            // The takeaway is committed: the person is told it is saved. Its channel's kind is applied again when
            // Slack next answers for the channel (ChannelClassifier); until then the row keeps the kind it was
            // written with, the more private of what was stored and what the request said.
            log.warn("A takeaway in {} was saved; its channel's kind will be applied later: {}", command.channelId(),
                    e.getMostSpecificCause().getMessage());
        }
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
     * apply to them from now on, and what quotes them (posted summaries, digests) is marked for an update.
     */
    @Transactional
    public int reclassifyChannel(String teamId, String channelId, ChannelType type) {
        List<Long> changed = jdbc.sql("""
                        UPDATE takeaways SET channel_type = :type, updated_at = :now
                        WHERE team_id = :team AND channel_id = :channel AND channel_type <> :type
                        RETURNING id
                        """)
                .param("type", type.value())
                .param("now", OffsetDateTime.now(clock))
                .param("team", teamId)
                .param("channel", channelId)
                .query(Long.class).list();
        if (!changed.isEmpty()) {
            events.publishEvent(new TakeawaysChanged(teamId, changed));
        }
        return changed.size();
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
            onConflict = "ON CONFLICT (team_id, slack_request_id) WHERE slack_request_id IS NOT NULL"
                    + " DO UPDATE SET slack_request_id = EXCLUDED.slack_request_id";
        } else if (command.messageTs() != null) {
            onConflict = "ON CONFLICT (team_id, channel_id, message_ts) WHERE message_ts IS NOT NULL"
                    + " DO UPDATE SET message_ts = EXCLUDED.message_ts";
        } else {
            onConflict = "";
        }
        Optional<CapturedTakeaway> result = jdbc.sql(talkSql + SAVE.formatted(onConflict))
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
                .param("quotedAuthor", command.quotedAuthor())
                .param("linkUrls", links.stream().map(Link::url).toArray(String[]::new))
                .param("linkLabels", links.stream().map(Link::label).toArray(String[]::new))
                .query((rows, n) -> {
                    List<String> storedTags = List.of((String[]) rows.getArray("tags").getArray());
                    Optional<String> talk = Optional.ofNullable(rows.getString("talk"));
                    if (!rows.getBoolean("existed")) {
                        return new CapturedTakeaway(rows.getLong("id"), command.userId(), content, storedTags, links,
                                talk, now.toInstant(), false, Optional.ofNullable(command.quotedAuthor()));
                    }
                    // Stored before, or by a retry racing this one: ON CONFLICT waited for it, so it is committed.
                    String[] urls = (String[]) rows.getArray("stored_urls").getArray();
                    String[] labels = (String[]) rows.getArray("stored_labels").getArray();
                    List<Link> storedLinks = new ArrayList<>();
                    for (int i = 0; i < urls.length; i++) {
                        storedLinks.add(new Link(urls[i], labels[i]));
                    }
                    return new CapturedTakeaway(rows.getLong("id"), rows.getString("user_id"),
                            TakeawayTextParser.parse(rows.getString("text")), storedTags, storedLinks, talk,
                            rows.getObject("created_at", OffsetDateTime.class).toInstant(), true, Optional.empty());
                })
                .optional();
        result.ifPresent(captured -> {
            (captured.alreadySaved() ? duplicates : saved).get(command.source()).increment();
            if (!captured.alreadySaved()) {
                followKnownChannelType(command);
            }
        });
        return result; // empty: a reply in a thread nobody tracks
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

}
