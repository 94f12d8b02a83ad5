package app.takeaways.testbed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/** Plays Slack's side of HTTP mode: posts (signed) requests to the app's {@code /slack/events}. */
public final class SlackHttp {

    public static final String FORM = "application/x-www-form-urlencoded";
    public static final String JSON = "application/json";

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final String signingSecret;

    public SlackHttp(int port, String signingSecret) {
        this.baseUrl = "http://127.0.0.1:" + port;
        this.signingSecret = signingSecret;
    }

    /** Signed now with the app's signing secret, as Slack would. */
    public HttpResponse<String> post(String contentType, String body) {
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        return post(contentType, body, timestamp, SlackSigner.sign(signingSecret, timestamp, body), null);
    }

    public HttpResponse<String> postRetry(String contentType, String body, int retryNum) {
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        return post(contentType, body, timestamp, SlackSigner.sign(signingSecret, timestamp, body), retryNum);
    }

    public HttpResponse<String> post(String contentType, String body, String timestamp, String signature,
                                     Integer retryNum) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/slack/events"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (timestamp != null) {
            request.header("X-Slack-Request-Timestamp", timestamp);
        }
        if (signature != null) {
            request.header("X-Slack-Signature", signature);
        }
        if (retryNum != null) {
            request.header("X-Slack-Retry-Num", String.valueOf(retryNum));
            request.header("X-Slack-Retry-Reason", "http_timeout");
        }
        return send(request.build());
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10)).GET().build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
