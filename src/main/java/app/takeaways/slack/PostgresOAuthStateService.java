package app.takeaways.slack;

import app.takeaways.workspace.OAuthStates;
import com.slack.api.bolt.service.OAuthStateService;

/**
 * Bolt's OAuth state store on {@link OAuthStates} (Postgres), so {@code /slack/oauth_redirect} may land on another
 * instance than {@code /slack/install}: a state is good for ten minutes (by the injected clock) and consumed once.
 * Bolt still sets and checks its browser cookie itself. Not a bean: OAuth mode's configuration builds it.
 */
class PostgresOAuthStateService implements OAuthStateService {

    private final OAuthStates states;

    PostgresOAuthStateService(OAuthStates states) {
        this.states = states;
    }

    @Override
    public long getExpirationInSeconds() {
        return OAuthStates.EXPIRES_AFTER.toSeconds();
    }

    @Override
    public void addNewStateToDatastore(String state) {
        states.add(state);
    }

    @Override
    public boolean isAvailableInDatabase(String state) {
        return state != null && states.isAvailable(state);
    }

    @Override
    public void deleteStateFromDatastore(String state) {
        if (state != null) {
            states.consume(state);
        }
    }
}
