package app.takeaways.workspace;

import app.takeaways.testbed.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The installation store on the real database: save, find, list, delete, token rotation and keys at rest. */
class InstallationsTests extends IntegrationTest {

    static final String TOKEN = "xoxb-111-222-Team1BotTokenValue";
    static final String REFRESH = "xoxe-1-Team1RefreshTokenValue";
    private static final Instant INSTALLED = Instant.parse("2026-03-02T09:00:00Z");
    private static final Clock CLOCK = Clock.fixed(INSTALLED.plus(Duration.ofHours(1)), ZoneOffset.UTC);

    @Autowired
    private DataSource dataSource;

    @Autowired
    private PlatformTransactionManager transactionManager;

    @Autowired
    private EncryptionSettings settings;

    private Installations installations;

    @BeforeEach
    void store() {
        installations = storeWith(TokenCipher.of(TokenCipherTests.KEY, List.of()));
    }

    @Test
    void savesAndFindsATeamInstall() {
        installations.save(teamInstall("T111", TOKEN, REFRESH));

        Installation found = installations.find(null, "T111").orElseThrow();
        assertThat(found).isEqualTo(teamInstall("T111", TOKEN, REFRESH));
        assertThat(found.tenantId()).isEqualTo("T111");
        assertThat(installations.find(null, "T999")).isEmpty();
        assertThat(found.toString()).doesNotContain(TOKEN).doesNotContain(REFRESH);
    }

    @Test
    void aReinstallReplacesTheTeamsInstallation() {
        installations.save(teamInstall("T111", TOKEN, REFRESH));
        installations.save(teamInstall("T111", "xoxb-reinstalled", null));

        assertThat(installations.all()).extracting(Installation::botToken, Installation::botRefreshToken)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("xoxb-reinstalled", null));
    }

    @Test
    void anOrgWideInstallServesEveryTeamOfItsEnterprise() {
        Installation org = new Installation(null, "E100", true, "https://acme.enterprise.slack.com/", "A1",
                "U0BOT", "B0BOT", "commands,chat:write", "xoxb-org-token", null, null, "U0ADMIN", INSTALLED);
        Installation elsewhere = new Installation("T300", "E200", false, null, "A1", "U3BOT", "B3BOT", "commands",
                "xoxb-team-in-other-org", null, null, "U3", INSTALLED);
        installations.save(org);
        installations.save(elsewhere);

        assertThat(installations.find("E100", "T101")).contains(org);
        assertThat(installations.find("E100", null)).contains(org);
        // T101 reached the app with its org above: the scheduler, knowing only the team, finds the org's install.
        assertThat(installations.find(null, "T101")).contains(org);
        assertThat(installations.servedTeams("E100")).containsExactly("T101");
        assertThat(installations.find(null, "T102")).isEmpty();
        assertThat(installations.find("E200", "T300")).contains(elsewhere);
        assertThat(org.tenantId()).isEqualTo("E100");
        assertThat(jdbc.sql("SELECT tenant_id FROM installations ORDER BY tenant_id").query(String.class).list())
                .containsExactly("E100", "T300");
        assertThat(installations.servedTeams("T300")).containsExactly("T300");

        installations.delete("E100");
        assertThat(installations.find(null, "T101")).isEmpty();
        assertThat(installations.servedTeams("E100")).isEmpty();
    }

    @Test
    void listsAndDeletesInstallations() {
        installations.save(teamInstall("T111", TOKEN, REFRESH));
        installations.save(teamInstall("T222", "xoxb-222-token", null));
        installations.save(new Installation(null, "E100", true, null, "A1", "U0BOT", "B0BOT", "commands",
                "xoxb-org-token", null, null, "U0ADMIN", INSTALLED));

        assertThat(installations.all()).extracting(Installation::tenantId, Installation::botToken)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("E100", "xoxb-org-token"),
                        org.assertj.core.groups.Tuple.tuple("T111", TOKEN),
                        org.assertj.core.groups.Tuple.tuple("T222", "xoxb-222-token"));

        assertThat(installations.delete(Installations.tenantOf(false, null, "T111"))).isTrue();
        assertThat(installations.delete("T111")).isFalse();
        assertThat(installations.delete(Installations.tenantOf(true, "E100", null))).isTrue();
        assertThat(installations.all()).extracting(Installation::tenantId).containsExactly("T222");
    }

    @Test
    void theStoredRowHoldsNoUsableToken() {
        installations.save(teamInstall("T111", TOKEN, REFRESH));

        // What a database dump shows: every column of the row, as text.
        String dumped = jdbc.sql("SELECT i::text FROM installations i").query(String.class).single();
        for (String secret : List.of(TOKEN, REFRESH)) {
            assertThat(dumped).doesNotContain(secret)
                    .doesNotContain(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)))
                    .doesNotContain(secret.substring(5));
        }
        String keyId = TokenCipherTests.keyIdOf(TokenCipherTests.KEY);
        assertThat(jdbc.sql("SELECT bot_token FROM installations").query(String.class).single())
                .startsWith("tk1:" + keyId + ":");
        assertThat(jdbc.sql("SELECT key_id FROM installations").query(String.class).single()).isEqualTo(keyId);
    }

    @Test
    void aWrongKeyFailsLoudlyInsteadOfReturningATokenNobodyStored() {
        installations.save(teamInstall("T111", TOKEN, REFRESH));
        Installations withAnotherKey = storeWith(TokenCipher.of(TokenCipherTests.NEW_KEY, List.of()));

        assertThatThrownBy(() -> withAnotherKey.find(null, "T111"))
                .isInstanceOf(TokenDecryptionException.class)
                .hasMessageStartingWith("A stored token was encrypted with key "
                        + TokenCipherTests.keyIdOf(TokenCipherTests.KEY)
                        + ", which is neither TAKEAWAYS_ENCRYPTION_KEY");
    }

    @Test
    void aTokenCopiedIntoAnotherRowDoesNotDecrypt() {
        installations.save(teamInstall("T111", TOKEN, REFRESH));
        installations.save(teamInstall("T222", "xoxb-222-token", null));
        jdbc.sql("UPDATE installations SET bot_token = (SELECT bot_token FROM installations WHERE tenant_id = 'T111')"
                + " WHERE tenant_id = 'T222'").update();

        assertThatThrownBy(() -> installations.find(null, "T222"))
                .isInstanceOf(TokenDecryptionException.class)
                .hasMessage("A stored token does not decrypt with key " + TokenCipherTests.keyIdOf(TokenCipherTests.KEY)
                        + ": it was changed, belongs to another row, or the key is not the one that encrypted it.");
    }

    @Test
    void aRowUnderAnOldKeyIsReencryptedWhenRead() {
        installations.save(teamInstall("T111", TOKEN, REFRESH));
        String oldId = TokenCipherTests.keyIdOf(TokenCipherTests.KEY);
        String newId = TokenCipherTests.keyIdOf(TokenCipherTests.NEW_KEY);
        Installations rotated = storeWith(TokenCipher.of(TokenCipherTests.NEW_KEY, List.of(TokenCipherTests.KEY)));

        assertThat(rotated.find(null, "T111").orElseThrow().tokens())
                .isEqualTo(teamInstall("T111", TOKEN, REFRESH).tokens());

        assertThat(jdbc.sql("SELECT key_id FROM installations").query(String.class).single()).isEqualTo(newId);
        assertThat(jdbc.sql("SELECT bot_token || bot_refresh_token FROM installations").query(String.class).single())
                .doesNotContain(oldId);
        Installations newKeyOnly = storeWith(TokenCipher.of(TokenCipherTests.NEW_KEY, List.of()));
        assertThat(newKeyOnly.find(null, "T111").orElseThrow().botRefreshToken()).isEqualTo(REFRESH);
    }

    @Test
    void reencryptsEveryRowUnderAnOldKeyAtOnce() {
        installations.save(teamInstall("T111", TOKEN, REFRESH));
        installations.save(teamInstall("T222", "xoxb-222-token", null));
        Installations rotated = storeWith(TokenCipher.of(TokenCipherTests.NEW_KEY, List.of(TokenCipherTests.KEY)));

        assertThat(rotated.reencryptAll()).isEqualTo(2);
        assertThat(rotated.reencryptAll()).isZero();
        assertThat(storeWith(TokenCipher.of(TokenCipherTests.NEW_KEY, List.of())).all())
                .extracting(Installation::botToken).containsExactly(TOKEN, "xoxb-222-token");
    }

    @Test
    void rotationStoresOnlyWhenTheRefreshedTokenIsStillTheStoredOne() {
        installations.save(teamInstall("T111", TOKEN, REFRESH));
        BotTokens fresh = new BotTokens("xoxe.xoxb-fresh", "xoxe-1-fresh", INSTALLED.plus(Duration.ofHours(12)));

        assertThat(installations.rotate("T111", "xoxe-1-someOtherToken", fresh)).isFalse();
        assertThat(installations.find(null, "T111").orElseThrow().tokens())
                .isEqualTo(teamInstall("T111", TOKEN, REFRESH).tokens());

        assertThat(installations.rotate("T111", REFRESH, fresh)).isTrue();
        assertThat(installations.find(null, "T111").orElseThrow().tokens()).isEqualTo(fresh);
        assertThat(installations.rotate("T999", REFRESH, fresh)).isFalse();
    }

    @Test
    void ofTwoInstancesRotatingAtOnceExactlyOneStoresAndTheOtherSeesItsTokens() throws Exception {
        installations.save(teamInstall("T111", TOKEN, REFRESH));
        BotTokens first = new BotTokens("xoxe.xoxb-first", "xoxe-1-first", INSTALLED.plus(Duration.ofHours(12)));
        BotTokens second = new BotTokens("xoxe.xoxb-second", "xoxe-1-second", INSTALLED.plus(Duration.ofHours(12)));
        // A third transaction holds the row, so both rotations are in flight, waiting on it, before either can check.
        ExecutorService instances = Executors.newFixedThreadPool(2);
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement(
                    "SELECT 1 FROM installations WHERE tenant_id = 'T111' FOR UPDATE")) {
                lock.executeQuery().close();
            }
            CompletableFuture<Boolean> a = CompletableFuture.supplyAsync(
                    () -> installations.rotate("T111", REFRESH, first), instances);
            CompletableFuture<Boolean> b = CompletableFuture.supplyAsync(
                    () -> installations.rotate("T111", REFRESH, second), instances);
            await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("""
                            SELECT count(*) FROM pg_stat_activity
                            WHERE datname = current_database() AND wait_event_type = 'Lock'
                              AND query LIKE '%FOR UPDATE%'
                            """).query(Long.class).single() == 2);
            assertThat(a).isNotDone();
            assertThat(b).isNotDone();
            holder.commit();

            List<Boolean> stored = List.of(a.get(10, TimeUnit.SECONDS), b.get(10, TimeUnit.SECONDS));
            assertThat(stored).containsExactlyInAnyOrder(true, false);
            BotTokens winner = stored.get(0) ? first : second;
            assertThat(installations.find(null, "T111").orElseThrow().tokens()).isEqualTo(winner);
        } finally {
            instances.shutdownNow();
        }
    }

    @Test
    void theAppStartsWithoutAKeyAndOnlyWhatAsksForOneFails() {
        // This context started in single-workspace mode, with TAKEAWAYS_ENCRYPTION_KEY unset.
        assertThat(settings.key()).isNullOrEmpty();
        assertThatThrownBy(settings::requireCipher)
                .isInstanceOf(app.takeaways.platform.InvalidSettingException.class)
                .hasMessageStartingWith("TAKEAWAYS_ENCRYPTION_KEY is not set: ");
    }

    private Installations storeWith(TokenCipher cipher) {
        return new Installations(jdbc, new TransactionTemplate(transactionManager), cipher, CLOCK);
    }

    static Installation teamInstall(String teamId, String token, String refreshToken) {
        return new Installation(teamId, null, false, null, "A0APP", "U0BOT", "B0BOT", "commands,chat:write",
                token, refreshToken, refreshToken == null ? null : INSTALLED.plus(Duration.ofHours(12)), "U0INSTALLER",
                INSTALLED);
    }
}
