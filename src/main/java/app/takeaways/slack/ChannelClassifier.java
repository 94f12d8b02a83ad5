package app.takeaways.slack;

import app.takeaways.note.TakeawayCapture;
import app.takeaways.workspace.ChannelDirectory;
import app.takeaways.workspace.ChannelType;
import com.slack.api.model.Conversation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * What kind of conversation a takeaway is captured in, which decides who may see it. Known channels answer from
 * the directory; otherwise the request's own hint is used (a slash command does not say whether a channel is
 * private: it counts as private), and Slack is asked after the ack, the channel's takeaways following its answer.
 */
@Component
public class ChannelClassifier {

    private static final Logger log = LoggerFactory.getLogger(ChannelClassifier.class);

    private final SlackGateway gateway;
    private final ChannelDirectory channels;
    private final TakeawayCapture takeaways;
    private final AfterAck afterAck;

    ChannelClassifier(SlackGateway gateway, ChannelDirectory channels, TakeawayCapture takeaways, AfterAck afterAck) {
        this.gateway = gateway;
        this.channels = channels;
        this.takeaways = takeaways;
        this.afterAck = afterAck;
    }

    /**
     * The channel's type now: known, or {@code hint} while Slack is asked after the ack.
     *
     * @param hint what the request said ({@link ChannelType#inferFromCommand}, a message event's channel type)
     */
    public ChannelType typeFor(String teamId, String channelId, ChannelType hint) {
        return channels.typeOf(teamId, channelId).orElseGet(() -> {
            afterAck.run("Classifying channel " + channelId, () -> classify(teamId, channelId, hint));
            return hint;
        });
    }

    void classify(String teamId, String channelId, ChannelType hint) {
        ChannelType type;
        String name = null;
        if (hint != ChannelType.UNKNOWN && hint != ChannelType.PRIVATE_CHANNEL) {
            type = hint; // a DM, a group DM, or what Slack itself said in a message event
        } else {
            try {
                Conversation conversation = gateway.conversationInfo(channelId);
                type = typeOf(conversation);
                name = conversation.getName();
            } catch (SlackApiCallException e) {
                if (!e.is("channel_not_found")) {
                    return; // logged by the gateway; asked again on the next capture there
                }
                // Public channels are visible to the bot with channels:read; this one is not, so it is private.
                type = ChannelType.PRIVATE_CHANNEL;
            }
        }
        try {
            channels.record(teamId, channelId, type, name);
            takeaways.reclassifyChannel(teamId, channelId, type);
        } catch (DataAccessException e) {
            log.warn("Could not record that channel {} is {}: {}", channelId, type.value(),
                    e.getMostSpecificCause().getMessage());
        }
    }

    static ChannelType typeOf(Conversation conversation) {
        if (conversation.isIm()) {
            return ChannelType.IM;
        }
        if (conversation.isMpim()) {
            return ChannelType.MPIM;
        }
        if (conversation.isPrivate() || conversation.isGroup()) {
            return ChannelType.PRIVATE_CHANNEL;
        }
        return ChannelType.PUBLIC_CHANNEL;
    }
}
