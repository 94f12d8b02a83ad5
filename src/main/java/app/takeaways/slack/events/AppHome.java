package app.takeaways.slack.events;

import app.takeaways.digest.DigestSubscriptions;
import app.takeaways.digest.DigestSubscriptions.Subscription;
import app.takeaways.note.Audience;
import app.takeaways.note.RecentTakeaways;
import app.takeaways.note.RecentTakeaways.Entry;
import app.takeaways.search.SearchQuery;
import app.takeaways.search.SearchQueryParser;
import app.takeaways.search.TakeawaySearch;
import app.takeaways.slack.AfterAck;
import app.takeaways.slack.ExportSender;
import app.takeaways.slack.SearchRunner;
import app.takeaways.slack.SlackApiCallException;
import app.takeaways.slack.SlackGateway;
import app.takeaways.slack.SlackIds;
import app.takeaways.slack.SlackSurface;
import app.takeaways.slack.UserChannels;
import app.takeaways.slack.blocks.ActionIds;
import app.takeaways.slack.blocks.HomeView;
import app.takeaways.slack.blocks.SearchResultsMessage;
import app.takeaways.slack.blocks.SearchResultsMessage.PageRequest;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.event.AppHomeOpenedEvent;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * App Home: published when a person opens it, after the ack: a search box, their recent takeaways and the team's
 * recent ones they may see (public channels; their own from anywhere), and the weekly digests of the channels they
 * are in. Searching there (Enter in the box, or the
 * paging buttons) publishes it again with a page of results: outside any conversation, so only public takeaways
 * and the person's own are found.
 */
@Component
class AppHome implements SlackSurface {

    static final int MINE = 10;
    static final int TEAM = 15;

    private final RecentTakeaways takeaways;
    private final SlackGateway gateway;
    private final AfterAck afterAck;
    private final SearchRunner searches;
    private final DigestSubscriptions subscriptions;
    private final UserChannels channels;
    private final ExportSender exports;

    AppHome(RecentTakeaways takeaways, SlackGateway gateway, AfterAck afterAck, SearchRunner searches,
            DigestSubscriptions subscriptions, UserChannels channels, ExportSender exports) {
        this.exports = exports;
        this.subscriptions = subscriptions;
        this.channels = channels;
        this.takeaways = takeaways;
        this.gateway = gateway;
        this.afterAck = afterAck;
        this.searches = searches;
    }

    @Override
    public void register(App app) {
        app.event(AppHomeOpenedEvent.class, (payload, context) -> {
            AppHomeOpenedEvent event = payload.getEvent();
            if ("home".equals(event.getTab())) {
                String teamId = payload.getTeamId();
                afterAck.run("Publishing App Home", () -> publish(teamId, event.getUser(), Optional.empty()));
            }
            return context.ack();
        });
        app.blockAction(ActionIds.HOME_SEARCH, (request, context) -> search(request, context,
                Optional.of(new PageRequest(0, value(request)))));
        app.blockAction(Pattern.compile("^" + Pattern.quote(ActionIds.HOME_SEARCH_PAGE) + ".*"),
                (request, context) -> search(request, context, PageRequest.of(value(request))));
        app.blockAction(ActionIds.HOME_EXPORT_MINE, (request, context) -> export(request, context,
                SearchQueryParser.parse("from:me")));
        app.blockAction(ActionIds.HOME_EXPORT_VISIBLE, (request, context) -> export(request, context, null));
    }

    /**
     * An export from App Home: outside any conversation, so the public takeaways and the person's own (from:me: only
     * their own), sent to their DM with the bot, where they are also told how it went.
     */
    private Response export(BlockActionRequest request, ActionContext context, SearchQuery query) {
        BlockActionPayload payload = request.getPayload();
        String teamId = SlackIds.team(payload, context);
        String userId = payload.getUser().getId();
        exports.sendAfterAck(teamId, userId, Audience.person(teamId, userId, null), query, null);
        return context.ack();
    }

    private Response search(BlockActionRequest request, ActionContext context, Optional<PageRequest> wanted) {
        BlockActionPayload payload = request.getPayload();
        String teamId = SlackIds.team(payload, context);
        String userId = payload.getUser().getId();
        afterAck.run("Searching in App Home", () -> publish(teamId, userId,
                wanted.filter(page -> !page.query().isBlank())));
        return context.ack();
    }

    void publish(String teamId, String userId, Optional<PageRequest> search) {
        List<LayoutBlock> results = List.of();
        String query = "";
        if (search.isPresent()) {
            query = search.get().query();
            SearchQuery parsed = SearchQueryParser.parse(query);
            SearchRunner.Answer answer = searches.run(new TakeawaySearch.Request(
                    Audience.person(teamId, userId, null), parsed, search.get().page()));
            results = answer.failed() ? answer.failure().blocks()
                    : SearchResultsMessage.blocks(answer.results(), SearchResultsMessage.IN_HOME);
        }
        List<Entry> mine = takeaways.by(teamId, userId, MINE);
        List<Entry> team = takeaways.visibleTo(Audience.person(teamId, userId, null), TEAM + MINE).stream()
                .filter(entry -> !entry.userId().equals(userId))
                .limit(TEAM)
                .toList();
        gateway.in(teamId).publishHome(userId, HomeView.render(mine, team, query, results, digests(teamId, userId)));
    }

    /** The weekly digests of the channels the person is in; Slack is asked only when the team has any. */
    private HomeView.Digests digests(String teamId, String userId) {
        List<Subscription> all = subscriptions.inTeam(teamId);
        if (all.isEmpty()) {
            return HomeView.Digests.of(List.of());
        }
        Set<String> theirs;
        try {
            theirs = channels.of(teamId, userId);
        } catch (SlackApiCallException e) {
            return HomeView.Digests.unknown(); // already logged by the gateway; the rest of the Home still shows
        }
        return HomeView.Digests.of(all.stream()
                .filter(subscription -> theirs.contains(subscription.channelId()))
                .map(subscription -> new HomeView.DigestSetting(subscription.channelId(),
                        subscription.schedule().describe(), subscription.isPaused() ? Optional.empty()
                        : Optional.of(subscription.nextRunAt())))
                .toList());
    }

    private static String value(BlockActionRequest request) {
        String value = request.getPayload().getActions().get(0).getValue();
        return value == null ? "" : value;
    }
}
