package app.takeaways.note;

import java.time.Instant;
import java.util.Optional;

/**
 * What was kept.
 *
 * @param alreadySaved true when this delivery had been stored before (a retry or a double submit): nothing new was
 *                     written, and {@code content} is what is stored
 */
public record CapturedTakeaway(long id, TakeawayText content, Optional<String> talkTitle, Instant createdAt,
                               boolean alreadySaved) {
}
