package app.takeaways.slack.blocks;

import java.util.List;
import java.util.stream.Collectors;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

/** The message that starts a talk thread: replies to it are the talk's takeaways; its button posts a summary. */
public final class TalkThreadMessage {

    private TalkThreadMessage() {
    }

    public static SlackMessage render(String title, List<String> tags, String startedBy) {
        String heading = ":microphone: *" + SlackText.escape(title) + "*\nReply in this thread with your takeaways:"
                + " every reply is saved as a takeaway of this talk.";
        String details = "Started by <@" + startedBy + ">"
                + (tags.isEmpty() ? "" : "  ·  " + tags.stream().map(tag -> "#" + tag).collect(Collectors.joining(" ")));
        return new SlackMessage("Talk: " + title + ". Reply in this thread with your takeaways.", List.of(
                section(s -> s.text(markdownText(SlackText.truncate(heading, SlackText.SECTION_LIMIT)))),
                context(c -> c.elements(List.of(markdownText(
                        SlackText.truncate(details, SlackText.CONTEXT_ELEMENT_LIMIT))))),
                actions(a -> a.blockId("talk_actions").elements(List.of(button(b -> b.actionId(ActionIds.SUMMARIZE_TALK)
                        .text(plainText("Summarize")).value("talk")))))));
    }
}
