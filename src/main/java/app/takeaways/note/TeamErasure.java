package app.takeaways.note;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deleting everything a workspace wrote: its talks, talk threads, takeaways (and their links), reactions and
 * vocabulary, really deleted; what the other modules keep of the team goes in the same transaction, by
 * {@link TeamErased}. For the end of the retention after the app was uninstalled ({@code RetentionSweeper}): nothing
 * of the team is shown or posted any more, so nothing is marked changed. Erasing again finds nothing.
 */
@Service
public class TeamErasure {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    TeamErasure(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /** Deletes the team's data; returns how many takeaways it had (deleted ones and summaries included). */
    @Transactional
    public int erase(String teamId) {
        // The other modules first: their rows refer to the takeaways and talks deleted below.
        events.publishEvent(new TeamErased(teamId));
        jdbc.sql("DELETE FROM talk_threads WHERE team_id = :team").param("team", teamId).update();
        int takeaways = jdbc.sql("DELETE FROM takeaways WHERE team_id = :team").param("team", teamId).update();
        jdbc.sql("DELETE FROM talks WHERE team_id = :team").param("team", teamId).update();
        jdbc.sql("DELETE FROM takeaway_reactions WHERE team_id = :team").param("team", teamId).update();
        jdbc.sql("DELETE FROM search_words WHERE team_id = :team").param("team", teamId).update();
        return takeaways;
    }
}
