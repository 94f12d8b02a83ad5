package app.takeaways.slack;

import app.takeaways.workspace.BotTokens;
import app.takeaways.workspace.Installation;
import app.takeaways.workspace.Installations;
import com.slack.api.bolt.model.Bot;
import com.slack.api.bolt.model.Installer;
import com.slack.api.bolt.model.builtin.DefaultBot;
import com.slack.api.bolt.model.builtin.DefaultInstaller;
import com.slack.api.bolt.service.InstallationService;

import java.time.Instant;
import java.util.Objects;

/**
 * Bolt's installation store on {@link Installations} (Postgres, tokens encrypted at rest), for OAuth mode. Bolt asks
 * with an enterprise id and a team id; an org-wide install of the enterprise serves every team of it.
 * <p>
 * No history is kept ({@link #isHistoricalDataEnabled()} is false) and no user token: the bot acts only as itself, so
 * {@link #findInstaller} answers the installer with the bot's tokens and no user token, and {@link #deleteInstaller}
 * (a user's token revoked) removes nothing. When Bolt refreshes a rotating token it changes the bot
 * {@link #findBot} gave it and calls {@link #saveBot}: the bot remembers the refresh token it was read with, so the
 * new tokens are stored only if no other instance stored its own first ({@link Installations#rotate}).
 * <p>
 * Not a bean: OAuth mode's configuration builds it with the {@link Installations} it builds.
 */
class PostgresInstallationService implements InstallationService {

    private final Installations installations;

    PostgresInstallationService(Installations installations) {
        this.installations = installations;
    }

    @Override
    public boolean isHistoricalDataEnabled() {
        return false;
    }

    @Override
    public void setHistoricalDataEnabled(boolean historicalDataEnabled) {
        if (historicalDataEnabled) {
            throw new UnsupportedOperationException("Installations keep no history: only the current one is stored");
        }
    }

    @Override
    public void saveInstallerAndBot(Installer installer) {
        installations.save(new Installation(installer.getTeamId(), installer.getEnterpriseId(),
                Boolean.TRUE.equals(installer.getIsEnterpriseInstall()), installer.getEnterpriseUrl(),
                installer.getAppId(), installer.getBotUserId(), installer.getBotId(), installer.getBotScope(),
                installer.getBotAccessToken(), installer.getBotRefreshToken(),
                instant(installer.getBotTokenExpiresAt()), installer.getInstallerUserId(),
                instant(installer.getInstalledAt())));
    }

    /** A bot Bolt refreshed (token rotation): stored only if its refresh token is still the one stored. */
    @Override
    public void saveBot(Bot bot) {
        String tenant = tenantOf(bot);
        BotTokens tokens = new BotTokens(bot.getBotAccessToken(), bot.getBotRefreshToken(),
                instant(bot.getBotTokenExpiresAt()));
        if (bot instanceof StoredBot stored && stored.readRefreshToken() != null) {
            installations.rotate(tenant, stored.readRefreshToken(), tokens);
            return;
        }
        Installation current = installations.find(bot.getEnterpriseId(), bot.getTeamId())
                .filter(found -> found.tenantId().equals(tenant))
                .orElseThrow(() -> new IllegalStateException("No installation of " + tenant + " to save a bot into"));
        installations.save(current.withTokens(tokens));
    }

    @Override
    public void deleteBot(Bot bot) {
        installations.delete(tenantOf(bot));
    }

    /** A user's token revoked: none is stored, so nothing goes (the bot's revocation comes as {@link #deleteBot}). */
    @Override
    public void deleteInstaller(Installer installer) {
        // Nothing of a user is stored but the installer's id, which is kept with the installation it made.
    }

    /** The app uninstalled: the installation that served the team goes. */
    @Override
    public void deleteAll(String enterpriseId, String teamId) {
        installations.find(enterpriseId, teamId).ifPresent(found -> installations.delete(found.tenantId()));
    }

    @Override
    public Bot findBot(String enterpriseId, String teamId) {
        return installations.find(enterpriseId, teamId).map(found -> bot(found, teamId)).orElse(null);
    }

    /** The installation as its installer's: only for the installer (or no one in particular), never a user token. */
    @Override
    public Installer findInstaller(String enterpriseId, String teamId, String userId) {
        return installations.find(enterpriseId, teamId)
                .filter(found -> userId == null || Objects.equals(userId, found.installerUserId()))
                .map(found -> installer(found, teamId))
                .orElse(null);
    }

    private static String tenantOf(Bot bot) {
        return Installations.tenantOf(Boolean.TRUE.equals(bot.getIsEnterpriseInstall()), bot.getEnterpriseId(),
                bot.getTeamId());
    }

    /** The installer's bot, remembering the refresh token it was read with. */
    private static Bot bot(Installation found, String teamId) {
        StoredBot bot = new StoredBot(found.botRefreshToken());
        bot.setAppId(found.appId());
        bot.setEnterpriseId(found.enterpriseId());
        bot.setTeamId(found.enterpriseInstall() ? teamId : found.teamId());
        bot.setIsEnterpriseInstall(found.enterpriseInstall());
        bot.setEnterpriseUrl(found.enterpriseUrl());
        bot.setBotId(found.botId());
        bot.setBotUserId(found.botUserId());
        bot.setScope(found.botScopes());
        bot.setBotScope(found.botScopes());
        bot.setBotAccessToken(found.botToken());
        bot.setBotRefreshToken(found.botRefreshToken());
        bot.setBotTokenExpiresAt(millis(found.botTokenExpiresAt()));
        bot.setInstalledAt(millis(found.installedAt()));
        return bot;
    }

    /** For an org-wide install, the team asked about: the one the request came from. */
    private static DefaultInstaller installer(Installation found, String teamId) {
        DefaultInstaller installer = new DefaultInstaller();
        installer.setAppId(found.appId());
        installer.setEnterpriseId(found.enterpriseId());
        installer.setTeamId(found.enterpriseInstall() ? teamId : found.teamId());
        installer.setIsEnterpriseInstall(found.enterpriseInstall());
        installer.setEnterpriseUrl(found.enterpriseUrl());
        installer.setTokenType("bot");
        installer.setInstallerUserId(found.installerUserId());
        installer.setBotId(found.botId());
        installer.setBotUserId(found.botUserId());
        installer.setScope(found.botScopes());
        installer.setBotScope(found.botScopes());
        installer.setBotAccessToken(found.botToken());
        installer.setBotRefreshToken(found.botRefreshToken());
        installer.setBotTokenExpiresAt(millis(found.botTokenExpiresAt()));
        installer.setInstalledAt(millis(found.installedAt()));
        return installer;
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    /** A bot as read from the store, remembering the refresh token it had then (Bolt overwrites the field). */
    static final class StoredBot extends DefaultBot {

        private final String readRefreshToken;

        StoredBot(String readRefreshToken) {
            this.readRefreshToken = readRefreshToken;
        }

        String readRefreshToken() {
            return readRefreshToken;
        }

        @Override
        public String toString() {
            return "StoredBot[teamId=" + getTeamId() + ", enterpriseId=" + getEnterpriseId() + ", botUserId="
                    + getBotUserId() + "]";
        }
    }
}
