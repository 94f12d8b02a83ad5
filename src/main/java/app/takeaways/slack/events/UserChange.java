package app.takeaways.slack.events;

import com.slack.api.model.event.Event;

/**
 * A {@code user_change} event, as far as a person leaving goes: Slack's SDK model of the user has {@code deleted}
 * but not {@code is_forgotten} (set when the account was erased on request), so Bolt's own event would hide it.
 * (Bolt finds the type by creating one: hence public.)
 */
public class UserChange implements Event {

    private User user;

    public UserChange() {
    }

    @Override
    public String getType() {
        return "user_change";
    }

    User user() {
        return user;
    }

    static final class User {
        private String id;
        private boolean deleted;
        private boolean isForgotten;

        String id() {
            return id;
        }

        /** Deleted and forgotten: an erasure, not a plain deactivation (which keeps the team's notes). */
        boolean forgotten() {
            return deleted && isForgotten;
        }
    }
}
