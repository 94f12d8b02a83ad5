package app.takeaways.platform;

import app.takeaways.TakeawaysApplication;
import app.takeaways.testbed.AppProcess;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs}: from the first line to the last of a start and a stop (the embedded
 * database, Slack unreachable), the console has one JSON object a line, and nothing else.
 */
class StructuredLogsTests {

    @TempDir
    Path workingDirectory;

    @Test
    void startsAndStopsWithOneJsonObjectALine() throws Exception {
        Map<String, String> environment = Map.of("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs",
                "SLACK_BOT_TOKEN", "xoxb-json-logs-test", "SLACK_SIGNING_SECRET", "json-logs-secret",
                "SLACK_API_URL", "http://127.0.0.1:9/api/", "SERVER_PORT", "0",
                "TAKEAWAYS_DATA_DIR", workingDirectory.resolve("data/postgres").toString());
        try (AppProcess app = AppProcess.start(TakeawaysApplication.class.getName(), environment, workingDirectory)) {
            await().atMost(Duration.ofSeconds(90)).until(() -> app.output().contains("Started TakeawaysApplication")
                    || !app.isAlive());
            app.stop();

            List<String> lines = app.output().lines().toList();
            assertThat(lines).as(app.output()).hasSizeGreaterThan(10).allSatisfy(line -> {
                JsonObject json = JsonParser.parseString(line).getAsJsonObject();
                assertThat(json.has("@timestamp")).isTrue();
                assertThat(json.getAsJsonObject("log").get("level").getAsString()).isNotBlank();
                assertThat(json.get("message").getAsString()).isNotBlank();
            });
            assertThat(lines).anySatisfy(line -> assertThat(line).contains("\"message\":\"Started TakeawaysApplication"));
        }
    }
}
