package app.takeaways.slack.blocks;

import app.takeaways.slack.blocks.CaptureForm.Origin;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;

import java.util.List;
import java.util.Optional;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

/** The form to paste an outline into ({@code /takeaway import}); a longer one is sent to the bot as a file. */
public final class ImportForm {

    public static final String OUTLINE = "outline";

    private ImportForm() {
    }

    public static View open(Origin origin) {
        return view(v -> v.type("modal").callbackId(ActionIds.IMPORT_FORM)
                .title(viewTitle(t -> t.type("plain_text").text("Import an outline")))
                .submit(viewSubmit(t -> t.type("plain_text").text("Preview")))
                .close(viewClose(t -> t.type("plain_text").text("Cancel")))
                .privateMetadata(Metadata.write(origin))
                .blocks(List.of(
                        input(i -> i.blockId(OUTLINE).label(plainText("Outline"))
                                .hint(plainText("A talk's title, then its takeaways one per line indented under it"
                                        + " (or the title as a # heading). Links, #tags and talk:\"...\" work as in"
                                        + " a capture."))
                                .element(plainTextInput(p -> p.actionId(CaptureForm.VALUE).multiline(true)
                                        .maxLength(CaptureForm.MAX_INPUT)
                                        .placeholder(plainText("EKS deep dive\n  - Karpenter picks instance types per"
                                                + " pod\n  - No ssh: Systems Manager"))))),
                        context(c -> c.elements(List.of(markdownText("Longer than 3,000 characters? Send me the"
                                + " file (.txt, .md or .opml, up to " + ImportMessages.MAX_SIZE + ") in a DM, or"
                                + " mention `@Takeaways import` with it in a channel.")))))));
    }

    /** The pasted outline, as typed. */
    public static Optional<String> read(ViewState state) {
        return CaptureForm.value(state, OUTLINE);
    }
}
