package app.takeaways.slack.commands;

import app.takeaways.note.TakeawayTextParser;
import app.takeaways.note.TalkThreads;
import app.takeaways.note.TalkThreads.Origin;
import app.takeaways.slack.AfterAck;
import app.takeaways.slack.DatabaseCalls;
import app.takeaways.slack.Notices;
import app.takeaways.slack.SlackApiCallException;
import app.takeaways.slack.SlackGateway;
import app.takeaways.slack.SlackIds;
import app.takeaways.slack.blocks.HelpEntry;
import app.takeaways.slack.blocks.HelpMessage;
import app.takeaways.slack.blocks.SlackMessage;
import app.takeaways.slack.blocks.SlackText;
import app.takeaways.slack.blocks.TalkThreadMessage;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * {@code /takeaway talk <title> [#tags]}: posts a talk message in the channel, and every human reply in its thread
 * becomes a takeaway of that talk. The post is a Web API call, so it follows the ack; the person hears how it went.
 */
@Component
class TalkSubcommand implements Subcommand {

    static final HelpEntry HELP = new HelpEntry("talk <title> [#tags]",
            "Start a talk thread in this channel: every reply in it is saved as a takeaway of the talk.",
            "talk EKS deep dive: scaling with Karpenter #k8s #aws");

    private final SlackGateway gateway;
    private final TalkThreads talks;
    private final AfterAck afterAck;
    private final Notices notices;

    private final SaveInsteadOffer saveInstead;

    TalkSubcommand(SlackGateway gateway, TalkThreads talks, AfterAck afterAck, Notices notices,
                   SaveInsteadOffer saveInstead) {
        this.saveInstead = saveInstead;
        this.gateway = gateway;
        this.talks = talks;
        this.afterAck = afterAck;
        this.notices = notices;
    }

    @Override
    public HelpEntry help() {
        return HELP;
    }

    @Override
    public Response handle(SlashCommandRequest request, SlashCommandContext context, String arguments) {
        SlashCommandPayload payload = request.getPayload();
        var parsed = TakeawayTextParser.parse(arguments);
        String title = parsed.body().replaceAll("(?<![\\p{L}\\p{N}_])#[\\p{L}\\p{N}_][\\p{L}\\p{N}\\p{M}_-]*", " ")
                .replaceAll("\\s+", " ").strip();
        if (title.isEmpty()) {
            return TakeawayCommand.ack(context, usage(payload.getCommand()));
        }
        String teamId = SlackIds.team(payload.getTeamId(), context);
        String talkTitle = SlackText.readable(title);
        afterAck.run("Starting a talk thread", () -> start(teamId, payload, talkTitle, parsed.tags(),
                started -> saveInstead.to(payload, context, arguments, started)));
        return TakeawayCommand.ack(context, SlackMessage.of(":microphone: Starting a thread for *"
                + SlackText.escape(talkTitle) + "*…"));
    }

    private void start(String teamId, SlashCommandPayload payload, String title, List<String> tags,
                       UnaryOperator<SlackMessage> offer) {
        String channelId = payload.getChannelId();
        String userId = payload.getUserId();
        String ts;
        try {
            ts = gateway.in(teamId).postMessage(channelId, null, TalkThreadMessage.render(title, tags, userId));
        } catch (SlackApiCallException e) {
            notices.tell(teamId, userId, channelId, payload.getResponseUrl(),
                    message(Notices.whyNotPosted(e, channelId)));
            return;
        }
        try {
            DatabaseCalls.retryingOnce(() -> talks.track(teamId, channelId, ts, title, tags, userId, Origin.COMMAND));
        } catch (DataAccessException | TransactionException e) {
            notices.tell(teamId, userId, channelId, payload.getResponseUrl(), message(":warning: I posted the talk,"
                    + " but could not start collecting its replies: the database is not answering. Mention me with"
                    + " `track` in that thread in a minute."));
            throw e;
        }
        gateway.respond(payload.getResponseUrl(), offer.apply(message(":white_check_mark: Talk thread started for *"
                + SlackText.escape(title) + "*: every reply in it is saved as a takeaway.")), true);
    }

    private static SlackMessage usage(String command) {
        return message(HelpMessage.usage(command, HELP));
    }

    private static SlackMessage message(String mrkdwn) {
        return SlackMessage.of(mrkdwn);
    }
}
