package app.takeaways.note;

import app.takeaways.platform.RepeatingWork;
import app.takeaways.workspace.TeamRetention;
import app.takeaways.workspace.TeamRetention.Expired;
import app.takeaways.platform.DatabaseFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Deletes the data of the workspaces whose retention after an uninstall ended ({@link TeamRetention}), in the
 * background, one team per transaction: {@link TeamErasure} and every module's {@link TeamErased} listener, then the
 * team's conversations and its record. Any number of instances may run it: each team is claimed by one.
 * <p>
 * Here rather than in {@code workspace}, which keeps the record: the note module depends on the workspace module,
 * so deleting the takeaways from there would make a cycle.
 */
@Component
class RetentionSweeper extends RepeatingWork {

    private static final Logger log = LoggerFactory.getLogger(RetentionSweeper.class);

    private final TeamRetention retention;
    private final TeamErasure erasure;
    private final Clock clock;

    RetentionSweeper(TeamRetention retention, TeamErasure erasure, Clock clock,
                     @Value("${takeaways.retention.tick:1h}") Duration tick,
                     @Value("${takeaways.retention.sweeper-enabled:true}") boolean enabled) {
        super("retention-sweeper", tick, enabled);
        this.retention = retention;
        this.erasure = erasure;
        this.clock = clock;
    }

    /** One round: every team whose retention ended is deleted. Returns how many teams this instance deleted. */
    int sweep() {
        for (String team : retention.forgetReinstalled()) {
            log.warn("Workspace {} has an installation again: its data is kept", team);
        }
        int deleted = 0;
        for (Expired team : retention.expired()) {
            try {
                Optional<Integer> takeaways = retention.erase(team.teamId(), erasure::erase);
                if (takeaways.isPresent()) {
                    deleted++;
                    log.info("Deleted the data of workspace {} (uninstalled {} days ago): {} takeaways", team.teamId(),
                            Duration.between(team.uninstalledAt(), clock.instant()).toDays(), takeaways.get());
                }
            } catch (RuntimeException e) {
                if (DatabaseFailures.unreachable(e)) {
                    throw e; // no team can be deleted now: the round waits for the database, said once
                }
                // Nothing of it was deleted (one transaction); the other teams are not held up, and it is tried again.
                log.error("Deleting the data of workspace {} failed; trying again next round", team.teamId(), e);
            }
        }
        return deleted;
    }

    @Override
    protected void runOnce() {
        sweep();
    }
}
