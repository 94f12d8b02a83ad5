package app.takeaways.testbed;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The app as its own process, started as {@code java -jar} would start it, with exactly the environment given:
 * what a person sees when they start it (its output, its exit code) is what a test sees.
 */
public final class AppProcess implements AutoCloseable {

    private final Process process;
    private final Path output;

    private AppProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    public static AppProcess start(String mainClass, Map<String, String> environment, Path workingDirectory,
                                   String... args) {
        try {
            Path output = Files.createTempFile("takeaways-process", ".log");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder builder = new ProcessBuilder();
            builder.command().add(java);
            builder.command().add("-cp");
            builder.command().add(System.getProperty("java.class.path"));
            builder.command().add(mainClass);
            builder.command().addAll(List.of(args));
            builder.environment().keySet().removeIf(name -> name.startsWith("SLACK_")
                    || name.startsWith("SPRING_") || name.startsWith("TAKEAWAYS_") || name.equals("SERVER_PORT"));
            builder.environment().putAll(environment);
            builder.directory(workingDirectory.toFile());
            builder.redirectErrorStream(true);
            builder.redirectOutput(output.toFile());
            return new AppProcess(builder.start(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the process to end and returns its exit code. */
    public int exitCode(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("The app did not stop within " + timeout + ":\n" + output());
        }
        return process.exitValue();
    }

    public String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** As {@code kill -9}: no shutdown hooks run. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** As Ctrl-C or {@code docker stop}: a SIGTERM, shutdown hooks run. */
    public void stop() throws InterruptedException {
        process.destroy();
        process.waitFor(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
        new File(output.toString()).delete();
    }
}
