package app.takeaways.slack;

import app.takeaways.testbed.Fixtures;
import app.takeaways.testbed.IntegrationTest;
import app.takeaways.testbed.SlackApiStub;
import app.takeaways.testbed.SlackHttp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What an operator and a load balancer see, and how the app holds up when slow work piles up. */
class OperationsTests extends IntegrationTest {

    @Autowired
    AfterAck afterAck;

    @Test
    void healthSaysUpOrDownOfEachPartAndNoDetailsToWhoeverAsks() {
        HttpResponse<String> health = slack.get("/actuator/health");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"", "\"db\":{\"status\":\"UP\"}")
                .doesNotContain("details", "database", "PostgreSQL", "total", "free", "path");
        assertThat(slack.get("/actuator/health/readiness").body())
                .isEqualTo("{\"components\":{\"db\":{\"status\":\"UP\"},\"readinessState\":{\"status\":\"UP\"}},"
                        + "\"status\":\"UP\"}");
        assertThat(slack.get("/readyz").statusCode()).isEqualTo(200);
        assertThat(slack.get("/livez").body()).contains("\"status\":\"UP\"");
    }

    @Test
    void aFormOpensInTimeWhileSlowWorkFillsItsPool() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        try {
            // Summaries waiting on a language model, digests waiting out a rate limit: every slow thread busy.
            for (int i = 0; i < 20; i++) {
                afterAck.runSlow("Blocked slow work", () -> {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }

            HttpResponse<String> ack = slack.post(SlackHttp.FORM, Fixtures.slashCommand(Map.of("command",
                    "/takeaway", "text", "")));

            assertThat(ack.statusCode()).isEqualTo(200);
            // Slack's trigger_id is valid for 3 s: the form is opened well inside it.
            await().atMost(Duration.ofSeconds(2)).until(() -> !SlackApiStub.requestsTo("views.open").isEmpty());
        } finally {
            release.countDown();
        }
    }
}
