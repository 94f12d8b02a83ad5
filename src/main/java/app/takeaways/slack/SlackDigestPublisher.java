package app.takeaways.slack;

import app.takeaways.digest.DigestPostException;
import app.takeaways.digest.DigestPublisher;
import app.takeaways.digest.WeeklyDigest;
import app.takeaways.slack.blocks.SlackMessage;
import app.takeaways.slack.blocks.WeeklyDigestMessage;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Set;

/**
 * Posts weekly digests with chat.postMessage (the first message in the channel, the rest in its thread), and rewrites
 * them with chat.update when what they showed changed.
 */
@Component
class SlackDigestPublisher implements DigestPublisher {

    /** Slack errors that no retry fixes: someone has to invite the bot, or the channel is gone. */
    static final Set<String> CHANNEL_UNAVAILABLE = Set.of("not_in_channel", "channel_not_found", "is_archived",
            "restricted_action", "cant_post", "access_denied");

    /**
     * The app is gone from the workspace (uninstalled, its token revoked): no retry fixes that either, and nobody can
     * be told through the dead token. An uninstall pauses the workspace's digests itself; these catch a missed one.
     */
    static final Set<String> APP_GONE = Set.of(SlackGateway.NOT_INSTALLED, "token_revoked", "invalid_auth",
            "account_inactive");

    /** A posted message that can no longer be updated. */
    static final Set<String> GONE = Set.of("message_not_found", "cant_update_message", "edit_window_closed");

    private final SlackGateway gateway;

    SlackDigestPublisher(SlackGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public Posting prepare(WeeklyDigest digest) {
        List<SlackMessage> messages = WeeklyDigestMessage.render(digest);
        return new Posting() {
            @Override
            public int parts() {
                return messages.size();
            }

            @Override
            public String post(int part, String threadTs) {
                try {
                    return gateway.in(digest.teamId()).postMessage(digest.channelId(), threadTs, messages.get(part));
                } catch (SlackApiCallException e) {
                    boolean noRetryHelps = CHANNEL_UNAVAILABLE.contains(e.error()) || APP_GONE.contains(e.error());
                    throw new DigestPostException(noRetryHelps ? DigestPostException.Kind.CHANNEL_UNAVAILABLE
                            : DigestPostException.Kind.TRY_AGAIN, e.error(), e);
                }
            }
        };
    }

    @Override
    public void rewrite(WeeklyDigest digest, List<String> postedParts) {
        List<SlackMessage> messages = digest.isEmpty() ? List.of() : WeeklyDigestMessage.render(digest);
        for (int part = 0; part < postedParts.size(); part++) {
            SlackMessage message;
            if (part < messages.size()) {
                message = messages.get(part);
            } else if (part == 0) {
                message = SlackMessage.of(":wastebasket: _This week's digest was withdrawn: the takeaways it showed were"
                        + " deleted or can no longer be shown here._");
            } else {
                message = SlackMessage.of("_This part of the digest is gone: the takeaways it showed were deleted or"
                        + " can no longer be shown here._");
            }
            try {
                gateway.in(digest.teamId()).updateMessage(digest.channelId(), postedParts.get(part), message);
            } catch (SlackApiCallException e) {
                throw new DigestPostException(GONE.contains(e.error()) || CHANNEL_UNAVAILABLE.contains(e.error())
                        || APP_GONE.contains(e.error())
                        ? DigestPostException.Kind.CHANNEL_UNAVAILABLE : DigestPostException.Kind.TRY_AGAIN,
                        e.error(), e);
            }
        }
    }

    @Override
    public void tellPaused(String teamId, String userId, String channelId, String reason) {
        if (APP_GONE.contains(reason)) {
            return; // no token to say it with
        }
        String why = switch (reason) {
            case "not_in_channel", "channel_not_found" -> "I am not a member of it any more (or it was deleted)."
                    + " Invite me with `/invite @Takeaways`, then";
            case "is_archived" -> "it is archived. If it is unarchived,";
            default -> "Slack does not let me post there (`" + reason + "`). When that is fixed,";
        };
        gateway.in(teamId).postMessage(userId, null, SlackMessage.of(":pause_button: I paused the weekly digest you set"
                + " up for <#" + channelId + ">: " + why + " run `/takeaway digest on` in the channel to resume it."));
    }
}
