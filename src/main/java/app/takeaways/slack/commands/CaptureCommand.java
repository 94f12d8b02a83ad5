package app.takeaways.slack.commands;

import app.takeaways.note.CaptureTakeaway;
import app.takeaways.note.CapturedTakeaway;
import app.takeaways.note.EmptyTakeawayException;
import app.takeaways.note.TakeawayCapture;
import app.takeaways.slack.ChannelClassifier;
import app.takeaways.slack.blocks.CaptureConfirmation;
import app.takeaways.workspace.ChannelDirectory;
import app.takeaways.workspace.ChannelType;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code /takeaway <text>}: keeps the takeaway and acknowledges with what was saved. The ack is only "saved" once
 * the row is committed; if the database cannot be reached the person is told plainly that nothing was saved.
 */
@Component
class CaptureCommand {

    private static final Logger log = LoggerFactory.getLogger(CaptureCommand.class);

    // A pooled connection the database dropped (a restart, a failover) fails fast and the pool replaces it:
    // one retry, if there is time left before Slack's 3 s.
    private static final Duration RETRY_WITHIN = Duration.ofMillis(1000);

    private final TakeawayCapture capture;
    private final ChannelDirectory channels;
    private final ChannelClassifier classifier;

    CaptureCommand(TakeawayCapture capture, ChannelDirectory channels, ChannelClassifier classifier) {
        this.capture = capture;
        this.channels = channels;
        this.classifier = classifier;
    }

    Response handle(SlashCommandRequest request, SlashCommandContext context) {
        SlashCommandPayload payload = request.getPayload();
        String teamId = payload.getTeamId() != null && !payload.getTeamId().isBlank()
                ? payload.getTeamId() : context.getTeamId();
        String channelId = payload.getChannelId();
        String text = payload.getText().strip();
        ChannelType inferred = ChannelType.inferFromCommand(channelId, payload.getChannelName());

        Saved saved;
        try {
            saved = retryingOnce(() -> {
                Optional<ChannelType> known = channels.typeOf(teamId, channelId);
                CaptureTakeaway command = CaptureTakeaway.fromSlashCommand(teamId, channelId,
                        known.orElse(inferred), payload.getUserId(), text, payload.getTriggerId());
                return new Saved(known.isPresent(), capture.capture(command));
            });
        } catch (EmptyTakeawayException e) {
            return TakeawayCommand.ack(context, CaptureConfirmation.nothingToSave(payload.getCommand()));
        } catch (DataAccessException | TransactionException e) {
            if (!isUnavailable(e)) {
                log.error("Takeaway not saved: the database refused it", e);
                return TakeawayCommand.ack(context, CaptureConfirmation.failed(text));
            }
            log.warn("Takeaway not saved, the database is unavailable: {}", rootMessage(e));
            return TakeawayCommand.ack(context, CaptureConfirmation.notSaved(text));
        }
        if (!saved.channelKnown()) {
            classifier.classifyLater(teamId, channelId, inferred);
        }
        return TakeawayCommand.ack(context, CaptureConfirmation.saved(saved.takeaway()));
    }

    private record Saved(boolean channelKnown, CapturedTakeaway takeaway) {
    }

    private static Saved retryingOnce(Supplier<Saved> save) {
        long started = System.nanoTime();
        try {
            return save.get();
        } catch (DataAccessException | TransactionException e) {
            // Safe to repeat: the Slack delivery is stored once whatever happens.
            if (!isUnavailable(e) || System.nanoTime() - started > RETRY_WITHIN.toNanos()) {
                throw e;
            }
            log.info("Retrying a capture after a database connection failure: {}", rootMessage(e));
            return save.get();
        }
    }

    /** The database could not be reached or did not answer in time, as opposed to refusing what was sent. */
    private static boolean isUnavailable(RuntimeException e) {
        return e instanceof TransientDataAccessException || e instanceof DataAccessResourceFailureException
                || e instanceof RecoverableDataAccessException || e instanceof TransactionException;
    }

    private static String rootMessage(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
