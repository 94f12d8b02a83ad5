package app.takeaways.workspace;

import app.takeaways.platform.InvalidSettingException;
import app.takeaways.testbed.IntegrationTest;
import app.takeaways.testbed.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionOperations;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The retention of an uninstalled workspace's data, on the real database and a clock the test moves: when it was
 * uninstalled (the first time said), a re-install, which teams are due, and the period's setting.
 */
class TeamRetentionTests extends IntegrationTest {

    private static final Instant UNINSTALLED = Instant.parse("2026-03-02T09:00:00Z");

    @Autowired
    private TransactionOperations transactions;

    @Autowired
    private ChannelDirectory channels;

    @Autowired
    private TeamRetention bean;

    private final MutableClock clock = new MutableClock(UNINSTALLED);

    @Test
    void recordsTheUninstallAtNow() {
        TeamRetention retention = retention("30d");

        retention.uninstalled(List.of("T111", "T222"));

        assertThat(retention.isUninstalled("T111")).isTrue();
        assertThat(retention.isUninstalled("T222")).isTrue();
        assertThat(retention.isUninstalled("T333")).isFalse();
        assertThat(uninstalledAt("T111")).isEqualTo(UNINSTALLED);
    }

    @Test
    void aRetriedUninstallKeepsTheFirstTime() {
        TeamRetention retention = retention("30d");
        retention.uninstalled(List.of("T111"));

        clock.advance(Duration.ofDays(20));
        retention.uninstalled(List.of("T111", "T111", "T222"));

        assertThat(uninstalledAt("T111")).isEqualTo(UNINSTALLED);
        assertThat(uninstalledAt("T222")).isEqualTo(UNINSTALLED.plus(Duration.ofDays(20)));
        clock.advance(Duration.ofDays(10));
        assertThat(retention.expired()).containsExactly(new TeamRetention.Expired("T111", UNINSTALLED));
    }

    @Test
    void uninstallingNoTeamRecordsNothing() {
        retention("30d").uninstalled(List.of());

        assertThat(count("uninstalled_teams")).isZero();
    }

    @Test
    void aReinstallKeepsEverything() {
        TeamRetention retention = retention("30d");
        retention.uninstalled(List.of("T111", "T222"));

        retention.reinstalled("T111");
        clock.advance(Duration.ofDays(31));

        assertThat(retention.isUninstalled("T111")).isFalse();
        assertThat(retention.expired()).extracting(TeamRetention.Expired::teamId).containsExactly("T222");
        assertThat(retention.erase("T111", team -> "erased")).isEmpty();
    }

    @Test
    void aTeamIsDueOnceItsRetentionHasPassed() {
        TeamRetention retention = retention("30d");
        retention.uninstalled(List.of("T111"));

        clock.set(UNINSTALLED.plus(Duration.ofDays(30)).minusSeconds(1));
        assertThat(retention.expired()).isEmpty();
        assertThat(retention.erase("T111", team -> "erased")).isEmpty();
        assertThat(retention.isUninstalled("T111")).isTrue();

        clock.set(UNINSTALLED.plus(Duration.ofDays(30)));
        assertThat(retention.expired()).containsExactly(new TeamRetention.Expired("T111", UNINSTALLED));
        assertThat(retention.erase("T111", team -> "erased " + team)).contains("erased T111");
        assertThat(retention.isUninstalled("T111")).isFalse();
        assertThat(retention.erase("T111", team -> "again")).as("erased once").isEmpty();
    }

    @Test
    void zeroDeletesAtTheNextRound() {
        TeamRetention retention = retention("0");
        retention.uninstalled(List.of("T111"));

        assertThat(retention.retention()).isZero();
        assertThat(retention.expired()).extracting(TeamRetention.Expired::teamId).containsExactly("T111");
    }

    @Test
    void erasingDeletesTheTeamsConversationsOnly() {
        TeamRetention retention = retention("0");
        channels.record("T111", "C111", ChannelType.PUBLIC_CHANNEL, "general");
        channels.record("T222", "C111", ChannelType.PRIVATE_CHANNEL, "secret");
        retention.uninstalled(List.of("T111"));

        retention.erase("T111", team -> team);

        assertThat(channels.find("T111", "C111")).as("not even remembered in memory").isEmpty();
        assertThat(channels.typeOf("T222", "C111")).contains(ChannelType.PRIVATE_CHANNEL);
    }

    @Test
    void aFailedErasureLeavesTheTeamAsItWas() {
        TeamRetention retention = retention("0");
        channels.record("T111", "C111", ChannelType.PUBLIC_CHANNEL, "general");
        retention.uninstalled(List.of("T111"));

        assertThatThrownBy(() -> retention.erase("T111", team -> {
            jdbc.sql("DELETE FROM channels WHERE team_id = :team").param("team", team).update();
            throw new IllegalStateException("a module could not delete its rows");
        })).hasMessage("a module could not delete its rows");

        assertThat(count("channels")).as("rolled back").isEqualTo(1);
        assertThat(retention.isUninstalled("T111")).isTrue();
    }

    @Test
    void aTeamInstalledAgainIsNeverErasedAndItsRecordGoes() {
        TeamRetention retention = retention("0");
        retention.uninstalled(List.of("T111", "T222"));
        // An installation stored again without the re-install being told: it is installed.
        jdbc.sql("""
                        INSERT INTO installations (tenant_id, team_id, is_enterprise_install, bot_token, key_id,
                                                   installed_at, updated_at)
                        VALUES ('T111', 'T111', false, 'tk1:00000000:AAAA', '00000000', now(), now())
                        """)
                .update();

        assertThat(retention.expired()).extracting(TeamRetention.Expired::teamId).containsExactly("T222");
        assertThat(retention.erase("T111", team -> "erased")).isEmpty();
        assertThat(retention.forgetReinstalled()).containsExactly("T111");
        assertThat(retention.isUninstalled("T111")).isFalse();
        assertThat(retention.isUninstalled("T222")).isTrue();
    }

    @Test
    void thePeriodIsThirtyDaysUnlessSet() {
        assertThat(bean.retention()).isEqualTo(Duration.ofDays(30));
        assertThat(TeamRetention.period(null)).isEqualTo(Duration.ofDays(30));
        assertThat(TeamRetention.period(" ")).isEqualTo(Duration.ofDays(30));
        assertThat(TeamRetention.period("30d")).isEqualTo(Duration.ofDays(30));
        assertThat(TeamRetention.period("12h")).isEqualTo(Duration.ofHours(12));
        assertThat(TeamRetention.period("PT720H")).isEqualTo(Duration.ofDays(30));
        assertThat(TeamRetention.period("0")).isZero();
        assertThat(TeamRetention.period("0s")).isZero();
    }

    @Test
    void aNegativeOrMalformedPeriodNamesTheVariable() {
        for (String setting : List.of("-1d", "-PT1S", "thirty days", "30 d")) {
            assertThatThrownBy(() -> TeamRetention.period(setting)).as(setting)
                    .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
                        assertThat(e.variable()).isEqualTo("TAKEAWAYS_RETENTION_AFTER_UNINSTALL");
                        assertThat(e.getMessage()).startsWith("TAKEAWAYS_RETENTION_AFTER_UNINSTALL must be a duration")
                                .doesNotContain(setting);
                    });
        }
    }

    private TeamRetention retention(String period) {
        return new TeamRetention(jdbc, transactions, channels, clock, period);
    }

    private Instant uninstalledAt(String teamId) {
        return jdbc.sql("SELECT uninstalled_at FROM uninstalled_teams WHERE team_id = :team")
                .param("team", teamId).query(OffsetDateTime.class).single().toInstant();
    }
}
