package app.takeaways.slack.commands;

import app.takeaways.note.Audience;
import app.takeaways.search.SearchQuery;
import app.takeaways.search.SearchQueryParser;
import app.takeaways.summary.SummaryReport;
import app.takeaways.summary.TalkSummaries;
import app.takeaways.slack.AfterAck;
import app.takeaways.slack.Notices;
import app.takeaways.slack.SlackApiCallException;
import app.takeaways.slack.SlackGateway;
import app.takeaways.slack.SlackIds;
import app.takeaways.slack.SummaryPoster;
import app.takeaways.slack.blocks.HelpEntry;
import app.takeaways.slack.blocks.HelpMessage;
import app.takeaways.slack.blocks.SlackMessage;
import app.takeaways.slack.blocks.SlackText;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * {@code /takeaway summary <talk title or search query>}: a talk's summary when a talk goes by that title, else a
 * summary of what the search finds; posted in the channel for everyone, built only from what the channel may see.
 * A talk's summary is kept and refreshed as the talk gains takeaways. The work follows the ack.
 */
@Component
class SummarySubcommand implements Subcommand {

    static final HelpEntry HELP = new HelpEntry("summary <talk title or search>",
            "Post a summary here: the themes, the takeaways that carry them, the links and who contributed. A talk's"
                    + " summary stays up to date. In a talk thread, mention `@Takeaways summary`.",
            "summary EKS deep dive");

    private final TalkSummaries summaries;
    private final SummaryPoster poster;
    private final SlackGateway gateway;
    private final AfterAck afterAck;

    private final SaveInsteadOffer saveInstead;

    SummarySubcommand(TalkSummaries summaries, SummaryPoster poster, SlackGateway gateway, AfterAck afterAck,
                      SaveInsteadOffer saveInstead) {
        this.saveInstead = saveInstead;
        this.summaries = summaries;
        this.poster = poster;
        this.gateway = gateway;
        this.afterAck = afterAck;
    }

    @Override
    public HelpEntry help() {
        return HELP;
    }

    @Override
    public Response handle(SlashCommandRequest request, SlashCommandContext context, String arguments) {
        SlashCommandPayload payload = request.getPayload();
        if (arguments.isBlank()) {
            return TakeawayCommand.ack(context, SlackMessage.of(":memo: What should I summarise? Give a talk's title"
                    + " or a search.\n\n" + HelpMessage.usage(payload.getCommand(), HELP)));
        }
        String teamId = SlackIds.team(payload.getTeamId(), context);
        String channelId = payload.getChannelId();
        afterAck.runSlow("Summarising", () -> {
            Audience members = poster.membersOf(teamId, channelId);
            Optional<SummaryReport> report = summaries.findTalk(members, SlackText.readable(arguments))
                    .flatMap(talk -> summaries.ofTalk(members, talk));
            // A talk found by its title is what was asked for; anything else might have been a note.
            String mightBeNote = report.isPresent() ? "" : arguments;
            if (report.isEmpty()) {
                SearchQuery query = SearchQueryParser.parse(arguments);
                report = query.isEmpty() ? Optional.empty() : summaries.ofSearch(members, query);
            }
            if (report.isEmpty()) {
                answer(payload, context, mightBeNote, ":shrug: Nothing to summarise for `" + SlackText.escape(arguments.replace("`",
                        "'")) + "`: no talk goes by that title and no takeaway this channel may see matches it. Try `"
                        + SlackText.escape(payload.getCommand()) + " search` to find the right words.");
                return;
            }
            try {
                poster.post(members, null, payload.getUserId(), report.get());
                answer(payload, context, mightBeNote, ":white_check_mark: Posted the summary of *" + SlackText.escape(
                        SlackText.truncatePlain(report.get().subject(), 150)) + "* in <#" + channelId + ">.");
            } catch (SlackApiCallException e) {
                answer(payload, context, mightBeNote, Notices.whyNotPosted(e, channelId));
            }
        });
        return TakeawayCommand.ack(context, SlackMessage.of(":hourglass_flowing_sand: Summarising…"));
    }

    /** The answer, offering to save what was typed as a takeaway when {@code mightBeNote} reads like one. */
    private void answer(SlashCommandPayload payload, SlashCommandContext context, String mightBeNote, String mrkdwn) {
        gateway.respond(payload.getResponseUrl(), saveInstead.to(payload, context, mightBeNote,
                SlackMessage.of(mrkdwn)), true);
    }
}
