package app.takeaways.summary;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * An optional language model that writes a few sentences on top of each summary, through any OpenAI-compatible
 * chat completions endpoint. Off unless {@code TAKEAWAYS_LLM_BASE_URL} is set; the takeaways summarised are sent
 * to it, so only point it at a service the team trusts with its notes.
 *
 * @param baseUrl e.g. {@code https://api.openai.com/v1} or a local server's {@code http://localhost:11434/v1}
 * @param model   the model's name at that endpoint
 * @param apiKey  sent as a bearer token
 * @param timeout how long a summary waits for it before going on without it
 */
@ConfigurationProperties("takeaways.llm")
public record LlmProperties(String baseUrl, String model, String apiKey, Duration timeout) {

    public LlmProperties {
        baseUrl = baseUrl == null ? "" : baseUrl.strip();
        model = model == null ? "" : model.strip();
        apiKey = apiKey == null ? "" : apiKey.strip();
        timeout = timeout == null || timeout.isNegative() || timeout.isZero() ? Duration.ofSeconds(20) : timeout;
    }

    public boolean enabled() {
        return !baseUrl.isEmpty();
    }

    @Override
    public String toString() {
        return "LlmProperties[baseUrl=" + baseUrl + ", model=" + model + ", apiKey=" + (apiKey.isEmpty() ? "" : "***")
                + ", timeout=" + timeout + "]";
    }
}
