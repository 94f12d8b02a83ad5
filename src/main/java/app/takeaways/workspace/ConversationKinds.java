package app.takeaways.workspace;

/**
 * What kind of conversation a channel is now, asking Slack if what is stored is missing or old. Blocking: for work
 * after the ack that shows or posts takeaways to a conversation (a digest, a summary). The {@code slack} module
 * implements it.
 */
public interface ConversationKinds {

    /** The kind to believe now; {@link ChannelType#UNKNOWN} when Slack could not tell (then nothing else shows there). */
    ChannelType kindNow(String teamId, String channelId);
}
