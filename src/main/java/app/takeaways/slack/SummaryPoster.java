package app.takeaways.slack;

import app.takeaways.note.Audience;
import app.takeaways.note.Conversation;
import app.takeaways.note.TalkThreads;
import app.takeaways.note.TalkThreads.TrackedThread;
import app.takeaways.slack.blocks.TalkSummaryMessage;
import app.takeaways.summary.SummaryReport;
import app.takeaways.summary.TalkSummaries;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Posts a summary (in a channel, or in a talk's thread) for everyone in the conversation and keeps it, credited to
 * the bot, so it is searchable and follows what it quotes. After the ack only: the conversation's kind is asked of
 * Slack first when it is not known, since it decides what the summary may quote.
 */
@Component
public class SummaryPoster {

    /** What asking for a summary in a thread came to. */
    public enum InThread {
        POSTED,
        /** The thread is not a talk whose replies are being saved. */
        NOT_A_TALK,
        /** The talk has no takeaways yet (that this conversation may see). */
        NOTHING_YET
    }

    private final SlackGateway gateway;
    private final MessageLinks links;
    private final ChannelClassifier classifier;
    private final TalkSummaries summaries;
    private final TalkThreads talks;
    private final BotIdentity identity;

    SummaryPoster(SlackGateway gateway, MessageLinks links, ChannelClassifier classifier, TalkSummaries summaries,
                  TalkThreads talks, BotIdentity identity) {
        this.gateway = gateway;
        this.links = links;
        this.classifier = classifier;
        this.summaries = summaries;
        this.talks = talks;
        this.identity = identity;
    }

    /** Everyone in the conversation, as Slack says it is now: who a summary posted there is for. */
    public Audience membersOf(String teamId, String channelId) {
        return Audience.members(teamId, classifier.conversationNow(teamId, channelId));
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
        Audience members = membersOf(teamId, channelId);
        Optional<SummaryReport> report = summaries.ofTalk(members,
                new TalkSummaries.TalkRef(talk.get().talkId(), talk.get().talkTitle()));
        if (report.isEmpty()) {
            return InThread.NOTHING_YET;
        }
        post(members, threadTs, requestedBy, report.get());
        return InThread.POSTED;
    }

    /**
     * Posts the summary for {@code members} (built for them) and keeps it.
     *
     * @throws SlackApiCallException when Slack does not take the post
     */
    public void post(Audience members, String threadTs, String requestedBy, SummaryReport report) {
        Conversation conversation = members.shownIn()
                .orElseThrow(() -> new IllegalArgumentException("A summary is posted in a conversation"));
        String teamId = members.teamId();
        String ts = gateway.in(teamId).postMessage(conversation.id(), threadTs, TalkSummaryMessage.render(report));
        String bot = identity.of(teamId).orElseGet(() -> identity.learnNow(teamId)).botUserId();
        summaries.keep(new TalkSummaries.Posted(teamId, conversation, ts, threadTs,
                links.linkTo(teamId, conversation.id(), ts, threadTs), requestedBy, bot), report);
    }
}
