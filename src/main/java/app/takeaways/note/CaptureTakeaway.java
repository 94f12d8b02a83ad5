package app.takeaways.note;

import app.takeaways.workspace.ChannelType;

import java.util.Objects;

/**
 * A request to keep a takeaway. A Slack delivery is identified by the request it came in
 * ({@code slackRequestId}: a slash command's {@code trigger_id}) or by the message it is
 * ({@code messageTs}); the same one is stored once however often Slack delivers it.
 */
public record CaptureTakeaway(
        String teamId,
        String channelId,
        ChannelType channelType,
        String userId,
        String text,
        Source source,
        String slackRequestId,
        String messageTs,
        String permalink) {

    public CaptureTakeaway {
        requireText(teamId, "teamId");
        requireText(channelId, "channelId");
        requireText(userId, "userId");
        requireText(text, "text");
        Objects.requireNonNull(channelType, "channelType");
        Objects.requireNonNull(source, "source");
        if (slackRequestId != null && messageTs != null) {
            throw new IllegalArgumentException("A takeaway is identified by its request or by its message, not both");
        }
    }

    public static CaptureTakeaway fromSlashCommand(
            String teamId, String channelId, ChannelType channelType, String userId, String text, String triggerId) {
        return new CaptureTakeaway(teamId, channelId, channelType, userId, text, Source.SLASH_COMMAND,
                triggerId == null || triggerId.isBlank() ? null : triggerId, null, null);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
