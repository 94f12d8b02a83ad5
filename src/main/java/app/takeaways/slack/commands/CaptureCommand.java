package app.takeaways.slack.commands;

import app.takeaways.database.DatabaseOutages;
import app.takeaways.note.CaptureTakeaway;
import app.takeaways.note.CapturedTakeaway;
import app.takeaways.note.EmptyTakeawayException;
import app.takeaways.note.TakeawayCapture;
import app.takeaways.slack.ChannelClassifier;
import app.takeaways.slack.DatabaseCalls;
import app.takeaways.slack.blocks.CaptureConfirmation;
import app.takeaways.workspace.ChannelType;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;


/**
 * {@code /takeaway <text>}: keeps the takeaway and acknowledges with what was saved. The ack is only "saved" once
 * the row is committed; if the database cannot be reached the person is told plainly that nothing was saved.
 */
@Component
class CaptureCommand {

    private static final Logger log = LoggerFactory.getLogger(CaptureCommand.class);

    private final TakeawayCapture capture;
    private final ChannelClassifier classifier;
    private final DatabaseOutages outages;

    CaptureCommand(TakeawayCapture capture, ChannelClassifier classifier, DatabaseOutages outages) {
        this.outages = outages;
        this.capture = capture;
        this.classifier = classifier;
    }

    Response handle(SlashCommandRequest request, SlashCommandContext context) {
        SlashCommandPayload payload = request.getPayload();
        String teamId = payload.getTeamId() != null && !payload.getTeamId().isBlank()
                ? payload.getTeamId() : context.getTeamId();
        String channelId = payload.getChannelId();
        String text = payload.getText().strip();
        ChannelType inferred = ChannelType.inferFromCommand(channelId, payload.getChannelName());

        CapturedTakeaway saved;
        try {
            saved = DatabaseCalls.retryingOnce(() -> capture.capture(CaptureTakeaway.fromSlashCommand(teamId, channelId,
                    classifier.typeFor(teamId, channelId, inferred), payload.getUserId(), text,
                    payload.getTriggerId())));
        } catch (EmptyTakeawayException e) {
            return TakeawayCommand.ack(context, CaptureConfirmation.nothingToSave(payload.getCommand()));
        } catch (DataAccessException | TransactionException e) {
            if (!DatabaseCalls.unavailable(e)) {
                log.error("Takeaway not saved: the database refused it", e);
                return TakeawayCommand.ack(context, CaptureConfirmation.failed(text));
            }
            outages.tell(log, "Takeaway not saved, the database is unavailable", e);
            return TakeawayCommand.ack(context, CaptureConfirmation.notSaved(text));
        }
        return TakeawayCommand.ack(context, CaptureConfirmation.saved(saved));
    }

}
