package app.takeaways.note;

import java.util.List;

/**
 * Takeaways were edited, deleted, or became less visible (their conversation turned private or shared). Published
 * inside the transaction that changed them, so what quotes them (a posted summary, a digest) is marked for an update
 * in the same commit.
 */
public record TakeawaysChanged(String teamId, List<Long> takeawayIds) {

    public TakeawaysChanged {
        takeawayIds = List.copyOf(takeawayIds);
    }
}
