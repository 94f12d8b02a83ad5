package app.takeaways.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.builtin.SSLCheck;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

import app.takeaways.database.DatabaseOutages;
import app.takeaways.workspace.EncryptionSettings;
import app.takeaways.workspace.Installations;
import app.takeaways.workspace.OAuthStates;
import app.takeaways.workspace.TeamRetention;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The Bolt app and the ways Slack reaches it: {@code POST /slack/events} (HTTP mode, {@code SLACK_SIGNING_SECRET})
 * and Socket Mode ({@code SLACK_APP_TOKEN}). Both feed the same {@link App}, so every surface works on either, for
 * one workspace ({@code SLACK_BOT_TOKEN}) or for every workspace installed through OAuth ({@code SLACK_CLIENT_ID}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SlackProperties.class)
class SlackConfiguration {

    static final String EVENTS_PATH = "/slack/events";
    static final String INSTALL_PATH = "/slack/install";
    static final String REDIRECT_PATH = "/slack/oauth_redirect";

    /** The bot scopes an OAuth install asks for: manifest.yml's (a test keeps the two the same). */
    static final String BOT_SCOPES = "commands,chat:write,channels:history,groups:history,im:history,mpim:history,"
            + "channels:read,groups:read,im:read,mpim:read,reactions:read,reactions:write,app_mentions:read,"
            + "users:read,im:write,files:write,files:read";

    /** With token rotation on, how long before it expires a bot token is refreshed (Bolt's default). */
    static final Duration REFRESH_BEFORE = Duration.ofHours(2);

    @Bean(destroyMethod = "close")
    Slack slack(SlackProperties properties) {
        // A fresh SlackConfig: the setters of SlackConfig.DEFAULT throw.
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(properties.apiUrl());
        config.setHttpClientReadTimeoutMillis(10_000);
        config.setHttpClientWriteTimeoutMillis(10_000);
        config.setHttpClientCallTimeoutMillis(15_000);
        config.setPrettyResponseLoggingEnabled(false);
        // The SDK's own call statistics make a hidden auth.test per token (and log a stack trace when it fails).
        config.setStatsEnabled(false);
        return Slack.getInstance(config);
    }

    @Bean
    SlackGateway.Sleeper retryAfterSleeper() {
        return duration -> Thread.sleep(duration.toMillis());
    }

    /** One workspace: {@code SLACK_BOT_TOKEN} serves it. */
    @Bean
    @Conditional(TransportConditions.OneWorkspace.class)
    ConfiguredBot configuredBot(SlackProperties properties) {
        return new ConfiguredBot(properties.botToken());
    }

    @Bean
    App slackApp(SlackProperties properties, Slack slack, TeamBots bots, BotIdentity identity,
                 List<SlackSurface> surfaces, ObjectProvider<OAuthFlow> oauth, MeterRegistry meters) {
        // Every value set here, or Bolt reads SLACK_* from the process environment behind Spring's back.
        AppConfig config = AppConfig.builder()
                .slack(slack)
                .singleTeamBotToken(properties.botToken())
                .signingSecret(properties.signingSecret())
                .verificationToken(null)
                .clientId(properties.clientId())
                .clientSecret(properties.clientSecret())
                // Slack sends the person back to the app's one Redirect URL (manifest.yml).
                .redirectUri(null)
                .scope(properties.oauthMode() ? BOT_SCOPES : null)
                .userScope(properties.oauthMode() ? "" : null)
                .appPath("/slack")
                .oauthInstallPath("/install")
                .oauthRedirectUriPath("/oauth_redirect")
                .oAuthInstallPathEnabled(properties.oauthMode())
                .oAuthRedirectUriPathEnabled(properties.oauthMode())
                .oAuthInstallPageRenderingEnabled(true)
                .oAuthInstallPageRenderer(InstallPages::addToSlack)
                .tokenRotationExpirationMillis(REFRESH_BEFORE.toMillis())
                // Events nothing handles (yet) are acknowledged, or Slack retries them and may turn them off.
                .allEventsApiAutoAckEnabled(true)
                .build();
        List<Middleware> middleware = new ArrayList<>();
        middleware.add(new AckTimer(meters));
        middleware.add(new SSLCheck(null));
        // No RequestVerification: SlackEventsServlet, the only way in over HTTP, checks the signature before it
        // parses the body, and Socket Mode requests carry none. Checked here again, each request would cost two HMACs.
        middleware.add(new TeamAuthorization(bots, identity));
        App app = new App(config, slack, middleware);
        oauth.ifAvailable(flow -> flow.applyTo(app));
        surfaces.forEach(surface -> surface.register(app));
        app.start();
        return app;
    }

    /**
     * OAuth mode: installations in Postgres with their tokens encrypted ({@code TAKEAWAYS_ENCRYPTION_KEY}), each
     * serving its workspaces, and the install pages, over HTTP whichever way Slack's requests come.
     */
    @Configuration(proxyBeanMethods = false)
    @Conditional(TransportConditions.OAuthMode.class)
    static class OAuthConfiguration {

        @Bean
        Installations installations(JdbcClient jdbc, TransactionOperations transactions,
                                    EncryptionSettings encryption, Clock clock) {
            return new Installations(jdbc, transactions, encryption.requireCipher(), clock);
        }

        @Bean
        InstalledBots installedBots(Installations installations, Slack slack, SlackProperties properties,
                                    Clock clock, TeamRetention retention) {
            return new InstalledBots(installations, slack, properties.clientId(), properties.clientSecret(), clock,
                    REFRESH_BEFORE, retention);
        }

        @Bean
        OAuthFlow oauthFlow(Installations installations, OAuthStates states, Clock clock, InstalledBots bots,
                            ObjectProvider<BotIdentity> identity, TeamRetention retention) {
            return new OAuthFlow(installations, states, clock, team -> {
                retention.reinstalled(team);
                bots.reread(team);
                identity.getObject().forget(List.of(team));
            });
        }

        @Bean
        ServletRegistrationBean<SlackOAuthServlet> slackOAuthServlet(ObjectProvider<App> app) {
            ServletRegistrationBean<SlackOAuthServlet> registration =
                    new ServletRegistrationBean<>(new SlackOAuthServlet(app), INSTALL_PATH, REDIRECT_PATH);
            registration.setName("slackOAuth");
            return registration;
        }
    }

    @Bean
    @Conditional(TransportConditions.HttpMode.class)
    ServletRegistrationBean<SlackEventsServlet> slackEventsServlet(ObjectProvider<App> app, DatabaseOutages outages) {
        ServletRegistrationBean<SlackEventsServlet> registration =
                new ServletRegistrationBean<>(new SlackEventsServlet(app, outages), EVENTS_PATH);
        registration.setName("slackEvents");
        return registration;
    }

    @Bean
    @Conditional(TransportConditions.SocketMode.class)
    SocketModeConnection socketModeConnection(Slack slack, SlackProperties properties, App app,
                                              ObservationRegistry observations, DatabaseOutages outages) {
        return new SocketModeConnection(slack, properties.appToken(), app, observations, outages);
    }

    @Bean("slackSocket")
    @Conditional(TransportConditions.SocketMode.class)
    SocketModeHealthIndicator slackSocketHealthIndicator(SocketModeConnection connection) {
        return new SocketModeHealthIndicator(connection);
    }
}
