package app.takeaways.platform;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalysisReporter;

/**
 * Reports why the app could not start as one log line: what is wrong and what to do. Spring Boot's own
 * multi-line banner for the same analysis is switched off in {@code application.yml}.
 */
class OneLineFailureReporter implements FailureAnalysisReporter {

    private static final Logger log = LoggerFactory.getLogger("app.takeaways.startup");

    @Override
    public void report(FailureAnalysis analysis) {
        if (log.isDebugEnabled()) {
            log.debug("Start-up failed", analysis.getCause());
        }
        String action = analysis.getAction() == null ? "" : " " + oneLine(analysis.getAction());
        log.error("Takeaways cannot start: {}{}", oneLine(analysis.getDescription()), action);
    }

    static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
