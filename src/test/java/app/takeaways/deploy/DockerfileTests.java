package app.takeaways.deploy;

import app.takeaways.deploy.Dockerfile.Instruction;
import app.takeaways.deploy.Dockerfile.Stage;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The image the Dockerfile builds runs as an unprivileged user, carries no secret, and says how healthy it is. */
class DockerfileTests {

    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(token|secret|password|passwd|key).*");
    private static final Pattern SECRET_VALUE = Pattern.compile("(?i).*(xox[abposr]-|xapp-).*");

    @Test
    void theImageRunsAsANumericUserThatIsNotRoot() throws IOException {
        Dockerfile dockerfile = Dockerfile.read();
        Stage image = dockerfile.finalStage();

        assertThat(image.last("USER")).as("the final stage's USER").isPresent();
        String user = image.last("USER").orElseThrow().arguments();
        // Kubernetes' runAsNonRoot can only verify a numeric user.
        assertThat(user).as("USER " + user).matches("\\d+(:\\d+)?");
        assertThat(dockerfile.runtimeUid().orElse(0)).as("the uid").isPositive();
        assertThat(user.split(":")).allSatisfy(id -> assertThat(Integer.parseInt(id)).isNotZero());
    }

    @Test
    void theImagesUserIsTheOneItCreates() throws IOException {
        Dockerfile dockerfile = Dockerfile.read();

        assertThat(dockerfile.finalStage().uidCreatedFor("takeaways")).isPresent().isEqualTo(dockerfile.runtimeUid());
    }

    @Test
    void noSecretIsBakedIntoTheImage() throws IOException {
        for (Stage stage : Dockerfile.read().stages()) {
            Map<String, String> env = stage.env();
            assertThat(env.keySet()).as("ENV names in the stage from " + stage.from()).noneMatch(
                    name -> SECRET_NAME.matcher(name).matches());
            assertThat(env.values()).noneMatch(value -> SECRET_VALUE.matcher(value).matches());
            assertThat(stage.all("ARG")).extracting(Instruction::arguments).noneMatch(
                    arg -> SECRET_NAME.matcher(arg.split("=", 2)[0]).matches());
        }
    }

    @Test
    void theImageChecksItsOwnLiveness() throws IOException {
        Stage image = Dockerfile.read().finalStage();

        assertThat(image.last("HEALTHCHECK")).hasValueSatisfying(check ->
                assertThat(check.arguments()).contains("CMD").containsPattern("/actuator/health/liveness|/livez"));
        assertThat(image.all("EXPOSE")).extracting(Instruction::arguments).contains(image.env().get("SERVER_PORT"));
    }

    @Test
    void theModelsNativeCacheIsUnderTmpSoTheRootFilesystemCanBeReadOnly() throws IOException {
        Map<String, String> env = Dockerfile.read().finalStage().env();

        assertThat(env).hasEntrySatisfying("DJL_CACHE_DIR", dir -> assertThat(dir).startsWith("/tmp/"));
    }

    @Test
    void readsInstructionsAsDockerDoes() {
        Dockerfile dockerfile = Dockerfile.parse("""
                FROM maven AS build
                ENV PASSWORD=x
                # a comment
                FROM eclipse-temurin:17-jre
                RUN groupadd --gid 7 app \\
                 && useradd --system --uid 4242 --gid 7 app
                ENV A=1 B="two words"
                ENV LEGACY some value
                USER app
                """);

        assertThat(dockerfile.stages()).extracting(Stage::from).containsExactly("maven AS build", "eclipse-temurin:17-jre");
        assertThat(dockerfile.finalStage().env()).containsExactly(
                Map.entry("A", "1"), Map.entry("B", "two words"), Map.entry("LEGACY", "some value"));
        assertThat(dockerfile.runtimeUid()).hasValue(4242);
        assertThat(Dockerfile.parse("FROM x\nRUN true\n").runtimeUid()).isEmpty();
        assertThat(Dockerfile.parse("FROM x\nUSER root\n").runtimeUid()).hasValue(0);
    }
}
