package app.takeaways.slack.events;

import app.takeaways.database.DatabaseOutages;
import app.takeaways.export.OutlineShape;
import app.takeaways.slack.AfterAck;
import app.takeaways.slack.DatabaseCalls;
import app.takeaways.slack.OutlineText;
import app.takeaways.slack.SlackFiles;
import app.takeaways.slack.SlackFiles.UnreadableFileException;
import app.takeaways.slack.blocks.ImportMessages;
import app.takeaways.slack.blocks.SlackMessage;
import app.takeaways.slack.views.ImportDrafts;
import app.takeaways.workspace.ChannelType;
import com.slack.api.model.File;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Outline files sent to the bot: each file shared in its DM, or attached to {@code @Takeaways import} in a channel,
 * is read after the ack and answered with its preview (or the one line saying why it could not be read) where it
 * was sent. A file's delivery is claimed in the database first, so an event Slack delivers again gets no second
 * answer, whichever instance it reaches.
 */
@Component
class FileImports {

    private static final Logger log = LoggerFactory.getLogger(FileImports.class);

    private final SlackFiles files;
    private final ImportDrafts drafts;
    private final AfterAck afterAck;
    private final DatabaseOutages outages;

    FileImports(SlackFiles files, ImportDrafts drafts, AfterAck afterAck, DatabaseOutages outages) {
        this.outages = outages;
        this.files = files;
        this.drafts = drafts;
        this.afterAck = afterAck;
    }

    /** Where a file came from, and how its answer reaches the person who sent it. */
    record Sent(String teamId, String channelId, ChannelType hint, String userId, String messageTs,
                Consumer<SlackMessage> answer) {
    }

    void importAfterAck(Sent sent, List<File> shared) {
        for (File file : shared == null ? List.<File>of() : shared) {
            if (file.getId() != null) {
                afterAck.runSlow("Importing a shared file", () -> importFile(sent, file));
            }
        }
    }

    private void importFile(Sent sent, File file) {
        String name = file.getName() != null ? file.getName() : file.getId();
        Optional<String> claimed;
        try {
            claimed = DatabaseCalls.retryingOnce(() -> drafts.claim(sent.teamId(), sent.userId(), sent.channelId(),
                    sent.hint(), name, "file:" + file.getId() + ":" + sent.messageTs()));
        } catch (DataAccessException | TransactionException e) {
            outages.tell(log, "Shared file not imported, the database is unavailable", e);
            sent.answer().accept(ImportMessages.notKept());
            return;
        }
        if (claimed.isEmpty()) {
            return; // delivered again: answered already
        }
        SlackFiles.TextFile text;
        try {
            text = files.read(sent.teamId(), file.getId());
        } catch (UnreadableFileException e) {
            sent.answer().accept(ImportMessages.unreadable(e.why(), e.fileName() == null ? name : e.fileName(),
                    e.size(), e.slackError()));
            return;
        }
        List<OutlineShape.Read> takeaways = OutlineText.takeaways(text.text(), text.name());
        if (takeaways.isEmpty()) {
            sent.answer().accept(OutlineText.isOpml(text.text(), text.name())
                    ? ImportMessages.noOpmlItems(text.name()) : ImportMessages.noTakeaways(text.name()));
            return;
        }
        drafts.fill(sent.teamId(), claimed.get(), text.name(), text.text());
        sent.answer().accept(ImportMessages.preview(claimed.get(), text.name(), takeaways));
    }
}
