package app.takeaways.digest;

import java.util.List;

/**
 * Posts digests where the team reads them (the {@code slack} module implements it): the first message in the
 * channel, the rest in its thread, each within the chat's limits.
 */
public interface DigestPublisher {

    /** A digest made ready to post, in parts. */
    interface Posting {

        int parts();

        /**
         * Posts one part: the first ({@code threadTs} null) in the channel, later ones in its thread.
         *
         * @return the posted message's timestamp
         */
        String post(int part, String threadTs) throws DigestPostException;
    }

    Posting prepare(WeeklyDigest digest);

    /**
     * Rewrites the messages of a digest already posted ({@code postedParts}, first message first) with the digest as
     * it is now: a takeaway it showed was edited or deleted. Parts it no longer has, or all of them when nothing is
     * left to show, say so instead.
     */
    void rewrite(WeeklyDigest digest, List<String> postedParts) throws DigestPostException;

    /** Tells the person who subscribed that the channel's digest is paused, why, and how to resume it. */
    void tellPaused(String teamId, String userId, String channelId, String reason);
}
