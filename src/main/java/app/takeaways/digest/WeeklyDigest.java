package app.takeaways.digest;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * A channel's week of takeaways, as the digest tells it: how much was captured, per talk its themes and best
 * takeaways, the week's tags, and one takeaway from the archive.
 *
 * @param zone      the subscription's time zone: dates are shown in it
 * @param lateSince when a late digest was due (the app was not running then); empty when on time
 * @param talks     busiest talk first; takeaways of no talk last
 * @param sources   every takeaway it was built from (the week's, and the one from the archive): what it quotes
 */
public record WeeklyDigest(String teamId, String channelId, Instant periodStart, Instant periodEnd, ZoneId zone,
                           Optional<Instant> lateSince, int takeaways, int people, int talkCount,
                           List<TalkSection> talks, List<TagCount> tags, Optional<Item> fromTheArchive,
                           List<Long> sources) {

    /** One takeaway as the digest shows it. */
    public record Item(long id, String userId, String text, Optional<String> permalink, int reactions,
                       Instant createdAt, Optional<String> talkTitle) {
    }

    /**
     * A talk's week: its themes, its best takeaways (most reacted, then newest) and who contributed.
     *
     * @param title empty for the takeaways of no talk
     */
    public record TalkSection(Optional<String> title, int takeaways, List<String> themes, List<Item> best,
                              List<String> contributors) {

        public TalkSection {
            themes = List.copyOf(themes);
            best = List.copyOf(best);
            contributors = List.copyOf(contributors);
        }
    }

    public record TagCount(String tag, int count) {
    }

    public WeeklyDigest {
        talks = List.copyOf(talks);
        tags = List.copyOf(tags);
        sources = List.copyOf(sources);
    }

    /** The id of the takeaway from the archive, or null: as the digest's run records it. */
    public Long archivedId() {
        return fromTheArchive.map(Item::id).orElse(null);
    }

    /** A quiet week: nothing to post. */
    public boolean isEmpty() {
        return takeaways == 0;
    }
}
