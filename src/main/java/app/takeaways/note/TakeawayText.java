package app.takeaways.note;

import java.util.List;
import java.util.Optional;

/**
 * What a takeaway's text says, as {@link TakeawayTextParser} reads it.
 *
 * @param text      the full text exactly as the person wrote it (Slack's escaping included)
 * @param body      the text without the {@code talk:"..."} directive, trimmed: what to show back
 * @param tags      {@code #tags}, lower-cased, without the hash, in order of first appearance, no duplicates
 * @param links     links in order of appearance, no duplicate URLs
 * @param talkTitle the title given with {@code talk:"..."}, if any
 */
public record TakeawayText(String text, String body, List<String> tags, List<Link> links, Optional<String> talkTitle) {

    public TakeawayText {
        tags = List.copyOf(tags);
        links = List.copyOf(links);
    }
}
