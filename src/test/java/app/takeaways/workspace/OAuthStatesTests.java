package app.takeaways.workspace;

import app.takeaways.testbed.IntegrationTest;
import app.takeaways.testbed.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** OAuth states on the real database: available for ten minutes after they are issued, consumed once. */
class OAuthStatesTests extends IntegrationTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));

    @Test
    void aStateIsAvailableUntilItIsConsumedAndOnlyOnce() {
        OAuthStates states = new OAuthStates(jdbc, clock);
        states.add("state-1");

        assertThat(states.isAvailable("state-1")).isTrue();
        assertThat(states.isAvailable("state-2")).isFalse();
        assertThat(states.consume("state-1")).isTrue();
        assertThat(states.isAvailable("state-1")).isFalse();
        assertThat(states.consume("state-1")).isFalse();
    }

    @Test
    void aStateExpiresTenMinutesAfterItWasIssued() {
        OAuthStates states = new OAuthStates(jdbc, clock);
        states.add("state-1");

        clock.advance(Duration.ofMinutes(10).minusSeconds(1));
        assertThat(states.isAvailable("state-1")).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(states.isAvailable("state-1")).isFalse();
        assertThat(states.consume("state-1")).isFalse();
    }

    @Test
    void expiredStatesAreClearedWhenTheNextIsIssued() {
        OAuthStates states = new OAuthStates(jdbc, clock);
        states.add("state-1");
        clock.advance(Duration.ofMinutes(5));
        states.add("state-2");
        clock.advance(Duration.ofMinutes(6));
        states.add("state-3");

        assertThat(jdbc.sql("SELECT state FROM oauth_states ORDER BY state").query(String.class).list())
                .containsExactly("state-2", "state-3");
        assertThat(OAuthStates.EXPIRES_AFTER).isEqualTo(Duration.ofMinutes(10));
    }
}
