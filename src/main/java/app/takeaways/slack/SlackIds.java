package app.takeaways.slack;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.context.Context;

/** Small readings of Slack payloads that every surface needs. */
public final class SlackIds {

    private SlackIds() {
    }

    /** The workspace a request is for: the payload's team, else the one the app is installed in. */
    public static String team(String fromPayload, Context context) {
        return fromPayload != null && !fromPayload.isBlank() ? fromPayload : context.getTeamId();
    }

    /** The workspace a button or other block action is for. */
    public static String team(BlockActionPayload payload, Context context) {
        return team(payload.getTeam() == null ? null : payload.getTeam().getId(), context);
    }
}
