package app.takeaways.note;

/**
 * Text as Postgres can keep it: a {@code text} value cannot hold the NUL character, which Slack lets through. It is
 * stripped, never a reason to lose a note.
 */
public final class StoredText {

    private StoredText() {
    }

    /** The text without NUL characters; null stays null. */
    public static String storable(String text) {
        return text == null || text.indexOf('\0') < 0 ? text : text.replace("\0", "");
    }
}
