package app.takeaways.slack.views;

import app.takeaways.database.DatabaseOutages;
import app.takeaways.export.OutlineShape;
import app.takeaways.slack.AfterAck;
import app.takeaways.slack.DatabaseCalls;
import app.takeaways.slack.Notices;
import app.takeaways.slack.OutlineText;
import app.takeaways.slack.SlackGateway;
import app.takeaways.slack.SlackIds;
import app.takeaways.slack.SlackSurface;
import app.takeaways.slack.blocks.ActionIds;
import app.takeaways.slack.blocks.CaptureForm.Origin;
import app.takeaways.slack.blocks.ImportForm;
import app.takeaways.slack.blocks.ImportMessages;
import app.takeaways.slack.blocks.Metadata;
import app.takeaways.workspace.ChannelType;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The import form: opened by {@code /takeaway import}; on submit the outline is read and kept as a draft before
 * the form closes (an outline with no takeaways, or the database away, is said in the form with the text still
 * there), then its preview is sent where the person asked.
 */
@Component
public class ImportForms implements SlackSurface {

    private static final Logger log = LoggerFactory.getLogger(ImportForms.class);

    private final SlackGateway gateway;
    private final AfterAck afterAck;
    private final ImportDrafts drafts;
    private final Notices notices;
    private final DatabaseOutages outages;

    ImportForms(SlackGateway gateway, AfterAck afterAck, ImportDrafts drafts, Notices notices,
                DatabaseOutages outages) {
        this.outages = outages;
        this.gateway = gateway;
        this.afterAck = afterAck;
        this.drafts = drafts;
        this.notices = notices;
    }

    @Override
    public void register(App app) {
        app.viewSubmission(ActionIds.IMPORT_FORM, this::submit);
    }

    /** Opens the form after the ack (the trigger is valid for 3 s). */
    public void openAfterAck(String teamId, String triggerId, Origin origin) {
        afterAck.run("Opening the import form", () -> gateway.in(teamId).openView(triggerId, ImportForm.open(origin)));
    }

    Response submit(ViewSubmissionRequest request, ViewSubmissionContext context) {
        ViewSubmissionPayload payload = request.getPayload();
        String teamId = SlackIds.team(payload.getTeam().getId(), context);
        String userId = payload.getUser().getId();
        Optional<Origin> origin = Metadata.read(payload.getView().getPrivateMetadata(), Origin.class)
                .filter(o -> o.channelId() != null);
        if (origin.isEmpty()) {
            return error(context, "This form is out of date: close it and open a new one.");
        }
        String outline = ImportForm.read(payload.getView().getState()).orElse("");
        List<OutlineShape.Read> takeaways = OutlineText.takeaways(outline, OutlineText.PASTED);
        if (takeaways.isEmpty()) {
            return error(context, ImportMessages.noTakeawaysInForm());
        }
        String channelId = origin.get().channelId();
        ChannelType hint = ChannelType.inferFromCommand(channelId, origin.get().channelName());
        String draftId;
        try {
            draftId = DatabaseCalls.retryingOnce(() -> drafts.keep(teamId, userId, channelId, hint,
                    OutlineText.PASTED, outline));
        } catch (DataAccessException | TransactionException e) {
            outages.tell(log, "Pasted outline not kept for its preview", e);
            return error(context, "Not kept: the database is not answering. Your outline is still here: try again"
                    + " in a minute.");
        }
        afterAck.run("Sending an import's preview", () -> notices.tell(teamId, userId, channelId,
                origin.get().responseUrl(), ImportMessages.preview(draftId, OutlineText.PASTED, takeaways)));
        return context.ack();
    }

    private static Response error(ViewSubmissionContext context, String message) {
        return context.ack(r -> r.responseAction("errors").errors(Map.of(ImportForm.OUTLINE, message)));
    }
}
