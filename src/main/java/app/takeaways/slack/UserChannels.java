package app.takeaways.slack;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Set;

/**
 * The channels a person is in, as Slack says (users.conversations), kept for a while per instance: App Home asks
 * each time a person opens it, and Slack rate-limits the call. A channel joined a moment ago shows up within
 * {@link #KEEP}.
 */
@Component
public class UserChannels {

    static final Duration KEEP = Duration.ofMinutes(10);

    private final SlackGateway gateway;
    private final Cache<String, Set<String>> known = Caffeine.newBuilder()
            .expireAfterWrite(KEEP)
            .maximumSize(10_000)
            .build();

    UserChannels(SlackGateway gateway) {
        this.gateway = gateway;
    }

    /**
     * @throws SlackApiCallException when Slack cannot say (a missing scope, rate-limited past its retries)
     */
    public Set<String> of(String teamId, String userId) {
        return known.get(teamId + '/' + userId, key -> Set.copyOf(gateway.in(teamId).channelsOf(userId)));
    }

    /** Tests start each case with nothing kept. */
    public void forget() {
        known.invalidateAll();
    }
}
