package app.takeaways.slack.events;

import app.takeaways.database.DatabaseOutages;
import app.takeaways.note.CaptureTakeaway;
import app.takeaways.note.CapturedTakeaway;
import app.takeaways.note.EmptyTakeawayException;
import app.takeaways.note.PersonErased;
import app.takeaways.note.TeamErased;
import app.takeaways.note.Source;
import app.takeaways.note.TakeawayCapture;
import app.takeaways.slack.AfterAck;
import app.takeaways.slack.BotIdentity;
import app.takeaways.slack.ChannelClassifier;
import app.takeaways.slack.DatabaseCalls;
import app.takeaways.slack.MessageLinks;
import app.takeaways.slack.SlackApiCallException;
import app.takeaways.slack.SlackGateway;
import app.takeaways.slack.SlackRetryException;
import app.takeaways.slack.SlackSurface;
import app.takeaways.slack.blocks.CaptureConfirmation;
import app.takeaways.workspace.ChannelType;
import com.slack.api.bolt.App;
import com.slack.api.model.Message;
import com.slack.api.model.event.ReactionAddedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import app.takeaways.platform.RepeatingWork;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * A reaction (:memo: by default) on a message saves it as a takeaway credited to its author, once however many
 * react; every reaction on a takeaway's message is counted ({@link ReactionCounts}). The message's text has to be fetched from Slack, which may not happen before the ack: the request is
 * written to {@code pending_reaction_captures} first (one per message), acknowledged, then worked off here.
 * A restart, a rate limit or a database outage in between delays a capture but never loses it; claims are leases,
 * so several instances share the work without doing it twice.
 */
@Component
class ReactionCaptures extends RepeatingWork implements SlackSurface {

    private static final Logger log = LoggerFactory.getLogger(ReactionCaptures.class);
    static final Duration LEASE = Duration.ofMinutes(1);
    static final Duration POLL = Duration.ofSeconds(2);
    static final int MAX_ATTEMPTS = 8;
    private static final List<String> GONE = List.of("channel_not_found", "not_in_channel", "is_archived",
            "missing_scope", "message_not_found", "thread_not_found",
            // the app is gone from the workspace: no token will do better later
            SlackGateway.NOT_INSTALLED, "token_revoked", "invalid_auth", "account_inactive");

    private final String reaction;
    private final JdbcClient jdbc;
    private final TakeawayCapture capture;
    private final ChannelClassifier classifier;
    private final SlackGateway gateway;
    private final AfterAck afterAck;
    private final BotIdentity identity;
    private final MessageLinks links;
    private final ReactionCounts counts;
    private final Clock clock;
    private final DatabaseOutages outages;

    ReactionCaptures(@Value("${takeaways.capture-reaction:memo}") String reaction, JdbcClient jdbc,
                     TakeawayCapture capture, ChannelClassifier classifier, SlackGateway gateway, AfterAck afterAck,
                     BotIdentity identity, MessageLinks links, ReactionCounts counts, Clock clock,
                     DatabaseOutages outages) {
        super("reaction-captures", POLL, true);
        this.outages = outages;
        this.links = links;
        this.counts = counts;
        this.reaction = reaction.strip().replace(":", "");
        this.jdbc = jdbc;
        this.capture = capture;
        this.classifier = classifier;
        this.gateway = gateway;
        this.afterAck = afterAck;
        this.identity = identity;
        this.clock = clock;
    }

    @Override
    public void register(App app) {
        app.event(ReactionAddedEvent.class, (payload, context) -> {
            ReactionAddedEvent event = payload.getEvent();
            if (event.getItem() == null || !"message".equals(event.getItem().getType())
                    || event.getUser().equals(SlackEvents.botUserId(payload, identity).orElse(null))) {
                return context.ack();
            }
            if (reaction.equals(event.getReaction())) {
                request(payload.getTeamId(), event.getItem().getChannel(), event.getItem().getTs(), event.getUser());
            }
            counts.added(payload.getTeamId(), event.getItem().getChannel(), event.getItem().getTs(), event.getUser(),
                    event.getReaction());
            return context.ack();
        });
    }

    private void request(String teamId, String channelId, String messageTs, String reactor) {
        boolean queued;
        try {
            queued = DatabaseCalls.retryingOnce(() -> !capture.keepsMessage(teamId, channelId, messageTs)
                    && jdbc.sql("""
                            INSERT INTO pending_reaction_captures (team_id, channel_id, message_ts, reacted_by,
                                                                   run_after, created_at)
                            VALUES (:team, :channel, :ts, :user, :now, :now)
                            ON CONFLICT DO NOTHING
                            """)
                    .param("team", teamId).param("channel", channelId).param("ts", messageTs).param("user", reactor)
                    .param("now", OffsetDateTime.now(clock))
                    .update() > 0);
        } catch (DataAccessException | TransactionException e) {
            throw new SlackRetryException("the database is unavailable for a reaction capture ("
                    + DatabaseCalls.describe(e) + ")", e);
        }
        if (queued) {
            afterAck.runSlow("Working off reaction captures", this::drain);
        }
    }

    /**
     * Works off every due request; each one claimed for {@link #LEASE}, so a crash hands it to the next try. Claimed
     * one at a time: one team's row per statement, never a transaction across teams.
     */
    void drain() {
        List<Pending> due;
        while (!(due = claim()).isEmpty()) {
            due.forEach(this::work);
        }
    }

    private List<Pending> claim() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return jdbc.sql("""
                        UPDATE pending_reaction_captures p
                        SET run_after = :leaseEnd, attempts = p.attempts + 1
                        FROM (SELECT team_id, channel_id, message_ts FROM pending_reaction_captures
                              WHERE run_after <= :now ORDER BY run_after LIMIT 1 FOR UPDATE SKIP LOCKED) due
                        WHERE p.team_id = due.team_id AND p.channel_id = due.channel_id AND p.message_ts = due.message_ts
                        RETURNING p.team_id, p.channel_id, p.message_ts, p.reacted_by, p.attempts
                        """)
                .param("now", now).param("leaseEnd", now.plus(LEASE))
                .query((rows, n) -> new Pending(rows.getString("team_id"), rows.getString("channel_id"),
                        rows.getString("message_ts"), rows.getString("reacted_by"), rows.getInt("attempts")))
                .list();
    }

    private void work(Pending pending) {
        try {
            if (capture.keepsMessage(pending.teamId(), pending.channelId(), pending.messageTs())) {
                // Saved meanwhile: by the request before this one, whose row was gone when this one was written.
                done(pending);
                return;
            }
            Optional<Message> message = gateway.in(pending.teamId()).message(pending.channelId(), pending.messageTs())
                    .filter(m -> m.getBotId() == null && m.getUser() != null && m.getText() != null
                            && !m.getText().isBlank());
            if (message.isPresent()) {
                String threadTs = threadOf(message.get());
                save(pending, message.get(), threadTs).ifPresent(saved -> confirm(pending, saved, threadTs));
            }
            done(pending);
        } catch (SlackApiCallException e) {
            if (GONE.contains(e.error()) || pending.attempts() >= MAX_ATTEMPTS) {
                log.warn("Gave up saving the message {} in {} a reaction asked for: {}", pending.messageTs(),
                        pending.channelId(), e.error());
                done(pending);
            } else {
                retryLater(pending, e.error());
            }
        } catch (DataAccessException | TransactionException e) {
            outages.tell(log, "Reaction capture waits for the database", e);
        }
    }

    private static String threadOf(Message message) {
        return message.getThreadTs() != null && !message.getThreadTs().equals(message.getTs())
                ? message.getThreadTs() : null;
    }

    private Optional<CapturedTakeaway> save(Pending pending, Message message, String threadTs) {
        ChannelType type = classifier.typeFor(pending.teamId(), pending.channelId(),
                ChannelType.inferFromCommand(pending.channelId(), null));
        try {
            return Optional.of(capture.capture(CaptureTakeaway.fromMessage(Source.REACTION, pending.teamId(),
                    pending.channelId(), type, message.getUser(), message.getText(), pending.messageTs(), threadTs,
                    pending.reactedBy()).withPermalink(links.known(pending.teamId(), pending.channelId(), pending.messageTs(),
                    threadTs).orElse(null))));
        } catch (EmptyTakeawayException e) {
            return Optional.empty();
        }
    }

    private void confirm(Pending pending, CapturedTakeaway saved, String threadTs) {
        if (saved.alreadySaved()) {
            return;
        }
        afterAck.run("Confirming a reaction capture", () -> {
            if (links.known(pending.teamId(), pending.channelId(), pending.messageTs(), threadTs).isEmpty()) {
                capture.recordPermalink(saved.id(), links.linkTo(pending.teamId(), pending.channelId(),
                        pending.messageTs(), threadTs));
            }
            gateway.in(pending.teamId()).postEphemeral(pending.channelId(), pending.reactedBy(), null,
                    CaptureConfirmation.saved(saved, pending.reactedBy()));
        });
    }

    /** A person erased: the captures they asked for and that are still waiting go with their takeaways. */
    @EventListener
    void personErased(PersonErased erased) {
        jdbc.sql("DELETE FROM pending_reaction_captures WHERE team_id = :team AND reacted_by = :user")
                .param("team", erased.teamId()).param("user", erased.userId()).update();
    }

    /** A workspace's data is deleted (its retention after an uninstall ended): its pending reaction captures go in that transaction. */
    @EventListener
    void teamErased(TeamErased erased) {
        jdbc.sql("DELETE FROM pending_reaction_captures WHERE team_id = :team").param("team", erased.teamId()).update();
    }

    private void done(Pending pending) {
        jdbc.sql("DELETE FROM pending_reaction_captures WHERE team_id = :team AND channel_id = :channel AND message_ts = :ts")
                .param("team", pending.teamId()).param("channel", pending.channelId()).param("ts", pending.messageTs())
                .update();
    }

    private void retryLater(Pending pending, String error) {
        Duration backoff = POLL.multipliedBy(1L << Math.min(pending.attempts(), 8));
        jdbc.sql("""
                        UPDATE pending_reaction_captures SET run_after = :when, last_error = :error
                        WHERE team_id = :team AND channel_id = :channel AND message_ts = :ts
                        """)
                .param("when", OffsetDateTime.now(clock).plus(backoff)).param("error", error)
                .param("team", pending.teamId()).param("channel", pending.channelId()).param("ts", pending.messageTs())
                .update();
    }

    @Override
    protected void runOnce() {
        drain();
    }

    private record Pending(String teamId, String channelId, String messageTs, String reactedBy, int attempts) {
    }
}
