package app.takeaways.summary;

import app.takeaways.export.OutlineReader;
import app.takeaways.export.OutlineShape;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code samples/reinvent-notes.txt} (a real person's conference notes: nested bullets) read as talks and their
 * takeaways, as an import reads it ({@link OutlineReader}, {@link OutlineShape}).
 */
final class SampleNotes {

    /** Talk title (or "" for none) to its takeaways, in order. */
    static Map<String, List<String>> talks() {
        Map<String, List<String>> talks = new LinkedHashMap<>();
        for (OutlineShape.Read read : OutlineShape.takeaways(OutlineReader.read(read()))) {
            talks.computeIfAbsent(read.talk().orElse(""), t -> new ArrayList<>()).add(read.text());
        }
        return talks;
    }

    static String read() {
        try (InputStream in = SampleNotes.class.getResourceAsStream("/samples/reinvent-notes.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
