package app.takeaways.testbed;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads a message the app sent (an ack body, a chat.postMessage) the way a person sees it. */
public final class SlackMessages {

    private SlackMessages() {
    }

    public static JsonObject json(String body) {
        return JsonParser.parseString(body).getAsJsonObject();
    }

    /** The visible text of a {@code blocks} form parameter (a JSON array), as a Web API call sent it. */
    public static String blocksText(String blocksJson) {
        return visibleText(blocksMessage(blocksJson));
    }

    /** Every piece of text in the blocks, in order, joined by newlines. */
    public static String visibleText(JsonObject message) {
        List<String> texts = new ArrayList<>();
        collect(message.getAsJsonArray("blocks"), texts);
        return String.join("\n", texts);
    }

    /** The text of each block (a section's text, a context's elements joined), one entry per block. */
    public static List<String> blockTexts(JsonObject message) {
        List<String> result = new ArrayList<>();
        for (JsonElement block : message.getAsJsonArray("blocks")) {
            List<String> texts = new ArrayList<>();
            collect(block, texts);
            result.add(String.join("\n", texts));
        }
        return result;
    }

    /** The value of the button with this action id in a message's blocks. */
    public static String buttonValue(JsonObject message, String actionId) {
        for (JsonElement block : message.getAsJsonArray("blocks")) {
            JsonArray elements = block.getAsJsonObject().getAsJsonArray("elements");
            for (JsonElement element : elements == null ? new JsonArray() : elements) {
                JsonElement id = element.getAsJsonObject().get("action_id");
                if (id != null && id.getAsString().equals(actionId)) {
                    return element.getAsJsonObject().get("value").getAsString();
                }
            }
        }
        throw new AssertionError("No button " + actionId + " in " + message);
    }

    /** A {@code blocks} form parameter (a JSON array), as a Web API call sent it, as a message. */
    public static JsonObject blocksMessage(String blocksJson) {
        JsonObject message = new JsonObject();
        message.add("blocks", JsonParser.parseString(blocksJson));
        return message;
    }

    private static void collect(JsonElement element, List<String> texts) {
        if (element == null || element.isJsonNull()) {
            return;
        }
        if (element.isJsonArray()) {
            for (JsonElement item : (JsonArray) element) {
                collect(item, texts);
            }
        } else if (element.isJsonObject()) {
            for (Map.Entry<String, JsonElement> entry : element.getAsJsonObject().entrySet()) {
                if (entry.getKey().equals("text") && entry.getValue().isJsonPrimitive()) {
                    texts.add(entry.getValue().getAsString());
                } else {
                    collect(entry.getValue(), texts);
                }
            }
        }
    }
}
