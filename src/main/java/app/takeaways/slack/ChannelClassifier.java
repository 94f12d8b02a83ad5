package app.takeaways.slack;

import app.takeaways.note.TakeawayCapture;
import app.takeaways.workspace.ChannelDirectory;
import app.takeaways.workspace.ChannelType;
import com.slack.api.model.Conversation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.task.TaskExecutor;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Learns, after the ack, what kind of conversation a takeaway was captured in, and files the channel's takeaways
 * under it: a slash command does not say whether a channel is private. Until Slack answers they count as private.
 */
@Component
public class ChannelClassifier {

    private static final Logger log = LoggerFactory.getLogger(ChannelClassifier.class);

    private final SlackGateway gateway;
    private final ChannelDirectory channels;
    private final TakeawayCapture takeaways;
    private final TaskExecutor executor;

    ChannelClassifier(SlackGateway gateway, ChannelDirectory channels, TakeawayCapture takeaways,
                      TaskExecutor executor) {
        this.gateway = gateway;
        this.channels = channels;
        this.takeaways = takeaways;
        this.executor = executor;
    }

    /** @param inferred what the request itself said about the channel */
    public void classifyLater(String teamId, String channelId, ChannelType inferred) {
        executor.execute(() -> classify(teamId, channelId, inferred));
    }

    void classify(String teamId, String channelId, ChannelType inferred) {
        ChannelType type;
        String name = null;
        if (inferred == ChannelType.IM || inferred == ChannelType.MPIM) {
            type = inferred;
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
            log.warn("Could not record that channel {} is {}: {}", channelId, type.value(), e.getMostSpecificCause().getMessage());
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
