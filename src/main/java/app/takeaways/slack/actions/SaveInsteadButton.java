package app.takeaways.slack.actions;

import app.takeaways.database.DatabaseOutages;
import app.takeaways.note.CaptureTakeaway;
import app.takeaways.note.CapturedTakeaway;
import app.takeaways.note.EmptyTakeawayException;
import app.takeaways.note.TakeawayCapture;
import app.takeaways.platform.Fingerprint;
import app.takeaways.slack.AfterAck;
import app.takeaways.slack.ChannelClassifier;
import app.takeaways.slack.DatabaseCalls;
import app.takeaways.slack.SlackGateway;
import app.takeaways.slack.SlackIds;
import app.takeaways.slack.SlackSurface;
import app.takeaways.slack.blocks.ActionIds;
import app.takeaways.slack.blocks.CaptureConfirmation;
import app.takeaways.slack.blocks.SaveInstead;
import app.takeaways.slack.blocks.SlackMessage;
import app.takeaways.slack.views.CaptureDrafts;
import app.takeaways.workspace.ChannelType;
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

import java.util.Optional;

/**
 * "Save it as a takeaway instead": the text a person gave a subcommand, kept as the takeaway they may have meant, in
 * the conversation where they typed it, as {@code /takeaway <text>} would have. The answer with the button is
 * replaced by the capture's confirmation. A second click on the same answer saves nothing more.
 */
@Component
class SaveInsteadButton implements SlackSurface {

    private static final Logger log = LoggerFactory.getLogger(SaveInsteadButton.class);

    private final TakeawayCapture capture;
    private final ChannelClassifier classifier;
    private final CaptureDrafts drafts;
    private final SlackGateway gateway;
    private final AfterAck afterAck;
    private final DatabaseOutages outages;

    SaveInsteadButton(TakeawayCapture capture, ChannelClassifier classifier, CaptureDrafts drafts,
                      SlackGateway gateway, AfterAck afterAck, DatabaseOutages outages) {
        this.outages = outages;
        this.capture = capture;
        this.classifier = classifier;
        this.drafts = drafts;
        this.gateway = gateway;
        this.afterAck = afterAck;
    }

    @Override
    public void register(App app) {
        app.blockAction(ActionIds.SAVE_INSTEAD, this::clicked);
    }

    private Response clicked(BlockActionRequest request, ActionContext context) {
        BlockActionPayload payload = request.getPayload();
        String value = payload.getActions().get(0).getValue();
        if (value == null || payload.getChannel() == null || payload.getResponseUrl() == null) {
            return context.ack(); // not a button this app drew
        }
        String teamId = SlackIds.team(payload, context);
        String channelId = payload.getChannel().getId();
        String channelName = payload.getChannel().getName();
        String userId = payload.getUser().getId();
        // The answer it sits under identifies the click: the same answer clicked twice is one takeaway.
        String answerTs = payload.getContainer() != null && payload.getContainer().getMessageTs() != null
                ? payload.getContainer().getMessageTs() : payload.getActions().get(0).getActionTs();
        afterAck.run("Save it as a takeaway instead", () -> save(teamId, channelId, channelName, userId, value,
                answerTs, payload.getResponseUrl()));
        return context.ack();
    }

    private void save(String teamId, String channelId, String channelName, String userId, String value,
                      String answerTs, String responseUrl) {
        SlackMessage answer;
        Optional<String> note = Optional.empty();
        try {
            note = DatabaseCalls.retryingOnce(() -> note(teamId, value));
            if (note.isEmpty()) {
                answer = SlackMessage.of(":information_source: That note is no longer here to save (a day has"
                        + " passed). Send it again with `/takeaway <text>`.");
            } else {
                String text = note.get();
                ChannelType kind = classifier.typeFor(teamId, channelId,
                        ChannelType.inferFromCommand(channelId, channelName));
                CapturedTakeaway saved = DatabaseCalls.retryingOnce(() -> capture.capture(
                        CaptureTakeaway.fromSlashCommand(teamId, channelId, kind, userId, text,
                                requestId(channelId, answerTs, text))));
                answer = CaptureConfirmation.saved(saved);
            }
        } catch (EmptyTakeawayException e) {
            answer = SlackMessage.of(":information_source: There is nothing in that text to save.");
        } catch (DataAccessException | TransactionException e) {
            outages.tell(log, "Takeaway not saved from \"save it instead\"", e);
            answer = note.map(CaptureConfirmation::notSaved)
                    .orElseGet(() -> SlackMessage.of(":warning: *Not saved:* the database is not answering."
                            + " Please try again in a minute."));
        }
        gateway.respond(responseUrl, answer, true);
    }

    private Optional<String> note(String teamId, String value) {
        if (value.startsWith(SaveInstead.TEXT)) {
            return Optional.of(value.substring(SaveInstead.TEXT.length()));
        }
        if (value.startsWith(SaveInstead.DRAFT)) {
            return drafts.find(teamId, value.substring(SaveInstead.DRAFT.length()));
        }
        return Optional.empty();
    }

    private static String requestId(String channelId, String answerTs, String text) {
        return "instead:" + Fingerprint.of(channelId, answerTs, text);
    }
}
