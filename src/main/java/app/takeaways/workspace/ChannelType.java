package app.takeaways.workspace;

import java.util.Arrays;

/**
 * The kind of Slack conversation a takeaway was captured in. Everything but {@link #PUBLIC_CHANNEL} is private:
 * what is captured there is shown only in that conversation and to its author. {@link #UNKNOWN} is treated as
 * private until Slack says otherwise.
 */
public enum ChannelType {

    PUBLIC_CHANNEL("public_channel"),
    PRIVATE_CHANNEL("private_channel"),
    MPIM("mpim"),
    IM("im"),
    UNKNOWN("unknown");

    private final String value;

    ChannelType(String value) {
        this.value = value;
    }

    /** The name stored in the database, as Slack's {@code conversations.list} {@code types} spell it. */
    public String value() {
        return value;
    }

    public boolean isPublic() {
        return this == PUBLIC_CHANNEL;
    }

    public static ChannelType fromValue(String value) {
        return Arrays.stream(values())
                .filter(type -> type.value.equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown channel type: " + value));
    }

    /**
     * The {@code channel_type} of a message event: {@code channel} (public), {@code group} (private), {@code im},
     * {@code mpim}.
     */
    public static ChannelType fromEventChannelType(String channelType) {
        if (channelType == null) {
            return UNKNOWN;
        }
        return switch (channelType) {
            case "channel" -> PUBLIC_CHANNEL;
            case "group" -> PRIVATE_CHANNEL;
            case "im" -> IM;
            case "mpim" -> MPIM;
            default -> UNKNOWN;
        };
    }

    /**
     * What a slash command's {@code channel_id} and {@code channel_name} tell before asking Slack:
     * DMs say {@code directmessage}, group DMs {@code mpdm-...}, legacy private channels {@code privategroup} or a
     * {@code G} id. A {@code C} channel may be public or private, so it stays {@link #UNKNOWN} until
     * {@code conversations.info} answers.
     */
    public static ChannelType inferFromCommand(String channelId, String channelName) {
        String id = channelId == null ? "" : channelId;
        String name = channelName == null ? "" : channelName;
        if (id.startsWith("D") || name.equals("directmessage")) {
            return IM;
        }
        if (name.startsWith("mpdm-")) {
            return MPIM;
        }
        if (id.startsWith("G") || name.equals("privategroup")) {
            return PRIVATE_CHANNEL;
        }
        return UNKNOWN;
    }
}
