package app.takeaways.summary;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A few sentences about a set of takeaways, written by a language model through an OpenAI-compatible
 * {@code /chat/completions} endpoint ({@link LlmProperties}). Never in the way: when it is not configured, has no
 * key, fails, answers nonsense or takes too long, the summary goes on without it (extractive only) and the log
 * says why; the person asking never sees an error for it.
 */
@Component
@EnableConfigurationProperties(LlmProperties.class)
public class LlmOverview {

    private static final Logger log = LoggerFactory.getLogger(LlmOverview.class);

    /** Characters of takeaways sent at most: enough for a talk, bounded for a big search. */
    static final int MAX_INPUT = 12_000;
    static final int MAX_OUTPUT = 1_200;

    private static final String INSTRUCTIONS = "You summarise a team's notes from a conference talk or course for a"
            + " Slack channel. Write 2 to 4 plain sentences on what the notes say: the main ideas and any opinions."
            + " Use only what the notes say; no preamble, no lists, no markdown.";

    private final LlmProperties properties;
    /** Only when a model is configured (off by default): a client starts its own thread. */
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();

    LlmOverview(LlmProperties properties) {
        this.properties = properties;
        this.http = properties.enabled() ? HttpClient.newBuilder().connectTimeout(properties.timeout()).build() : null;
        if (properties.enabled()) {
            log.info("Summaries get an overview from the language model {} at {}{}", properties.model(),
                    properties.baseUrl(), properties.apiKey().isEmpty() ? " (no TAKEAWAYS_LLM_API_KEY set)" : "");
        }
    }

    /** The overview, or empty: not configured, or it did not work (logged). */
    public Optional<String> write(String subject, List<String> takeaways) {
        if (!properties.enabled() || takeaways.isEmpty()) {
            return Optional.empty();
        }
        if (properties.apiKey().isEmpty()) {
            log.warn("No language model overview for \"{}\": TAKEAWAYS_LLM_API_KEY is not set; the summary is"
                    + " extractive only", subject);
            return Optional.empty();
        }
        StringBuilder notes = new StringBuilder("Subject: ").append(subject).append("\n\nNotes:\n");
        for (String takeaway : takeaways) {
            String line = "- " + takeaway.strip().replaceAll("\\s*\\n\\s*", " / ") + "\n";
            if (notes.length() + line.length() > MAX_INPUT) {
                break;
            }
            notes.append(line);
        }
        String body = json.writeValueAsString(Map.of(
                "model", properties.model(),
                "temperature", 0.2,
                "messages", List.of(Map.of("role", "system", "content", INSTRUCTIONS),
                        Map.of("role", "user", "content", notes.toString()))));
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint()))
                .timeout(properties.timeout())
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + properties.apiKey())
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                log.warn("No language model overview for \"{}\": the endpoint answered HTTP {}; the summary is"
                        + " extractive only", subject, response.statusCode());
                return Optional.empty();
            }
            JsonNode answer = json.readTree(response.body());
            String text = answer.path("choices").path(0).path("message").path("content").asString("").strip();
            if (text.isEmpty()) {
                log.warn("No language model overview for \"{}\": the answer had no text; the summary is extractive"
                        + " only", subject);
                return Optional.empty();
            }
            return Optional.of(text.length() > MAX_OUTPUT ? text.substring(0, MAX_OUTPUT).strip() + "…" : text);
        } catch (java.net.http.HttpTimeoutException e) {
            log.warn("No language model overview for \"{}\": no answer within {}; the summary is extractive only",
                    subject, properties.timeout());
        } catch (IOException | JacksonException e) {
            log.warn("No language model overview for \"{}\": {}; the summary is extractive only", subject,
                    e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }

    private String endpoint() {
        String base = properties.baseUrl().endsWith("/") ? properties.baseUrl() : properties.baseUrl() + "/";
        return base + "chat/completions";
    }
}
