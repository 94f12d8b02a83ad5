package app.takeaways.slack.events;

import app.takeaways.database.DatabaseOutages;
import app.takeaways.note.TakeawayReactions;
import app.takeaways.slack.SlackSurface;
import com.slack.api.bolt.App;
import com.slack.api.model.event.ReactionRemovedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Counts the reactions on takeaways' messages ({@code reaction_added}, {@code reaction_removed}): a digest shows
 * the most reacted first. A count is a nicety: when the database is away it is skipped (and logged), never a
 * reason for Slack to deliver the event again.
 */
@Component
class ReactionCounts implements SlackSurface {

    private static final Logger log = LoggerFactory.getLogger(ReactionCounts.class);

    private final TakeawayReactions reactions;
    private final DatabaseOutages outages;

    ReactionCounts(TakeawayReactions reactions, DatabaseOutages outages) {
        this.outages = outages;
        this.reactions = reactions;
    }

    @Override
    public void register(App app) {
        app.event(ReactionRemovedEvent.class, (payload, context) -> {
            ReactionRemovedEvent event = payload.getEvent();
            if (event.getItem() != null && "message".equals(event.getItem().getType())) {
                count("removed", () -> reactions.removed(payload.getTeamId(), event.getItem().getChannel(),
                        event.getItem().getTs(), event.getUser(), event.getReaction()));
            }
            return context.ack();
        });
    }

    /** Called for every reaction added to a message (by {@link ReactionCaptures}, which owns that event). */
    void added(String teamId, String channelId, String messageTs, String userId, String reaction) {
        count("added", () -> reactions.added(teamId, channelId, messageTs, userId, reaction));
    }

    private void count(String what, Runnable write) {
        try {
            write.run();
        } catch (DataAccessException e) {
            outages.tell(log, "A reaction " + what + " was not counted", e);
        }
    }
}
