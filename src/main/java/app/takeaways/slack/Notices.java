package app.takeaways.slack;

import app.takeaways.slack.blocks.SlackMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells one person something after an ack, where they will see it: through the interaction's {@code response_url}
 * when there is one (it works where the bot is not a member), else as an ephemeral message in the channel, else
 * in their DM with the bot.
 */
@Component
public class Notices {

    private static final Logger log = LoggerFactory.getLogger(Notices.class);

    private final SlackGateway gateway;

    Notices(SlackGateway gateway) {
        this.gateway = gateway;
    }

    public void tell(String teamId, String userId, String channelId, String responseUrl, SlackMessage message) {
        if (responseUrl != null) {
            try {
                gateway.respond(responseUrl, message, false);
                return;
            } catch (SlackApiCallException e) {
                log.info("Answering through response_url failed ({}); trying the channel", e.error());
            }
        }
        if (channelId != null) {
            try {
                gateway.in(teamId).postEphemeral(channelId, userId, null, message);
                return;
            } catch (SlackApiCallException e) {
                log.info("Ephemeral message in {} failed ({}); trying a DM", channelId, e.error());
            }
        }
        gateway.in(teamId).postMessage(userId, null, message);
    }

    /** Why the bot could not post in a channel, and what to do about it, in a sentence. */
    public static String whyNotPosted(SlackApiCallException e, String channelId) {
        return switch (e.error()) {
            case "not_in_channel", "channel_not_found" -> ":information_source: I could not post in <#" + channelId
                    + ">: I am not a member. Invite me with `/invite @Takeaways`, then try again.";
            case "is_archived" -> ":information_source: I could not post in <#" + channelId + ">: it is archived.";
            case "restricted_action", "cant_post", "not_allowed_token_type" -> ":information_source: I could not post in <#"
                    + channelId + ">: posting there is restricted.";
            case "ratelimited" -> ":information_source: Slack asked me to slow down, so I could not post in <#"
                    + channelId + "> just now. Please try again in a minute.";
            case "invalid_auth", "not_authed", "token_revoked", "account_inactive" -> ":warning: I could not post in <#"
                    + channelId + ">: Slack no longer accepts my token. Ask whoever runs Takeaways to check SLACK_BOT_TOKEN.";
            default -> ":information_source: I could not post in <#" + channelId + "> (Slack said `" + e.error()
                    + "`).";
        };
    }
}
