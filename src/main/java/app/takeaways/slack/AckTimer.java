package app.takeaways.slack;

import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.response.Response;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * How long the app takes to answer Slack, by kind of request, whichever way it came (HTTP or Socket Mode):
 * {@code takeaways_slack_ack_seconds{type}}, with a histogram, from the request handed to Bolt to the answer Slack
 * gets (the ack; the work after it is not in it). Slack gives up after 3 s.
 */
final class AckTimer implements Middleware {

    private final MeterRegistry meters;

    AckTimer(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
        Timer.Sample sample = Timer.start(meters);
        String outcome = "error";
        try {
            Response answer = chain.next(req);
            outcome = answer.getStatusCode() != null && answer.getStatusCode() < 400 ? "acked" : "refused";
            return answer;
        } finally {
            sample.stop(Timer.builder("takeaways.slack.ack")
                    .description("From a Slack request to its answer (the ack), by kind of request")
                    .tag("type", req.getRequestType().name())
                    .tag("outcome", outcome)
                    .publishPercentileHistogram()
                    .register(meters));
        }
    }
}
