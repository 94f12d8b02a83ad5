package app.takeaways.slack;

import java.util.Collection;
import java.util.Optional;

/**
 * Which token serves which workspace: the one owner of that rule, asked for every Slack call (requests, what runs
 * after their ack, and the scheduler). One workspace ({@code SLACK_BOT_TOKEN}): the configured token serves it. OAuth
 * mode: each installation's token serves its workspace, or every workspace of its org for an org-wide install, and
 * nothing serves a workspace the app is not installed in.
 */
public interface TeamBots {

    /**
     * The bot for a call into a workspace now (a rotating token is refreshed first when it is about to expire).
     *
     * @param enterpriseId the Enterprise Grid org the workspace belongs to, when the caller knows it
     * @return empty when the app is not installed there (or no longer)
     */
    Optional<TeamBot> bot(String enterpriseId, String teamId);

    default Optional<TeamBot> bot(String teamId) {
        return bot(null, teamId);
    }

    /**
     * The app was uninstalled, or its bot token revoked: nothing may call Slack for these workspaces any more.
     *
     * @return the workspaces the token served (all the org's known workspaces for an org-wide install)
     */
    Collection<String> uninstalled(String enterpriseId, String teamId);
}
