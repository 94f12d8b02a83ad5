package app.takeaways.summary;

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
 * takeaways: a bullet whose sub-bullets go at most two levels deeper is a talk, each sub-bullet (with its own
 * sub-bullets) one takeaway; bullets above that group talks (a day, an event); a lone bullet is a takeaway of no talk.
 */
final class SampleNotes {

    /** Talk title (or "" for none) to its takeaways, in order. */
    static Map<String, List<String>> talks() {
        List<Node> roots = parse(read());
        Map<String, List<String>> talks = new LinkedHashMap<>();
        roots.forEach(root -> collect(root, talks));
        return talks;
    }

    private record Node(String text, List<Node> children) {

        int height() {
            return children.stream().mapToInt(child -> child.height() + 1).max().orElse(0);
        }

        String withDescendants(String indent) {
            StringBuilder text = new StringBuilder(this.text);
            children.forEach(child -> text.append('\n').append(indent).append("• ")
                    .append(child.withDescendants(indent + "  ")));
            return text.toString();
        }
    }

    private static void collect(Node node, Map<String, List<String>> talks) {
        if (node.children().isEmpty()) {
            talks.computeIfAbsent("", t -> new ArrayList<>()).add(node.text());
        } else if (node.height() <= 2) {
            String title = node.text().replaceAll("\\.$", "");
            node.children().forEach(child -> talks.computeIfAbsent(title, t -> new ArrayList<>())
                    .add(child.withDescendants("  ")));
        } else {
            node.children().forEach(child -> collect(child, talks));
        }
    }

    private static List<Node> parse(String outline) {
        List<Node> roots = new ArrayList<>();
        List<Integer> indents = new ArrayList<>();
        List<Node> path = new ArrayList<>();
        for (String line : outline.split("\n")) {
            int bullet = line.indexOf('•');
            if (bullet < 0 || line.isBlank()) {
                continue;
            }
            String text = line.substring(bullet + 1).strip();
            Node node = new Node(text, new ArrayList<>());
            while (!indents.isEmpty() && indents.get(indents.size() - 1) >= bullet) {
                indents.remove(indents.size() - 1);
                path.remove(path.size() - 1);
            }
            if (path.isEmpty()) {
                roots.add(node);
            } else {
                path.get(path.size() - 1).children().add(node);
            }
            indents.add(bullet);
            path.add(node);
        }
        return roots;
    }

    private static String read() {
        try (InputStream in = SampleNotes.class.getResourceAsStream("/samples/reinvent-notes.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
