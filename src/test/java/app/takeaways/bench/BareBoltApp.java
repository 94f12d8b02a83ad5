package app.takeaways.bench;

import ch.qos.logback.classic.Level;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.jakarta_servlet.SlackAppServlet;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;

/**
 * The floor {@link AckBenchmark} measures the app against: a bare Bolt for Java app that only acknowledges
 * {@code /takeaway} with a short ephemeral text, served at {@code POST /slack/events} the standard way Bolt offers
 * (its {@link SlackAppServlet} in an embedded Tomcat with Tomcat's defaults; Bolt's own Jetty server,
 * {@code bolt-jetty}, does not resolve here at 1.47.0). Bolt's default middleware checks every request's signature.
 * <p>
 * Configured by the environment {@link BenchApp} gives the app: {@code SLACK_BOT_TOKEN}, {@code SLACK_SIGNING_SECRET},
 * {@code SLACK_API_URL} (Bolt's {@code auth.test}, made once and cached, goes to WireMock) and {@code SERVER_PORT}.
 */
public final class BareBoltApp {

    static final String PATH = "/slack/events";
    static final String CONFIRMATION = ":white_check_mark: *Saved your takeaway.*";

    private BareBoltApp() {
    }

    public static void main(String[] args) throws Exception {
        // Logback without a configuration file logs DEBUG, a line or more per request; the app logs at INFO.
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.INFO);

        SlackConfig slackConfig = new SlackConfig();
        slackConfig.setMethodsEndpointUrlPrefix(environment("SLACK_API_URL"));
        // As the app: no per-token call statistics (they make a hidden auth.test of their own).
        slackConfig.setStatsEnabled(false);
        App app = new App(AppConfig.builder()
                .slack(Slack.getInstance(slackConfig))
                .singleTeamBotToken(environment("SLACK_BOT_TOKEN"))
                .signingSecret(environment("SLACK_SIGNING_SECRET"))
                .build());
        app.command("/takeaway", (request, context) ->
                context.ack(r -> r.responseType("ephemeral").text(CONFIRMATION)));
        app.config().setAppPath(PATH);
        app.start();

        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("takeaways-bare-bolt").toString());
        tomcat.setPort(Integer.parseInt(environment("SERVER_PORT")));
        tomcat.getConnector();
        Context context = tomcat.addContext("", null);
        Tomcat.addServlet(context, "slackApp", new SlackAppServlet(app));
        context.addServletMappingDecoded(PATH, "slackApp");
        tomcat.start();
        tomcat.getServer().await();
    }

    private static String environment(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set");
        }
        return value;
    }
}
