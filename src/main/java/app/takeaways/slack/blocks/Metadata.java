package app.takeaways.slack.blocks;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;

import java.util.Optional;

/** What a form carries in its {@code private_metadata} (at most 3,000 characters): a small JSON record. */
public final class Metadata {

    private static final Gson GSON = new Gson();
    private static final int LIMIT = 3000;

    private Metadata() {
    }

    public static String write(Object value) {
        String json = GSON.toJson(value);
        if (json.length() > LIMIT) {
            throw new IllegalArgumentException("Form metadata is " + json.length() + " characters, over " + LIMIT);
        }
        return json;
    }

    /** Empty when the metadata is missing or not what this app wrote (a form from another version, say). */
    public static <T> Optional<T> read(String json, Class<T> type) {
        if (json == null || json.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(GSON.fromJson(json, type));
        } catch (JsonParseException e) {
            return Optional.empty();
        }
    }
}
