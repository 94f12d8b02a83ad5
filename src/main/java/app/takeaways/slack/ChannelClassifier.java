package app.takeaways.slack;

import app.takeaways.database.DatabaseOutages;
import app.takeaways.note.TakeawayCapture;
import app.takeaways.workspace.ChannelDirectory;
import app.takeaways.workspace.ChannelType;
import app.takeaways.workspace.ConversationKinds;
import com.slack.api.model.Conversation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What kind of conversation a channel is, which decides who may see what is captured there and what may be shown
 * there. Slack is the source: its answer ({@code conversations.info}) is kept in the directory and asked again when
 * old. A request's own hint (a slash command's {@code channel_name}, an event's {@code channel_type} and
 * {@code is_ext_shared_channel}) is believed at once when it is the more private: a channel made private or shared
 * is private from the first request that says so, and Slack is asked after the ack to confirm.
 */
@Component
public class ChannelClassifier implements ConversationKinds {

    private static final Logger log = LoggerFactory.getLogger(ChannelClassifier.class);

    /** An answer older than this is asked again (after the ack): a channel's kind can change without an event. */
    static final Duration ASK_AGAIN_AFTER = Duration.ofHours(12);
    /** A channel is asked about at most once in this time by one instance, however many requests come. */
    private static final Duration ASKING = Duration.ofMinutes(1);
    private static final int MAX_ASKING = 10_000;

    private final SlackGateway gateway;
    private final ChannelDirectory channels;
    private final TakeawayCapture takeaways;
    private final AfterAck afterAck;
    private final Clock clock;
    private final DatabaseOutages outages;
    private final Map<String, Instant> asked = new ConcurrentHashMap<>();

    ChannelClassifier(SlackGateway gateway, ChannelDirectory channels, TakeawayCapture takeaways, AfterAck afterAck,
                      Clock clock, DatabaseOutages outages) {
        this.outages = outages;
        this.gateway = gateway;
        this.channels = channels;
        this.takeaways = takeaways;
        this.afterAck = afterAck;
        this.clock = clock;
    }

    /**
     * The channel's kind now, without waiting: the more private of what is stored and {@code hint}. Slack is asked
     * after the ack when nothing is stored, the answer is old, or the hint says otherwise.
     *
     * @param hint what the request said ({@link ChannelType#inferFromCommand}, {@link ChannelType#fromEvent});
     *             {@link ChannelType#UNKNOWN} when it says nothing
     */
    public ChannelType typeFor(String teamId, String channelId, ChannelType hint) {
        Optional<ChannelDirectory.Known> known = channels.find(teamId, channelId);
        ChannelType believed = ChannelType.believe(known.map(ChannelDirectory.Known::type).orElse(null), hint);
        if (needsAsking(known, hint)) {
            afterAck.runSlow("Classifying channel " + channelId, () -> classify(teamId, channelId, hint));
        }
        return believed;
    }

    /** The kind to believe from what is stored and {@code hint}, asking nobody: unknown when neither tells. */
    public ChannelType believed(String teamId, String channelId, ChannelType hint) {
        return ChannelType.believe(channels.typeOf(teamId, channelId).orElse(null), hint);
    }

    /**
     * The channel's kind, asking Slack now if what is stored is missing or old: for work after the ack that shows
     * or posts takeaways there. {@link ChannelType#UNKNOWN} when Slack could not tell.
     */
    @Override
    public ChannelType kindNow(String teamId, String channelId) {
        return kindNow(teamId, channelId, ChannelType.inferFromCommand(channelId, null));
    }

    /** The conversation, of the kind Slack says it is now ({@link #kindNow(String, String)}). */
    public app.takeaways.note.Conversation conversationNow(String teamId, String channelId) {
        return new app.takeaways.note.Conversation(channelId, kindNow(teamId, channelId));
    }

    /** {@link #kindNow(String, String)}, with what the request said. */
    public ChannelType kindNow(String teamId, String channelId, ChannelType hint) {
        Optional<ChannelDirectory.Known> known = channels.find(teamId, channelId);
        if (needsAsking(known, hint)) {
            classify(teamId, channelId, hint);
            known = channels.find(teamId, channelId);
        }
        return ChannelType.believe(known.map(ChannelDirectory.Known::type).orElse(null), hint);
    }

    /**
     * The channel's kind, asking Slack if nothing is known yet, but waiting at most {@code within}: for an answer
     * shown in the ack itself (search results). {@link ChannelType#UNKNOWN} when Slack did not answer in time (then
     * only what was written there is shown there); the answer is recorded whenever it comes.
     */
    public ChannelType kindWithin(String teamId, String channelId, ChannelType hint, Duration within) {
        ChannelType believed = believed(teamId, channelId, hint);
        if (believed.isKnown()) {
            return typeFor(teamId, channelId, hint);
        }
        try {
            return afterAck.supplySlow("Classifying channel " + channelId, () -> kindNow(teamId, channelId, hint))
                    .get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException | CancellationException e) {
            log.info("No answer yet on what kind of conversation {} is ({}); showing only what was written there",
                    channelId, e.getClass().getSimpleName());
            return ChannelType.UNKNOWN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ChannelType.UNKNOWN;
        }
    }

    /**
     * Slack said something changed about the channel (an event): the hint is believed at once if more private, and
     * Slack is asked for the whole answer. Call it after the ack.
     */
    public void changed(String teamId, String channelId, ChannelType hint) {
        asked.remove(teamId + "/" + channelId);
        classify(teamId, channelId, hint);
    }

    /** Forgets which channels were asked about lately, for when the directory was emptied behind the app's back. */
    public void forgetAsked() {
        asked.clear();
    }

    private boolean needsAsking(Optional<ChannelDirectory.Known> known, ChannelType hint) {
        if (known.isEmpty() || !known.get().type().isKnown()) {
            return true;
        }
        if (hint.isKnown() && hint != known.get().type()) {
            return true;
        }
        return known.get().recordedAt().isBefore(clock.instant().minus(ASK_AGAIN_AFTER));
    }

    void classify(String teamId, String channelId, ChannelType hint) {
        String key = teamId + "/" + channelId;
        Optional<ChannelType> stored = channels.typeOf(teamId, channelId);
        ChannelType believed = ChannelType.believe(stored.orElse(null), hint);
        if (stored.isPresent() && believed != stored.get()) {
            // More private than what is stored (made private, or shared): from now on, before Slack confirms.
            record(teamId, channelId, believed, null);
        }
        Instant now = clock.instant();
        Instant last = asked.get(key);
        if (last != null && last.isAfter(now.minus(ASKING))) {
            return; // asked a moment ago
        }
        if (asked.size() >= MAX_ASKING) {
            asked.clear();
        }
        asked.put(key, now);
        ChannelType type;
        String name = null;
        if (hint == ChannelType.IM || hint == ChannelType.MPIM) {
            type = hint; // a DM or group DM stays one
        } else {
            try {
                Conversation conversation = gateway.in(teamId).conversationInfo(channelId);
                type = typeOf(conversation);
                name = conversation.getName();
            } catch (SlackApiCallException e) {
                if (!e.is("channel_not_found")) {
                    asked.remove(key); // logged by the gateway; asked again on a later request there
                    return;
                }
                // Public channels are visible to the bot with channels:read; this one is not, so it is private.
                type = ChannelType.PRIVATE_CHANNEL;
            }
        }
        record(teamId, channelId, type, name);
    }

    private void record(String teamId, String channelId, ChannelType type, String name) {
        try {
            channels.record(teamId, channelId, type, name);
            int changed = takeaways.reclassifyChannel(teamId, channelId, type);
            if (changed > 0) {
                log.info("Channel {} is {}: {} takeaways follow", channelId, type.value(), changed);
            }
        } catch (DataAccessException e) {
            outages.tell(log, "Could not record that channel " + channelId + " is " + type.value(), e);
        }
    }

    static ChannelType typeOf(Conversation conversation) {
        if (conversation.isIm()) {
            return ChannelType.IM;
        }
        if (conversation.isMpim()) {
            return ChannelType.MPIM;
        }
        // Shared with another organisation, or about to be: its own conversation. (Shared between workspaces of
        // the same Enterprise Grid organisation, is_org_shared, is not: those are the same company.)
        if (conversation.isExtShared() || conversation.isPendingExtShared()) {
            return ChannelType.EXT_SHARED;
        }
        if (conversation.isPrivate() || conversation.isGroup()) {
            return ChannelType.PRIVATE_CHANNEL;
        }
        return ChannelType.PUBLIC_CHANNEL;
    }
}
