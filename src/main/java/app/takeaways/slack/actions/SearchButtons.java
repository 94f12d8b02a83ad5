package app.takeaways.slack.actions;

import app.takeaways.note.Audience;
import app.takeaways.note.Conversation;
import app.takeaways.note.RecentTakeaways;
import app.takeaways.note.RecentTakeaways.Entry;
import app.takeaways.search.SearchQueryParser;
import app.takeaways.search.TakeawaySearch;
import app.takeaways.slack.AfterAck;
import app.takeaways.slack.ChannelClassifier;
import app.takeaways.slack.Notices;
import app.takeaways.slack.SearchRunner;
import app.takeaways.slack.SlackApiCallException;
import app.takeaways.slack.SlackGateway;
import app.takeaways.slack.SlackIds;
import app.takeaways.slack.SlackSurface;
import app.takeaways.slack.blocks.ActionIds;
import app.takeaways.slack.blocks.SearchResultsMessage;
import app.takeaways.slack.blocks.SearchResultsMessage.PageRequest;
import app.takeaways.slack.blocks.SharedTakeaway;
import app.takeaways.slack.blocks.SlackMessage;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The buttons on search results in a conversation: Previous / Next replace the results in place; Share posts a
 * takeaway to the conversation with attribution. Acknowledged at once; the work follows.
 */
@Component
class SearchButtons implements SlackSurface {

    private final SearchRunner searches;
    private final RecentTakeaways takeaways;
    private final SlackGateway gateway;
    private final AfterAck afterAck;
    private final ChannelClassifier classifier;

    SearchButtons(SearchRunner searches, RecentTakeaways takeaways, SlackGateway gateway, AfterAck afterAck,
                  ChannelClassifier classifier) {
        this.classifier = classifier;
        this.searches = searches;
        this.takeaways = takeaways;
        this.gateway = gateway;
        this.afterAck = afterAck;
    }

    @Override
    public void register(App app) {
        app.blockAction(Pattern.compile("^" + Pattern.quote(ActionIds.SEARCH_PAGE) + ".*"), this::page);
        app.blockAction(ActionIds.SEARCH_SHARE, this::share);
    }

    private Response page(BlockActionRequest request, ActionContext context) {
        BlockActionPayload payload = request.getPayload();
        Optional<PageRequest> wanted = PageRequest.of(payload.getActions().get(0).getValue());
        if (wanted.isEmpty()) {
            return context.ack(); // not a button this app drew
        }
        String teamId = team(payload, context);
        String userId = payload.getUser().getId();
        String channelId = channel(payload);
        afterAck.run("Paging search results", () -> {
            Conversation where = channelId == null ? null : classifier.conversationNow(teamId, channelId);
            SearchRunner.Answer answer = searches.run(new TakeawaySearch.Request(Audience.person(teamId, userId, where),
                    SearchQueryParser.parse(wanted.get().query()), wanted.get().page()));
            if (answer.failed()) {
                gateway.respond(payload.getResponseUrl(), answer.failure(), false);
            } else {
                gateway.respond(payload.getResponseUrl(), SearchResultsMessage.render(answer.results()), true);
            }
        });
        return context.ack();
    }

    private Response share(BlockActionRequest request, ActionContext context) {
        BlockActionPayload payload = request.getPayload();
        long id;
        try {
            id = Long.parseLong(payload.getActions().get(0).getValue());
        } catch (NumberFormatException e) {
            return context.ack();
        }
        String teamId = team(payload, context);
        String userId = payload.getUser().getId();
        String channelId = channel(payload);
        afterAck.run("Sharing a search result", () -> share(teamId, userId, channelId, id, payload.getResponseUrl()));
        return context.ack();
    }

    private void share(String teamId, String userId, String channelId, long id, String responseUrl) {
        if (channelId == null) {
            return; // not a conversation to share into
        }
        // Posted for everyone in the conversation: only what all of them may see.
        Audience members = Audience.members(teamId, classifier.conversationNow(teamId, channelId));
        Optional<RecentTakeaways.Found> found = takeaways.find(members, id);
        if (found.isEmpty()) {
            tell(responseUrl, ":information_source: This takeaway was deleted.");
            return;
        }
        if (!found.get().visible()) {
            tell(responseUrl, ":lock: This takeaway can't be shared here: it was saved in another private"
                    + " conversation (or this conversation includes people from outside your organisation). Share it"
                    + " where it was saved.");
            return;
        }
        Entry takeaway = found.get().entry();
        try {
            gateway.in(teamId).postMessage(channelId, null, SharedTakeaway.render(takeaway, userId));
            tell(responseUrl, ":mega: Shared in <#" + channelId + ">.");
        } catch (SlackApiCallException e) {
            tell(responseUrl, Notices.whyNotPosted(e, channelId));
        }
    }

    private void tell(String responseUrl, String mrkdwn) {
        gateway.respond(responseUrl, SlackMessage.of(mrkdwn), false);
    }

    private static String team(BlockActionPayload payload, ActionContext context) {
        return SlackIds.team(payload, context);
    }

    private static String channel(BlockActionPayload payload) {
        if (payload.getChannel() != null) {
            return payload.getChannel().getId();
        }
        return payload.getContainer() == null ? null : payload.getContainer().getChannelId();
    }
}
