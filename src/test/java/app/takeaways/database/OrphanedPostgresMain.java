package app.takeaways.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Starts an embedded Postgres on a data directory the way the app does, then waits to be killed: what a
 * {@code kill -9} of the app leaves behind.
 */
public final class OrphanedPostgresMain {

    private OrphanedPostgresMain() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedPostgres.builder()
                .setDataDirectory(Path.of(args[0]))
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .start();
        System.out.println("POSTGRES READY");
        new CountDownLatch(1).await(); // until killed

    }
}
