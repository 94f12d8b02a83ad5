package app.takeaways.note;

import app.takeaways.workspace.ChannelType;

import java.util.Objects;

/**
 * A Slack conversation (channel, private channel, DM, group DM) and its kind now, as the {@code slack} module
 * believes it: what decides what may be shown or posted there.
 */
public record Conversation(String id, ChannelType kind) {

    public Conversation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
    }
}
