package app.takeaways.slack;

import app.takeaways.platform.InvalidSettingException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlackPropertiesTests {

    private static final String API = "https://slack.com/api/";

    @Test
    void httpModeWithBotTokenAndSigningSecret() {
        SlackProperties properties = new SlackProperties("xoxb-1", "secret", null, API, null, null);

        assertThat(properties.httpMode()).isTrue();
        assertThat(properties.socketMode()).isFalse();
    }

    @Test
    void socketModeWithAnAppToken() {
        SlackProperties properties = new SlackProperties("xoxb-1", "", "xapp-1-A1-1", API, null, null);

        assertThat(properties.socketMode()).isTrue();
        assertThat(properties.httpMode()).isFalse();
    }

    @Test
    void blankAndQuotedValuesAreCleaned() {
        SlackProperties properties = new SlackProperties(" \"xoxb-1\" ", "  ", "'xapp-1'", "http://localhost:8080/api",
                "", null);

        assertThat(properties.botToken()).isEqualTo("xoxb-1");
        assertThat(properties.signingSecret()).isNull();
        assertThat(properties.appToken()).isEqualTo("xapp-1");
        assertThat(properties.apiUrl()).isEqualTo("http://localhost:8080/api/");
        assertThat(properties.clientId()).isNull();
    }

    @Test
    void eachBadSettingNamesItsVariable() {
        assertRejected("SLACK_BOT_TOKEN", null, "secret", null, API, null);
        assertRejected("SLACK_BOT_TOKEN", "xapp-1", "secret", null, API, null);
        assertRejected("SLACK_BOT_TOKEN", "xoxp-1", "secret", null, API, null);
        assertRejected("SLACK_APP_TOKEN", "xoxb-1", null, "xoxb-2", API, null);
        assertRejected("SLACK_SIGNING_SECRET", "xoxb-1", null, null, API, null);
        assertRejected("SLACK_API_URL", "xoxb-1", "secret", null, "ftp://slack.com/api", null);
        assertRejected("SLACK_API_URL", "xoxb-1", "secret", null, "slack.com/api", null);
        assertRejected("SLACK_CLIENT_SECRET", null, "secret", null, API, "12345.678");
        assertRejected("SLACK_CLIENT_ID", "xoxb-1", "secret", null, API, "12345.678");
    }

    @Test
    void aClientIdAndSecretWithoutABotTokenIsOAuthMode() {
        SlackProperties oauth = new SlackProperties(null, "secret", null, API, "12345.678", "client-secret");
        SlackProperties one = new SlackProperties("xoxb-1", "secret", null, API, null, null);

        assertThat(oauth.oauthMode()).isTrue();
        assertThat(oauth.httpMode()).isTrue();
        assertThat(one.oauthMode()).isFalse();
        assertThatThrownBy(() -> new SlackProperties(null, "secret", null, API, null, "client-secret"))
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("SLACK_CLIENT_ID is not set: installing into many workspaces (OAuth) needs both"
                                + " SLACK_CLIENT_ID and SLACK_CLIENT_SECRET, from your Slack app's \"Basic"
                                + " Information\" page."));
    }

    @Test
    void neverPrintsSecrets() {
        SlackProperties one = new SlackProperties("xoxb-secret", "signing-secret", "xapp-secret", API, null, null);
        SlackProperties many = new SlackProperties(null, "signing-secret", "xapp-secret", API, "id", "client-secret");

        assertThat(one.toString()).doesNotContain("xoxb-secret", "signing-secret", "xapp-secret")
                .contains("******", API);
        assertThat(many.toString()).doesNotContain("signing-secret", "xapp-secret", "client-secret")
                .contains("******", API, "clientId=id");
    }

    private static void assertRejected(String variable, String botToken, String signingSecret, String appToken,
                                       String apiUrl, String clientId) {
        assertThatThrownBy(() -> new SlackProperties(botToken, signingSecret, appToken, apiUrl, clientId, null))
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
                    assertThat(e.variable()).isEqualTo(variable);
                    assertThat(e.getMessage()).contains(variable);
                    if (botToken != null) {
                        assertThat(e.getMessage()).doesNotContain(botToken);
                    }
                });
    }
}
