package app.takeaways.slack.shortcuts;

import app.takeaways.database.DatabaseOutages;
import app.takeaways.note.TalkThreads;
import app.takeaways.note.TalkThreads.TalkChoice;
import app.takeaways.slack.DatabaseCalls;
import app.takeaways.slack.SlackIds;
import app.takeaways.slack.SlackSurface;
import app.takeaways.slack.blocks.ActionIds;
import app.takeaways.slack.blocks.CaptureForm.Origin;
import app.takeaways.slack.views.CaptureDrafts;
import app.takeaways.slack.views.CaptureForms;
import com.slack.api.app_backend.interactive_components.payload.MessageShortcutPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.MessageShortcutContext;
import com.slack.api.bolt.request.builtin.MessageShortcutRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

/**
 * "Save as takeaway" on any message: opens the capture form with the message's text, to be saved credited to the
 * message's author, in its channel, with its permalink. In a tracked talk thread, that talk is preselected.
 */
@Component
class SaveAsTakeawayShortcut implements SlackSurface {

    private static final Logger log = LoggerFactory.getLogger(SaveAsTakeawayShortcut.class);

    private final CaptureForms forms;
    private final CaptureDrafts drafts;
    private final TalkThreads talks;
    private final DatabaseOutages outages;

    SaveAsTakeawayShortcut(CaptureForms forms, CaptureDrafts drafts, TalkThreads talks, DatabaseOutages outages) {
        this.outages = outages;
        this.forms = forms;
        this.drafts = drafts;
        this.talks = talks;
    }

    @Override
    public void register(App app) {
        app.messageShortcut(ActionIds.SAVE_MESSAGE_SHORTCUT, this::handle);
    }

    Response handle(MessageShortcutRequest request, MessageShortcutContext context) {
        MessageShortcutPayload payload = request.getPayload();
        Message message = payload.getMessage();
        String teamId = SlackIds.team(payload.getTeam().getId(), context);
        String channelId = payload.getChannel().getId();
        String text = message.getText() == null ? "" : message.getText();
        String author = message.getUser();
        if (text.isBlank() || author == null || message.getBotId() != null) {
            // Nothing to keep (a file without text), or a bot's message: never captured.
            return context.ack();
        }
        String draftId;
        TalkChoice talk = null;
        try {
            draftId = DatabaseCalls.retryingOnce(() -> drafts.keep(teamId, text));
            if (message.getThreadTs() != null) {
                talk = talks.tracked(teamId, channelId, message.getThreadTs())
                        .map(thread -> new TalkChoice(thread.talkId(), thread.talkTitle())).orElse(null);
            }
        } catch (DataAccessException | TransactionException e) {
            outages.tell(log, "Cannot open the capture form, the database is unavailable", e);
            draftId = null;
        }
        Origin origin = new Origin(channelId, payload.getChannel().getName(), payload.getResponseUrl(), draftId,
                message.getTs(), message.getThreadTs(), author);
        forms.openAfterAck(teamId, payload.getTriggerId(), origin, text, talk);
        return context.ack();
    }
}
