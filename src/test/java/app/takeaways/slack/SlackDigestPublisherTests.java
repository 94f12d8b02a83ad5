package app.takeaways.slack;

import app.takeaways.digest.DigestPostException;
import app.takeaways.digest.WeeklyDigest;
import app.takeaways.testbed.SlackApiStub;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A digest for a workspace the app is gone from (an uninstall the app did not hear of): paused, not retried, and
 * nobody is "told" through the dead token.
 */
class SlackDigestPublisherTests {

    private Slack slack;
    private SlackDigestPublisher publisher;

    @BeforeEach
    void noWorkspaceIsInstalled() {
        SlackApiStub.reset();
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(SlackApiStub.apiUrl());
        config.setStatsEnabled(false);
        slack = Slack.getInstance(config);
        TeamBots none = new TeamBots() {
            @Override
            public Optional<TeamBot> bot(String enterpriseId, String teamId) {
                return Optional.empty();
            }

            @Override
            public Collection<String> uninstalled(String enterpriseId, String teamId) {
                return List.of(teamId);
            }
        };
        publisher = new SlackDigestPublisher(new SlackGateway(slack, none, wait -> { }, ObservationRegistry.NOOP));
    }

    @AfterEach
    void tearDown() throws Exception {
        slack.close();
    }

    @Test
    void aDigestOfAWorkspaceNoLongerInstalledPausesWithoutCallingSlack() {
        WeeklyDigest digest = new WeeklyDigest("TGONE", "C1", Instant.parse("2026-11-23T09:00:00Z"),
                Instant.parse("2026-11-30T09:00:00Z"), ZoneOffset.UTC, Optional.empty(), 1, 1, 0, List.of(),
                List.of(), Optional.empty(), List.of());

        assertThatThrownBy(() -> publisher.prepare(digest).post(0, null))
                .isInstanceOfSatisfying(DigestPostException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DigestPostException.Kind.CHANNEL_UNAVAILABLE);
                    assertThat(e.getMessage()).contains(SlackGateway.NOT_INSTALLED);
                });
        publisher.tellPaused("TGONE", "U1", "C1", SlackGateway.NOT_INSTALLED);

        assertThat(SlackApiStub.requestsTo("chat.postMessage")).isEmpty();
    }
}
