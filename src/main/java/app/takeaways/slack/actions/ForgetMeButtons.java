package app.takeaways.slack.actions;

import app.takeaways.database.DatabaseOutages;
import app.takeaways.note.PersonErasure;
import app.takeaways.slack.AfterAck;
import app.takeaways.slack.DatabaseCalls;
import app.takeaways.slack.SlackGateway;
import app.takeaways.slack.SlackIds;
import app.takeaways.slack.SlackSurface;
import app.takeaways.slack.blocks.ActionIds;
import app.takeaways.slack.blocks.ForgetMeMessages;
import app.takeaways.slack.blocks.SlackMessage;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

/**
 * Delete and Cancel under {@code /takeaway forget me}'s question. Acknowledged at once; the erasure
 * ({@link PersonErasure}, as when Slack says an account was forgotten) follows on the slow pool, and its answer
 * replaces the question. Only who asked may answer: a click erases the clicker alone, and only when the clicker is
 * who the question was for. A second click finds nothing left and says so without replacing the first answer.
 */
@Component
class ForgetMeButtons implements SlackSurface {

    private static final Logger log = LoggerFactory.getLogger(ForgetMeButtons.class);

    private final PersonErasure erasure;
    private final SlackGateway gateway;
    private final AfterAck afterAck;
    private final DatabaseOutages outages;

    ForgetMeButtons(PersonErasure erasure, SlackGateway gateway, AfterAck afterAck, DatabaseOutages outages) {
        this.outages = outages;
        this.erasure = erasure;
        this.gateway = gateway;
        this.afterAck = afterAck;
    }

    @Override
    public void register(App app) {
        app.blockAction(ActionIds.FORGET_ME_CONFIRM, (request, context) -> later(request, context, true));
        app.blockAction(ActionIds.FORGET_ME_CANCEL, (request, context) -> later(request, context, false));
    }

    private Response later(BlockActionRequest request, ActionContext context, boolean erasing) {
        BlockActionPayload payload = request.getPayload();
        String teamId = SlackIds.team(payload, context);
        String clicker = payload.getUser().getId();
        String askedBy = payload.getActions().get(0).getValue();
        String responseUrl = payload.getResponseUrl();
        if (!clicker.equals(askedBy)) {
            afterAck.run("Forget me button", () -> gateway.respond(responseUrl, ForgetMeMessages.notYours(askedBy),
                    false));
        } else if (erasing) {
            // Thousands of rows may go, in one transaction: never on the quick pool.
            afterAck.runSlow("Forget me button", () -> erase(teamId, clicker, responseUrl));
        } else {
            afterAck.run("Cancel forget me button", () -> gateway.respond(responseUrl, ForgetMeMessages.cancelled(),
                    true));
        }
        return context.ack();
    }

    private void erase(String teamId, String userId, String responseUrl) {
        SlackMessage answer;
        boolean replace;
        try {
            PersonErasure.Tally erased = DatabaseCalls.retryingOnce(() -> erasure.erase(teamId, userId));
            replace = !erased.isEmpty();
            answer = replace ? ForgetMeMessages.deleted(erased.takeaways(), erased.reactions())
                    : ForgetMeMessages.alreadyDeleted();
        } catch (DataAccessException | TransactionException e) {
            outages.tell(log, "forget me not done, the database is unavailable", e);
            answer = ForgetMeMessages.databaseDown();
            replace = false;
        }
        gateway.respond(responseUrl, answer, replace);
    }
}
