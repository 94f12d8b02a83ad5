package app.takeaways.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.jakarta_servlet.ServletAdapterOps;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.RequestType;
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
 * {@code GET /slack/install} and {@code GET /slack/oauth_redirect} (OAuth mode, over either transport: Socket Mode
 * carries no browser). Both run through Bolt's OAuth flow ({@link OAuthFlow}), with this app's pages
 * ({@link InstallPages}).
 */
class SlackOAuthServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final Logger log = LoggerFactory.getLogger(SlackOAuthServlet.class);

    private final transient ObjectProvider<App> apps;
    private transient App app;
    private transient SlackRequestParser parser;

    SlackOAuthServlet(ObjectProvider<App> apps) {
        this.apps = apps;
    }

    @Override
    public void init() {
        this.app = apps.getObject();
        this.parser = new SlackRequestParser(app.config());
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Request<?> slackRequest = parser.parse(SlackRequestParser.HttpRequest.builder()
                .requestUri(request.getRequestURI())
                .queryString(QueryStringParser.toMap(request.getQueryString()))
                .headers(new RequestHeaders(ServletAdapterOps.toHeaderMap(request)))
                .requestBody("")
                .remoteAddress(request.getRemoteAddr())
                .build());
        Response answer;
        if (slackRequest == null || slackRequest.getRequestType() != RequestType.OAuthStart
                && slackRequest.getRequestType() != RequestType.OAuthCallback) {
            answer = InstallPages.notInstalled(404, "Not found", "There is no page here.");
        } else {
            try {
                answer = app.run(slackRequest);
            } catch (Exception e) {
                log.error("Failed to handle {} ({})", request.getRequestURI(), e.getClass().getSimpleName());
                answer = InstallPages.notInstalled(500, "Takeaways was not installed",
                        "Something went wrong on our side. Nothing was added: start again.");
            }
        }
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        ServletAdapterOps.writeResponse(response, answer);
    }
}
