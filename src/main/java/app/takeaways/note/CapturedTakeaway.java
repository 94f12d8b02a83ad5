package app.takeaways.note;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What was kept.
 *
 * @param authorId     who the takeaway is credited to
 * @param content      its text, as read
 * @param tags         all its tags: from the text, given apart from it, and from its talk thread
 * @param links        all its links: a source link given apart from the text first
 * @param alreadySaved true when this delivery had been stored before (a retry or a double submit): nothing new was
 *                     written, and the rest is what is stored
 * @param quotedAuthor whose Slack message it quotes, when the person who saved it rewrote that message
 */
public record CapturedTakeaway(long id, String authorId, TakeawayText content, List<String> tags, List<Link> links,
                               Optional<String> talkTitle, Instant createdAt, boolean alreadySaved,
                               Optional<String> quotedAuthor) {

    public CapturedTakeaway {
        tags = List.copyOf(tags);
        links = List.copyOf(links);
    }
}
