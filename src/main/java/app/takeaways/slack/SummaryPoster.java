package app.takeaways.slack;

import app.takeaways.note.TalkThreads;
import app.takeaways.note.TalkThreads.TrackedThread;
import app.takeaways.slack.blocks.TalkSummaryMessage;
import app.takeaways.summary.SummaryReport;
import app.takeaways.summary.TalkSummaries;
import app.takeaways.workspace.ChannelType;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Posts a summary (in a channel, or in a talk's thread) and keeps it when it is a talk's. After the ack only. */
@Component
public class SummaryPoster {

    /** What asking for a summary in a thread came to. */
    public enum InThread {
        POSTED,
        /** The thread is not a talk whose replies are being saved. */
        NOT_A_TALK,
        /** The talk has no takeaways yet. */
        NOTHING_YET
    }

    private final SlackGateway gateway;
    private final MessageLinks links;
    private final ChannelClassifier classifier;
    private final TalkSummaries summaries;
    private final TalkThreads talks;

    SummaryPoster(SlackGateway gateway, MessageLinks links, ChannelClassifier classifier, TalkSummaries summaries,
                  TalkThreads talks) {
        this.gateway = gateway;
        this.links = links;
        this.classifier = classifier;
        this.summaries = summaries;
        this.talks = talks;
    }

    /**
     * Posts the summary of the talk whose replies this thread collects, in the thread ({@code @Takeaways summary},
     * the Summarize button).
     *
     * @throws SlackApiCallException when Slack does not take the post
     */
    public InThread postInThread(String teamId, String channelId, String threadTs, String requestedBy) {
        Optional<TrackedThread> talk = talks.tracked(teamId, channelId, threadTs);
        if (talk.isEmpty()) {
            return InThread.NOT_A_TALK;
        }
        Optional<SummaryReport> report = summaries.ofTalk(teamId,
                new TalkSummaries.TalkRef(talk.get().talkId(), talk.get().talkTitle()), channelId);
        if (report.isEmpty()) {
            return InThread.NOTHING_YET;
        }
        post(teamId, channelId, threadTs, requestedBy, report.get());
        return InThread.POSTED;
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
