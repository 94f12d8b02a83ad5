package app.takeaways.database;

import app.takeaways.platform.InvalidSettingException;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;

/**
 * The Postgres the app runs itself when no {@code SPRING_DATASOURCE_URL} is given, bound from
 * {@code takeaways.embedded-database.*} by {@link EmbeddedPostgresStartup} before the context starts.
 *
 * @param dataDirectory where its data is kept between runs ({@code TAKEAWAYS_DATA_DIR})
 * @param databaseName  the database the app uses in it
 */
record EmbeddedDatabaseProperties(@DefaultValue("./data/postgres") Path dataDirectory,
                                  @DefaultValue("takeaways") String databaseName) {

    EmbeddedDatabaseProperties {
        if (!databaseName.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new InvalidSettingException("takeaways.embedded-database.database-name",
                    "takeaways.embedded-database.database-name must be a plain lower-case name such as takeaways.");
        }
    }
}
