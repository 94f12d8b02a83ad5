package app.takeaways.summary;

/** Shows summaries where the team reads them (the {@code slack} module implements it). */
public interface SummaryPublisher {

    /** Replaces a summary already posted with its refreshed version. */
    void update(String teamId, String channelId, String messageTs, SummaryReport report);
}
