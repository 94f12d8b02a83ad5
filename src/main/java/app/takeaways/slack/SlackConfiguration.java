package app.takeaways.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.builtin.SSLCheck;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

import java.util.ArrayList;
import java.util.List;

/**
 * The Bolt app and the ways Slack reaches it: {@code POST /slack/events} (HTTP mode, {@code SLACK_SIGNING_SECRET})
 * and Socket Mode ({@code SLACK_APP_TOKEN}). Both feed the same {@link App}, so every surface works on either.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SlackProperties.class)
class SlackConfiguration {

    static final String EVENTS_PATH = "/slack/events";

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

    @Bean
    App slackApp(SlackProperties properties, Slack slack, BotIdentity identity, List<SlackSurface> surfaces) {
        // Every value set here, or Bolt reads SLACK_* from the process environment behind Spring's back.
        AppConfig config = AppConfig.builder()
                .slack(slack)
                .singleTeamBotToken(properties.botToken())
                .signingSecret(properties.signingSecret())
                .verificationToken(null)
                .clientId(null)
                .clientSecret(null)
                .redirectUri(null)
                .scope(null)
                .userScope(null)
                // Events nothing handles (yet) are acknowledged, or Slack retries them and may turn them off.
                .allEventsApiAutoAckEnabled(true)
                .build();
        List<Middleware> middleware = new ArrayList<>();
        middleware.add(new SSLCheck(null));
        // No RequestVerification: SlackEventsServlet, the only way in over HTTP, checks the signature before it
        // parses the body, and Socket Mode requests carry none. Checked here again, each request would cost two HMACs.
        middleware.add(new BotTokenAuthorization(properties.botToken(), identity));
        App app = new App(config, slack, middleware);
        surfaces.forEach(surface -> surface.register(app));
        app.start();
        return app;
    }

    @Bean
    @Conditional(TransportConditions.HttpMode.class)
    ServletRegistrationBean<SlackEventsServlet> slackEventsServlet(ObjectProvider<App> app) {
        ServletRegistrationBean<SlackEventsServlet> registration =
                new ServletRegistrationBean<>(new SlackEventsServlet(app), EVENTS_PATH);
        registration.setName("slackEvents");
        return registration;
    }

    @Bean
    @Conditional(TransportConditions.SocketMode.class)
    SocketModeConnection socketModeConnection(Slack slack, SlackProperties properties, App app) {
        return new SocketModeConnection(slack, properties.appToken(), app);
    }

    @Bean("slackSocket")
    @Conditional(TransportConditions.SocketMode.class)
    SocketModeHealthIndicator slackSocketHealthIndicator(SocketModeConnection connection) {
        return new SocketModeHealthIndicator(connection);
    }
}
