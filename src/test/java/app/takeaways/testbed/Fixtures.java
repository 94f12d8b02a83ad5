package app.takeaways.testbed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Slack's own payloads, from {@code src/test/resources/slack-fixtures} (see its README). */
public final class Fixtures {

    private Fixtures() {
    }

    public static String read(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/slack-fixtures/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A real slash command body ({@code slash_command_body_java_real.txt}: form-encoded, as Slack sends it) with some
     * fields replaced, e.g. {@code command} and {@code text}.
     */
    public static String slashCommand(Map<String, String> replacements) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : read("slash_commands/slash_command_body_java_real.txt").strip().split("&")) {
            String[] kv = pair.split("=", 2);
            fields.put(kv[0], java.net.URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8));
        }
        fields.putAll(replacements);
        return fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
