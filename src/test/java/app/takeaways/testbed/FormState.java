package app.takeaways.testbed;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/** A submitted form's {@code view.state.values}, as Slack sends them, built field by field. */
public final class FormState {

    private final JsonObject values = new JsonObject();

    public static FormState form() {
        return new FormState();
    }

    public FormState text(String blockId, String value) {
        JsonObject input = new JsonObject();
        input.addProperty("type", "plain_text_input");
        input.addProperty("value", value);
        return put(blockId, input);
    }

    public FormState selected(String blockId, String optionValue) {
        JsonObject option = new JsonObject();
        option.addProperty("value", optionValue);
        JsonObject select = new JsonObject();
        select.addProperty("type", "static_select");
        select.add("selected_option", option);
        return put(blockId, select);
    }

    public FormState checked(String blockId, String optionValue) {
        JsonObject option = new JsonObject();
        option.addProperty("value", optionValue);
        JsonArray options = new JsonArray();
        options.add(option);
        JsonObject boxes = new JsonObject();
        boxes.addProperty("type", "checkboxes");
        boxes.add("selected_options", options);
        return put(blockId, boxes);
    }

    public FormState conversation(String blockId, String channelId) {
        JsonObject select = new JsonObject();
        select.addProperty("type", "conversations_select");
        select.addProperty("selected_conversation", channelId);
        return put(blockId, select);
    }

    private FormState put(String blockId, JsonObject element) {
        JsonObject block = new JsonObject();
        block.add("value", element);
        values.add(blockId, block);
        return this;
    }

    /** A view_submission body (Slack's fixture) for this form. */
    public String submission(String callbackId, String viewId, String privateMetadata, String userId) {
        return Payloads.interaction("interactivity/view_submission.json", payload -> {
            payload.getAsJsonObject("user").addProperty("id", userId);
            JsonObject view = payload.getAsJsonObject("view");
            view.addProperty("id", viewId);
            view.addProperty("callback_id", callbackId);
            view.addProperty("private_metadata", privateMetadata);
            JsonObject state = new JsonObject();
            state.add("values", values);
            view.add("state", state);
        });
    }
}
