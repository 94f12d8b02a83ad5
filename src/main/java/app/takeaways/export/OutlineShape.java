package app.takeaways.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An outline's items read by their shape as days or events, talks and takeaways:
 * <ul>
 *   <li>an item whose children are mostly statements (items with nothing under them), or which holds nothing like
 *       a talk, is a talk: each child is one of its takeaways, and whatever is under a takeaway (a sub-point, an
 *       aside such as "Kinda agree...") stays with it, as indented sub-points;</li>
 *   <li>an item with talks under it is a day or an event, the outermost one naming the takeaways' event;</li>
 *   <li>a statement outside any talk is a takeaway of no talk.</li>
 * </ul>
 */
public final class OutlineShape {

    /** A takeaway as the outline says it: its event (day), its talk, its text with its sub-points. */
    public record Read(Optional<String> event, Optional<String> talk, String text) {
    }

    private OutlineShape() {
    }

    public static List<Read> takeaways(List<OutlineItem> roots) {
        List<Read> read = new ArrayList<>();
        roots.forEach(root -> collect(root, Optional.empty(), read));
        return read;
    }

    private static void collect(OutlineItem item, Optional<String> event, List<Read> read) {
        if (item.isLeaf()) {
            read.add(new Read(event, Optional.empty(), item.text()));
        } else if (isTalk(item)) {
            String title = title(item.text());
            item.children().forEach(child -> read.add(new Read(event, Optional.of(title).filter(t -> !t.isBlank()),
                    withSubPoints(child))));
        } else {
            Optional<String> named = event.isPresent() ? event : Optional.of(title(item.text())).filter(t -> !t.isBlank());
            item.children().forEach(child -> collect(child, named, read));
        }
    }

    /** Most of its children are statements. */
    private static boolean mostlyStatements(OutlineItem item) {
        long statements = item.children().stream().filter(OutlineItem::isLeaf).count();
        return statements * 2 > item.children().size();
    }

    /** Mostly statements under it; or, no deeper than takeaways with sub-points, nothing like a talk among them. */
    static boolean isTalk(OutlineItem item) {
        if (mostlyStatements(item)) {
            return true;
        }
        return item.height() <= 2 && item.children().stream()
                .noneMatch(child -> child.children().size() >= 2 && mostlyStatements(child));
    }

    /** A talk's title as written, without the full stop a bullet often ends with. */
    private static String title(String text) {
        String title = text.strip();
        return title.endsWith(".") && !title.endsWith("..") ? title.substring(0, title.length() - 1).strip() : title;
    }

    /** The takeaway's text, then each item under it on a line of its own, indented by its depth. */
    static String withSubPoints(OutlineItem takeaway) {
        StringBuilder text = new StringBuilder(takeaway.text());
        appendSubPoints(takeaway, "", text);
        return text.toString();
    }

    private static void appendSubPoints(OutlineItem item, String indent, StringBuilder text) {
        for (OutlineItem child : item.children()) {
            text.append('\n').append(indent).append("• ").append(child.text());
            appendSubPoints(child, indent + "    ", text);
        }
    }
}
