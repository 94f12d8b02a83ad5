package app.takeaways.slack;

/**
 * The bot as it acts in one workspace: the token its calls there are made with, and who it is there when known.
 * {@link #toString()} never shows the token.
 *
 * @param teamId    the workspace
 * @param token     the bot token ({@code xoxb-...}) for calls into {@code teamId}
 * @param botUserId the bot's user id there, or {@code null} until known
 * @param botId     the bot's bot id there, or {@code null} until known
 */
public record TeamBot(String teamId, String token, String botUserId, String botId) {

    @Override
    public String toString() {
        return "TeamBot[teamId=" + teamId + ", token=******, botUserId=" + botUserId + ", botId=" + botId + "]";
    }
}
