package app.takeaways.testbed;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Slack's own payloads (see {@link Fixtures}), edited for a test, in the form Slack sends them. */
public final class Payloads {

    private Payloads() {
    }

    /** An Events API body from a fixture; {@code edit} changes its {@code event} object. */
    public static String event(String fixture, Consumer<JsonObject> edit) {
        JsonObject body = JsonParser.parseString(Fixtures.read(fixture)).getAsJsonObject();
        edit.accept(body.getAsJsonObject("event"));
        return body.toString();
    }

    /** An interactivity body (form-encoded {@code payload=}) from a fixture's payload JSON, edited. */
    public static String interaction(String fixture, Consumer<JsonObject> edit) {
        JsonObject payload = JsonParser.parseString(Fixtures.read(fixture)).getAsJsonObject();
        edit.accept(payload);
        return form(payload);
    }

    public static String form(JsonObject payload) {
        return "payload=" + URLEncoder.encode(payload.toString(), StandardCharsets.UTF_8);
    }

    /**
     * A button press in channel C111 (Slack's block_actions fixture): {@code actionId} with {@code value}, by
     * {@code userId}, answered at {@link SlackApiStub#responseUrl(String) responseUrl(responseUrlName)}.
     */
    public static String click(String actionId, String value, String userId, String responseUrlName) {
        return interaction("interactivity/block_actions.json", payload -> {
            payload.getAsJsonObject("user").addProperty("id", userId);
            payload.getAsJsonObject("channel").addProperty("id", "C111");
            payload.addProperty("response_url", SlackApiStub.responseUrl(responseUrlName));
            JsonObject action = payload.getAsJsonArray("actions").get(0).getAsJsonObject();
            action.addProperty("action_id", actionId);
            action.addProperty("value", value);
        });
    }

    /** A thread reply event from Slack's fixture, in channel C111 (public), by {@code user}. */
    public static String threadReply(String ts, String threadTs, String user, String text) {
        return event("events/message_thread_reply.json", e -> {
            e.addProperty("ts", ts);
            e.addProperty("event_ts", ts);
            e.addProperty("thread_ts", threadTs);
            e.addProperty("user", user);
            e.addProperty("text", text);
            e.addProperty("channel", "C111");
            e.addProperty("channel_type", "channel");
        });
    }

    /** A reaction_added event from Slack's fixture: {@code user} reacted on message {@code ts} in C111. */
    public static String reactionAdded(String reaction, String user, String ts, String eventId) {
        JsonObject body = JsonParser.parseString(event("events/reaction_added.json", e -> {
            e.addProperty("reaction", reaction);
            e.addProperty("user", user);
            e.getAsJsonObject("item").addProperty("ts", ts);
        })).getAsJsonObject();
        body.addProperty("event_id", eventId);
        return body.toString();
    }
}
