package app.takeaways.slack.events;

import app.takeaways.slack.AfterAck;
import app.takeaways.slack.ChannelClassifier;
import app.takeaways.slack.SlackSurface;
import app.takeaways.workspace.ChannelDirectory;
import app.takeaways.workspace.ChannelType;
import com.slack.api.bolt.App;
import com.slack.api.model.event.ChannelRenameEvent;
import com.slack.api.model.event.ChannelSharedEvent;
import com.slack.api.model.event.ChannelUnsharedEvent;
import com.slack.api.model.event.GroupRenameEvent;
import com.slack.api.model.event.MessageChannelConvertToPublicEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Slack telling that a conversation changed: shared with another organisation ({@code channel_shared}), no longer
 * shared ({@code channel_unshared}), made private or public (the channel's "made this channel private" message),
 * renamed. Sharing or making private applies at once; any change is confirmed with {@code conversations.info} after
 * the ack, and the takeaways there follow.
 */
@Component
class ChannelEvents implements SlackSurface {

    private static final Logger log = LoggerFactory.getLogger(ChannelEvents.class);

    private final ChannelClassifier classifier;
    private final ChannelDirectory channels;
    private final AfterAck afterAck;

    ChannelEvents(ChannelClassifier classifier, ChannelDirectory channels, AfterAck afterAck) {
        this.classifier = classifier;
        this.channels = channels;
        this.afterAck = afterAck;
    }

    @Override
    public void register(App app) {
        app.event(ChannelSharedEvent.class, (payload, context) -> {
            follow(payload.getTeamId(), payload.getEvent().getChannel(), ChannelType.EXT_SHARED);
            return context.ack();
        });
        app.event(ChannelUnsharedEvent.class, (payload, context) -> {
            ChannelUnsharedEvent event = payload.getEvent();
            // Still shared with another organisation, or back to what it was: Slack says which.
            follow(payload.getTeamId(), event.getChannel(),
                    event.isExtShared() ? ChannelType.EXT_SHARED : ChannelType.UNKNOWN);
            return context.ack();
        });
        app.event(ChannelMadePrivateEvent.class, (payload, context) -> {
            follow(payload.getTeamId(), payload.getEvent().channel(),
                    ChannelType.fromEvent("group", payload.isExtSharedChannel()));
            return context.ack();
        });
        app.event(MessageChannelConvertToPublicEvent.class, (payload, context) -> {
            // Never believed on its own (only a more private kind is): Slack's conversations.info says.
            follow(payload.getTeamId(), payload.getEvent().getChannel(),
                    payload.isExtSharedChannel() ? ChannelType.EXT_SHARED : ChannelType.UNKNOWN);
            return context.ack();
        });
        app.event(ChannelRenameEvent.class, (payload, context) -> {
            ChannelRenameEvent.Channel channel = payload.getEvent().getChannel();
            if (channel != null) {
                rename(payload.getTeamId(), channel.getId(), channel.getName());
            }
            return context.ack();
        });
        app.event(GroupRenameEvent.class, (payload, context) -> {
            GroupRenameEvent.Channel channel = payload.getEvent().getChannel();
            if (channel != null) {
                rename(payload.getTeamId(), channel.getId(), channel.getName());
            }
            return context.ack();
        });
    }

    private void follow(String teamId, String channelId, ChannelType hint) {
        if (channelId != null) {
            afterAck.runSlow("Following a change of channel " + channelId,
                    () -> classifier.changed(teamId, channelId, hint));
        }
    }

    private void rename(String teamId, String channelId, String name) {
        if (channelId == null || name == null) {
            return;
        }
        afterAck.run("Renaming channel " + channelId, () -> {
            try {
                channels.rename(teamId, channelId, name);
            } catch (DataAccessException e) {
                // A name only serves in:name searches; the next conversations.info answer brings it again.
                log.warn("Channel {} renamed, not recorded: {}", channelId, e.getMostSpecificCause().getMessage());
            }
        });
    }
}
