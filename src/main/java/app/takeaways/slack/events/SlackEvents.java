package app.takeaways.slack.events;

import app.takeaways.slack.BotIdentity;
import com.slack.api.app_backend.events.payload.Authorization;
import com.slack.api.app_backend.events.payload.EventsApiPayload;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Readings of Events API payloads that several handlers share. */
final class SlackEvents {

    private static final Pattern MENTION = Pattern.compile("\\s*<@[A-Z0-9]+(?:\\|[^>]*)?>");

    private SlackEvents() {
    }

    /** The bot's own user id: from the event's authorizations, else from {@code auth.test}. */
    static Optional<String> botUserId(EventsApiPayload<?> payload, BotIdentity identity) {
        List<Authorization> authorizations = payload.getAuthorizations();
        if (authorizations != null) {
            for (Authorization authorization : authorizations) {
                if (Boolean.TRUE.equals(authorization.getIsBot()) && authorization.getUserId() != null) {
                    return Optional.of(authorization.getUserId());
                }
            }
        }
        return identity.of(payload.getTeamId()).map(BotIdentity.Identity::botUserId);
    }

    /** A message addressed to the bot ({@code @Takeaways track}): a command, never a takeaway. */
    static boolean addressesBot(String text, Optional<String> botUserId) {
        return botUserId.isPresent() && text != null && text.strip().startsWith("<@" + botUserId.get());
    }

    /** The text after the mentions it starts with. */
    static String withoutLeadingMentions(String text) {
        if (text == null) {
            return "";
        }
        // One mention at a time: a repeated group here would backtrack over the blanks between mentions.
        Matcher mention = MENTION.matcher(text);
        int end = 0;
        while (mention.region(end, text.length()).lookingAt()) {
            end = mention.end();
        }
        return text.substring(end).strip();
    }
}
