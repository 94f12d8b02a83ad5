package app.takeaways.slack.commands;

import app.takeaways.database.DatabaseOutages;
import app.takeaways.digest.DigestPostException;
import app.takeaways.digest.DigestScheduler;
import app.takeaways.digest.DigestSubscriptions;
import app.takeaways.digest.DigestSubscriptions.Subscription;
import app.takeaways.digest.ScheduleRequest;
import app.takeaways.digest.WeeklyDigest;
import app.takeaways.digest.WeeklyDigestBuilder;
import app.takeaways.digest.WeeklySchedule;
import app.takeaways.note.Conversation;
import app.takeaways.slack.AfterAck;
import app.takeaways.slack.ChannelClassifier;
import app.takeaways.workspace.ChannelType;
import app.takeaways.slack.DatabaseCalls;
import app.takeaways.slack.Notices;
import app.takeaways.slack.SlackApiCallException;
import app.takeaways.slack.SlackGateway;
import app.takeaways.slack.SlackIds;
import app.takeaways.slack.blocks.HelpEntry;
import app.takeaways.slack.blocks.SlackMessage;
import app.takeaways.slack.blocks.SlackText;
import app.takeaways.slack.blocks.WeeklyDigestMessage;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code /takeaway digest on|off|status|preview|now}: the channel's weekly digest. Settings are read and written in
 * the ack where that is all there is to do; whatever needs Slack (the person's time zone, building and posting a
 * digest) follows it, and the answer replaces the ack.
 */
@Component
class DigestSubcommand implements Subcommand {

    private static final Logger log = LoggerFactory.getLogger(DigestSubcommand.class);

    static final HelpEntry HELP = new HelpEntry("digest on [weekday] [HH:MM] [timezone]",
            "Post a weekly digest of this channel's takeaways here (Monday 09:00 in your time zone unless you say)."
                    + " Also `digest status`, `digest preview`, `digest now` and `digest off`.",
            "digest on friday 16:30 Europe/Berlin");

    private static final String EXAMPLE = "digest on friday 16:30 Europe/Berlin";

    private final DigestSubscriptions subscriptions;
    private final WeeklyDigestBuilder builder;
    private final DigestScheduler scheduler;
    private final SlackGateway gateway;
    private final AfterAck afterAck;
    private final ChannelClassifier kinds;
    private final Clock clock;
    private final SaveInsteadOffer saveInstead;
    private final DatabaseOutages outages;

    DigestSubcommand(DigestSubscriptions subscriptions, WeeklyDigestBuilder builder, DigestScheduler scheduler,
                     SlackGateway gateway, AfterAck afterAck, ChannelClassifier kinds, Clock clock,
                     SaveInsteadOffer saveInstead, DatabaseOutages outages) {
        this.outages = outages;
        this.saveInstead = saveInstead;
        this.kinds = kinds;
        this.subscriptions = subscriptions;
        this.builder = builder;
        this.scheduler = scheduler;
        this.gateway = gateway;
        this.afterAck = afterAck;
        this.clock = clock;
    }

    @Override
    public HelpEntry help() {
        return HELP;
    }

    /** Where the command was run: whose, which workspace and channel, and how to answer after the ack. */
    private record Asked(String command, String teamId, String channelId, String userId, String responseUrl,
                         ChannelType hint, SlashCommandPayload payload, String arguments) {
    }

    @Override
    public Response handle(SlashCommandRequest request, SlashCommandContext context, String arguments) {
        SlashCommandPayload payload = request.getPayload();
        Asked asked = new Asked(payload.getCommand(), SlackIds.team(payload.getTeamId(), context),
                payload.getChannelId(), payload.getUserId(), payload.getResponseUrl(),
                ChannelType.inferFromCommand(payload.getChannelId(), payload.getChannelName()), payload, arguments);
        String[] words = arguments.split("\\s+", 2);
        String action = words[0].toLowerCase(Locale.ROOT);
        String rest = words.length > 1 ? words[1].strip() : "";
        try {
            return switch (action) {
                case "on" -> on(context, asked, rest);
                case "off" -> rest.isEmpty() ? off(context, asked) : usage(context, asked, "`digest off` takes nothing after it.");
                case "status" -> rest.isEmpty() ? status(context, asked)
                        : usage(context, asked, "`digest status` takes nothing after it.");
                case "preview" -> rest.isEmpty() ? preview(context, asked)
                        : usage(context, asked, "`digest preview` takes nothing after it.");
                case "now" -> rest.isEmpty() ? now(context, asked)
                        : usage(context, asked, "`digest now` takes nothing after it.");
                case "", "help" -> usage(context, asked, null);
                default -> usage(context, asked, "`" + SlackText.escape(words[0].replace("`", "'"))
                        + "` is not something `digest` does.");
            };
        } catch (DataAccessException | TransactionException e) {
            outages.tell(log, "Digest " + action + " failed, the database is unavailable", e);
            return TakeawayCommand.ack(context, SlackMessage.of(":warning: I could not reach the database, so"
                    + " nothing changed. Please try again in a minute."));
        }
    }

    private Response on(SlashCommandContext context, Asked asked, String arguments) {
        ScheduleRequest.Parsed parsed = ScheduleRequest.parse(arguments);
        if (parsed.problem().isPresent()) {
            return TakeawayCommand.ack(context, saveInstead.to(asked.payload(), context, arguments,
                    SlackMessage.of(":calendar: " + parsed.problem().get() + "\nExample: `"
                            + SlackText.escape(asked.command() + " " + EXAMPLE) + "`")));
        }
        ScheduleRequest wanted = parsed.request().orElseThrow();
        afterAck.runSlow("Subscribing a channel to the weekly digest", () -> {
            ZoneId zone = wanted.zone().orElseGet(() -> zoneOf(asked.teamId(), asked.userId()));
            Subscription subscription;
            try {
                subscription = DatabaseCalls.retryingOnce(() -> subscriptions.subscribe(asked.teamId(),
                        asked.channelId(), wanted.in(zone), asked.userId()));
            } catch (DataAccessException | TransactionException e) {
                outages.tell(log, "Digest subscription not saved", e);
                answer(asked, ":warning: *Not saved:* I could not reach the database. Please try again in a minute.");
                return;
            }
            answer(asked, ":white_check_mark: *Weekly digest on* for <#" + asked.channelId() + ">: every "
                    + subscription.schedule().describe() + ". The first one: "
                    + SlackText.dateTime(subscription.nextRunAt()) + " (your time)." + membershipWarning(asked));
        });
        return TakeawayCommand.ack(context, SlackMessage.of(":calendar: Setting up the weekly digest…"));
    }

    private Response off(SlashCommandContext context, Asked asked) {
        boolean was = DatabaseCalls.retryingOnce(() -> subscriptions.unsubscribe(asked.teamId(), asked.channelId()));
        return TakeawayCommand.ack(context, SlackMessage.of(was
                ? ":no_bell: *Weekly digest off* for <#" + asked.channelId() + ">. Takeaways stay searchable; `"
                + SlackText.escape(asked.command()) + " digest on` brings the digest back."
                : ":information_source: There is no weekly digest in <#" + asked.channelId() + ">. `"
                + SlackText.escape(asked.command()) + " digest on` starts one."));
    }

    private Response status(SlashCommandContext context, Asked asked) {
        Optional<Subscription> found = subscriptions.find(asked.teamId(), asked.channelId());
        if (found.isEmpty()) {
            return TakeawayCommand.ack(context, SlackMessage.of(":information_source: There is no weekly digest in <#"
                    + asked.channelId() + ">. Start one with `" + SlackText.escape(asked.command() + " digest on")
                    + "` (Monday 09:00 in your time zone), or e.g. `" + SlackText.escape(asked.command() + " "
                    + EXAMPLE) + "`."));
        }
        Subscription subscription = found.get();
        StringBuilder text = new StringBuilder(":calendar: *Weekly digest* in <#" + asked.channelId() + ">: every "
                + subscription.schedule().describe() + ", set up by <@" + subscription.subscribedBy() + ">.");
        if (subscription.isPaused()) {
            text.append("\n:pause_button: *Paused* since ").append(SlackText.date(subscription.pausedAt().get()))
                    .append(": ").append(pauseReason(subscription.pausedReason().orElse(""))).append(" `")
                    .append(SlackText.escape(asked.command())).append(" digest on` resumes it.");
        } else {
            Instant next = subscription.nextRunAt();
            text.append("\n*Next:* ").append(local(next, subscription.schedule().zone())).append(" — that is ")
                    .append(SlackText.dateTime(next)).append(" your time.");
        }
        subscriptions.lastRun(asked.teamId(), asked.channelId()).ifPresent(run -> text.append("\n*Last:* ")
                .append(local(run.dueAt(), subscription.schedule().zone())).append(", ").append(switch (run.status()) {
                    case "posted" -> "posted (" + run.takeaways().orElse(0) + " takeaways)";
                    case "empty" -> "a quiet week, nothing posted";
                    case "paused" -> "not posted, paused";
                    case "pending", "failed" -> "not posted yet, I will keep trying";
                    default -> "not posted";
                }).append('.'));
        return TakeawayCommand.ack(context, SlackMessage.of(text.toString()));
    }

    private Response preview(SlashCommandContext context, Asked asked) {
        afterAck.runSlow("Previewing a digest", () -> {
            Optional<WeeklyDigest> digest = thisWeek(asked);
            if (digest.isEmpty()) {
                return;
            }
            java.util.List<SlackMessage> parts = WeeklyDigestMessage.render(digest.get());
            String note = ":eyes: *Preview*, only you see it" + (parts.size() > 1 ? " (the first of " + parts.size()
                    + " messages; the rest go in its thread)" : "") + ".";
            gateway.respond(asked.responseUrl(), parts.get(0).withNote(note), true);
        });
        return TakeawayCommand.ack(context, SlackMessage.of(":hourglass_flowing_sand: Building a preview…"));
    }

    private Response now(SlashCommandContext context, Asked asked) {
        afterAck.runSlow("Posting a digest now", () -> {
            Optional<WeeklyDigest> digest = thisWeek(asked);
            if (digest.isEmpty()) {
                return;
            }
            try {
                scheduler.postNow(digest.get());
            } catch (DigestPostException e) {
                answer(asked, e.getCause() instanceof SlackApiCallException slack
                        ? Notices.whyNotPosted(slack, asked.channelId())
                        : ":warning: The digest was not posted (" + e.reason() + "). Please try again.");
                return;
            }
            answer(asked, ":white_check_mark: Posted this week's digest in <#" + asked.channelId() + ">.");
        });
        return TakeawayCommand.ack(context, SlackMessage.of(":outbox_tray: Posting this week's digest…"));
    }

    /**
     * The channel's last seven days, for everyone in it (as Slack says the channel is now), in the subscription's time
     * zone (or the person's); empty, and the person told, if quiet.
     */
    private Optional<WeeklyDigest> thisWeek(Asked asked) {
        ZoneId zone = subscriptions.find(asked.teamId(), asked.channelId()).map(s -> s.schedule().zone())
                .orElseGet(() -> zoneOf(asked.teamId(), asked.userId()));
        Instant now = clock.instant();
        Conversation channel = new Conversation(asked.channelId(),
                kinds.kindNow(asked.teamId(), asked.channelId(), asked.hint()));
        WeeklyDigest digest = builder.build(asked.teamId(), channel,
                new WeeklySchedule.Period(now.atZone(zone).minusWeeks(1).toInstant(), now), zone, Optional.empty());
        if (digest.isEmpty()) {
            answer(asked, ":zzz: Nothing for a digest yet: no takeaways were saved in <#" + asked.channelId()
                    + "> in the last 7 days.");
            return Optional.empty();
        }
        return Optional.of(digest);
    }

    private ZoneId zoneOf(String teamId, String userId) {
        try {
            return gateway.in(teamId).userTimeZone(userId).orElse(ZoneOffset.UTC);
        } catch (SlackApiCallException e) {
            log.info("No time zone for {} ({}); using UTC", userId, e.error());
            return ZoneOffset.UTC;
        }
    }

    private String membershipWarning(Asked asked) {
        if (asked.channelId().startsWith("D")) {
            return "";
        }
        try {
            return gateway.in(asked.teamId()).conversationInfo(asked.channelId()).isMember() ? ""
                    : "\n:warning: I am not a member of <#" + asked.channelId() + "> yet: invite me with `/invite"
                    + " @Takeaways`, or the digest cannot be posted.";
        } catch (SlackApiCallException e) {
            return e.is("channel_not_found") ? "\n:warning: I cannot see this channel: invite me with `/invite"
                    + " @Takeaways`, or the digest cannot be posted." : "";
        }
    }

    private static String pauseReason(String reason) {
        return switch (reason) {
            case "not_in_channel", "channel_not_found" -> "I am not a member of this channel any more. Invite me with"
                    + " `/invite @Takeaways`, then";
            case "is_archived" -> "the channel was archived.";
            case DigestSubscriptions.APP_UNINSTALLED, SlackGateway.NOT_INSTALLED, "token_revoked" -> "the app was uninstalled from this workspace and added again"
                    + " since.";
            default -> "Slack did not let me post here (`" + reason + "`).";
        };
    }

    private static String local(Instant when, ZoneId zone) {
        return java.time.format.DateTimeFormatter.ofPattern("EEEE, MMM d 'at' HH:mm", Locale.ENGLISH)
                .format(when.atZone(zone)) + " " + zone.getId();
    }

    private Response usage(SlashCommandContext context, Asked asked, String lead) {
        String c = SlackText.escape(asked.command());
        String text = (lead == null ? "" : ":thinking_face: " + lead + "\n\n")
                + "*Weekly digest of this channel's takeaways*\n"
                + "• `" + c + " digest on [weekday] [HH:MM] [timezone]`: every week, here (Monday 09:00 in your time"
                + " zone unless you say). _Example:_ `" + SlackText.escape(asked.command() + " " + EXAMPLE) + "`\n"
                + "• `" + c + " digest status`: when the next one comes, in your time too\n"
                + "• `" + c + " digest preview`: this week's digest as it would look now, only to you\n"
                + "• `" + c + " digest now`: post this week's digest now\n"
                + "• `" + c + " digest off`: stop it";
        return TakeawayCommand.ack(context, saveInstead.to(asked.payload(), context, asked.arguments(),
                SlackMessage.of(text)));
    }

    private void answer(Asked asked, String mrkdwn) {
        gateway.respond(asked.responseUrl(), SlackMessage.of(mrkdwn), true);
    }
}
