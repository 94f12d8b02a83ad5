package app.takeaways.note;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import java.util.Objects;

/**
 * A link found in a takeaway. The label is the text Slack showed for it ({@code <url|label>}), if any.
 */
@Embeddable
public class Link {

    @Column(name = "url", nullable = false)
    private String url;

    @Column(name = "label")
    private String label;

    protected Link() {
    }

    public Link(String url, String label) {
        this.url = Objects.requireNonNull(url, "url");
        this.label = label == null || label.isBlank() ? null : label;
    }

    public String url() {
        return url;
    }

    /** The label Slack showed for the link, or {@code null}. */
    public String label() {
        return label;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Link link && url.equals(link.url) && Objects.equals(label, link.label);
    }

    @Override
    public int hashCode() {
        return Objects.hash(url, label);
    }

    @Override
    public String toString() {
        return label == null ? url : url + "|" + label;
    }
}
