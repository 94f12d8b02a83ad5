package app.takeaways.workspace;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * The installations of the app (OAuth mode), stored in Postgres with their tokens encrypted by a {@link TokenCipher}.
 * A value still under an old key is re-encrypted under the current one when it is read ({@link #reencryptAll()} does
 * every row at once).
 * <p>
 * Not a bean: it needs the encryption key, which only OAuth mode requires, so that mode's configuration builds it
 * from {@link EncryptionSettings#requireCipher()}.
 */
public class Installations {

    /**
     * The installation serving a team: the org-wide one of its enterprise first (named, or known to serve the team
     * from an earlier request), else the team's own.
     */
    private static final String SERVING = """
            (is_enterprise_install AND (tenant_id = :enterprise
                OR tenant_id = (SELECT t.tenant_id FROM installation_teams t WHERE t.team_id = :team)))
            OR (NOT is_enterprise_install AND tenant_id = :team)
            """;

    private final JdbcClient jdbc;
    private final TransactionOperations transactions;
    private final TokenCipher cipher;
    private final Clock clock;

    public Installations(JdbcClient jdbc, TransactionOperations transactions, TokenCipher cipher, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** What an installation is stored under: the enterprise for an org-wide install, else the team. */
    public static String tenantOf(boolean enterpriseInstall, String enterpriseId, String teamId) {
        return enterpriseInstall ? enterpriseId : teamId;
    }

    /** Stores an installation, replacing the tenant's previous one (a re-install). */
    public void save(Installation installation) {
        String tenant = installation.tenantId();
        jdbc.sql("""
                        INSERT INTO installations (tenant_id, team_id, enterprise_id, is_enterprise_install,
                            enterprise_url, app_id, bot_user_id, bot_id, bot_scopes, bot_token, bot_refresh_token,
                            bot_token_expires_at, installer_user_id, key_id, installed_at, updated_at)
                        VALUES (:tenant, :team, :enterprise, :enterpriseInstall, :enterpriseUrl, :appId, :botUserId,
                            :botId, :botScopes, :botToken, :refreshToken, :expiresAt, :installer, :keyId,
                            :installedAt, :now)
                        ON CONFLICT (tenant_id) DO UPDATE SET team_id = EXCLUDED.team_id,
                            enterprise_id = EXCLUDED.enterprise_id,
                            is_enterprise_install = EXCLUDED.is_enterprise_install,
                            enterprise_url = EXCLUDED.enterprise_url, app_id = EXCLUDED.app_id,
                            bot_user_id = EXCLUDED.bot_user_id, bot_id = EXCLUDED.bot_id,
                            bot_scopes = EXCLUDED.bot_scopes, bot_token = EXCLUDED.bot_token,
                            bot_refresh_token = EXCLUDED.bot_refresh_token,
                            bot_token_expires_at = EXCLUDED.bot_token_expires_at,
                            installer_user_id = EXCLUDED.installer_user_id, key_id = EXCLUDED.key_id,
                            installed_at = EXCLUDED.installed_at, updated_at = EXCLUDED.updated_at
                        """)
                .param("tenant", tenant)
                .param("team", installation.teamId())
                .param("enterprise", installation.enterpriseId())
                .param("enterpriseInstall", installation.enterpriseInstall())
                .param("enterpriseUrl", installation.enterpriseUrl())
                .param("appId", installation.appId())
                .param("botUserId", installation.botUserId())
                .param("botId", installation.botId())
                .param("botScopes", installation.botScopes())
                .param("botToken", cipher.encrypt(installation.botToken(), context(tenant, "bot_token")))
                .param("refreshToken", encryptRefreshToken(tenant, installation.botRefreshToken()))
                .param("expiresAt", at(installation.botTokenExpiresAt()))
                .param("installer", installation.installerUserId())
                .param("keyId", cipher.currentKeyId())
                .param("installedAt", at(installation.installedAt() == null
                        ? clock.instant() : installation.installedAt()))
                .param("now", OffsetDateTime.now(clock))
                .update();
    }

    /**
     * The installation serving a team: the org-wide install of {@code enterpriseId} if there is one, else the
     * install into {@code teamId}.
     */
    public Optional<Installation> find(String enterpriseId, String teamId) {
        Optional<Installation> found = jdbc.sql(
                        "SELECT * FROM installations WHERE " + SERVING + " ORDER BY is_enterprise_install DESC LIMIT 1")
                .param("enterprise", enterpriseId)
                .param("team", teamId)
                .query(this::read)
                .optional()
                .map(this::current);
        found.filter(Installation::enterpriseInstall)
                .filter(org -> teamId != null && enterpriseId != null)
                .ifPresent(org -> remember(org.tenantId(), teamId));
        return found;
    }

    /**
     * The workspaces an installation serves: the team of a workspace install; for an org-wide install, those of its
     * org that reached the app so far.
     */
    public List<String> servedTeams(String tenantId) {
        return jdbc.sql("""
                        SELECT team_id FROM installations
                        WHERE tenant_id = :tenant AND NOT is_enterprise_install AND team_id IS NOT NULL
                        UNION
                        SELECT team_id FROM installation_teams WHERE tenant_id = :tenant
                        ORDER BY team_id
                        """)
                .param("tenant", tenantId)
                .query(String.class)
                .list();
    }

    /** An org-wide installation serves this team (a request said so): later lookups by the team alone find it. */
    private void remember(String tenantId, String teamId) {
        jdbc.sql("""
                        INSERT INTO installation_teams (team_id, tenant_id, seen_at) VALUES (:team, :tenant, :now)
                        ON CONFLICT (team_id) DO UPDATE SET tenant_id = EXCLUDED.tenant_id, seen_at = EXCLUDED.seen_at
                        WHERE installation_teams.tenant_id <> EXCLUDED.tenant_id
                        """)
                .param("team", teamId)
                .param("tenant", tenantId)
                .param("now", OffsetDateTime.now(clock))
                .update();
    }

    /** Every installation (Bolt's store has no such thing; the digest scheduler needs every team's token). */
    public List<Installation> all() {
        return jdbc.sql("SELECT * FROM installations ORDER BY tenant_id").query(this::read).list().stream()
                .map(this::current)
                .toList();
    }

    /**
     * Removes a tenant's installation (see {@link #tenantOf}), as when the app is uninstalled or its tokens revoked.
     *
     * @return whether there was one
     */
    public boolean delete(String tenantId) {
        return jdbc.sql("DELETE FROM installations WHERE tenant_id = :tenant").param("tenant", tenantId).update() > 0;
    }

    /**
     * Stores rotated tokens, only if the refresh token stored is still {@code refreshedWith}, the one they were
     * obtained with: of two instances refreshing at once, the first to store wins and the other stores nothing
     * (and reads the winner's tokens with {@link #find}), so no refresh token is ever lost. The row is locked
     * ({@code FOR UPDATE}) from the check to the write.
     *
     * @return whether these tokens were stored
     */
    public boolean rotate(String tenantId, String refreshedWith, BotTokens rotated) {
        Boolean stored = transactions.execute(status -> {
            Optional<String> current = jdbc.sql(
                            "SELECT bot_refresh_token FROM installations WHERE tenant_id = :tenant FOR UPDATE")
                    .param("tenant", tenantId)
                    .query((rows, n) -> Optional.ofNullable(rows.getString("bot_refresh_token")))
                    .optional()
                    .flatMap(value -> value)
                    .map(value -> cipher.decrypt(value, context(tenantId, "bot_refresh_token")));
            if (current.isEmpty() || !sameToken(current.get(), refreshedWith)) {
                return false;
            }
            return jdbc.sql("""
                            UPDATE installations SET bot_token = :botToken, bot_refresh_token = :refreshToken,
                                bot_token_expires_at = :expiresAt, key_id = :keyId, updated_at = :now
                            WHERE tenant_id = :tenant
                            """)
                    .param("botToken", cipher.encrypt(rotated.accessToken(), context(tenantId, "bot_token")))
                    .param("refreshToken", encryptRefreshToken(tenantId, rotated.refreshToken()))
                    .param("expiresAt", at(rotated.expiresAt()))
                    .param("keyId", cipher.currentKeyId())
                    .param("now", OffsetDateTime.now(clock))
                    .param("tenant", tenantId)
                    .update() == 1;
        });
        return Boolean.TRUE.equals(stored);
    }

    /**
     * Re-encrypts under the current key every installation still under an old one (after a key rotation, before the
     * old key is dropped from {@code TAKEAWAYS_ENCRYPTION_OLD_KEYS}).
     *
     * @return how many installations were re-encrypted
     */
    public int reencryptAll() {
        List<Stored> stale = jdbc.sql("SELECT * FROM installations WHERE key_id <> :current ORDER BY tenant_id")
                .param("current", cipher.currentKeyId())
                .query(this::read)
                .list();
        stale.forEach(this::current);
        return stale.size();
    }

    /** A row as read: its installation decrypted, and what it held, to re-encrypt it only if nobody changed it. */
    private record Stored(Installation installation, String botToken, String keyId) {
    }

    private Stored read(ResultSet rows, int n) throws SQLException {
        String tenant = rows.getString("tenant_id");
        String botToken = rows.getString("bot_token");
        String refreshToken = rows.getString("bot_refresh_token");
        Installation installation = new Installation(
                rows.getString("team_id"),
                rows.getString("enterprise_id"),
                rows.getBoolean("is_enterprise_install"),
                rows.getString("enterprise_url"),
                rows.getString("app_id"),
                rows.getString("bot_user_id"),
                rows.getString("bot_id"),
                rows.getString("bot_scopes"),
                cipher.decrypt(botToken, context(tenant, "bot_token")),
                refreshToken == null ? null : cipher.decrypt(refreshToken, context(tenant, "bot_refresh_token")),
                instant(rows.getObject("bot_token_expires_at", OffsetDateTime.class)),
                rows.getString("installer_user_id"),
                instant(rows.getObject("installed_at", OffsetDateTime.class)));
        return new Stored(installation, botToken, rows.getString("key_id"));
    }

    /** The installation, its row re-encrypted under the current key first if it was under an old one. */
    private Installation current(Stored stored) {
        Installation installation = stored.installation();
        if (!stored.keyId().equals(cipher.currentKeyId())) {
            String tenant = installation.tenantId();
            // Only if the row still holds what was read: a rotation stored meanwhile is newer, and already current.
            jdbc.sql("""
                            UPDATE installations SET bot_token = :botToken, bot_refresh_token = :refreshToken,
                                key_id = :keyId
                            WHERE tenant_id = :tenant AND bot_token = :read
                            """)
                    .param("botToken", cipher.encrypt(installation.botToken(), context(tenant, "bot_token")))
                    .param("refreshToken", encryptRefreshToken(tenant, installation.botRefreshToken()))
                    .param("keyId", cipher.currentKeyId())
                    .param("tenant", tenant)
                    .param("read", stored.botToken())
                    .update();
        }
        return installation;
    }

    private String encryptRefreshToken(String tenant, String refreshToken) {
        return refreshToken == null ? null : cipher.encrypt(refreshToken, context(tenant, "bot_refresh_token"));
    }

    /** What a value is bound to: its row and column, so a value moved elsewhere does not decrypt. */
    private static String context(String tenant, String column) {
        return "installations/" + tenant + "/" + column;
    }

    private static boolean sameToken(String a, String b) {
        return b != null
                && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
