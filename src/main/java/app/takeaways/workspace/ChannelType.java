package app.takeaways.workspace;

import java.util.Arrays;

/**
 * The kind of Slack conversation a takeaway was captured in, as far as privacy goes. Everything but
 * {@link #PUBLIC_CHANNEL} is private: what is captured there is shown only in that conversation and to its author.
 * {@link #EXT_SHARED} (a channel shared with another organisation, Slack Connect) is its own conversation both ways:
 * nothing from elsewhere is shown or posted there. {@link #UNKNOWN} is private until Slack says otherwise.
 */
public enum ChannelType {

    PUBLIC_CHANNEL("public_channel", 0),
    PRIVATE_CHANNEL("private_channel", 1),
    MPIM("mpim", 1),
    IM("im", 1),
    EXT_SHARED("ext_shared", 2),
    UNKNOWN("unknown", 1);

    private final String value;
    /** How little it lets out: a public channel lets its takeaways be seen anywhere, a shared one lets nothing in. */
    private final int privacy;

    ChannelType(String value, int privacy) {
        this.value = value;
        this.privacy = privacy;
    }

    /** The name stored in the database. */
    public String value() {
        return value;
    }

    public boolean isPublic() {
        return this == PUBLIC_CHANNEL;
    }

    /**
     * Only what was written in it is shown or posted there: a channel shared with another organisation, or one
     * whose kind Slack has not told (it may be shared).
     */
    public boolean isOwnConversationOnly() {
        return this == EXT_SHARED || this == UNKNOWN;
    }

    public boolean isKnown() {
        return this != UNKNOWN;
    }

    /**
     * What to believe from a stored kind and a fresh hint: the more private of the two, so a channel made private
     * (or shared) is private from the first request that says so. An unknown hint says nothing; between two kinds
     * as private as each other, the fresh one.
     */
    public static ChannelType believe(ChannelType stored, ChannelType hint) {
        if (hint == null || hint == UNKNOWN) {
            return stored == null ? UNKNOWN : stored;
        }
        if (stored == null || stored == UNKNOWN) {
            return hint;
        }
        return stored.privacy > hint.privacy ? stored : hint;
    }

    public static ChannelType fromValue(String value) {
        return Arrays.stream(values())
                .filter(type -> type.value.equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown channel type: " + value));
    }

    /**
     * What a message event says: its {@code channel_type} ({@code channel} public, {@code group} private,
     * {@code im}, {@code mpim}), and the envelope's {@code is_ext_shared_channel}.
     */
    public static ChannelType fromEvent(String channelType, Boolean extShared) {
        if (Boolean.TRUE.equals(extShared)) {
            return EXT_SHARED;
        }
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
     * DMs say {@code directmessage}, group DMs {@code mpdm-...}, private channels {@code privategroup} or a
     * {@code G} id. A {@code C} channel may be public, private or shared, so it stays {@link #UNKNOWN} (no hint)
     * until {@code conversations.info} answers.
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
