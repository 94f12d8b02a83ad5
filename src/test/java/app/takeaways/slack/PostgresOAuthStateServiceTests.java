package app.takeaways.slack;

import app.takeaways.testbed.IntegrationTest;
import app.takeaways.testbed.MutableClock;
import app.takeaways.workspace.OAuthStates;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.builtin.OAuthCallbackRequest;
import com.slack.api.bolt.request.builtin.OAuthStartRequest;
import com.slack.api.bolt.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Bolt's OAuth state store on Postgres as Bolt uses it: issued at /slack/install, checked and used at the redirect. */
class PostgresOAuthStateServiceTests extends IntegrationTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));

    @Test
    void aStateIssuedAtInstallIsValidOnceAtTheRedirect() throws Exception {
        PostgresOAuthStateService service = new PostgresOAuthStateService(new OAuthStates(jdbc, clock));
        Response started = response();

        String state = service.issueNewState(new OAuthStartRequest("", new RequestHeaders(Map.of())), started);

        assertThat(started.getHeaders().get("Set-Cookie")).singleElement().asString()
                .startsWith("slack-app-oauth-state=" + state + ";").contains("Max-Age=600");
        assertThat(service.isAvailableInDatabase(state)).isTrue();
        OAuthCallbackRequest redirect = redirect(state, state);
        assertThat(service.isValid(redirect)).isTrue();

        Response finished = response();
        service.consume(redirect, finished);
        assertThat(finished.getHeaders().get("Set-Cookie")).singleElement().asString()
                .startsWith("slack-app-oauth-state=deleted;");
        assertThat(service.isAvailableInDatabase(state)).isFalse();
        assertThat(service.isValid(redirect)).isFalse();
    }

    @Test
    void aStateExpiresAfterTenMinutes() throws Exception {
        PostgresOAuthStateService service = new PostgresOAuthStateService(new OAuthStates(jdbc, clock));
        String state = service.issueNewState(new OAuthStartRequest("", new RequestHeaders(Map.of())), response());

        clock.advance(Duration.ofMinutes(9));
        assertThat(service.isValid(redirect(state, state))).isTrue();
        clock.advance(Duration.ofMinutes(1));
        assertThat(service.isValid(redirect(state, state))).isFalse();
        assertThat(service.getExpirationInSeconds()).isEqualTo(600);
    }

    @Test
    void aStateThatIsNotTheBrowsersOrWasNeverIssuedIsRefused() throws Exception {
        PostgresOAuthStateService service = new PostgresOAuthStateService(new OAuthStates(jdbc, clock));
        String state = service.issueNewState(new OAuthStartRequest("", new RequestHeaders(Map.of())), response());

        assertThat(service.isValid(redirect(state, "another-browsers-state"))).isFalse();
        assertThat(service.isValid(redirect("never-issued", "never-issued"))).isFalse();
        assertThat(service.isAvailableInDatabase(null)).isFalse();
        assertThat(service.isAvailableInDatabase(state)).isTrue();
    }

    private static Response response() {
        return new Response(200, null, new HashMap<>(), null);
    }

    private static OAuthCallbackRequest redirect(String state, String cookieState) {
        Map<String, List<String>> headers = Map.of("Cookie", List.of("slack-app-oauth-state=" + cookieState));
        return new OAuthCallbackRequest(Map.of("state", List.of(state), "code", List.of("code-1")), "", null,
                new RequestHeaders(headers));
    }
}
