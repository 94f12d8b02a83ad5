package app.takeaways.slack.events;

import app.takeaways.note.TalkThreads;
import app.takeaways.note.TalkThreads.Origin;
import app.takeaways.note.TalkThreads.TrackedThread;
import app.takeaways.slack.AfterAck;
import app.takeaways.slack.Notices;
import app.takeaways.slack.SlackApiCallException;
import app.takeaways.slack.SlackGateway;
import app.takeaways.slack.SlackSurface;
import app.takeaways.slack.SummaryPoster;
import app.takeaways.slack.blocks.SlackMessage;
import app.takeaways.slack.blocks.SlackText;
import app.takeaways.workspace.ChannelType;
import com.slack.api.bolt.App;
import com.slack.api.model.Message;
import com.slack.api.model.event.AppMentionEvent;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code @Takeaways track} in a thread: the thread becomes a talk (titled by its first message's first line) and
 * its later replies are captured; {@code @Takeaways untrack} stops that; {@code @Takeaways import} with files
 * attached imports them as outlines ({@link FileImports}); {@code @Takeaways summary} posts the
 * talk's summary in its thread. Acknowledged at once; reading the thread
 * and answering follow. The answer is a reaction on the mention and a short note only the person sees.
 */
@Component
class MentionCommands implements SlackSurface {

    static final String TRACKED_REACTION = "white_check_mark";

    private final TalkThreads talks;
    private final SlackGateway gateway;
    private final AfterAck afterAck;
    private final SummaryPoster poster;
    private final FileImports fileImports;

    MentionCommands(TalkThreads talks, SlackGateway gateway, AfterAck afterAck, SummaryPoster poster,
                    FileImports fileImports) {
        this.fileImports = fileImports;
        this.talks = talks;
        this.gateway = gateway;
        this.afterAck = afterAck;
        this.poster = poster;
    }

    @Override
    public void register(App app) {
        app.event(AppMentionEvent.class, (payload, context) -> {
            AppMentionEvent event = payload.getEvent();
            if (event.getBotId() == null && event.getUser() != null) {
                String teamId = payload.getTeamId();
                afterAck.runSlow("Answering a mention", () -> answer(teamId, event));
            }
            return context.ack();
        });
    }

    private void answer(String teamId, AppMentionEvent event) {
        String command = SlackEvents.withoutLeadingMentions(event.getText()).split("\\s+", 2)[0]
                .toLowerCase(Locale.ROOT);
        String thread = event.getThreadTs();
        switch (command) {
            case "track" -> {
                if (thread == null) {
                    tell(teamId, event, ":thread: Mention me with `track` in a *thread* (as a reply): I will save every later"
                            + " reply there as a takeaway of that talk.");
                } else {
                    track(teamId, event, thread);
                }
            }
            case "untrack" -> {
                Optional<TrackedThread> stopped = thread == null ? Optional.empty()
                        : talks.untrack(teamId, event.getChannel(), thread);
                tell(teamId, event, stopped.map(t -> ":stop_button: Stopped saving replies in this thread. The takeaways of *"
                                + SlackText.escape(t.talkTitle()) + "* saved so far stay.")
                        .orElse(":information_source: I was not saving replies in this thread."));
            }
            case "summary" -> summarise(teamId, event, thread);
            case "import" -> importFiles(teamId, event);
            default -> tell(teamId, event, help());
        }
    }

    /** {@code @Takeaways import} with files attached: each is an outline to import into this channel. */
    private void importFiles(String teamId, AppMentionEvent event) {
        if (event.getFiles() == null || event.getFiles().isEmpty()) {
            tell(teamId, event, ":inbox_tray: Attach the outline file (.txt, .md or .opml) to the message that mentions me"
                    + " with `import`. Or use `/takeaway import` to paste one.");
            return;
        }
        fileImports.importAfterAck(new FileImports.Sent(teamId, event.getChannel(),
                ChannelType.inferFromCommand(event.getChannel(), null), event.getUser(), event.getTs(),
                message -> gateway.in(teamId).postEphemeral(event.getChannel(), event.getUser(), event.getThreadTs(),
                        message)),
                event.getFiles());
    }

    /** {@code @Takeaways summary} in a talk thread: the talk's summary, posted in the thread. */
    private void summarise(String teamId, AppMentionEvent event, String thread) {
        String notATalk = ":memo: Mention me with `summary` in a talk thread (one I am saving replies from), or use"
                + " `/takeaway summary <talk or search>` anywhere.";
        if (thread == null) {
            tell(teamId, event, notATalk);
            return;
        }
        try {
            switch (poster.postInThread(teamId, event.getChannel(), thread, event.getUser())) {
                case NOT_A_TALK -> tell(teamId, event, notATalk);
                case NOTHING_YET -> tell(teamId, event, ":zzz: Nothing to summarise yet: reply in this thread with your"
                        + " takeaways first.");
                case POSTED -> {
                }
            }
        } catch (SlackApiCallException e) {
            tell(teamId, event, Notices.whyNotPosted(e, event.getChannel()));
        }
    }

    private void track(String teamId, AppMentionEvent event, String threadTs) {
        Optional<Message> parent = gateway.in(teamId).threadParent(event.getChannel(), threadTs);
        String title = parent.map(Message::getText).map(MentionCommands::titleOf).filter(t -> !t.isEmpty())
                .orElse("Thread of " + SlackText.date(Instant.ofEpochSecond((long) Double.parseDouble(threadTs))));
        TrackedThread tracked = talks.track(teamId, event.getChannel(), threadTs, title, List.of(), event.getUser(),
                Origin.MENTION);
        gateway.in(teamId).addReaction(event.getChannel(), event.getTs(), TRACKED_REACTION);
        tell(teamId, event, ":memo: Saving every later reply in this thread as a takeaway of *"
                + SlackText.escape(tracked.talkTitle()) + "*. `@Takeaways untrack` stops it.");
    }

    /** A talk title from a message: its first line, without Slack's markup. */
    static String titleOf(String text) {
        String firstLine = text.strip().lines().findFirst().orElse("");
        String plain = SlackText.readable(firstLine
                        .replaceAll("<(?:https?|mailto):[^|>]*\\|([^>]*)>", "$1")
                        .replaceAll("<(?:https?|mailto):([^>]*)>", "$1")
                        .replaceAll("<[@#!][^|>]*\\|([^>]*)>", "$1")
                        .replaceAll("<[@#!][^>]*>", ""))
                .replaceAll("[*_~`]", "")
                .replaceAll(":[a-z0-9_+\\-]+:", "")
                .replaceAll("\\s+", " ")
                .strip();
        return plain.replaceFirst("^[-•>]\\s*", "");
    }

    private static String help() {
        return "*What you can ask me in a thread:*\n• `@Takeaways track`: save every later reply here as a takeaway"
                + " of this thread's talk\n• `@Takeaways untrack`: stop that\n• `@Takeaways summary`: post a summary of"
                + " this thread's talk here\n• `@Takeaways import` with an outline file attached: import its takeaways"
                + " here";
    }

    private void tell(String teamId, AppMentionEvent event, String mrkdwn) {
        gateway.in(teamId).postEphemeral(event.getChannel(), event.getUser(), event.getThreadTs(),
                SlackMessage.of(mrkdwn));
    }
}
