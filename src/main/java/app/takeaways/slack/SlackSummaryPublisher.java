package app.takeaways.slack;

import app.takeaways.slack.blocks.SlackMessage;
import app.takeaways.slack.blocks.TalkSummaryMessage;
import app.takeaways.summary.SummaryPublisher;
import app.takeaways.summary.SummaryReport;
import org.springframework.stereotype.Component;

/** Updates a posted summary when it is refreshed, or says it is gone when it is withdrawn. */
@Component
class SlackSummaryPublisher implements SummaryPublisher {

    private final SlackGateway gateway;

    SlackSummaryPublisher(SlackGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public void update(String teamId, String channelId, String messageTs, SummaryReport report) {
        gateway.in(teamId).updateMessage(channelId, messageTs, TalkSummaryMessage.render(report));
    }

    @Override
    public void withdraw(String teamId, String channelId, String messageTs, Withdrawal why) {
        gateway.in(teamId).updateMessage(channelId, messageTs, SlackMessage.of(switch (why) {
            case SOURCES_GONE -> ":wastebasket: _This summary was withdrawn: the takeaways it quoted were deleted or"
                    + " can no longer be shown here._";
            case REPLACED -> ":arrows_counterclockwise: _This summary was replaced by a newer one in this"
                    + " conversation._";
        }));
    }
}
