package app.takeaways.slack.blocks;

import java.util.Collections;
import app.takeaways.note.TakeawayTextParser;
import app.takeaways.note.TalkThreads.TalkChoice;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.block.element.ConversationsFilter;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.checkboxes;
import static com.slack.api.model.block.element.BlockElements.conversationsSelect;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.block.element.BlockElements.staticSelect;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

/**
 * The capture form: talk (a recent one of the channel, or a new one), event, source link, the takeaways, tags and
 * "also post to this channel". What is wrong with a submission is said next to its field.
 */
public final class CaptureForm {

    public static final String TALK = "talk";
    public static final String NEW_TALK = "new_talk";
    public static final String EVENT = "event";
    public static final String LINK = "link";
    public static final String TEXT = "text";
    public static final String TAGS = "tags";
    public static final String POST = "post";
    public static final String CHANNEL = "channel";
    static final String VALUE = "value";
    static final String POST_OPTION = "post_to_channel";

    /** Slack's limit for a plain text input. */
    public static final int MAX_INPUT = 3000;
    static final int MAX_EVENT = 200;
    private static final int MAX_OPTION_TEXT = 75;
    private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}_][\\p{L}\\p{N}\\p{M}_-]*");

    /** What the form was opened for; travels in the view's {@code private_metadata}. */
    public record Origin(String channelId, String channelName, String responseUrl, String draftId,
                         String messageTs, String threadTs, String authorId) {

        public static Origin forChannel(String channelId, String channelName, String responseUrl) {
            return new Origin(channelId, channelName, responseUrl, null, null, null, null);
        }

        public static Origin fromHome() {
            return new Origin(null, null, null, null, null, null, null);
        }
    }

    /** A submission read: the fields, or what is wrong with which field. */
    public record Submission(Map<String, String> errors, String channelId, Long talkId, String newTalk, String event,
                             String link, String text, List<String> tags, boolean postToChannel) {

        public Submission {
            errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
            tags = List.copyOf(tags);
        }

        public boolean valid() {
            return errors.isEmpty();
        }
    }

    private CaptureForm() {
    }

    /**
     * @param recentTalks talks to offer (the channel's recent ones); the one of the thread, if any, first
     * @param preselected the talk to start with, if any
     * @param text        the takeaway to start with (a saved message), in Slack's format; null for none
     * @param textFits    false when the message is too long for a form field: it is then saved as it is
     */
    public static View open(Origin origin, List<TalkChoice> recentTalks, TalkChoice preselected, String text,
                            boolean textFits) {
        List<LayoutBlock> blocks = new ArrayList<>();
        if (origin.channelId() == null) {
            blocks.add(input(i -> i.blockId(CHANNEL).label(plainText("Where was this shared?"))
                    .hint(plainText("Takeaways from a private channel stay visible there and to you only."))
                    .element(conversationsSelect(c -> c.actionId(VALUE)
                            .filter(ConversationsFilter.builder()
                                    .include(List.of("public", "private", "im", "mpim"))
                                    .excludeBotUsers(true).build())))));
        }
        List<OptionObject> options = recentTalks.stream().limit(20)
                .map(talk -> option(plainText(SlackText.truncatePlain(talk.title(), MAX_OPTION_TEXT)),
                        String.valueOf(talk.id())))
                .toList();
        if (!options.isEmpty()) {
            OptionObject initial = preselected == null ? null : options.stream()
                    .filter(o -> o.getValue().equals(String.valueOf(preselected.id()))).findFirst().orElse(null);
            blocks.add(input(i -> i.blockId(TALK).optional(true).label(plainText("Talk"))
                    .hint(plainText("A talk recently discussed here. Or name a new one below."))
                    .element(staticSelect(s -> s.actionId(VALUE).placeholder(plainText("Pick a talk"))
                            .options(options).initialOption(initial)))));
        }
        blocks.add(input(i -> i.blockId(NEW_TALK).optional(true)
                .label(plainText(options.isEmpty() ? "Talk" : "New talk"))
                .element(plainTextInput(p -> p.actionId(VALUE).maxLength(TakeawayTextParser.MAX_TALK_TITLE_LENGTH)
                        .placeholder(plainText("EKS deep dive: scaling with Karpenter"))))));
        blocks.add(input(i -> i.blockId(EVENT).optional(true).label(plainText("Event"))
                .element(plainTextInput(p -> p.actionId(VALUE).maxLength(MAX_EVENT)
                        .placeholder(plainText("re:Invent 2025"))))));
        blocks.add(input(i -> i.blockId(LINK).optional(true).label(plainText("Source link"))
                .element(plainTextInput(p -> p.actionId(VALUE).placeholder(plainText("https://..."))))));
        if (textFits) {
            String initial = text == null ? null : SlackText.readable(text);
            blocks.add(input(i -> i.blockId(TEXT).label(plainText("Takeaways"))
                    .hint(plainText("One or several, bullets welcome. #tags and links in the text count too."))
                    .element(plainTextInput(p -> p.actionId(VALUE).multiline(true).maxLength(MAX_INPUT)
                            .initialValue(initial)
                            .placeholder(plainText("- Karpenter picks instance types per pod\n- Spot for batch"))))));
        } else {
            blocks.add(section(s -> s.text(markdownText("*Takeaway*\n" + SlackText.truncate(SlackText.note(text),
                    2800)))));
            blocks.add(context(c -> c.elements(List.of(markdownText(
                    "This message is too long to edit here (" + String.format("%,d", text.length())
                            + " characters): it is saved whole, as it is.")))));
        }
        blocks.add(input(i -> i.blockId(TAGS).optional(true).label(plainText("Tags"))
                .element(plainTextInput(p -> p.actionId(VALUE).placeholder(plainText("k8s, aws, cost"))))));
        if (origin.channelId() != null && origin.messageTs() == null) {
            blocks.add(input(i -> i.blockId(POST).optional(true).label(plainText("Share"))
                    .element(checkboxes(c -> c.actionId(VALUE).options(List.of(
                            option(plainText("Also post it to this channel"), POST_OPTION)))))));
        }
        return view(v -> v.type("modal").callbackId(ActionIds.CAPTURE_FORM)
                .title(viewTitle(t -> t.type("plain_text").text("Save a takeaway")))
                .submit(viewSubmit(t -> t.type("plain_text").text("Save")))
                .close(viewClose(t -> t.type("plain_text").text("Cancel")))
                .privateMetadata(Metadata.write(origin))
                .blocks(blocks));
    }

    /** Reads and checks a submission; {@code textRequired} is false when the text is a saved message's. */
    public static Submission read(ViewState state, boolean textRequired) {
        Map<String, String> errors = new LinkedHashMap<>();
        String channelId = value(state, CHANNEL).orElse(null);
        Long talkId = value(state, TALK).map(Long::valueOf).orElse(null);
        String newTalk = value(state, NEW_TALK).map(String::strip).orElse(null);
        if (talkId != null && newTalk != null) {
            errors.put(NEW_TALK, "Pick a recent talk or name a new one, not both.");
        }
        String event = value(state, EVENT).map(String::strip).orElse(null);
        String link = value(state, LINK).map(String::strip).orElse(null);
        if (link != null && !isWebLink(link)) {
            errors.put(LINK, "Enter a web address starting with https:// (or http://).");
        }
        String text = value(state, TEXT).orElse(null);
        if (textRequired && (text == null || text.isBlank())) {
            errors.put(TEXT, "Write at least one takeaway.");
        }
        List<String> tags = new ArrayList<>();
        for (String tag : value(state, TAGS).map(v -> v.split("[\\s,]+")).map(Arrays::asList).orElse(List.of())) {
            String name = tag.replaceFirst("^#+", "");
            if (name.isEmpty()) {
                continue;
            }
            if (name.length() > TakeawayTextParser.MAX_TAG_LENGTH) {
                errors.put(TAGS, "Tags are at most " + TakeawayTextParser.MAX_TAG_LENGTH + " characters: \""
                        + SlackText.truncatePlain(name, 30) + "\" is longer.");
            } else if (!TAG.matcher(name).matches()) {
                errors.put(TAGS, "Tags are single words (letters, digits, - and _): \""
                        + SlackText.truncatePlain(name, 30) + "\" is not.");
            } else {
                tags.add(name);
            }
        }
        boolean post = state.getValues().containsKey(POST) && state.getValues().get(POST).get(VALUE) != null
                && state.getValues().get(POST).get(VALUE).getSelectedOptions() != null
                && !state.getValues().get(POST).get(VALUE).getSelectedOptions().isEmpty();
        return new Submission(errors, channelId, talkId, newTalk, event, link, text, tags, post);
    }

    static Optional<String> value(ViewState state, String blockId) {
        Map<String, ViewState.Value> block = state.getValues() == null ? null : state.getValues().get(blockId);
        ViewState.Value value = block == null ? null : block.get(VALUE);
        if (value == null) {
            return Optional.empty();
        }
        String raw = value.getValue();
        if (raw == null && value.getSelectedOption() != null) {
            raw = value.getSelectedOption().getValue();
        }
        if (raw == null) {
            raw = value.getSelectedConversation();
        }
        return raw == null || raw.isBlank() ? Optional.empty() : Optional.of(raw);
    }

    static boolean isWebLink(String link) {
        try {
            URI uri = new URI(link);
            return uri.getHost() != null && ("https".equalsIgnoreCase(uri.getScheme())
                    || "http".equalsIgnoreCase(uri.getScheme())) && !link.contains(" ");
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
