package app.takeaways.note;

import app.takeaways.workspace.ChannelType;

import java.util.List;
import java.util.Objects;

/**
 * A request to keep a takeaway. A Slack delivery is identified by the request it came in ({@code slackRequestId}:
 * a slash command's {@code trigger_id}, a modal's view id) or by the message it is ({@code messageTs}); the same
 * one is stored once however often Slack delivers it.
 *
 * @param userId     the author, who is credited with it (for a saved message: the message's author)
 * @param text       the text in Slack's message format, kept whole
 * @param threadTs   the thread the message was in, if any
 * @param capturedBy who saved it when that is not the author (a reaction, the message shortcut), else null
 * @param talkTitle  the talk, when given apart from the text (the modal); else a {@code talk:"..."} in the text
 * @param event      the conference or course the talk was part of, if given
 * @param extraTags  tags given apart from the text, with or without {@code #}
 * @param sourceLink a link given apart from the text (the modal's source link), if any
 * @param quotedAuthor whose Slack message this is a rewrite of (the message shortcut, text changed): the takeaway is
 *                   {@code userId}'s, quoting that author
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
        String threadTs,
        String permalink,
        String capturedBy,
        String talkTitle,
        String event,
        List<String> extraTags,
        String sourceLink,
        String quotedAuthor) {

    public CaptureTakeaway {
        // What Postgres cannot hold (NUL) is dropped here, before anything is stored: never a lost note.
        text = StoredText.storable(text);
        talkTitle = StoredText.storable(talkTitle);
        event = StoredText.storable(event);
        sourceLink = StoredText.storable(sourceLink);
        permalink = StoredText.storable(permalink);
        requireText(teamId, "teamId");
        requireText(channelId, "channelId");
        requireText(userId, "userId");
        if (text == null || text.isBlank()) {
            throw new EmptyTakeawayException();
        }
        Objects.requireNonNull(channelType, "channelType");
        Objects.requireNonNull(source, "source");
        if (slackRequestId != null && messageTs != null) {
            throw new IllegalArgumentException("A takeaway is identified by its request or by its message, not both");
        }
        extraTags = extraTags == null ? List.of()
                : List.copyOf(extraTags.stream().map(StoredText::storable).toList());
        talkTitle = blankToNull(talkTitle);
        event = blankToNull(event);
        sourceLink = blankToNull(sourceLink);
        quotedAuthor = blankToNull(quotedAuthor);
    }

    /** {@code /takeaway <text>}: identified by the command's {@code trigger_id}. */
    public static CaptureTakeaway fromSlashCommand(
            String teamId, String channelId, ChannelType channelType, String userId, String text, String triggerId) {
        return new CaptureTakeaway(teamId, channelId, channelType, userId, text, Source.SLASH_COMMAND,
                blankToNull(triggerId), null, null, null, null, null, null, List.of(), null, null);
    }

    /** A Slack message kept as it is: identified by its channel and timestamp. */
    public static CaptureTakeaway fromMessage(Source source, String teamId, String channelId, ChannelType channelType,
                                              String authorId, String text, String messageTs, String threadTs,
                                              String capturedBy) {
        return new CaptureTakeaway(teamId, channelId, channelType, authorId, text, source, null, messageTs,
                blankToNull(threadTs), null, capturedBy, null, null, List.of(), null, null);
    }

    /** This takeaway with the talk, event, tags and source link a form gave apart from the text. */
    public CaptureTakeaway withDetails(String talk, String eventName, List<String> tags, String link) {
        return new CaptureTakeaway(teamId, channelId, channelType, userId, text, source, slackRequestId, messageTs,
                threadTs, permalink, capturedBy, talk, eventName, tags, link, quotedAuthor);
    }

    /** This takeaway with the link to the Slack message it is. */
    public CaptureTakeaway withPermalink(String link) {
        return new CaptureTakeaway(teamId, channelId, channelType, userId, text, source, slackRequestId, messageTs,
                threadTs, link, capturedBy, talkTitle, event, extraTags, sourceLink, quotedAuthor);
    }

    /** This takeaway identified by a modal submission (its view id) instead. */
    public CaptureTakeaway identifiedByRequest(String requestId) {
        return new CaptureTakeaway(teamId, channelId, channelType, userId, text, source, blankToNull(requestId), null,
                threadTs, permalink, capturedBy, talkTitle, event, extraTags, sourceLink, quotedAuthor);
    }

    /**
     * A Slack message the person who saved it rewrote: their takeaway (not words put in the author's mouth), quoting
     * the message's author, identified by the form it was saved with rather than by the message (the message's own
     * edits do not overwrite it).
     */
    public CaptureTakeaway rewrittenBy(String saverId, String formId) {
        return new CaptureTakeaway(teamId, channelId, channelType, saverId, text, source, blankToNull(formId), null,
                threadTs, permalink, null, talkTitle, event, extraTags, sourceLink, userId);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
