package app.takeaways.slack.views;

import java.util.Optional;
import java.util.UUID;

/** A draft's id as a form or button sends it back: a UUID, or nothing this app wrote. */
final class DraftIds {

    private DraftIds() {
    }

    static Optional<UUID> parse(String id) {
        try {
            return id == null ? Optional.empty() : Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
