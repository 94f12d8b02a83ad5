package app.takeaways.export;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One takeaway as an export writes it.
 *
 * @param channelName the conversation's name as the app knows it, if it does
 * @param event       the day or event of its talk, if any (as mrkdwn, like the title)
 * @param talk        its talk's title, if any (mrkdwn: Slack's escaping, as stored)
 * @param text        its text as stored (Slack's message format, sub-points as {@code •} lines, four spaces a
 *                    level), without a {@code talk:"..."}: the talk is where it is written
 * @param links       the links kept with it, in order (most are in its text; a form's source link may not be)
 */
public record ExportedTakeaway(long id, String userId, String channelId, Optional<String> channelName,
                               Optional<String> event, Optional<String> talk, String text, List<String> tags,
                               List<ExportedTakeaway.Link> links, Optional<String> permalink, Instant createdAt) {

    /** A link kept with a takeaway: its URL as stored, and its label, if any. */
    public record Link(String url, String label) {
    }

    public ExportedTakeaway {
        tags = List.copyOf(tags);
        links = List.copyOf(links);
    }
}
