package app.takeaways.slack.blocks;

import com.slack.api.model.block.LayoutBlock;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

/**
 * "Save it as a takeaway instead": a note can start with a subcommand's word ("Search is hard at scale", "Import
 * tariffs rose"), so every subcommand's answer to text that might have been a note offers to keep it as one, in
 * one click.
 */
public final class SaveInstead {

    public static final String LABEL = "Save it as a takeaway instead";

    /** Block Kit's limit on a button's value. */
    public static final int VALUE_LIMIT = 2000;

    /** A button value that is the note itself. */
    public static final String TEXT = "text:";
    /** A button value that names a kept draft (a note too long for a button). */
    public static final String DRAFT = "draft:";

    private static final Pattern SENTENCE_END = Pattern.compile(".*[.!?…]$", Pattern.DOTALL);

    /** What only a command holds: a filter ({@code tag:k8s}), a word left out, a time, a time zone. */
    private static final Pattern COMMAND_WORD = Pattern.compile(
            "-\\p{L}.*|[\\p{L}_]+:\\S+|\\d{1,2}[:.]\\d{2}|[A-Z][a-z]+/[A-Za-z_]+");

    private SaveInstead() {
    }

    /**
     * Whether what followed a subcommand's word reads like the rest of a sentence: two words or more ("is hard at
     * scale", "tariffs rose"), or one that ends a sentence, and nothing only a command holds ({@code tag:k8s},
     * {@code -fargate}, {@code 09:00}, {@code Europe/Berlin}). One word ({@code search karpenter}) is a command.
     */
    public static boolean mightBeNote(String arguments) {
        String rest = arguments == null ? "" : arguments.strip();
        if (rest.isEmpty()) {
            return false;
        }
        String[] words = rest.split("\\s+");
        for (String word : words) {
            if (COMMAND_WORD.matcher(word).matches()) {
                return false;
            }
        }
        return words.length >= 2 || SENTENCE_END.matcher(rest).matches();
    }

    /** {@code answer} with the button at its end; the value is {@link #TEXT} or {@link #DRAFT} and what follows. */
    public static SlackMessage offer(SlackMessage answer, String value) {
        if (answer.blocks().size() >= SlackMessage.MAX_BLOCKS || value.length() > VALUE_LIMIT) {
            return answer;
        }
        List<LayoutBlock> blocks = new ArrayList<>(answer.blocks());
        blocks.add(actions(a -> a.blockId("save_instead").elements(List.of(button(b -> b
                .actionId(ActionIds.SAVE_INSTEAD)
                .text(plainText(t -> t.text(LABEL).emoji(true)))
                .value(value))))));
        return new SlackMessage(answer.text(), blocks);
    }
}
