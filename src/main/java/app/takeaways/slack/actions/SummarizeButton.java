package app.takeaways.slack.actions;

import app.takeaways.slack.AfterAck;
import app.takeaways.slack.Notices;
import app.takeaways.slack.SlackApiCallException;
import app.takeaways.slack.SlackGateway;
import app.takeaways.slack.SlackIds;
import app.takeaways.slack.SlackSurface;
import app.takeaways.slack.SummaryPoster;
import app.takeaways.slack.blocks.ActionIds;
import app.takeaways.slack.blocks.SlackMessage;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import org.springframework.stereotype.Component;

/** "Summarize" on a talk thread's first message: posts the talk's summary in its thread (after the ack). */
@Component
class SummarizeButton implements SlackSurface {

    private final SummaryPoster poster;
    private final SlackGateway gateway;
    private final AfterAck afterAck;

    SummarizeButton(SummaryPoster poster, SlackGateway gateway, AfterAck afterAck) {
        this.poster = poster;
        this.gateway = gateway;
        this.afterAck = afterAck;
    }

    @Override
    public void register(App app) {
        app.blockAction(ActionIds.SUMMARIZE_TALK, this::summarize);
    }

    private Response summarize(BlockActionRequest request, ActionContext context) {
        BlockActionPayload payload = request.getPayload();
        if (payload.getContainer() == null || payload.getContainer().getMessageTs() == null) {
            return context.ack();
        }
        String teamId = SlackIds.team(payload, context);
        String channelId = payload.getContainer().getChannelId() != null ? payload.getContainer().getChannelId()
                : payload.getChannel().getId();
        String threadTs = payload.getContainer().getMessageTs();
        String userId = payload.getUser().getId();
        String responseUrl = payload.getResponseUrl();
        afterAck.runSlow("Summarize button", () -> {
            try {
                switch (poster.postInThread(teamId, channelId, threadTs, userId)) {
                    case NOT_A_TALK -> tell(responseUrl, ":information_source: I am no longer saving replies in this"
                            + " thread, so there is no talk to summarise here. `/takeaway summary <talk>` works"
                            + " anywhere.");
                    case NOTHING_YET -> tell(responseUrl, ":zzz: Nothing to summarise yet: reply in the thread with"
                            + " your takeaways first.");
                    case POSTED -> {
                    }
                }
            } catch (SlackApiCallException e) {
                tell(responseUrl, Notices.whyNotPosted(e, channelId));
            }
        });
        return context.ack();
    }

    private void tell(String responseUrl, String mrkdwn) {
        gateway.respond(responseUrl, SlackMessage.of(mrkdwn), false);
    }
}
