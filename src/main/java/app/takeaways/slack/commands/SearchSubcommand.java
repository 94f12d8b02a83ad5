package app.takeaways.slack.commands;

import app.takeaways.note.Audience;
import app.takeaways.note.Conversation;
import app.takeaways.search.SearchQuery;
import app.takeaways.search.SearchQueryParser;
import app.takeaways.search.TakeawaySearch;
import app.takeaways.slack.ChannelClassifier;
import app.takeaways.slack.SearchRunner;
import app.takeaways.slack.SlackIds;
import app.takeaways.slack.blocks.HelpEntry;
import app.takeaways.slack.blocks.HelpMessage;
import app.takeaways.slack.blocks.SearchResultsMessage;
import app.takeaways.slack.blocks.SlackMessage;
import app.takeaways.workspace.ChannelType;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * {@code /takeaway search <query>}: the first page of results, in the ack itself (a search takes milliseconds), only
 * to the person who searched, of what they may see there. In a conversation whose kind is not known yet (it may be
 * shared with another organisation), Slack is asked first, within the ack's time. Paging and sharing are buttons on
 * the results.
 */
@Component
class SearchSubcommand implements Subcommand {

    static final HelpEntry HELP = new HelpEntry("search <words> [filters]",
            "Search your team's takeaways. Use `\"exact phrases\"`, `-leave-out`, `OR`, and the filters `tag:k8s`,"
                    + " `from:@someone` (or `from:me`), `in:#channel`, `talk:\"title\"`, `after:2026-01-31`,"
                    + " `before:2026-12-31`. Filters alone list the newest first.",
            "search karpenter \"node groups\" tag:k8s -fargate");

    /** How long a search in a conversation of unknown kind waits for Slack to say what it is. */
    static final Duration ASK_SLACK_WITHIN = Duration.ofMillis(1500);

    private final SearchRunner searches;
    private final ChannelClassifier classifier;

    private final SaveInsteadOffer saveInstead;

    SearchSubcommand(SearchRunner searches, ChannelClassifier classifier, SaveInsteadOffer saveInstead) {
        this.saveInstead = saveInstead;
        this.searches = searches;
        this.classifier = classifier;
    }

    /**
     * The person who ran the command, in the conversation they ran it in, of the kind it is now. Whether it is shared
     * with another organisation decides what may be shown in it (or exported from it): a new one is asked of Slack
     * first, within the ack's time.
     */
    static Audience personHere(ChannelClassifier classifier, SlashCommandPayload payload, String teamId) {
        String channelId = payload.getChannelId();
        ChannelType hint = ChannelType.inferFromCommand(channelId, payload.getChannelName());
        ChannelType kind = classifier.kindWithin(teamId, channelId, hint, ASK_SLACK_WITHIN);
        return Audience.person(teamId, payload.getUserId(), new Conversation(channelId, kind));
    }

    @Override
    public HelpEntry help() {
        return HELP;
    }

    @Override
    public Response handle(SlashCommandRequest request, SlashCommandContext context, String arguments) {
        SlashCommandPayload payload = request.getPayload();
        String command = payload.getCommand();
        if (arguments.isBlank()) {
            return TakeawayCommand.ack(context, SlackMessage.of(":mag: What should I look for?\n\n"
                    + HelpMessage.usage(command, HELP)));
        }
        SearchQuery query = SearchQueryParser.parse(arguments);
        if (query.isEmpty()) {
            return TakeawayCommand.ack(context, saveInstead.to(payload, context, arguments,
                    SearchResultsMessage.nothingToSearch(command, query, HELP)));
        }
        SearchRunner.Answer answer = searches.run(new TakeawaySearch.Request(personHere(classifier, payload,
                SlackIds.team(payload.getTeamId(), context)), query, 0));
        return TakeawayCommand.ack(context, saveInstead.to(payload, context, arguments, answer.failed()
                ? answer.failure() : SearchResultsMessage.render(answer.results())));
    }
}
