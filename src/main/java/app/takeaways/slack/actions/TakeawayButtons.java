package app.takeaways.slack.actions;

import app.takeaways.note.Audience;
import app.takeaways.note.Conversation;
import app.takeaways.note.RecentTakeaways;
import app.takeaways.note.Visibility;
import app.takeaways.note.RecentTakeaways.Entry;
import app.takeaways.note.TakeawayChanges;
import app.takeaways.note.TakeawayTextParser;
import app.takeaways.slack.AfterAck;
import app.takeaways.slack.DatabaseCalls;
import app.takeaways.slack.Notices;
import app.takeaways.slack.SlackApiCallException;
import app.takeaways.slack.SlackGateway;
import app.takeaways.slack.SlackIds;
import app.takeaways.slack.SlackSurface;
import app.takeaways.slack.blocks.ActionIds;
import app.takeaways.slack.blocks.CaptureForm.Origin;
import app.takeaways.slack.blocks.EditForm;
import app.takeaways.slack.blocks.SharedTakeaway;
import app.takeaways.slack.blocks.SlackMessage;
import app.takeaways.slack.views.CaptureForms;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The buttons under a capture's confirmation (Edit, Delete, Share to channel) and App Home's "Save a takeaway".
 * Acknowledged at once; the work and the answer (through the interaction's response_url) follow. Only a
 * takeaway's author may edit or delete it.
 */
@Component
class TakeawayButtons implements SlackSurface {

    private final RecentTakeaways takeaways;
    private final TakeawayChanges changes;
    private final SlackGateway gateway;
    private final AfterAck afterAck;
    private final CaptureForms forms;

    TakeawayButtons(RecentTakeaways takeaways, TakeawayChanges changes, SlackGateway gateway, AfterAck afterAck,
                    CaptureForms forms) {
        this.takeaways = takeaways;
        this.changes = changes;
        this.gateway = gateway;
        this.afterAck = afterAck;
        this.forms = forms;
    }

    @Override
    public void register(App app) {
        app.blockAction(ActionIds.EDIT, (request, context) -> later(request, context, "Edit", this::edit));
        app.blockAction(ActionIds.DELETE, (request, context) -> later(request, context, "Delete", this::delete));
        app.blockAction(ActionIds.SHARE, (request, context) -> later(request, context, "Share", this::share));
        app.blockAction(ActionIds.HOME_CAPTURE, this::capture);
    }

    private interface Action {
        void run(Click click);
    }

    /** A button press, as the work after the ack needs it. */
    record Click(String teamId, String userId, long takeawayId, String triggerId, String responseUrl) {
    }

    private Response later(BlockActionRequest request, ActionContext context, String what, Action action) {
        BlockActionPayload payload = request.getPayload();
        String value = payload.getActions().get(0).getValue();
        long id;
        try {
            id = Long.parseLong(value);
        } catch (NumberFormatException e) {
            return context.ack(); // not a button this app drew
        }
        Click click = new Click(SlackIds.team(payload, context),
                payload.getUser().getId(), id, payload.getTriggerId(), payload.getResponseUrl());
        afterAck.run(what + " button", () -> action.run(click));
        return context.ack();
    }

    private Response capture(BlockActionRequest request, ActionContext context) {
        BlockActionPayload payload = request.getPayload();
        forms.openAfterAck(SlackIds.team(payload, context),
                payload.getTriggerId(), Origin.fromHome(), null, null);
        return context.ack();
    }

    private void edit(Click click) {
        Optional<Entry> found = takeaways.find(click.teamId(), click.takeawayId());
        if (found.isEmpty()) {
            answer(click, ":information_source: This takeaway was deleted.", false);
        } else if (!found.get().userId().equals(click.userId())) {
            answer(click, ":lock: Only <@" + found.get().userId() + "> can edit this takeaway.", false);
        } else if (!EditForm.fits(found.get().text())) {
            answer(click, ":information_source: This takeaway is too long to edit in Slack (over 3,000"
                    + " characters).", false);
        } else {
            Entry takeaway = found.get();
            Set<String> extra = new LinkedHashSet<>(takeaway.tags());
            TakeawayTextParser.parse(takeaway.text()).tags().forEach(extra::remove);
            gateway.in(click.teamId()).openView(click.triggerId(),
                    EditForm.open(new EditForm.Target(takeaway.id(), click.responseUrl()), takeaway.text(),
                            new ArrayList<>(extra), takeaway.talkTitle().orElse(null)));
        }
    }

    private void delete(Click click) {
        TakeawayChanges.Outcome outcome;
        try {
            outcome = DatabaseCalls.retryingOnce(() -> changes.delete(click.teamId(), click.takeawayId(),
                    click.userId()));
        } catch (DataAccessException | TransactionException e) {
            answer(click, ":warning: *Not deleted:* the database is not answering. Please try again in a minute.",
                    false);
            return;
        }
        switch (outcome) {
            case DONE -> answer(click, ":wastebasket: *Deleted.* This takeaway no longer shows anywhere.", true);
            case NOT_AUTHOR -> answer(click, ":lock: Only its author can delete this takeaway.", false);
            case NOT_FOUND -> answer(click, ":information_source: This takeaway was already deleted.", true);
        }
    }

    private void share(Click click) {
        Optional<Entry> found = takeaways.find(click.teamId(), click.takeawayId());
        if (found.isEmpty()) {
            answer(click, ":information_source: This takeaway was deleted.", false);
            return;
        }
        Entry takeaway = found.get();
        // Into its own conversation only, where everyone may see it: a private takeaway never travels elsewhere.
        Audience members = Audience.members(click.teamId(), new Conversation(takeaway.channelId(),
                takeaway.channelType()));
        if (!Visibility.allows(members, takeaway.written(click.teamId()))) {
            answer(click, ":lock: This takeaway can't be shared.", false);
            return;
        }
        try {
            gateway.in(click.teamId()).postMessage(takeaway.channelId(), null,
                    SharedTakeaway.render(takeaway, click.userId()));
            answer(click, ":mega: Shared in <#" + takeaway.channelId() + ">.", false);
        } catch (SlackApiCallException e) {
            answer(click, Notices.whyNotPosted(e, takeaway.channelId()), false);
        }
    }

    private void answer(Click click, String mrkdwn, boolean replace) {
        gateway.respond(click.responseUrl(), SlackMessage.of(mrkdwn), replace);
    }
}
