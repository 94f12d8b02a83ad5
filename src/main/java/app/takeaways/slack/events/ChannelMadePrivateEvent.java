package app.takeaways.slack.events;

import com.slack.api.model.event.Event;

/**
 * A {@code channel_convert_to_private} message: "made this channel private". Slack's SDK has no model for it (it has
 * one for the other way round), so Bolt would acknowledge it unseen. (Bolt finds the type and subtype by creating
 * one: hence public.)
 */
public class ChannelMadePrivateEvent implements Event {

    private String channel;

    public ChannelMadePrivateEvent() {
    }

    @Override
    public String getType() {
        return "message";
    }

    @Override
    public String getSubtype() {
        return "channel_convert_to_private";
    }

    public String channel() {
        return channel;
    }
}
