package app.takeaways.platform;

/**
 * A setting the app cannot start with: missing, malformed or contradicting another. The message names the
 * environment variable and says what to do; it never contains a setting's value.
 */
public class InvalidSettingException extends RuntimeException {

    public static final String README_SECTION = "See README.md, section \"Configuration\".";

    private final String variable;

    public InvalidSettingException(String variable, String message) {
        super(message);
        this.variable = variable;
    }

    /** The environment variable to fix, e.g. {@code SLACK_SIGNING_SECRET}. */
    public String variable() {
        return variable;
    }
}
