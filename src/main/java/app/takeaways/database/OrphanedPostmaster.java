package app.takeaways.database;

import app.takeaways.platform.InvalidSettingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Postgres keeps running when the JVM that started it is killed (kill -9, a crashed IDE run). The next start would
 * then fail on the data directory's {@code postmaster.pid}; instead, a postmaster nobody owns any more is stopped.
 * Ownership is zonky's {@code epg-lock} file, which a running app holds locked.
 */
final class OrphanedPostmaster {

    private static final Logger log = LoggerFactory.getLogger(OrphanedPostmaster.class);

    private OrphanedPostmaster() {
    }

    static void stopIfRunning(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        ensureNotInUse(dataDirectory);
        Optional<ProcessHandle> postmaster = pidOf(pidFile).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
        if (postmaster.isEmpty()) {
            return; // a stale pid file: Postgres cleans it up itself
        }
        ProcessHandle process = postmaster.get();
        boolean looksLikePostgres = process.info().command().map(command -> command.contains("postgres")).orElse(true);
        if (!looksLikePostgres) {
            // The pid was reused by another program after a reboot; Postgres would refuse to start over it.
            Files.delete(pidFile);
            return;
        }
        log.warn("Stopping an embedded Postgres (pid {}) left running by an earlier run that did not shut down",
                process.pid());
        process.destroy();
        try {
            process.onExit().get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("An embedded Postgres left running by an earlier run (pid " + process.pid()
                    + ") did not stop; stop it and start again", e);
        }
    }

    private static void ensureNotInUse(Path dataDirectory) throws IOException {
        Path lockFile = dataDirectory.resolve("epg-lock");
        if (!Files.exists(lockFile)) {
            return;
        }
        try (RandomAccessFile file = new RandomAccessFile(lockFile.toFile(), "rw");
             FileChannel channel = file.getChannel();
             FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw inUse(dataDirectory);
            }
        } catch (java.nio.channels.OverlappingFileLockException e) {
            throw inUse(dataDirectory);
        }
    }

    private static InvalidSettingException inUse(Path dataDirectory) {
        return new InvalidSettingException("TAKEAWAYS_DATA_DIR", "The embedded database in " + dataDirectory
                + " is in use by another running Takeaways. Stop that one, or set TAKEAWAYS_DATA_DIR to another"
                + " folder (or SPRING_DATASOURCE_URL to a Postgres server).");
    }

    private static Optional<Long> pidOf(Path pidFile) throws IOException {
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(lines.get(0).strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
