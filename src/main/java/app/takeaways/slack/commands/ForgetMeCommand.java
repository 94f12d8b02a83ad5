package app.takeaways.slack.commands;

import app.takeaways.database.DatabaseOutages;
import app.takeaways.note.PersonErasure;
import app.takeaways.slack.DatabaseCalls;
import app.takeaways.slack.SlackIds;
import app.takeaways.slack.blocks.ForgetMeMessages;
import app.takeaways.slack.blocks.HelpEntry;
import app.takeaways.slack.blocks.SlackMessage;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

import java.util.Locale;

/**
 * {@code /takeaway forget me}: asks, with the count, before the person's takeaways and reactions are erased (the
 * Delete button does it). Not a {@link Subcommand}: only the whole text "forget me" selects it, so "forget about the
 * old design" stays a takeaway. Exact words, so its answer offers no "save it instead".
 */
@Component
class ForgetMeCommand {

    private static final Logger log = LoggerFactory.getLogger(ForgetMeCommand.class);

    static final HelpEntry HELP = new HelpEntry("forget me",
            "Delete all your takeaways and reactions in this workspace, for good. You see how many first, and"
                    + " confirm.",
            "forget me");

    private final PersonErasure erasure;
    private final DatabaseOutages outages;

    ForgetMeCommand(PersonErasure erasure, DatabaseOutages outages) {
        this.outages = outages;
        this.erasure = erasure;
    }

    /** Whether the text (the first word and what follows it) asks for this: "forget me", any case or spacing. */
    static boolean asks(String first, String arguments) {
        return first.equals("forget") && arguments.toLowerCase(Locale.ROOT).equals("me");
    }

    Response handle(SlashCommandRequest request, SlashCommandContext context) {
        SlashCommandPayload payload = request.getPayload();
        String teamId = SlackIds.team(payload.getTeamId(), context);
        SlackMessage answer;
        try {
            PersonErasure.Tally tally = DatabaseCalls.retryingOnce(() -> erasure.count(teamId, payload.getUserId()));
            answer = tally.isEmpty() ? ForgetMeMessages.nothingToDelete()
                    : ForgetMeMessages.confirm(payload.getUserId(), tally.takeaways(), tally.reactions());
        } catch (DataAccessException | TransactionException e) {
            outages.tell(log, "forget me not counted, the database is unavailable", e);
            answer = ForgetMeMessages.databaseDown();
        }
        return TakeawayCommand.ack(context, answer);
    }
}
