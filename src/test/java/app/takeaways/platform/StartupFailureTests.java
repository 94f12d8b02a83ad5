package app.takeaways.platform;

import app.takeaways.TakeawaysApplication;
import app.takeaways.testbed.AppProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A missing, malformed or contradictory setting stops the start with one line that names the variable and the
 * README section: no stack trace, no value echoed back, exit code 1.
 */
class StartupFailureTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path workingDirectory;

    @Test
    void missingBotToken() throws Exception {
        assertFailsWithOneLine(Map.of("SLACK_SIGNING_SECRET", "s3cr3t-value"),
                "Takeaways cannot start: SLACK_BOT_TOKEN is not set: it is the Bot User OAuth Token (xoxb-...) on"
                        + " your Slack app's \"OAuth & Permissions\" page (or set SLACK_CLIENT_ID and"
                        + " SLACK_CLIENT_SECRET to install into many workspaces). See README.md, section"
                        + " \"Configuration\".");
    }

    @Test
    void oauthModeWithoutAnEncryptionKey() throws Exception {
        assertFailsWithOneLine(Map.of("SLACK_CLIENT_ID", "111.222", "SLACK_CLIENT_SECRET", "s3cr3t-value",
                        "SLACK_SIGNING_SECRET", "s3cr3t-value"),
                "Takeaways cannot start: TAKEAWAYS_ENCRYPTION_KEY is not set: installing into many workspaces (OAuth)"
                        + " stores their tokens encrypted with it. Make one with `openssl rand -base64 32` and keep it"
                        + " safe: without it the stored installations cannot be read. See README.md, section"
                        + " \"Configuration\".");
    }

    @Test
    void oauthModeWithAMalformedEncryptionKey() throws Exception {
        assertFailsWithOneLine(Map.of("SLACK_CLIENT_ID", "111.222", "SLACK_CLIENT_SECRET", "s3cr3t-value",
                        "SLACK_SIGNING_SECRET", "s3cr3t-value", "TAKEAWAYS_ENCRYPTION_KEY", "c2hvcnQ="),
                "Takeaways cannot start: TAKEAWAYS_ENCRYPTION_KEY must be 32 bytes in base64 (44 characters, as"
                        + " `openssl rand -base64 32` prints). See README.md, section \"Configuration\".");
    }

    @Test
    void oauthModeWithoutItsSecret() throws Exception {
        assertFailsWithOneLine(Map.of("SLACK_CLIENT_ID", "111.222", "SLACK_SIGNING_SECRET", "s3cr3t-value"),
                "Takeaways cannot start: SLACK_CLIENT_SECRET is not set: installing into many workspaces (OAuth)"
                        + " needs both SLACK_CLIENT_ID and SLACK_CLIENT_SECRET, from your Slack app's \"Basic"
                        + " Information\" page. See README.md, section \"Configuration\".");
    }

    @Test
    void bothOneWorkspaceAndOAuth() throws Exception {
        assertFailsWithOneLine(Map.of("SLACK_BOT_TOKEN", "xoxb-secret-token-value", "SLACK_CLIENT_ID", "111.222",
                        "SLACK_CLIENT_SECRET", "s3cr3t-value", "SLACK_SIGNING_SECRET", "s3cr3t-value"),
                "Takeaways cannot start: Both SLACK_BOT_TOKEN and SLACK_CLIENT_ID are set: set SLACK_BOT_TOKEN for"
                        + " one workspace, or SLACK_CLIENT_ID and SLACK_CLIENT_SECRET to install into many (OAuth), not"
                        + " both. See README.md, section \"Configuration\".");
    }

    @Test
    void neitherTransport() throws Exception {
        assertFailsWithOneLine(Map.of("SLACK_BOT_TOKEN", "xoxb-secret-token-value"),
                "Takeaways cannot start: Neither SLACK_APP_TOKEN nor SLACK_SIGNING_SECRET is set: set SLACK_APP_TOKEN"
                        + " for Socket Mode (no public URL needed), or SLACK_SIGNING_SECRET for HTTP mode at"
                        + " /slack/events. See README.md, section \"Configuration\".");
    }

    @Test
    void tokensInTheWrongPlaces() throws Exception {
        assertFailsWithOneLine(Map.of("SLACK_BOT_TOKEN", "xapp-1-secret-token-value", "SLACK_SIGNING_SECRET", "s3cr3t-value"),
                "Takeaways cannot start: SLACK_BOT_TOKEN holds an app-level token (xapp-...): put that one in"
                        + " SLACK_APP_TOKEN, and the Bot User OAuth Token (xoxb-...) in SLACK_BOT_TOKEN. See README.md,"
                        + " section \"Configuration\".");
    }

    @Test
    void malformedApiUrl() throws Exception {
        assertFailsWithOneLine(Map.of("SLACK_BOT_TOKEN", "xoxb-secret-token-value", "SLACK_SIGNING_SECRET", "s3cr3t-value",
                        "SLACK_API_URL", "not a url"),
                "Takeaways cannot start: SLACK_API_URL must be an http(s) URL such as https://slack.com/api/ (or unset"
                        + " it to use Slack's). See README.md, section \"Configuration\".");
    }

    @Test
    void datasourceUrlThatIsNotJdbc() throws Exception {
        assertFailsWithOneLine(Map.of("SLACK_BOT_TOKEN", "xoxb-secret-token-value", "SLACK_SIGNING_SECRET", "s3cr3t-value",
                        "SPRING_DATASOURCE_URL", "postgres://user:hunter2@db:5432/takeaways"),
                "Takeaways cannot start: SPRING_DATASOURCE_URL must be a PostgreSQL JDBC URL such as"
                        + " jdbc:postgresql://localhost:5432/takeaways (not postgres://...). See README.md, section"
                        + " \"Configuration\".");
    }

    @Test
    void unreachableDatabase() throws Exception {
        assertFailsWithOneLine(Map.of("SLACK_BOT_TOKEN", "xoxb-secret-token-value", "SLACK_SIGNING_SECRET", "s3cr3t-value",
                        "SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:1/takeaways?password=hunter2"),
                "Takeaways cannot start: Cannot use the database given by SPRING_DATASOURCE_URL: Connection to"
                        + " 127.0.0.1:1 refused. Check that Postgres is running and that SPRING_DATASOURCE_URL,"
                        + " SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD are right, or unset"
                        + " SPRING_DATASOURCE_URL to use the embedded database. See README.md, section"
                        + " \"Configuration\".");
    }

    @Test
    void negativeRetentionAfterUninstall() throws Exception {
        assertFailsWithOneLine(Map.of("SLACK_BOT_TOKEN", "xoxb-secret-token-value", "SLACK_SIGNING_SECRET", "s3cr3t-value",
                        "TAKEAWAYS_RETENTION_AFTER_UNINSTALL", "-30d"),
                "Takeaways cannot start: TAKEAWAYS_RETENTION_AFTER_UNINSTALL must be a duration of zero or more, such as"
                        + " 30d (the default), 12h or 0 (deleted at the next round): how long a workspace's takeaways are"
                        + " kept after the app is uninstalled from it. See README.md, section \"Configuration\".");
    }

    @Test
    void aTraceEndpointThatIsNoUrl() throws Exception {
        assertFailsWithOneLine(Map.of("SLACK_BOT_TOKEN", "xoxb-secret-token-value", "SLACK_SIGNING_SECRET", "s3cr3t-value",
                        "OTEL_EXPORTER_OTLP_ENDPOINT", "otel-collector-hunter2:4318"),
                "Takeaways cannot start: OTEL_EXPORTER_OTLP_ENDPOINT is not an http:// or https:// URL: it is where"
                        + " traces are sent over OTLP, for example http://otel-collector:4318 (unset it to send none)."
                        + " See README.md, section \"Configuration\".");
    }

    private void assertFailsWithOneLine(Map<String, String> environment, String expected) throws Exception {
        Map<String, String> env = new HashMap<>(environment);
        env.put("SERVER_PORT", "0");
        env.put("TAKEAWAYS_DATA_DIR", workingDirectory.resolve("data").toString());
        try (AppProcess app = AppProcess.start(TakeawaysApplication.class.getName(), env, workingDirectory)) {
            int exitCode = app.exitCode(TIMEOUT);
            String output = app.output();

            assertThat(exitCode).as(output).isEqualTo(1);
            List<String> errors = output.lines().filter(line -> line.contains(" ERROR ")).toList();
            assertThat(errors).as(output).singleElement()
                    .satisfies(line -> assertThat(line).endsWith(" : " + expected));
            assertThat(output).doesNotContain("\tat ").doesNotContain("APPLICATION FAILED TO START")
                    .doesNotContain("secret-token-value").doesNotContain("s3cr3t-value").doesNotContain("hunter2");
            assertThat(output.lines().filter(line -> line.contains(" WARN "))).as(output).isEmpty();
        }
    }
}
