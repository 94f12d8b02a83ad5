package app.takeaways.slack;

import app.takeaways.export.ExportNames;
import app.takeaways.export.MarkdownOutlineWriter;
import app.takeaways.export.TakeawayExport;
import app.takeaways.note.Audience;
import app.takeaways.search.SearchQuery;
import app.takeaways.slack.blocks.SlackMessage;
import app.takeaways.slack.blocks.SlackText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends a person their export after the ack: the takeaways they may see (that the query selects), as a Markdown
 * outline and a CSV written to temporary files as they are read from the database, then uploaded to their DM with
 * the bot and deleted. What happened (sent, nothing to export, what Slack refused and what to do about it) is told
 * through the {@code response_url} when there is one, else in the DM.
 */
@Component
public class ExportSender {

    private static final Logger log = LoggerFactory.getLogger(ExportSender.class);
    private static final DateTimeFormatter FILE_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HEADER_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final TakeawayExport export;
    private final SlackUploads uploads;
    private final SlackGateway gateway;
    private final AfterAck afterAck;
    private final Clock clock;

    ExportSender(TakeawayExport export, SlackUploads uploads, SlackGateway gateway, AfterAck afterAck, Clock clock) {
        this.export = export;
        this.uploads = uploads;
        this.gateway = gateway;
        this.afterAck = afterAck;
        this.clock = clock;
    }

    /** What the ack says while the export is being made. */
    public static String onItsWay(SearchQuery queryOrNull) {
        return ":outbox_tray: Exporting " + (isEverything(queryOrNull) ? "your takeaways"
                : "the takeaways matching " + quoted(queryOrNull)) + "… I will send you a Markdown outline and a CSV"
                + " in a DM with me.";
    }

    /**
     * Exports, after the ack, what {@code audience} may see that the query selects (everything for null or an
     * empty query), and sends it to {@code userId}'s DM with the bot.
     *
     * @param responseUrlOrNull where to say how it went (a slash command's or a button's {@code response_url});
     *                          without one, it is said in the DM
     */
    public void sendAfterAck(String teamId, String userId, Audience audience, SearchQuery queryOrNull,
                             String responseUrlOrNull) {
        sendAfterAck(teamId, userId, audience, queryOrNull, responseUrlOrNull, UnaryOperator.identity());
    }

    /**
     * The same, with what to add to the answer told through the {@code response_url} (a slash command's "Save it as
     * a takeaway instead").
     */
    public void sendAfterAck(String teamId, String userId, Audience audience, SearchQuery queryOrNull,
                             String responseUrlOrNull, UnaryOperator<SlackMessage> answers) {
        afterAck.runSlow("Exporting for " + userId, () -> send(teamId, userId, audience, queryOrNull,
                responseUrlOrNull, answers));
    }

    void send(String teamId, String userId, Audience audience, SearchQuery queryOrNull, String responseUrl,
              UnaryOperator<SlackMessage> answers) {
        SearchQuery query = isEverything(queryOrNull) ? null : queryOrNull;
        SlackGateway.Team team = gateway.in(teamId);
        Path markdown = null;
        Path csv = null;
        try {
            markdown = Files.createTempFile("takeaways-export-", ".md");
            csv = Files.createTempFile("takeaways-export-", ".csv");
            List<String> header = new ArrayList<>();
            header.add(MarkdownOutlineWriter.property("title", "Takeaways export"));
            header.add(MarkdownOutlineWriter.property("exported-by", "@" + userId));
            header.add(MarkdownOutlineWriter.property("exported-at", HEADER_TIME.format(clock.instant())));
            header.add(MarkdownOutlineWriter.property("query", query == null ? "(everything)"
                    : SlackText.readable(query.text())));
            TakeawayExport.Written written = export.write(audience, query, names(team), header, markdown, csv);
            if (written.isEmpty()) {
                tell(team, userId, responseUrl, answers, query == null
                        ? ":shrug: Nothing to export yet: there is no takeaway you may see. Save one first."
                        : ":shrug: Nothing to export: no takeaway you may see matches " + quoted(query) + ".");
                return;
            }
            String count = count(written.takeaways());
            String name = "takeaways-" + FILE_DATE.format(clock.instant());
            String dm = uploads.openDm(team, userId);
            uploads.send(team, dm, List.of(
                            new SlackUploads.Upload(markdown, name + ".md", "Takeaways (Markdown outline)"),
                            new SlackUploads.Upload(csv, name + ".csv", "Takeaways (CSV)")),
                    "Your export: " + count + (query == null ? "" : " matching " + quoted(query))
                            + ", as a Markdown outline (talks, takeaways, sub-points, links, tags) and a CSV.");
            if (responseUrl != null) {
                tell(team, userId, responseUrl, answers, ":white_check_mark: Sent you " + count
                        + " in a DM with me: a Markdown outline and a CSV.");
            }
        } catch (SlackApiCallException e) {
            log.info("Export for {} not sent: {}", userId, e.getMessage());
            tell(team, userId, responseUrl, answers, whyNotSent(e));
        } catch (DataAccessException e) {
            log.warn("Export for {} failed: the database did not answer ({})", userId, e.getMostSpecificCause()
                    .getMessage());
            tell(team, userId, responseUrl, answers, ":warning: I could not read your takeaways just now: the"
                    + " database did not answer. Please try again in a minute.");
        } catch (IOException e) {
            log.warn("Export for {} failed: its temporary files could not be written", userId, e);
            tell(team, userId, responseUrl, answers, ":warning: I could not write your export (no room for its"
                    + " files). Please try again later, or ask whoever runs Takeaways to check the disk.");
        } finally {
            delete(markdown);
            delete(csv);
        }
    }

    /** Why the export could not be sent, and what to do about it, in a sentence. */
    static String whyNotSent(SlackApiCallException e) {
        return switch (e.error()) {
            case "missing_scope" -> {
                String scope = e.method().equals("conversations.open") ? "im:write" : "files:write";
                yield ":warning: I could not send your export: I lack Slack's `" + scope + "` permission. Ask whoever"
                        + " installed Takeaways to add the `files:write` and `im:write` scopes (they are in"
                        + " `manifest.yml`) and reinstall the app, then try again.";
            }
            case "ratelimited" -> ":information_source: Slack asked me to slow down, so I could not send your export"
                    + " just now. Please try again in a minute.";
            case "invalid_auth", "not_authed", "token_revoked", "account_inactive" -> ":warning: I could not send your"
                    + " export: Slack no longer accepts my token. Ask whoever runs Takeaways to check SLACK_BOT_TOKEN.";
            case "cannot_dm_bot", "user_not_found", "user_disabled" -> ":information_source: I could not send your"
                    + " export: Slack does not let me open a DM with you (`" + e.error() + "`).";
            case "unreachable", "http_500", "http_502", "http_503", "http_504" -> ":information_source: I could not"
                    + " send your export: Slack did not take the files just now. Please try again in a minute.";
            default -> ":information_source: I could not send your export (Slack said `" + e.error() + "`).";
        };
    }

    /** People's names for the export, from Slack ({@code users.info}); when Slack does not say, their id. */
    private static ExportNames names(SlackGateway.Team team) {
        AtomicBoolean refused = new AtomicBoolean();
        return userId -> {
            if (refused.get()) {
                return Optional.empty();
            }
            try {
                return Optional.ofNullable(name(team.user(userId)));
            } catch (SlackApiCallException e) {
                if (e.is("missing_scope") || e.is("invalid_auth") || e.is("ratelimited") || e.is("unreachable")) {
                    refused.set(true); // no one else's name will come either: ids for the rest of this export
                }
                return Optional.empty();
            }
        };
    }

    private static String name(com.slack.api.model.User user) {
        if (user == null) {
            return null;
        }
        if (user.getProfile() != null && user.getProfile().getDisplayName() != null
                && !user.getProfile().getDisplayName().isBlank()) {
            return user.getProfile().getDisplayName();
        }
        if (user.getRealName() != null && !user.getRealName().isBlank()) {
            return user.getRealName();
        }
        return user.getName() == null || user.getName().isBlank() ? null : user.getName();
    }

    private void tell(SlackGateway.Team team, String userId, String responseUrl, UnaryOperator<SlackMessage> answers,
                      String mrkdwn) {
        try {
            if (responseUrl != null) {
                gateway.respond(responseUrl, answers.apply(SlackMessage.of(mrkdwn)), true);
            } else {
                team.postMessage(userId, null, SlackMessage.of(mrkdwn));
            }
        } catch (SlackApiCallException e) {
            log.info("Could not tell {} how their export went ({})", userId, e.error());
        }
    }

    private static boolean isEverything(SearchQuery query) {
        return query == null || query.isEmpty() && query.none().isEmpty();
    }

    private static String quoted(SearchQuery query) {
        return "`" + SlackText.escape(SlackText.readable(query.text()).replace("`", "'")) + "`";
    }

    private static String count(int takeaways) {
        return NumberFormat.getIntegerInstance(Locale.US).format(takeaways) + (takeaways == 1 ? " takeaway"
                : " takeaways");
    }

    private static void delete(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete the export's temporary file {}", file, e);
        }
    }
}
