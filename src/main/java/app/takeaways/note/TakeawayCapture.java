package app.takeaways.note;

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
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps takeaways. A capture either commits, and then the person may be told it is saved, or throws a
 * {@link org.springframework.dao.DataAccessException}, and then nothing was saved.
 */
@Service
public class TakeawayCapture {

    // Slack waits 3 s for the ack: a capture stuck behind a lock gives up and says so instead.
    static final int CAPTURE_TIMEOUT_SECONDS = 2;

    private final JdbcClient jdbc;
    private final TakeawayRepository takeaways;
    private final Clock clock;
    private final Map<Source, Counter> saved = new EnumMap<>(Source.class);
    private final Map<Source, Counter> duplicates = new EnumMap<>(Source.class);

    TakeawayCapture(DataSource dataSource, TakeawayRepository takeaways, Clock clock, MeterRegistry meters) {
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
     * @throws EmptyTakeawayException when the text is only a {@code talk:"..."}
     */
    public CapturedTakeaway capture(CaptureTakeaway command) {
        TakeawayText content = TakeawayTextParser.parse(command.text());
        if (content.body().isBlank()) {
            throw new EmptyTakeawayException();
        }
        // Postgres keeps microseconds: what is returned is exactly what is stored.
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.MICROS);

        Optional<Long> inserted = insert(command, content, now);
        if (inserted.isEmpty()) {
            // Stored before, or by a retry racing this one: ON CONFLICT waited for it, so it is committed now.
            Takeaway existing = findExisting(command);
            duplicates.get(command.source()).increment();
            return new CapturedTakeaway(existing.id(), TakeawayTextParser.parse(existing.text()),
                    existing.talk().map(Talk::title), existing.createdAt(), true);
        }
        saved.get(command.source()).increment();
        return new CapturedTakeaway(inserted.get(), content, content.talkTitle(), now.toInstant(), false);
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

    @Transactional(readOnly = true)
    public Optional<Takeaway> find(long id) {
        return takeaways.findWithDetailsById(id);
    }

    private Optional<Long> insert(CaptureTakeaway command, TakeawayText content, OffsetDateTime now) {
        String onConflict;
        if (command.slackRequestId() != null) {
            onConflict = "ON CONFLICT (team_id, slack_request_id) WHERE slack_request_id IS NOT NULL DO NOTHING";
        } else if (command.messageTs() != null) {
            onConflict = "ON CONFLICT (team_id, channel_id, message_ts) WHERE message_ts IS NOT NULL DO NOTHING";
        } else {
            onConflict = "";
        }
        List<Link> links = content.links();
        return jdbc.sql("""
                        WITH known_talk AS (
                            SELECT id FROM talks WHERE team_id = :team AND title_key = CAST(:talkKey AS text)
                        ), new_talk AS (
                            -- Only a talk not seen yet is written, so captures of one talk do not queue on its row.
                            -- Two racing to create it: the loser's no-op update still RETURNs the winner's id.
                            INSERT INTO talks (team_id, title, title_key, created_by, created_at)
                            SELECT :team, CAST(:talkTitle AS text), CAST(:talkKey AS text), :user, :now
                            WHERE CAST(:talkTitle AS text) IS NOT NULL AND NOT EXISTS (SELECT 1 FROM known_talk)
                            ON CONFLICT (team_id, title_key) DO UPDATE SET title_key = EXCLUDED.title_key
                            RETURNING id
                        ), talk AS (
                            SELECT id FROM known_talk UNION ALL SELECT id FROM new_talk
                        ), saved AS (
                            INSERT INTO takeaways (team_id, channel_id, channel_type, user_id, text, tags, talk_id,
                                                   source, slack_request_id, message_ts, permalink, created_at,
                                                   updated_at)
                            VALUES (:team, :channel, :channelType, :user, :text, CAST(:tags AS text[]),
                                    (SELECT id FROM talk), :source, :requestId, :messageTs, :permalink, :now, :now)
                            %s
                            RETURNING id
                        ), links AS (
                            INSERT INTO takeaway_links (takeaway_id, position, url, label)
                            SELECT saved.id, link.position - 1, link.url, link.label
                            FROM saved, unnest(CAST(:linkUrls AS text[]), CAST(:linkLabels AS text[]))
                                        WITH ORDINALITY AS link (url, label, position)
                        )
                        SELECT id FROM saved
                        """.formatted(onConflict))
                .param("team", command.teamId())
                .param("talkTitle", content.talkTitle().orElse(null))
                .param("talkKey", content.talkTitle().map(TakeawayTextParser::talkKey).orElse(null))
                .param("user", command.userId())
                .param("now", now)
                .param("channel", command.channelId())
                .param("channelType", command.channelType().value())
                .param("text", command.text())
                .param("tags", content.tags().toArray(String[]::new))
                .param("source", command.source().value())
                .param("requestId", command.slackRequestId())
                .param("messageTs", command.messageTs())
                .param("permalink", command.permalink())
                .param("linkUrls", links.stream().map(Link::url).toArray(String[]::new))
                .param("linkLabels", links.stream().map(Link::label).toArray(String[]::new))
                .query(Long.class)
                .optional();
    }

    private Takeaway findExisting(CaptureTakeaway command) {
        Optional<Long> id = command.slackRequestId() != null
                ? jdbc.sql("SELECT id FROM takeaways WHERE team_id = :team AND slack_request_id = :key")
                        .param("team", command.teamId()).param("key", command.slackRequestId())
                        .query(Long.class).optional()
                : jdbc.sql("SELECT id FROM takeaways WHERE team_id = :team AND channel_id = :channel AND message_ts = :key")
                        .param("team", command.teamId()).param("channel", command.channelId())
                        .param("key", command.messageTs())
                        .query(Long.class).optional();
        return id.flatMap(takeaways::findWithDetailsById)
                .orElseThrow(() -> new IllegalStateException("A conflicting takeaway vanished during capture"));
    }
}
