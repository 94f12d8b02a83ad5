package app.takeaways.slack;

import app.takeaways.platform.InvalidSettingException;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * How the app talks to Slack, from {@code SLACK_*} environment variables (see README, "Configuration").
 * {@code SLACK_APP_TOKEN} set: Socket Mode. Otherwise HTTP mode, where {@code SLACK_SIGNING_SECRET} checks that
 * requests come from Slack. {@code SLACK_BOT_TOKEN}: one workspace, with that token; {@code SLACK_CLIENT_ID} and
 * {@code SLACK_CLIENT_SECRET} instead: OAuth mode, installed into any number of workspaces from {@code /slack/install}.
 *
 * @param botToken      {@code SLACK_BOT_TOKEN}, the Bot User OAuth Token ({@code xoxb-...})
 * @param signingSecret {@code SLACK_SIGNING_SECRET}, to verify HTTP requests
 * @param appToken      {@code SLACK_APP_TOKEN}, an app-level token ({@code xapp-...}) for Socket Mode
 * @param apiUrl        {@code SLACK_API_URL}, the Web API base, always ending in {@code /}
 * @param clientId      {@code SLACK_CLIENT_ID}, the app's Client ID (OAuth mode: installs into many workspaces)
 * @param clientSecret  {@code SLACK_CLIENT_SECRET}, the app's Client Secret (OAuth mode)
 */
@ConfigurationProperties("slack")
record SlackProperties(
        String botToken,
        String signingSecret,
        String appToken,
        @DefaultValue("https://slack.com/api/") String apiUrl,
        String clientId,
        String clientSecret) {

    SlackProperties {
        botToken = clean(botToken);
        signingSecret = clean(signingSecret);
        appToken = clean(appToken);
        apiUrl = clean(apiUrl) == null ? "https://slack.com/api/" : clean(apiUrl);
        clientId = clean(clientId);
        clientSecret = clean(clientSecret);
        validate(botToken, signingSecret, appToken, clientId, clientSecret);
        apiUrl = checkedApiUrl(apiUrl);
    }

    boolean socketMode() {
        return appToken != null;
    }

    boolean httpMode() {
        return signingSecret != null;
    }

    /** Installed into many workspaces through OAuth, each with its own token (README, "Install in many workspaces"). */
    boolean oauthMode() {
        return clientId != null;
    }

    private static void validate(String botToken, String signingSecret, String appToken, String clientId,
                                 String clientSecret) {
        if (botToken != null && (clientId != null || clientSecret != null)) {
            String variable = clientId != null ? "SLACK_CLIENT_ID" : "SLACK_CLIENT_SECRET";
            throw new InvalidSettingException(variable, "Both SLACK_BOT_TOKEN and " + variable + " are set: set"
                    + " SLACK_BOT_TOKEN for one workspace, or SLACK_CLIENT_ID and SLACK_CLIENT_SECRET to install into"
                    + " many (OAuth), not both.");
        }
        if (clientId != null && clientSecret == null || clientId == null && clientSecret != null) {
            String missing = clientId == null ? "SLACK_CLIENT_ID" : "SLACK_CLIENT_SECRET";
            throw new InvalidSettingException(missing, missing + " is not set: installing into many workspaces"
                    + " (OAuth) needs both SLACK_CLIENT_ID and SLACK_CLIENT_SECRET, from your Slack app's \"Basic"
                    + " Information\" page.");
        }
        if (botToken == null && clientId == null) {
            throw new InvalidSettingException("SLACK_BOT_TOKEN", "SLACK_BOT_TOKEN is not set: it is the Bot User"
                    + " OAuth Token (xoxb-...) on your Slack app's \"OAuth & Permissions\" page (or set"
                    + " SLACK_CLIENT_ID and SLACK_CLIENT_SECRET to install into many workspaces).");
        }
        if (appToken != null && !appToken.startsWith("xapp-")) {
            throw new InvalidSettingException("SLACK_APP_TOKEN", "SLACK_APP_TOKEN must be an app-level token"
                    + " (xapp-...) with the connections:write scope, from your Slack app's \"Basic Information\""
                    + " page; unset it to use HTTP mode.");
        }
        if (appToken == null && signingSecret == null) {
            throw new InvalidSettingException("SLACK_SIGNING_SECRET", "Neither SLACK_APP_TOKEN nor"
                    + " SLACK_SIGNING_SECRET is set: set SLACK_APP_TOKEN for Socket Mode (no public URL needed), or"
                    + " SLACK_SIGNING_SECRET for HTTP mode at /slack/events.");
        }
        if (botToken == null) {
            return;
        }
        if (botToken.startsWith("xapp-")) {
            throw new InvalidSettingException("SLACK_BOT_TOKEN", "SLACK_BOT_TOKEN holds an app-level token"
                    + " (xapp-...): put that one in SLACK_APP_TOKEN, and the Bot User OAuth Token (xoxb-...) in"
                    + " SLACK_BOT_TOKEN.");
        }
        if (botToken.startsWith("xoxp-")) {
            throw new InvalidSettingException("SLACK_BOT_TOKEN", "SLACK_BOT_TOKEN holds a user token (xoxp-...):"
                    + " use the Bot User OAuth Token (xoxb-...) so the bot acts as itself.");
        }
    }

    private static String checkedApiUrl(String apiUrl) {
        try {
            URI uri = new URI(apiUrl);
            String scheme = uri.getScheme();
            if (uri.getHost() == null || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
                throw new URISyntaxException(apiUrl, "not an absolute http(s) URL");
            }
        } catch (URISyntaxException e) {
            throw new InvalidSettingException("SLACK_API_URL", "SLACK_API_URL must be an http(s) URL such as"
                    + " https://slack.com/api/ (or unset it to use Slack's).");
        }
        return apiUrl.endsWith("/") ? apiUrl : apiUrl + "/";
    }

    /** Blank is unset; quotes and spaces around a pasted value are not part of it. */
    private static String clean(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            v = v.substring(1, v.length() - 1).strip();
        }
        return v.isEmpty() ? null : v;
    }

    @Override
    public String toString() {
        return "SlackProperties[botToken=" + mask(botToken) + ", signingSecret=" + mask(signingSecret)
                + ", appToken=" + mask(appToken) + ", apiUrl=" + apiUrl + ", clientId=" + clientId
                + ", clientSecret=" + mask(clientSecret) + "]";
    }

    private static String mask(String secret) {
        return secret == null ? "unset" : "******";
    }
}
