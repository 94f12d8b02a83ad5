package app.takeaways.slack.views;

import app.takeaways.note.EmptyTakeawayException;
import app.takeaways.note.RecentTakeaways;
import app.takeaways.note.TakeawayChanges;
import app.takeaways.slack.AfterAck;
import app.takeaways.slack.DatabaseCalls;
import app.takeaways.slack.SlackGateway;
import app.takeaways.slack.SlackIds;
import app.takeaways.slack.SlackSurface;
import app.takeaways.slack.blocks.ActionIds;
import app.takeaways.slack.blocks.CaptureConfirmation;
import app.takeaways.slack.blocks.CaptureForm;
import app.takeaways.slack.blocks.EditForm;
import app.takeaways.slack.blocks.Metadata;
import app.takeaways.slack.blocks.SlackText;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

import java.util.Map;
import java.util.Optional;

/**
 * The author's Edit form, submitted: saved before the form closes (problems are shown in it), then the
 * confirmation the Edit button was on shows the new version.
 */
@Component
class EditForms implements SlackSurface {

    private final TakeawayChanges changes;
    private final RecentTakeaways takeaways;
    private final SlackGateway gateway;
    private final AfterAck afterAck;

    EditForms(TakeawayChanges changes, RecentTakeaways takeaways, SlackGateway gateway, AfterAck afterAck) {
        this.changes = changes;
        this.takeaways = takeaways;
        this.gateway = gateway;
        this.afterAck = afterAck;
    }

    @Override
    public void register(App app) {
        app.viewSubmission(ActionIds.EDIT_FORM, this::submit);
    }

    Response submit(ViewSubmissionRequest request, ViewSubmissionContext context) {
        ViewSubmissionPayload payload = request.getPayload();
        String teamId = SlackIds.team(payload.getTeam().getId(), context);
        String userId = payload.getUser().getId();
        Optional<EditForm.Target> target = Metadata.read(payload.getView().getPrivateMetadata(), EditForm.Target.class);
        EditForm.Submission form = EditForm.read(payload.getView().getState());
        if (target.isEmpty()) {
            return error(context, "This form is out of date: close it and press Edit again.");
        }
        if (!form.valid()) {
            return context.ack(r -> r.responseAction("errors").errors(form.errors()));
        }
        TakeawayChanges.Outcome outcome;
        try {
            outcome = DatabaseCalls.retryingOnce(() -> changes.edit(teamId, target.get().takeawayId(), userId,
                    SlackText.fromPlainInput(form.text()), form.tags(), form.talkTitle()));
        } catch (EmptyTakeawayException e) {
            return error(context, "Write what you took away, not only the talk.");
        } catch (DataAccessException | TransactionException e) {
            return error(context, "Not saved: the database is not answering. Your text is still here: try again"
                    + " in a minute.");
        }
        return switch (outcome) {
            case NOT_FOUND -> error(context, "This takeaway was deleted in the meantime.");
            case NOT_AUTHOR -> error(context, "Only its author can edit this takeaway.");
            case DONE -> {
                afterAck.run("Showing an edited takeaway", () -> takeaways.find(teamId, target.get().takeawayId())
                        .ifPresent(entry -> gateway.respond(target.get().responseUrl(),
                                CaptureConfirmation.updated(entry), true)));
                yield context.ack();
            }
        };
    }

    private static Response error(ViewSubmissionContext context, String message) {
        return context.ack(r -> r.responseAction("errors").errors(Map.of(CaptureForm.TEXT, message)));
    }
}
