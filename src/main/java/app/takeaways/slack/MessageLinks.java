package app.takeaways.slack;

import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Links to Slack messages in a workspace: written from its address when {@code auth.test} has told it (no call, so
 * nothing to wait for on a busy thread), else asked from {@code chat.getPermalink}.
 */
@Component
public class MessageLinks {

    private final BotIdentity identity;
    private final SlackGateway gateway;

    MessageLinks(BotIdentity identity, SlackGateway gateway) {
        this.identity = identity;
        this.gateway = gateway;
    }

    /** Without asking Slack: empty until the workspace's address is known. */
    public Optional<String> known(String teamId, String channelId, String messageTs, String threadTs) {
        return identity.of(teamId).flatMap(bot -> bot.permalink(channelId, messageTs, threadTs));
    }

    /** Asking Slack if need be: call it after the ack. */
    public String linkTo(String teamId, String channelId, String messageTs, String threadTs) {
        return known(teamId, channelId, messageTs, threadTs)
                .orElseGet(() -> gateway.in(teamId).permalink(channelId, messageTs));
    }
}
