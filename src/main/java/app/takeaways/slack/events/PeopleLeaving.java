package app.takeaways.slack.events;

import app.takeaways.note.PersonErasure;
import app.takeaways.slack.AfterAck;
import app.takeaways.slack.DatabaseCalls;
import app.takeaways.slack.SlackSurface;
import com.slack.api.bolt.App;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A person leaving the workspace ({@code user_change}). A deactivated account keeps everything: the team still owns
 * the notes. An account Slack forgot (deleted and {@code is_forgotten}: an erasure request) is erased as
 * {@code /takeaway forget me} erases it, after the ack. Erasing again finds nothing, so Slack's retries are harmless.
 */
@Component
class PeopleLeaving implements SlackSurface {

    private static final Logger log = LoggerFactory.getLogger(PeopleLeaving.class);

    private final PersonErasure erasure;
    private final AfterAck afterAck;

    PeopleLeaving(PersonErasure erasure, AfterAck afterAck) {
        this.erasure = erasure;
        this.afterAck = afterAck;
    }

    @Override
    public void register(App app) {
        app.event(UserChange.class, (payload, context) -> {
            UserChange.User user = payload.getEvent().user();
            if (user != null && user.id() != null && user.forgotten()) {
                String teamId = payload.getTeamId();
                afterAck.runSlow("Erasing a forgotten account", () -> {
                    PersonErasure.Tally erased = DatabaseCalls.retryingOnce(() -> erasure.erase(teamId, user.id()));
                    log.info("Erased account {} of team {} that Slack forgot: {} takeaways, {} reactions", user.id(),
                            teamId, erased.takeaways(), erased.reactions());
                });
            }
            return context.ack();
        });
    }
}
