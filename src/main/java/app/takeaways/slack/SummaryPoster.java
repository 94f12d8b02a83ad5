package app.takeaways.slack;

import app.takeaways.summary.SummaryReport;
import app.takeaways.summary.TalkSummaries;
import app.takeaways.slack.blocks.TalkSummaryMessage;
import app.takeaways.workspace.ChannelType;
import org.springframework.stereotype.Component;

/** Posts a summary (in a channel, or in a talk's thread) and keeps it when it is a talk's. After the ack only. */
@Component
public class SummaryPoster {

    private final SlackGateway gateway;
    private final MessageLinks links;
    private final ChannelClassifier classifier;
    private final TalkSummaries summaries;

    SummaryPoster(SlackGateway gateway, MessageLinks links, ChannelClassifier classifier, TalkSummaries summaries) {
        this.gateway = gateway;
        this.links = links;
        this.classifier = classifier;
        this.summaries = summaries;
    }

    /** @throws SlackApiCallException when Slack does not take the post */
    public void post(String teamId, String channelId, String threadTs, String requestedBy, SummaryReport report) {
        String ts = gateway.postMessage(channelId, threadTs, TalkSummaryMessage.render(report));
        if (report.isTalk()) {
            ChannelType type = classifier.typeFor(teamId, channelId, ChannelType.inferFromCommand(channelId, null));
            summaries.keep(teamId, channelId, type, ts, threadTs, links.linkTo(channelId, ts, threadTs), requestedBy,
                    report);
        }
    }
}
