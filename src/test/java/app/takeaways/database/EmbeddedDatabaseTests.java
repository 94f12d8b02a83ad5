package app.takeaways.database;

import app.takeaways.TakeawaysApplication;
import app.takeaways.note.CaptureTakeaway;
import app.takeaways.note.TakeawayCapture;
import app.takeaways.testbed.AppProcess;
import app.takeaways.testbed.SlackApiStub;
import app.takeaways.workspace.ChannelType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * No SPRING_DATASOURCE_URL: the app runs its own Postgres 17, keeps the data between runs, stops it when it stops,
 * and recovers from one a killed run left behind.
 */
class EmbeddedDatabaseTests {

    @TempDir
    Path workingDirectory;

    @Test
    void keepsTheTeamsDataBetweenRunsAndStopsPostgresWithTheApp() {
        Path data = workingDirectory.resolve("data/postgres");

        try (ConfigurableApplicationContext app = start(data)) {
            app.getBean(TakeawayCapture.class).capture(CaptureTakeaway.fromSlashCommand("T1", "C1",
                    ChannelType.PUBLIC_CHANNEL, "U1", "Kept across restarts #durability", "trigger-1"));
            assertThat(Files.exists(data.resolve("postmaster.pid"))).isTrue();
        }
        assertThat(Files.exists(data.resolve("postmaster.pid"))).as("Postgres stopped with the app").isFalse();

        try (ConfigurableApplicationContext app = start(data)) {
            assertThat(app.getBean(JdbcClient.class).sql("SELECT text FROM takeaways").query(String.class).list())
                    .containsExactly("Kept across restarts #durability");
        }
        assertThat(workingDirectory.resolve("data/postgres.log")).exists();
    }

    @Test
    void stopsAPostgresThatAKilledRunLeftBehind() throws Exception {
        Path data = workingDirectory.resolve("data/postgres");
        try (AppProcess killed = AppProcess.start(OrphanedPostgresMain.class.getName(), Map.of(), workingDirectory,
                data.toString())) {
            await().atMost(Duration.ofSeconds(60)).until(() -> killed.output().contains("POSTGRES READY"));
            killed.kill();
        }
        long orphan = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip());
        assertThat(ProcessHandle.of(orphan)).hasValueSatisfying(process -> assertThat(process.isAlive()).isTrue());

        try (ConfigurableApplicationContext app = start(data)) {
            assertThat(app.getBean(JdbcClient.class).sql("SELECT count(*) FROM takeaways").query(Long.class).single())
                    .isZero();
            assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        }
    }

    private static ConfigurableApplicationContext start(Path data) {
        return new SpringApplicationBuilder(TakeawaysApplication.class).run(
                "--spring.datasource.url=",
                "--spring.datasource.username=",
                "--takeaways.embedded-database.data-directory=" + data,
                "--server.port=0",
                "--slack.bot-token=xoxb-embedded-test",
                "--slack.signing-secret=embedded-test-secret",
                "--slack.app-token=",
                "--slack.api-url=" + SlackApiStub.apiUrl());
    }
}
