package app.takeaways.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.jakarta_servlet.ServletAdapterOps;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.QueryStringParser;
import com.slack.api.bolt.util.SlackRequestParser;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code POST /slack/events}: slash commands, events and interactivity, handed to Bolt, which checks the signature.
 * <p>
 * Unlike Bolt's {@code SlackAppServlet} it reads the body byte for byte (Bolt's re-joins lines, which changes a
 * body ending in a newline and so its signature), and answers a body it cannot read with 400 instead of 500.
 * <p>
 * The Bolt app is looked up when the servlet first serves, not when Tomcat registers it: otherwise the whole app
 * (database included) would be built inside Tomcat's start-up, and a failure there buries its cause.
 */
class SlackEventsServlet extends HttpServlet {

    private static final Logger log = LoggerFactory.getLogger(SlackEventsServlet.class);

    private final transient ObjectProvider<App> apps;
    private transient App app;
    private transient SlackRequestParser parser;

    SlackEventsServlet(ObjectProvider<App> apps) {
        this.apps = apps;
    }

    @Override
    public void init() {
        this.app = apps.getObject();
        this.parser = new SlackRequestParser(app.config());
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String body = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Request<?> slackRequest;
        try {
            slackRequest = parser.parse(SlackRequestParser.HttpRequest.builder()
                    .requestUri(request.getRequestURI())
                    .queryString(QueryStringParser.toMap(request.getQueryString()))
                    .headers(new RequestHeaders(ServletAdapterOps.toHeaderMap(request)))
                    .requestBody(body)
                    .remoteAddress(request.getRemoteAddr())
                    .build());
        } catch (RuntimeException e) {
            log.info("Rejected a request to {} whose body is not a Slack payload ({})", request.getRequestURI(),
                    e.getClass().getSimpleName());
            slackRequest = null;
        }
        if (slackRequest == null) {
            write(response, Response.json(400, "{\"error\":\"malformed request: not a Slack payload\"}"));
            return;
        }
        Response slackResponse;
        try {
            slackResponse = app.run(slackRequest);
        } catch (SlackRetryException e) {
            log.warn("Not acknowledged, Slack will deliver it again: {}", e.getMessage());
            slackResponse = Response.json(503, "{\"error\":\"temporarily unavailable, retry later\"}");
        } catch (Exception e) {
            log.error("Failed to handle a {} request from Slack", slackRequest.getRequestType(), e);
            slackResponse = Response.json(500, "{\"error\":\"internal error\"}");
        }
        write(response, slackResponse);
    }

    private static void write(HttpServletResponse response, Response slackResponse) throws IOException {
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        ServletAdapterOps.writeResponse(response, slackResponse);
    }
}
