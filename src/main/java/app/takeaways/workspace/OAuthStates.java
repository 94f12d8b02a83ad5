package app.takeaways.workspace;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * The states of OAuth installs in progress, kept in Postgres so the redirect may land on any instance: each is
 * available for {@link #EXPIRES_AFTER} after it was issued, and consumed once.
 */
@Service
public class OAuthStates {

    /** How long an install may take from "Add to Slack" to the redirect back (Bolt's default too). */
    public static final Duration EXPIRES_AFTER = Duration.ofMinutes(10);

    private final JdbcClient jdbc;
    private final Clock clock;

    public OAuthStates(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records a state just issued; states expired by now are cleared on the way. */
    public void add(String state) {
        jdbc.sql("DELETE FROM oauth_states WHERE created_at <= :cutoff").param("cutoff", cutoff()).update();
        jdbc.sql("INSERT INTO oauth_states (state, created_at) VALUES (:state, :now)")
                .param("state", state)
                .param("now", OffsetDateTime.now(clock))
                .update();
    }

    /** Whether a state was issued, has not expired and was not consumed yet. */
    public boolean isAvailable(String state) {
        return jdbc.sql("SELECT count(*) FROM oauth_states WHERE state = :state AND created_at > :cutoff")
                .param("state", state)
                .param("cutoff", cutoff())
                .query(Long.class)
                .single() > 0;
    }

    /**
     * Uses a state up: it is available no more.
     *
     * @return whether it was available until now (of two redirects with one state, only one gets {@code true})
     */
    public boolean consume(String state) {
        return jdbc.sql("DELETE FROM oauth_states WHERE state = :state RETURNING created_at > :cutoff AS live")
                .param("state", state)
                .param("cutoff", cutoff())
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    private OffsetDateTime cutoff() {
        return OffsetDateTime.now(clock).minus(EXPIRES_AFTER);
    }
}
