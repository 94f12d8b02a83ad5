package app.takeaways.note;

import app.takeaways.workspace.ChannelType;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Keeps takeaways. A capture either commits, and then the person may be told it is saved, or throws a
 * {@link org.springframework.dao.DataAccessException}, and then nothing was saved.
 */
@Service
public class TakeawayCapture {

    private final JdbcClient jdbc;
    private final TakeawayRepository takeaways;
    private final Clock clock;
    private final MeterRegistry meters;

    TakeawayCapture(JdbcClient jdbc, TakeawayRepository takeaways, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.takeaways = takeaways;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * Keeps the takeaway, or finds the one this Slack delivery already made.
     *
     * @throws EmptyTakeawayException when the text is only a {@code talk:"..."}
     */
    @Transactional(timeout = 5)
    public CapturedTakeaway capture(CaptureTakeaway command) {
        TakeawayText content = TakeawayTextParser.parse(command.text());
        if (content.body().isBlank()) {
            throw new EmptyTakeawayException();
        }
        // Postgres keeps microseconds: what is returned is exactly what is stored.
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.MICROS);
        Long talkId = content.talkTitle()
                .map(title -> talkIdFor(command.teamId(), title, command.userId(), now))
                .orElse(null);

        Optional<Long> inserted = insert(command, content, talkId, now);
        if (inserted.isEmpty()) {
            Takeaway existing = findExisting(command);
            meters.counter("takeaways.captured", "source", command.source().value(), "outcome", "duplicate")
                    .increment();
            return new CapturedTakeaway(existing.id(), TakeawayTextParser.parse(existing.text()),
                    existing.talk().map(Talk::title), existing.createdAt(), true);
        }
        long id = inserted.get();
        insertLinks(id, content.links());
        meters.counter("takeaways.captured", "source", command.source().value(), "outcome", "saved").increment();
        return new CapturedTakeaway(id, content, content.talkTitle(), now.toInstant(), false);
    }

    /**
     * Slack told us what kind of conversation a channel is: the takeaways captured there follow, so privacy rules
     * apply to them from now on.
     */
    @Transactional
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

    private long talkIdFor(String teamId, String title, String userId, OffsetDateTime now) {
        // The no-op update makes RETURNING give the id of a talk that already exists.
        return jdbc.sql("""
                        INSERT INTO talks (team_id, title, title_key, created_by, created_at)
                        VALUES (:team, :title, :key, :user, :now)
                        ON CONFLICT (team_id, title_key) DO UPDATE SET title_key = EXCLUDED.title_key
                        RETURNING id
                        """)
                .param("team", teamId)
                .param("title", title)
                .param("key", TakeawayTextParser.talkKey(title))
                .param("user", userId)
                .param("now", now)
                .query(Long.class)
                .single();
    }

    private Optional<Long> insert(CaptureTakeaway command, TakeawayText content, Long talkId, OffsetDateTime now) {
        String onConflict;
        if (command.slackRequestId() != null) {
            onConflict = "ON CONFLICT (team_id, slack_request_id) WHERE slack_request_id IS NOT NULL DO NOTHING";
        } else if (command.messageTs() != null) {
            onConflict = "ON CONFLICT (team_id, channel_id, message_ts) WHERE message_ts IS NOT NULL DO NOTHING";
        } else {
            onConflict = "";
        }
        return jdbc.sql("""
                        INSERT INTO takeaways (team_id, channel_id, channel_type, user_id, text, tags, talk_id, source,
                                               slack_request_id, message_ts, permalink, created_at, updated_at)
                        VALUES (:team, :channel, :channelType, :user, :text, CAST(:tags AS text[]), :talk, :source,
                                :requestId, :messageTs, :permalink, :now, :now)
                        """ + onConflict + " RETURNING id")
                .param("team", command.teamId())
                .param("channel", command.channelId())
                .param("channelType", command.channelType().value())
                .param("user", command.userId())
                .param("text", command.text())
                .param("tags", content.tags().toArray(String[]::new))
                .param("talk", talkId)
                .param("source", command.source().value())
                .param("requestId", command.slackRequestId())
                .param("messageTs", command.messageTs())
                .param("permalink", command.permalink())
                .param("now", now)
                .query(Long.class)
                .optional();
    }

    private void insertLinks(long takeawayId, List<Link> links) {
        for (int position = 0; position < links.size(); position++) {
            Link link = links.get(position);
            jdbc.sql("INSERT INTO takeaway_links (takeaway_id, position, url, label) VALUES (:id, :position, :url, :label)")
                    .param("id", takeawayId)
                    .param("position", position)
                    .param("url", link.url())
                    .param("label", link.label())
                    .update();
        }
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
