package app.takeaways.slack;

import app.takeaways.summary.SummaryPublisher;
import app.takeaways.summary.SummaryReport;
import app.takeaways.slack.blocks.TalkSummaryMessage;
import org.springframework.stereotype.Component;

/** Updates a posted talk summary when it is refreshed. */
@Component
class SlackSummaryPublisher implements SummaryPublisher {

    private final SlackGateway gateway;

    SlackSummaryPublisher(SlackGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public void update(String teamId, String channelId, String messageTs, SummaryReport report) {
        gateway.updateMessage(channelId, messageTs, TalkSummaryMessage.render(report));
    }
}
