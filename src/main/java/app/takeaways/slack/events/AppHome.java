package app.takeaways.slack.events;

import app.takeaways.note.RecentTakeaways;
import app.takeaways.note.RecentTakeaways.Entry;
import app.takeaways.slack.AfterAck;
import app.takeaways.slack.SlackGateway;
import app.takeaways.slack.SlackSurface;
import app.takeaways.slack.blocks.HomeView;
import com.slack.api.bolt.App;
import com.slack.api.model.event.AppHomeOpenedEvent;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * App Home: published when a person opens it, after the ack: their recent takeaways and the team's recent ones
 * they may see (public channels; their own from anywhere).
 */
@Component
class AppHome implements SlackSurface {

    static final int MINE = 10;
    static final int TEAM = 15;

    private final RecentTakeaways takeaways;
    private final SlackGateway gateway;
    private final AfterAck afterAck;

    AppHome(RecentTakeaways takeaways, SlackGateway gateway, AfterAck afterAck) {
        this.takeaways = takeaways;
        this.gateway = gateway;
        this.afterAck = afterAck;
    }

    @Override
    public void register(App app) {
        app.event(AppHomeOpenedEvent.class, (payload, context) -> {
            AppHomeOpenedEvent event = payload.getEvent();
            if ("home".equals(event.getTab())) {
                String teamId = payload.getTeamId();
                afterAck.run("Publishing App Home", () -> publish(teamId, event.getUser()));
            }
            return context.ack();
        });
    }

    void publish(String teamId, String userId) {
        List<Entry> mine = takeaways.by(teamId, userId, MINE);
        List<Entry> team = takeaways.visibleTo(teamId, userId, TEAM + MINE).stream()
                .filter(entry -> !entry.userId().equals(userId))
                .limit(TEAM)
                .toList();
        gateway.publishHome(userId, HomeView.render(mine, team));
    }
}
