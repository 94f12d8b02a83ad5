package app.takeaways.summary;

/** Shows summaries where the team reads them (the {@code slack} module implements it). */
public interface SummaryPublisher {

    /** Why a posted summary is taken back. */
    enum Withdrawal {
        /** Nothing it quoted may be shown there any more (deleted, or now private elsewhere). */
        SOURCES_GONE,
        /** A newer summary of the same talk was posted in the conversation. */
        REPLACED
    }

    /** Replaces a summary already posted with its refreshed version. */
    void update(String teamId, String channelId, String messageTs, SummaryReport report);

    /** Replaces a summary already posted with a line saying why it is gone. */
    void withdraw(String teamId, String channelId, String messageTs, Withdrawal why);
}
