package app.takeaways.database;

import app.takeaways.testbed.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The migrated schema can be distributed by team (Citus, or another distributed Postgres, team_id as the
 * distribution column) without changing a query: every table carries team_id, every primary and unique key starts
 * with it, and every foreign key stays within a team. Read from the catalog, so a new table is checked too.
 */
class DistributableSchemaTests extends IntegrationTest {

    /**
     * Not by team, and small: they would be reference tables, copied to every node. An installation is keyed by its
     * tenant (a team, or an Enterprise Grid org whose install serves many teams); an install in progress belongs to no
     * team yet; Flyway's history is the schema's own.
     */
    private static final Set<String> REFERENCE_TABLES = Set.of("installations", "oauth_states",
            "flyway_schema_history");

    @Test
    void everyTableCarriesTheTeam() {
        List<String> withoutTeam = jdbc.sql("""
                        SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                        WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
                          AND NOT EXISTS (SELECT 1 FROM pg_attribute a
                                          WHERE a.attrelid = c.oid AND a.attname = 'team_id' AND NOT a.attisdropped)
                        ORDER BY 1
                        """)
                .query(String.class).list();

        assertThat(withoutTeam).isSubsetOf(REFERENCE_TABLES);
        assertThat(tables()).as("the schema was read").contains("takeaways", "takeaway_links", "talks",
                "digest_runs", "installation_teams", "uninstalled_teams");
    }

    @Test
    void everyPrimaryAndUniqueKeyStartsWithTheTeam() {
        List<Map<String, Object>> keys = jdbc.sql("""
                        SELECT t.relname AS tbl, i.relname AS key,
                               (SELECT a.attname FROM pg_attribute a
                                WHERE a.attrelid = x.indrelid AND a.attnum = x.indkey[0]) AS first_column
                        FROM pg_index x
                        JOIN pg_class i ON i.oid = x.indexrelid
                        JOIN pg_class t ON t.oid = x.indrelid
                        JOIN pg_namespace n ON n.oid = t.relnamespace
                        WHERE n.nspname = current_schema() AND (x.indisprimary OR x.indisunique)
                        ORDER BY 1, 2
                        """)
                .query().listOfRows();

        assertThat(keys).as("keys read").hasSizeGreaterThan(15);
        assertThat(keys).filteredOn(key -> !REFERENCE_TABLES.contains((String) key.get("tbl")))
                .allSatisfy(key -> assertThat(key.get("first_column")).as("%s on %s", key.get("key"), key.get("tbl"))
                        .isEqualTo("team_id"));
    }

    @Test
    void everyForeignKeyStaysWithinATeam() {
        List<Map<String, Object>> foreignKeys = jdbc.sql("""
                        SELECT c.conname, c.conrelid::regclass::text AS tbl, c.confrelid::regclass::text AS refers_to,
                               (SELECT a.attname FROM pg_attribute a
                                WHERE a.attrelid = c.conrelid AND a.attnum = c.conkey[1]) AS first_column,
                               (SELECT a.attname FROM pg_attribute a
                                WHERE a.attrelid = c.confrelid AND a.attnum = c.confkey[1]) AS first_referenced
                        FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
                        WHERE n.nspname = current_schema() AND c.contype = 'f'
                        ORDER BY 1
                        """)
                .query().listOfRows();

        assertThat(foreignKeys).as("foreign keys read").hasSizeGreaterThan(5);
        assertThat(foreignKeys).filteredOn(key -> !REFERENCE_TABLES.contains((String) key.get("refers_to")))
                .allSatisfy(key -> assertThat(List.of(key.get("first_column"), key.get("first_referenced")))
                        .as("%s on %s", key.get("conname"), key.get("tbl")).containsOnly("team_id"));
    }

    private List<String> tables() {
        return jdbc.sql("""
                        SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                        WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
                        """)
                .query(String.class).list();
    }
}
