package app.takeaways.database;

import app.takeaways.platform.InvalidSettingException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import java.sql.SQLException;

/**
 * The configured Postgres cannot be reached at start-up (refused, unknown host, wrong password, no such database):
 * say so in a sentence instead of Flyway's stack trace.
 */
class DatabaseUnreachableFailureAnalyzer extends AbstractFailureAnalyzer<SQLException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SQLException cause) {
        String state = cause.getSQLState() == null ? "" : cause.getSQLState();
        boolean connection = state.startsWith("08");
        boolean credentials = state.startsWith("28");
        boolean noDatabase = state.equals("3D000");
        if (!connection && !credentials && !noDatabase) {
            return null;
        }
        String reason = firstSentence(cause.getMessage());
        return new FailureAnalysis("Cannot use the database given by SPRING_DATASOURCE_URL: " + reason,
                "Check that Postgres is running and that SPRING_DATASOURCE_URL, SPRING_DATASOURCE_USERNAME and"
                        + " SPRING_DATASOURCE_PASSWORD are right, or unset SPRING_DATASOURCE_URL to use the embedded"
                        + " database. " + InvalidSettingException.README_SECTION, cause);
    }

    private static String firstSentence(String message) {
        if (message == null || message.isBlank()) {
            return "no reason given.";
        }
        String line = message.strip().lines().findFirst().orElse("");
        int end = line.indexOf(". ");
        return end > 0 ? line.substring(0, end + 1) : line;
    }
}
