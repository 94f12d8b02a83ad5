package app.takeaways.slack;

import app.takeaways.database.DatabaseOutages;
import app.takeaways.platform.DatabaseFailures;
import app.takeaways.slack.SigningSecretVerifier.CheckedBody;
import app.takeaways.slack.SigningSecretVerifier.Verdict;
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
import java.time.Clock;

/**
 * {@code POST /slack/events}: slash commands, events and interactivity, the only way into the Bolt app over HTTP.
 * <p>
 * It checks Slack's signature ({@link SigningSecretVerifier}) before anything parses the payload, so that whatever
 * the body is (malformed, empty, oversized) a request not from Slack is answered 401 and nothing else; then it
 * parses it (400 when it is not a Slack payload) and hands it to Bolt. The body is read byte for byte (Bolt's
 * {@code SlackAppServlet} re-joins lines, which changes a body ending in a newline and so its signature), and at
 * most {@link #MAX_BODY_BYTES} of it is kept.
 * <p>
 * The Bolt app is looked up when the servlet first serves, not when Tomcat registers it: otherwise the whole app
 * (database included) would be built inside Tomcat's start-up, and a failure there buries its cause.
 */
class SlackEventsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final Logger log = LoggerFactory.getLogger(SlackEventsServlet.class);

    /**
     * The most of a body that is read into memory. Slack's payloads stay well under 1 MiB (a message is at most
     * 40,000 characters, a modal 100 blocks): four times that is room for any of them, and a bound on what a
     * request can make the app hold.
     */
    static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private static final String UNAUTHORIZED = "{\"error\":\"invalid request: not signed by Slack\"}";
    private static final String TOO_LARGE = "{\"error\":\"request body too large\"}";
    private static final String MALFORMED = "{\"error\":\"malformed request: not a Slack payload\"}";

    private final transient ObjectProvider<App> apps;
    private final transient DatabaseOutages outages;
    // Slack's timestamps are wall-clock time, whatever clock the rest of the app runs on.
    private final transient Clock clock = Clock.systemUTC();
    private transient App app;
    private transient SlackRequestParser parser;
    private transient SigningSecretVerifier verifier;

    SlackEventsServlet(ObjectProvider<App> apps, DatabaseOutages outages) {
        this.apps = apps;
        this.outages = outages;
    }

    @Override
    public void init() {
        this.app = apps.getObject();
        this.parser = new SlackRequestParser(app.config());
        String signingSecret = app.config().getSigningSecret();
        if (signingSecret == null || signingSecret.isBlank()) {
            throw new IllegalStateException("HTTP mode needs SLACK_SIGNING_SECRET to check requests at "
                    + SlackConfiguration.EVENTS_PATH);
        }
        this.verifier = new SigningSecretVerifier(signingSecret);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        CheckedBody checked = verifier.check(request.getHeader(SigningSecretVerifier.TIMESTAMP_HEADER),
                request.getHeader(SigningSecretVerifier.SIGNATURE_HEADER), request.getInputStream(), MAX_BODY_BYTES,
                clock.millis());
        if (checked.verdict() != Verdict.SIGNED) {
            boolean tooLarge = checked.verdict() == Verdict.TOO_LARGE;
            reject(request, response, tooLarge ? Response.json(413, TOO_LARGE) : Response.json(401, UNAUTHORIZED),
                    checked.verdict().reason() + " (" + checked.length() + " bytes of body read)");
            return;
        }
        Request<?> slackRequest;
        try {
            slackRequest = parser.parse(SlackRequestParser.HttpRequest.builder()
                    .requestUri(request.getRequestURI())
                    .queryString(QueryStringParser.toMap(request.getQueryString()))
                    .headers(new RequestHeaders(ServletAdapterOps.toHeaderMap(request)))
                    .requestBody(new String(checked.body(), StandardCharsets.UTF_8))
                    .remoteAddress(request.getRemoteAddr())
                    .build());
        } catch (RuntimeException e) {
            reject(request, response, Response.json(400, MALFORMED),
                    "signed, but the body is not a Slack payload (" + e.getClass().getSimpleName() + ")");
            return;
        }
        if (slackRequest == null) {
            reject(request, response, Response.json(400, MALFORMED), "signed, but the body is not a Slack payload");
            return;
        }
        Response slackResponse;
        try {
            slackResponse = app.run(slackRequest);
        } catch (SlackRetryException e) {
            outages.tell(log, "Not acknowledged, Slack will deliver it again", e);
            slackResponse = Response.json(503, "{\"error\":\"temporarily unavailable, retry later\"}");
        } catch (Exception e) {
            if (DatabaseFailures.unreachable(e)) {
                // Before any handler could answer (a workspace's installation is read first): Slack tries again.
                outages.tell(log, "Not handled, Slack will deliver it again", e);
                slackResponse = Response.json(503, "{\"error\":\"temporarily unavailable, retry later\"}");
            } else {
                log.error("Failed to handle a {} request from Slack", slackRequest.getRequestType(), e);
                slackResponse = Response.json(500, "{\"error\":\"internal error\"}");
            }
        }
        write(response, slackResponse);
    }

    /** One line per request turned away, saying why: never its body, signature or the secret. */
    private static void reject(HttpServletRequest request, HttpServletResponse response, Response answer,
                               String reason) throws IOException {
        log.info("Rejected a request to {} from {} with {}: {}", request.getRequestURI(), request.getRemoteAddr(),
                answer.getStatusCode(), reason);
        write(response, answer);
    }

    private static void write(HttpServletResponse response, Response slackResponse) throws IOException {
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        ServletAdapterOps.writeResponse(response, slackResponse);
    }
}
