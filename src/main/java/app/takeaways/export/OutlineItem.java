package app.takeaways.export;

import java.util.List;

/**
 * One line of an outline as its writer meant it: its text (Slack mrkdwn: a Markdown link is {@code <url|label>}),
 * and the items written under it.
 */
public record OutlineItem(String text, List<OutlineItem> children) {

    public OutlineItem {
        children = List.copyOf(children);
    }

    public boolean isLeaf() {
        return children.isEmpty();
    }

    /** 0 for an item with nothing under it; else one more than its highest child. */
    public int height() {
        return children.stream().mapToInt(child -> child.height() + 1).max().orElse(0);
    }
}
