package app.takeaways.slack;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** manifest.yml, the app's one paste, asks for what the code uses: an OAuth install asks for the same scopes. */
class ManifestTests {

    @Test
    void anOAuthInstallAsksForTheManifestsBotScopes() throws IOException {
        Map<String, Object> oauth = section(manifest(), "oauth_config");
        List<String> bot = list(section(oauth, "scopes"), "bot");

        assertThat(Arrays.asList(SlackConfiguration.BOT_SCOPES.split(","))).containsExactlyInAnyOrderElementsOf(bot);
        assertThat(list(oauth, "redirect_urls")).singleElement().satisfies(url ->
                assertThat(url).endsWith(SlackConfiguration.REDIRECT_PATH));
    }

    @Test
    void theManifestSubscribesToTheGoodbyeEvents() throws IOException {
        List<String> events = list(section(section(manifest(), "settings"), "event_subscriptions"), "bot_events");

        assertThat(events).contains("app_uninstalled", "tokens_revoked", "user_change");
    }

    private static Map<String, Object> manifest() throws IOException {
        try (Reader reader = Files.newBufferedReader(Path.of("manifest.yml"))) {
            return new Yaml().load(reader);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Map<String, Object> parent, String name) {
        assertThat(parent).containsKey(name);
        return (Map<String, Object>) parent.get(name);
    }

    @SuppressWarnings("unchecked")
    private static List<String> list(Map<String, Object> parent, String name) {
        assertThat(parent).containsKey(name);
        return (List<String>) parent.get(name);
    }
}
