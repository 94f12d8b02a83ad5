package app.takeaways.slack;

import app.takeaways.database.DatabaseOutages;
import app.takeaways.search.TakeawaySearch;
import app.takeaways.search.TakeawaySearch.Results;
import app.takeaways.slack.blocks.SlackMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

/** Runs a search for a Slack surface: the results, or what to tell the person when the search could not run. */
@Component
public class SearchRunner {

    private static final Logger log = LoggerFactory.getLogger(SearchRunner.class);

    /** Either results or, when the search failed, a message saying so. */
    public record Answer(Results results, SlackMessage failure) {

        public boolean failed() {
            return failure != null;
        }
    }

    private final TakeawaySearch search;
    private final DatabaseOutages outages;

    SearchRunner(TakeawaySearch search, DatabaseOutages outages) {
        this.outages = outages;
        this.search = search;
    }

    public Answer run(TakeawaySearch.Request request) {
        try {
            return new Answer(DatabaseCalls.retryingOnce(() -> search.search(request)), null);
        } catch (DataAccessException | TransactionException e) {
            if (DatabaseCalls.unavailable(e)) {
                outages.tell(log, "Search failed, the database is unavailable", e);
                return new Answer(null, SlackMessage.of(":warning: I could not search just now: the database is not"
                        + " answering. Please try again in a minute."));
            }
            log.error("Search failed", e);
            return new Answer(null, SlackMessage.of(":warning: Something went wrong on our side with this search. It"
                    + " is in the app's log; please try other words, or tell whoever runs Takeaways."));
        }
    }
}
