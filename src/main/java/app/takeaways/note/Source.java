package app.takeaways.note;

import java.util.Arrays;

/** Where in Slack a takeaway was captured. */
public enum Source {

    SLASH_COMMAND("slash_command"),
    MODAL("modal"),
    THREAD_REPLY("thread_reply"),
    MESSAGE_SHORTCUT("message_shortcut"),
    REACTION("reaction"),
    IMPORT("import");

    private final String value;

    Source(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Source fromValue(String value) {
        return Arrays.stream(values())
                .filter(source -> source.value.equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown takeaway source: " + value));
    }
}
