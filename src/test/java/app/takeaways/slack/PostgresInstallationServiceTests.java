package app.takeaways.slack;

import app.takeaways.testbed.IntegrationTest;
import app.takeaways.workspace.Installations;
import app.takeaways.workspace.TokenCipher;
import com.slack.api.bolt.model.Bot;
import com.slack.api.bolt.model.Installer;
import com.slack.api.bolt.model.builtin.DefaultInstaller;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bolt's installation store on Postgres: what Bolt saves after an OAuth install, finds per request, refreshes. */
class PostgresInstallationServiceTests extends IntegrationTest {

    private static final String KEY = Base64.getEncoder()
            .encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    private static final long INSTALLED_AT = Instant.parse("2026-03-02T09:00:00Z").toEpochMilli();
    private static final long EXPIRES_AT = Instant.parse("2026-03-02T21:00:00Z").toEpochMilli();

    @Autowired
    private PlatformTransactionManager transactionManager;

    private PostgresInstallationService service;

    @BeforeEach
    void store() {
        Installations installations = new Installations(jdbc, new TransactionTemplate(transactionManager),
                TokenCipher.of(KEY, List.of()), Clock.fixed(Instant.ofEpochMilli(INSTALLED_AT), ZoneOffset.UTC));
        service = new PostgresInstallationService(installations);
    }

    @Test
    void findsTheBotAndInstallerOfATeamInstall() {
        service.saveInstallerAndBot(installer("T111", null, false, "xoxb-team-token", "xoxe-1-refresh"));

        Bot bot = service.findBot(null, "T111");
        assertThat(bot.getTeamId()).isEqualTo("T111");
        assertThat(bot.getEnterpriseId()).isNull();
        assertThat(bot.getIsEnterpriseInstall()).isFalse();
        assertThat(bot.getAppId()).isEqualTo("A0APP");
        assertThat(bot.getBotId()).isEqualTo("B0BOT");
        assertThat(bot.getBotUserId()).isEqualTo("U0BOT");
        assertThat(bot.getBotScope()).isEqualTo("commands,chat:write");
        assertThat(bot.getBotAccessToken()).isEqualTo("xoxb-team-token");
        assertThat(bot.getBotRefreshToken()).isEqualTo("xoxe-1-refresh");
        assertThat(bot.getBotTokenExpiresAt()).isEqualTo(EXPIRES_AT);
        assertThat(bot.getInstalledAt()).isEqualTo(INSTALLED_AT);
        assertThat(bot.toString()).doesNotContain("xoxb-team-token").doesNotContain("xoxe-1-refresh");

        Installer found = service.findInstaller(null, "T111", "U0INSTALLER");
        assertThat(found.getInstallerUserId()).isEqualTo("U0INSTALLER");
        assertThat(found.getBotAccessToken()).isEqualTo("xoxb-team-token");
        assertThat(found.getInstallerUserAccessToken()).isNull();
        assertThat(service.findInstaller(null, "T111", null).getBotUserId()).isEqualTo("U0BOT");
        assertThat(service.findInstaller(null, "T111", "U0SOMEONEELSE")).isNull();
        assertThat(service.findBot(null, "T999")).isNull();
        assertThat(service.isHistoricalDataEnabled()).isFalse();
    }

    @Test
    void anOrgWideInstallAnswersForEveryTeamOfTheEnterprise() {
        service.saveInstallerAndBot(installer(null, "E100", true, "xoxb-org-token", null));

        Bot bot = service.findBot("E100", "T555");
        assertThat(bot.getEnterpriseId()).isEqualTo("E100");
        assertThat(bot.getTeamId()).isEqualTo("T555");
        assertThat(bot.getIsEnterpriseInstall()).isTrue();
        assertThat(bot.getBotAccessToken()).isEqualTo("xoxb-org-token");
        assertThat(service.findInstaller("E100", "T555", "U0INSTALLER").getIsEnterpriseInstall()).isTrue();
        // A workspace that reached the app with its org is found by itself later; one that never did is not.
        assertThat(service.findBot(null, "T555").getBotAccessToken()).isEqualTo("xoxb-org-token");
        assertThat(service.findBot(null, "T556")).isNull();

        service.deleteBot(bot);
        assertThat(service.findBot("E100", "T555")).isNull();
    }

    @Test
    void neverStoresTheInstallersUserToken() {
        DefaultInstaller installer = installer("T111", null, false, "xoxb-team-token", null);
        installer.setInstallerUserAccessToken("xoxp-user-token-value");
        installer.setInstallerUserRefreshToken("xoxe-1-user-refresh-value");
        service.saveInstallerAndBot(installer);

        String dumped = jdbc.sql("SELECT i::text FROM installations i").query(String.class).single();
        assertThat(dumped).doesNotContain("xoxp-user-token-value").doesNotContain("user-refresh-value")
                .doesNotContain("xoxb-team-token");
        assertThat(service.findInstaller(null, "T111", "U0INSTALLER").getInstallerUserRefreshToken()).isNull();
    }

    @Test
    void deletesOnUninstallAndKeepsTheBotWhenOnlyAUserTokenIsRevoked() {
        service.saveInstallerAndBot(installer("T111", null, false, "xoxb-111", null));
        service.saveInstallerAndBot(installer("T222", null, false, "xoxb-222", null));

        service.deleteInstaller(service.findInstaller(null, "T111", "U0INSTALLER"));
        assertThat(service.findBot(null, "T111")).isNotNull();

        service.deleteAll(null, "T111");
        assertThat(service.findBot(null, "T111")).isNull();
        service.deleteBot(service.findBot(null, "T222"));
        assertThat(count("installations")).isZero();
    }

    @Test
    void storesABotBoltRefreshed() {
        service.saveInstallerAndBot(installer("T111", null, false, "xoxe.xoxb-old", "xoxe-1-old"));

        Bot bot = service.findBot(null, "T111");
        refresh(bot, "new");
        service.saveBot(bot);

        Bot stored = service.findBot(null, "T111");
        assertThat(stored.getBotAccessToken()).isEqualTo("xoxe.xoxb-new");
        assertThat(stored.getBotRefreshToken()).isEqualTo("xoxe-1-new");
        assertThat(stored.getBotTokenExpiresAt()).isEqualTo(EXPIRES_AT + 1000);
        assertThat(service.findInstaller(null, "T111", "U0INSTALLER").getInstallerUserId()).isEqualTo("U0INSTALLER");
    }

    @Test
    void ofTwoInstancesRefreshingTheSameBotTheFirstToSaveWins() {
        service.saveInstallerAndBot(installer("T111", null, false, "xoxe.xoxb-old", "xoxe-1-old"));
        Bot onInstanceA = service.findBot(null, "T111");
        Bot onInstanceB = service.findBot(null, "T111");
        refresh(onInstanceA, "from-a");
        refresh(onInstanceB, "from-b");

        service.saveBot(onInstanceA);
        service.saveBot(onInstanceB);

        Bot stored = service.findBot(null, "T111");
        assertThat(stored.getBotAccessToken()).isEqualTo("xoxe.xoxb-from-a");
        assertThat(stored.getBotRefreshToken()).isEqualTo("xoxe-1-from-a");
    }

    @Test
    void keepsNoHistory() {
        service.setHistoricalDataEnabled(false);
        assertThatThrownBy(() -> service.setHistoricalDataEnabled(true))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessage("Installations keep no history: only the current one is stored");
    }

    /** What Bolt's token rotation does to the bot it found: new tokens set on it, then saveBot. */
    private static void refresh(Bot bot, String suffix) {
        bot.setBotAccessToken("xoxe.xoxb-" + suffix);
        bot.setBotRefreshToken("xoxe-1-" + suffix);
        bot.setBotTokenExpiresAt(EXPIRES_AT + 1000);
    }

    private static DefaultInstaller installer(String teamId, String enterpriseId, boolean enterpriseInstall,
                                              String botToken, String refreshToken) {
        DefaultInstaller installer = new DefaultInstaller();
        installer.setAppId("A0APP");
        installer.setTeamId(teamId);
        installer.setEnterpriseId(enterpriseId);
        installer.setIsEnterpriseInstall(enterpriseInstall);
        installer.setTokenType("bot");
        installer.setInstallerUserId("U0INSTALLER");
        installer.setBotId("B0BOT");
        installer.setBotUserId("U0BOT");
        installer.setBotScope("commands,chat:write");
        installer.setBotAccessToken(botToken);
        installer.setBotRefreshToken(refreshToken);
        installer.setBotTokenExpiresAt(refreshToken == null ? null : EXPIRES_AT);
        installer.setInstalledAt(INSTALLED_AT);
        return installer;
    }
}
