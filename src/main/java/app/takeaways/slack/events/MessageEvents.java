package app.takeaways.slack.events;

import app.takeaways.note.CaptureTakeaway;
import app.takeaways.note.CapturedTakeaway;
import app.takeaways.note.EmptyTakeawayException;
import app.takeaways.note.Source;
import app.takeaways.note.TakeawayCapture;
import app.takeaways.note.TakeawayChanges;
import app.takeaways.slack.AfterAck;
import app.takeaways.slack.BotIdentity;
import app.takeaways.slack.ChannelClassifier;
import app.takeaways.slack.DatabaseCalls;
import app.takeaways.slack.MessageLinks;
import app.takeaways.slack.SlackGateway;
import app.takeaways.slack.SlackRetryException;
import app.takeaways.slack.SlackSurface;
import app.takeaways.slack.blocks.CaptureConfirmation;
import app.takeaways.workspace.ChannelType;
import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.MessageDeletedEvent;
import com.slack.api.model.event.MessageEvent;
import com.slack.api.model.event.MessageFileShareEvent;
import com.slack.api.model.event.MessageThreadBroadcastEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Messages: a person's reply in a tracked talk thread is a takeaway of that talk (also when sent to the channel
 * too: one takeaway, not two); a file shared in the bot's DM is an outline to import ({@link FileImports}), never a
 * takeaway; an edited message updates its takeaway; a deleted one removes it. Bots' messages (this bot's included),
 * joins and other system messages are never captured.
 * <p>
 * The database write happens before the ack; if the database is down the event is not acknowledged, so Slack
 * delivers it again. The permalink and the replier's confirmation follow the ack.
 */
@Component
class MessageEvents implements SlackSurface {

    private static final Logger log = LoggerFactory.getLogger(MessageEvents.class);
    static final String TOMBSTONE = "tombstone";
    /** Message subtypes a person writes and edits themselves. */
    static final Set<String> PERSONS_SUBTYPES = Set.of("thread_broadcast", "file_share", "me_message");

    private final TakeawayCapture capture;
    private final TakeawayChanges changes;
    private final ChannelClassifier classifier;
    private final SlackGateway gateway;
    private final AfterAck afterAck;
    private final BotIdentity identity;
    private final MessageLinks links;
    private final FileImports fileImports;

    MessageEvents(TakeawayCapture capture, TakeawayChanges changes, ChannelClassifier classifier,
                  SlackGateway gateway, AfterAck afterAck, BotIdentity identity, MessageLinks links,
                  FileImports fileImports) {
        this.links = links;
        this.fileImports = fileImports;
        this.capture = capture;
        this.changes = changes;
        this.classifier = classifier;
        this.gateway = gateway;
        this.afterAck = afterAck;
        this.identity = identity;
    }

    @Override
    public void register(App app) {
        app.event(MessageEvent.class, (payload, context) -> {
            MessageEvent event = payload.getEvent();
            if (event.getBotId() == null) {
                reply(payload, context, event.getChannel(), event.getChannelType(), event.getUser(), event.getText(),
                        event.getTs(), event.getThreadTs());
            }
            return context.ack();
        });
        app.event(MessageThreadBroadcastEvent.class, (payload, context) -> {
            MessageThreadBroadcastEvent event = payload.getEvent();
            reply(payload, context, event.getChannel(), event.getChannelType(), event.getUser(), event.getText(),
                    event.getTs(), event.getThreadTs());
            return context.ack();
        });
        app.event(MessageFileShareEvent.class, (payload, context) -> {
            MessageFileShareEvent event = payload.getEvent();
            if ("im".equals(event.getChannelType())) {
                importFromDirectMessage(payload);
                return context.ack();
            }
            reply(payload, context, event.getChannel(), event.getChannelType(), event.getUser(), event.getText(),
                    event.getTs(), event.getThreadTs());
            return context.ack();
        });
        app.event(EditedMessageEvent.class, this::changed);
        app.event(MessageDeletedEvent.class, this::deleted);
    }

    /**
     * A file a person shares in the bot's DM is an outline to import. The bot's own files there (an export sent to
     * someone) are not: Slack reports them as the bot user's file_share.
     */
    private void importFromDirectMessage(EventsApiPayload<MessageFileShareEvent> payload) {
        MessageFileShareEvent event = payload.getEvent();
        Optional<String> bot = SlackEvents.botUserId(payload, identity);
        if (event.getUser() == null || bot.isPresent() && bot.get().equals(event.getUser())) {
            return;
        }
        String channelId = event.getChannel();
        fileImports.importAfterAck(new FileImports.Sent(payload.getTeamId(), channelId, ChannelType.IM,
                event.getUser(), event.getTs(),
                message -> gateway.in(payload.getTeamId()).postMessage(channelId, null, message)),
                event.getFiles());
    }

    private void reply(EventsApiPayload<?> payload, EventContext context, String channelId, String channelType,
                       String userId, String text, String ts, String threadTs) {
        ChannelType hint = ChannelType.fromEvent(channelType, payload.isExtSharedChannel());
        if (threadTs == null || threadTs.equals(ts) || userId == null || text == null || text.isBlank()) {
            if (hint.isKnown()) {
                // Not a takeaway, but what Slack says about the channel: a kind that changed is followed.
                classifier.typeFor(payload.getTeamId(), channelId, hint);
            }
            return; // not a reply in a thread, or nothing to keep
        }
        if (SlackEvents.addressesBot(text, SlackEvents.botUserId(payload, identity))) {
            return; // "@Takeaways track": a command, handled as a mention
        }
        String teamId = payload.getTeamId();
        Optional<String> permalink = links.known(teamId, channelId, ts, threadTs);
        Optional<CapturedTakeaway> saved = write("a thread reply", () -> {
            ChannelType type = classifier.typeFor(teamId, channelId, hint);
            try {
                return capture.captureThreadReply(CaptureTakeaway.fromMessage(Source.THREAD_REPLY, teamId, channelId,
                        type, userId, text, ts, threadTs, null).withPermalink(permalink.orElse(null))).orElse(null);
            } catch (EmptyTakeawayException e) {
                return null;
            }
        });
        saved.filter(takeaway -> !takeaway.alreadySaved()).ifPresent(takeaway ->
                afterAck.run("Confirming a thread reply capture", () -> {
                    if (permalink.isEmpty()) {
                        capture.recordPermalink(takeaway.id(), links.linkTo(teamId, channelId, ts, threadTs));
                    }
                    gateway.in(teamId).postEphemeral(channelId, userId, threadTs, CaptureConfirmation.saved(takeaway));
                }));
    }

    private Response changed(EventsApiPayload<EditedMessageEvent> payload, EventContext context) {
        EditedMessageEvent event = payload.getEvent();
        EditedMessageEvent.Body message = event.message();
        if (message == null || message.botId() != null) {
            return context.ack();
        }
        String ts = message.ts() != null ? message.ts()
                : event.previousMessage() == null ? null : event.previousMessage().ts();
        if (ts == null) {
            return context.ack();
        }
        if (TOMBSTONE.equals(message.subtype())) {
            // A message with replies was deleted: Slack leaves "This message was deleted." in its place.
            write("a deleted message", () -> changes.followMessageDelete(payload.getTeamId(), event.channel(), ts));
        } else if (isPersonsEdit(event)) {
            write("an edited message", () -> changes.followMessageEdit(payload.getTeamId(), event.channel(), ts,
                    message.text()));
        }
        return context.ack();
    }

    /**
     * Whether Slack reports its author's edit of the text, rather than a change of its own (a tombstone, a
     * moderation or system subtype, an unfurl): only a person's edit changes a takeaway.
     */
    static boolean isPersonsEdit(EditedMessageEvent event) {
        EditedMessageEvent.Body message = event.message();
        return message.text() != null && message.user() != null
                && (message.subtype() == null || PERSONS_SUBTYPES.contains(message.subtype()));
    }

    private Response deleted(EventsApiPayload<MessageDeletedEvent> payload, EventContext context) {
        MessageDeletedEvent event = payload.getEvent();
        String ts = event.getDeletedTs() != null ? event.getDeletedTs()
                : event.getPreviousMessage() == null ? null : event.getPreviousMessage().getTs();
        if (ts != null) {
            write("a deleted message", () -> changes.followMessageDelete(payload.getTeamId(), event.getChannel(), ts));
        }
        return context.ack();
    }

    /**
     * A write before the ack: when the database is down, the event is left for Slack to deliver again. When the
     * database refuses it (a bug: no retry can change that), it is logged and acknowledged, so Slack does not
     * deliver it again and again and count the failures against the app.
     */
    private static <T> Optional<T> write(String what, Supplier<T> work) {
        try {
            return Optional.ofNullable(DatabaseCalls.retryingOnce(work));
        } catch (DataAccessException | TransactionException e) {
            if (!DatabaseCalls.unavailable(e)) {
                log.error("The database refused {}; acknowledged, so Slack does not send it again", what, e);
                return Optional.empty();
            }
            throw new SlackRetryException("the database is unavailable for " + what + " ("
                    + DatabaseCalls.describe(e) + ")", e);
        }
    }
}
