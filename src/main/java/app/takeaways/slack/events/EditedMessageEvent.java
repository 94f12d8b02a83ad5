package app.takeaways.slack.events;

import com.slack.api.model.event.Event;

/**
 * A {@code message_changed} event as Slack sends it. The SDK's own model reads {@code previous_message} as an
 * object wrapping another message, so the edited message's timestamp is lost when {@code message.ts} is absent;
 * this one reads both as Slack writes them. (Bolt finds the type and subtype by creating one: hence public.)
 */
public class EditedMessageEvent implements Event {

    private String channel;
    private String channelType;
    private Body message;
    private Body previousMessage;

    public EditedMessageEvent() {
    }

    @Override
    public String getType() {
        return "message";
    }

    @Override
    public String getSubtype() {
        return "message_changed";
    }

    public String channel() {
        return channel;
    }

    public String channelType() {
        return channelType;
    }

    public Body message() {
        return message;
    }

    public Body previousMessage() {
        return previousMessage;
    }

    /** The edited message, or the message before the edit. */
    public static class Body {

        private String ts;
        private String text;
        private String user;
        private String botId;
        private String subtype;

        public Body() {
        }

        public String ts() {
            return ts;
        }

        public String text() {
            return text;
        }

        public String user() {
            return user;
        }

        public String botId() {
            return botId;
        }

        public String subtype() {
            return subtype;
        }
    }
}
