package app.takeaways.slack.blocks;

import java.util.Collections;
import app.takeaways.note.TakeawayTextParser;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

/** The author's Edit form: the text, the tags not written in it, and the talk. */
public final class EditForm {

    /** Which takeaway, and where to show the result (the confirmation the Edit button was on). */
    public record Target(long takeawayId, String responseUrl) {
    }

    /** A submission read: the fields, or what is wrong with which field. */
    public record Submission(Map<String, String> errors, String text, List<String> tags, String talkTitle) {

        public Submission {
            errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
            tags = List.copyOf(tags);
        }

        public boolean valid() {
            return errors.isEmpty();
        }
    }

    private EditForm() {
    }

    /** Whether a takeaway's text fits in a form field at all. */
    public static boolean fits(String text) {
        return SlackText.readable(text).length() <= CaptureForm.MAX_INPUT;
    }

    public static View open(Target target, String text, List<String> extraTags, String talkTitle) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(input(i -> i.blockId(CaptureForm.TEXT).label(plainText("Takeaway"))
                .element(plainTextInput(p -> p.actionId(CaptureForm.VALUE).multiline(true)
                        .maxLength(CaptureForm.MAX_INPUT).initialValue(SlackText.readable(text))))));
        blocks.add(input(i -> i.blockId(CaptureForm.TAGS).optional(true).label(plainText("More tags"))
                .hint(plainText("#tags written in the text count too."))
                .element(plainTextInput(p -> p.actionId(CaptureForm.VALUE)
                        .initialValue(extraTags.isEmpty() ? null : String.join(", ", extraTags))))));
        blocks.add(input(i -> i.blockId(CaptureForm.NEW_TALK).optional(true).label(plainText("Talk"))
                .element(plainTextInput(p -> p.actionId(CaptureForm.VALUE)
                        .maxLength(TakeawayTextParser.MAX_TALK_TITLE_LENGTH).initialValue(talkTitle)))));
        return view(v -> v.type("modal").callbackId(ActionIds.EDIT_FORM)
                .title(viewTitle(t -> t.type("plain_text").text("Edit takeaway")))
                .submit(viewSubmit(t -> t.type("plain_text").text("Save")))
                .close(viewClose(t -> t.type("plain_text").text("Cancel")))
                .privateMetadata(Metadata.write(target))
                .blocks(blocks));
    }

    public static Submission read(ViewState state) {
        CaptureForm.Submission read = CaptureForm.read(state, true);
        Map<String, String> errors = new LinkedHashMap<>(read.errors());
        return new Submission(errors, read.text(), read.tags(), read.newTalk());
    }
}
