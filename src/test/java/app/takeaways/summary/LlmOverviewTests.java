package app.takeaways.summary;

import app.takeaways.testbed.SlackApiStub;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.time.Duration;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The optional language model overview against an OpenAI-compatible endpoint played by WireMock: used when it
 * answers, and when it does not (error, timeout, nonsense, no key) the summary goes on without it and the log says
 * why.
 */
@ExtendWith(OutputCaptureExtension.class)
class LlmOverviewTests {

    private static final String PATH = "/llm/v1/chat/completions";
    private static final List<String> NOTES = List.of("Karpenter consolidates nodes", "Bottlerocket boots fast");

    private final WireMock wireMock = SlackApiStub.client();

    @BeforeEach
    void noStubs() {
        SlackApiStub.reset();
    }

    @Test
    void writesAnOverviewFromTheTakeaways() {
        SlackApiStub.stub(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"id": "chatcmpl-1", "object": "chat.completion", "choices": [{"index": 0,
                         "message": {"role": "assistant", "content": "  The team learned that Karpenter consolidates nodes. "},
                         "finish_reason": "stop"}]}""")));

        assertThat(overview("sk-test").write("EKS deep dive", NOTES))
                .contains("The team learned that Karpenter consolidates nodes.");

        LoggedRequest request = wireMock.find(postRequestedFor(urlEqualTo(PATH))).get(0);
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer sk-test");
        assertThat(request.getBodyAsString()).contains("\"model\":\"small-model\"")
                .contains("- Karpenter consolidates nodes\\n- Bottlerocket boots fast");
    }

    @Test
    void anErrorFallsBackAndSaysSoInTheLog(CapturedOutput output) {
        SlackApiStub.stub(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(500).withBody("boom")));

        assertThat(overview("sk-test").write("EKS deep dive", NOTES)).isEmpty();
        assertThat(output).contains("No language model overview for \"EKS deep dive\": the endpoint answered HTTP 500;"
                + " the summary is extractive only");
    }

    @Test
    void aTimeoutFallsBack(CapturedOutput output) {
        SlackApiStub.stub(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200).withFixedDelay(2_000)
                .withBody("{}")));

        assertThat(overview("sk-test").write("EKS deep dive", NOTES)).isEmpty();
        assertThat(output).contains("no answer within PT0.3S; the summary is extractive only");
    }

    @Test
    void anAnswerWithoutTextFallsBack(CapturedOutput output) {
        SlackApiStub.stub(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody("not json")));

        assertThat(overview("sk-test").write("EKS deep dive", NOTES)).isEmpty();
        assertThat(output).contains("No language model overview for \"EKS deep dive\"");
    }

    @Test
    void aMissingKeyFallsBackWithoutCalling(CapturedOutput output) {
        assertThat(overview("").write("EKS deep dive", NOTES)).isEmpty();
        assertThat(output).contains("TAKEAWAYS_LLM_API_KEY is not set; the summary is extractive only");
        assertThat(wireMock.find(postRequestedFor(urlEqualTo(PATH)))).isEmpty();
    }

    @Test
    void offUnlessConfigured() {
        assertThat(new LlmOverview(new LlmProperties("", "", "", null)).write("EKS deep dive", NOTES)).isEmpty();
        assertThat(wireMock.find(postRequestedFor(urlEqualTo(PATH)))).isEmpty();
    }

    @Test
    void theKeyNeverShowsInItsSettings() {
        assertThat(new LlmProperties("http://x", "m", "sk-secret", null).toString()).doesNotContain("sk-secret");
    }

    private static LlmOverview overview(String key) {
        String base = SlackApiStub.apiUrl().replace("/api/", "/llm/v1");
        return new LlmOverview(new LlmProperties(base, "small-model", key, Duration.ofMillis(300)));
    }
}
