package app.takeaways.slack.commands;

import app.takeaways.database.DatabaseOutages;
import app.takeaways.export.OutlineShape;
import app.takeaways.slack.DatabaseCalls;
import app.takeaways.slack.OutlineText;
import app.takeaways.slack.SlackIds;
import app.takeaways.slack.blocks.CaptureForm.Origin;
import app.takeaways.slack.blocks.HelpEntry;
import app.takeaways.slack.blocks.ImportMessages;
import app.takeaways.slack.views.ImportDrafts;
import app.takeaways.slack.views.ImportForms;
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

import java.util.List;

/**
 * {@code /takeaway import}: without text, a form to paste an outline into; with an outline (several lines that read
 * to takeaways), its preview at once; with other text (a note that starts with the word), import's own help. Either
 * way nothing is saved before the person presses Import under the preview.
 */
@Component
class ImportSubcommand implements Subcommand {

    private static final Logger log = LoggerFactory.getLogger(ImportSubcommand.class);

    static final HelpEntry HELP = new HelpEntry("import [outline]",
            "Import notes written elsewhere: talk titles with their takeaways indented under them (or under a `#`"
                    + " heading). Without text, a form opens to paste them; a longer file (.txt, .md or .opml, up to "
                    + ImportMessages.MAX_SIZE + ") you send me in a DM, or with `@Takeaways import` in a channel. A"
                    + " preview comes first; the same outline imported again adds only what is new.",
            "import");

    private final ImportForms forms;
    private final ImportDrafts drafts;
    private final SaveInsteadOffer saveInstead;
    private final DatabaseOutages outages;

    ImportSubcommand(ImportForms forms, ImportDrafts drafts, SaveInsteadOffer saveInstead, DatabaseOutages outages) {
        this.outages = outages;
        this.forms = forms;
        this.drafts = drafts;
        this.saveInstead = saveInstead;
    }

    @Override
    public HelpEntry help() {
        return HELP;
    }

    @Override
    public Response handle(SlashCommandRequest request, SlashCommandContext context, String arguments) {
        SlashCommandPayload payload = request.getPayload();
        Origin origin = Origin.forChannel(payload.getChannelId(), payload.getChannelName(), payload.getResponseUrl());
        if (arguments.isBlank()) {
            forms.openAfterAck(SlackIds.team(payload.getTeamId(), context), payload.getTriggerId(), origin);
            return context.ack();
        }
        // What Slack sent is in its message format; the outline is kept as typed, and read as the form's is.
        String outline = OutlineText.fromSlackMessage(arguments);
        List<OutlineShape.Read> takeaways = outline.strip().lines().filter(line -> !line.isBlank()).count() < 2
                ? List.of() : OutlineText.takeaways(outline, OutlineText.PASTED);
        if (takeaways.isEmpty()) {
            return TakeawayCommand.ack(context, saveInstead.to(payload, context, arguments,
                    ImportMessages.notAnOutline(payload.getCommand(), HELP)));
        }
        String teamId = SlackIds.team(payload.getTeamId(), context);
        ChannelType hint = ChannelType.inferFromCommand(payload.getChannelId(), payload.getChannelName());
        try {
            String draftId = DatabaseCalls.retryingOnce(() -> drafts.keep(teamId, payload.getUserId(),
                    payload.getChannelId(), hint, OutlineText.PASTED, outline));
            return TakeawayCommand.ack(context, ImportMessages.preview(draftId, OutlineText.PASTED, takeaways));
        } catch (DataAccessException | TransactionException e) {
            outages.tell(log, "Outline from the command not kept for its preview", e);
            return TakeawayCommand.ack(context, ImportMessages.notKept());
        }
    }
}
