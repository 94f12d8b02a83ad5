package app.takeaways.slack.views;

import app.takeaways.database.DatabaseOutages;
import app.takeaways.note.CaptureTakeaway;
import app.takeaways.note.CapturedTakeaway;
import app.takeaways.note.EmptyTakeawayException;
import app.takeaways.note.RecentTakeaways;
import app.takeaways.note.Source;
import app.takeaways.note.TakeawayCapture;
import app.takeaways.note.TalkThreads;
import app.takeaways.note.TalkThreads.TalkChoice;
import app.takeaways.slack.AfterAck;
import app.takeaways.slack.ChannelClassifier;
import app.takeaways.slack.DatabaseCalls;
import app.takeaways.slack.MessageLinks;
import app.takeaways.slack.Notices;
import app.takeaways.slack.SlackApiCallException;
import app.takeaways.slack.SlackGateway;
import app.takeaways.slack.SlackIds;
import app.takeaways.slack.SlackSurface;
import app.takeaways.slack.blocks.ActionIds;
import app.takeaways.slack.blocks.CaptureConfirmation;
import app.takeaways.slack.blocks.CaptureForm;
import app.takeaways.slack.blocks.CaptureForm.Origin;
import app.takeaways.slack.blocks.Metadata;
import app.takeaways.slack.blocks.SharedTakeaway;
import app.takeaways.slack.blocks.SlackText;
import app.takeaways.workspace.ChannelType;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The capture form: opened from {@code /takeaway} without text, App Home, or "Save as takeaway" on a message;
 * submitted here. The takeaway is saved before the form closes, so a problem (a field, or the database being
 * down) is shown in the form with the person's text still in it; confirmations and posts follow the ack.
 */
@Component
public class CaptureForms implements SlackSurface {

    private static final Logger log = LoggerFactory.getLogger(CaptureForms.class);
    private static final int RECENT_TALKS = 10;

    private final SlackGateway gateway;
    private final AfterAck afterAck;
    private final TalkThreads talks;
    private final TakeawayCapture capture;
    private final RecentTakeaways takeaways;
    private final ChannelClassifier classifier;
    private final CaptureDrafts drafts;
    private final Notices notices;
    private final MessageLinks links;
    private final DatabaseOutages outages;

    CaptureForms(SlackGateway gateway, AfterAck afterAck, TalkThreads talks, TakeawayCapture capture,
                 RecentTakeaways takeaways, ChannelClassifier classifier, CaptureDrafts drafts, Notices notices,
                 MessageLinks links, DatabaseOutages outages) {
        this.outages = outages;
        this.links = links;
        this.gateway = gateway;
        this.afterAck = afterAck;
        this.talks = talks;
        this.capture = capture;
        this.takeaways = takeaways;
        this.classifier = classifier;
        this.drafts = drafts;
        this.notices = notices;
    }

    @Override
    public void register(App app) {
        app.viewSubmission(ActionIds.CAPTURE_FORM, this::submit);
    }

    /** Opens the form after the ack (the trigger is valid for 3 s); the channel's recent talks are offered. */
    public void openAfterAck(String teamId, String triggerId, Origin origin, String prefill, TalkChoice preselected) {
        afterAck.run("Opening the capture form", () -> {
            List<TalkChoice> recent = new ArrayList<>();
            if (preselected != null) {
                recent.add(preselected);
            }
            if (origin.channelId() != null) {
                talks.recentTalks(teamId, origin.channelId(), RECENT_TALKS).stream()
                        .filter(talk -> preselected == null || talk.id() != preselected.id())
                        .forEach(recent::add);
            }
            boolean fits = prefill == null || SlackText.readable(prefill).length() <= CaptureForm.MAX_INPUT;
            gateway.in(teamId).openView(triggerId, CaptureForm.open(origin, recent, preselected, prefill, fits));
        });
    }

    Response submit(ViewSubmissionRequest request, ViewSubmissionContext context) {
        ViewSubmissionPayload payload = request.getPayload();
        String teamId = SlackIds.team(payload.getTeam().getId(), context);
        String userId = payload.getUser().getId();
        Optional<Origin> found = Metadata.read(payload.getView().getPrivateMetadata(), Origin.class);
        if (found.isEmpty()) {
            return context.ack(r -> r.responseAction("errors").errors(Map.of(CaptureForm.TEXT,
                    "This form is out of date: close it and open a new one.")));
        }
        Origin origin = found.get();
        Optional<String> draft = Optional.ofNullable(origin.draftId()).flatMap(id -> drafts.find(teamId, id));
        boolean savingMessage = origin.messageTs() != null;
        CaptureForm.Submission form = CaptureForm.read(payload.getView().getState(), !savingMessage);
        if (!form.valid()) {
            return context.ack(r -> r.responseAction("errors").errors(form.errors()));
        }
        String channelId = origin.channelId() != null ? origin.channelId() : form.channelId();
        String text = textOf(form, draft);
        if (text == null || text.isBlank()) {
            return context.ack(r -> r.responseAction("errors").errors(Map.of(CaptureForm.TEXT,
                    "Write at least one takeaway.")));
        }
        // A saved message left as it was is its author's; rewritten, it is the saver's takeaway quoting them.
        boolean rewritten = savingMessage && !(draft.isPresent() && text.equals(draft.get()));
        CapturedTakeaway saved;
        try {
            saved = DatabaseCalls.retryingOnce(() -> capture.capture(command(payload, teamId, userId, origin,
                    channelId, text, form, rewritten)));
        } catch (EmptyTakeawayException e) {
            return context.ack(r -> r.responseAction("errors").errors(Map.of(CaptureForm.TEXT,
                    "Write what you took away, not only the talk.")));
        } catch (DataAccessException | TransactionException e) {
            boolean down = DatabaseCalls.unavailable(e);
            if (down) {
                outages.tell(log, "Takeaway from the form not saved, the database is unavailable", e);
            } else {
                log.error("Takeaway from the form not saved: the database refused it", e);
            }
            // Beside the text when the form has a text field (a long saved message has none).
            String field = payload.getView().getState().getValues().containsKey(CaptureForm.TEXT)
                    ? CaptureForm.TEXT : CaptureForm.TAGS;
            return context.ack(r -> r.responseAction("errors").errors(Map.of(field, down
                    ? "Not saved: the database is not answering. Your text is still here: try again in a minute."
                    : "Not saved: something went wrong on our side. Your text is still here: try again.")));
        }
        afterAck.run("Confirming a capture from the form", () -> confirm(teamId, userId, origin, channelId, saved,
                form.postToChannel()));
        return context.ack();
    }

    private CaptureTakeaway command(ViewSubmissionPayload payload, String teamId, String userId, Origin origin,
                                    String channelId, String text, CaptureForm.Submission form, boolean rewritten) {
        ChannelType type = classifier.typeFor(teamId, channelId, origin.channelName() == null
                ? ChannelType.inferFromCommand(channelId, null)
                : ChannelType.inferFromCommand(channelId, origin.channelName()));
        String talkTitle = form.newTalk() != null ? form.newTalk()
                : form.talkId() == null ? null : talks.talkTitle(teamId, form.talkId()).orElse(null);
        CaptureTakeaway command;
        if (origin.messageTs() == null) {
            command = new CaptureTakeaway(teamId, channelId, type, userId, text, Source.MODAL, null, null, null, null,
                    null, null, null, List.of(), null, null).identifiedByRequest(payload.getView().getId());
        } else {
            command = CaptureTakeaway.fromMessage(Source.MESSAGE_SHORTCUT, teamId, channelId, type, origin.authorId(),
                    text, origin.messageTs(), origin.threadTs(), userId);
            if (rewritten && !userId.equals(origin.authorId())) {
                command = command.rewrittenBy(userId, payload.getView().getId());
            }
        }
        return command.withDetails(talkTitle, form.event(), form.tags(), form.link());
    }

    /** The form's text in Slack's format; a saved message left as it was stays exactly the message. */
    private static String textOf(CaptureForm.Submission form, Optional<String> draft) {
        if (draft.isEmpty()) {
            return form.text() == null ? null : SlackText.fromPlainInput(form.text());
        }
        if (form.text() == null || form.text().equals(SlackText.readable(draft.get()))) {
            return draft.get();
        }
        return SlackText.fromPlainInput(form.text());
    }

    private void confirm(String teamId, String userId, Origin origin, String channelId, CapturedTakeaway saved,
                         boolean postToChannel) {
        if (origin.draftId() != null) {
            drafts.remove(teamId, origin.draftId());
        }
        List<String> problems = new ArrayList<>();
        if (postToChannel) {
            takeaways.find(teamId, saved.id()).ifPresent(entry -> {
                try {
                    gateway.in(teamId).postMessage(channelId, null, SharedTakeaway.render(entry, userId));
                } catch (SlackApiCallException e) {
                    problems.add(Notices.whyNotPosted(e, channelId));
                }
            });
        }
        if (origin.messageTs() != null) {
            capture.recordPermalink(saved.id(), links.linkTo(teamId, channelId, origin.messageTs(),
                    origin.threadTs()));
        }
        notices.tell(teamId, userId, channelId, origin.responseUrl(), CaptureConfirmation.saved(saved, userId)
                .withNote(problems.isEmpty() ? null : String.join("\n", problems)));
    }
}
