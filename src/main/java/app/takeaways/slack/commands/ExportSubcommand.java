package app.takeaways.slack.commands;

import app.takeaways.note.Audience;
import app.takeaways.search.SearchQuery;
import app.takeaways.search.SearchQueryParser;
import app.takeaways.slack.ChannelClassifier;
import app.takeaways.slack.ExportSender;
import app.takeaways.slack.SlackIds;
import app.takeaways.slack.blocks.HelpEntry;
import app.takeaways.slack.blocks.SlackMessage;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import org.springframework.stereotype.Component;

import java.util.function.UnaryOperator;

/**
 * {@code /takeaway export [search]}: the takeaways the person may see here (that the search selects), sent to them
 * in a DM as a Markdown outline and a CSV. The ack says it is on its way; the export follows it.
 */
@Component
class ExportSubcommand implements Subcommand {

    static final HelpEntry HELP = new HelpEntry("export [search]",
            "Get the takeaways you may see as a Markdown outline (days, talks, takeaways with their sub-points, links"
                    + " and tags) and a CSV, in a DM with me. Add a search (words, `\"phrases\"`, `-leave-out`,"
                    + " `tag:`, `from:`, `in:`, `talk:`, `after:`, `before:`) to export only what matches: every"
                    + " word must match.",
            "export tag:k8s after:2026-01-01");

    private final ExportSender sender;
    private final ChannelClassifier classifier;
    private final SaveInsteadOffer saveInstead;

    ExportSubcommand(ExportSender sender, ChannelClassifier classifier, SaveInsteadOffer saveInstead) {
        this.sender = sender;
        this.classifier = classifier;
        this.saveInstead = saveInstead;
    }

    @Override
    public HelpEntry help() {
        return HELP;
    }

    @Override
    public Response handle(SlashCommandRequest request, SlashCommandContext context, String arguments) {
        SlashCommandPayload payload = request.getPayload();
        String teamId = SlackIds.team(payload.getTeamId(), context);
        SearchQuery query = arguments.isBlank() ? null : SearchQueryParser.parse(arguments);
        // What may be exported is what this person may see here, as for a search.
        Audience audience = SearchSubcommand.personHere(classifier, payload, teamId);
        // "Export controls matter for chips" may have been a note: the ack and the answer after it say so.
        UnaryOperator<SlackMessage> offer = saveInstead.forCommand(payload, context, arguments);
        sender.sendAfterAck(teamId, payload.getUserId(), audience, query, payload.getResponseUrl(), offer);
        return TakeawayCommand.ack(context, offer.apply(SlackMessage.of(ExportSender.onItsWay(query))));
    }
}
