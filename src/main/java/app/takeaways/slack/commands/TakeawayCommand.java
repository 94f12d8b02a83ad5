package app.takeaways.slack.commands;

import app.takeaways.slack.SlackIds;
import app.takeaways.slack.SlackSurface;
import app.takeaways.slack.blocks.HelpEntry;
import app.takeaways.slack.blocks.HelpMessage;
import app.takeaways.slack.blocks.SlackMessage;
import app.takeaways.slack.blocks.SlackText;
import app.takeaways.slack.blocks.CaptureForm.Origin;
import app.takeaways.slack.views.CaptureForms;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.methods.SlackApiException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code /takeaway}: text whose first word is a subcommand runs it; any other text is a takeaway.
 * <p>
 * Registered for every slash command the app receives: the manifest declares one, and a team that names it
 * differently ({@code /takeaway-dev}) gets the same bot, with help written in its own name.
 */
@Component
public class TakeawayCommand implements SlackSurface {

    // A lone bare word ("/takeaway stats") is a subcommand someone expects, not a note worth keeping.
    private static final Pattern LONE_WORD = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,30}");

    static final HelpEntry CAPTURE_HELP = new HelpEntry("<text>",
            "Save a takeaway. Add `#tags`, links and `talk:\"Title\"`; bullets on several lines are kept as you"
                    + " write them. Without text, a form opens.",
            "Karpenter picks instance types per pod, not per node group #k8s #aws talk:\"EKS deep dive\"");

    static final HelpEntry HELP_HELP = new HelpEntry("help", "Show this list.", "help");

    private final Map<String, Subcommand> subcommands;
    private final CaptureCommand capture;
    private final CaptureForms forms;

    private final SaveInsteadOffer saveInstead;
    private final ForgetMeCommand forgetMe;

    TakeawayCommand(ObjectProvider<Subcommand> subcommands, CaptureCommand capture, CaptureForms forms,
                    SaveInsteadOffer saveInstead, ForgetMeCommand forgetMe) {
        this.forms = forms;
        this.forgetMe = forgetMe;
        this.saveInstead = saveInstead;
        this.subcommands = subcommands.orderedStream()
                .collect(Collectors.toMap(Subcommand::name, Function.identity()));
        this.capture = capture;
    }

    @Override
    public void register(App app) {
        app.command(Pattern.compile("^/.+$"), this::handle);
    }

    Response handle(SlashCommandRequest request, SlashCommandContext context) throws IOException, SlackApiException {
        SlashCommandPayload payload = request.getPayload();
        String command = payload.getCommand();
        String text = payload.getText() == null ? "" : payload.getText().strip();
        if (text.isEmpty()) {
            forms.openAfterAck(SlackIds.team(payload.getTeamId(), context), payload.getTriggerId(),
                    Origin.forChannel(payload.getChannelId(), payload.getChannelName(), payload.getResponseUrl()),
                    null, null);
            return context.ack();
        }
        String[] words = text.split("\\s+", 2);
        String first = words[0].toLowerCase(Locale.ROOT);
        String arguments = words.length > 1 ? words[1].strip() : "";
        if (first.equals("help")) {
            return ack(context, saveInstead.to(payload, context, arguments, help(command, null)));
        }
        if (ForgetMeCommand.asks(first, arguments)) {
            return forgetMe.handle(request, context);
        }
        Subcommand subcommand = subcommands.get(first);
        if (subcommand != null) {
            return subcommand.handle(request, context, arguments);
        }
        if (LONE_WORD.matcher(text).matches()) {
            return ack(context, help(command, ":thinking_face: `" + SlackText.escape(text) + "` is not a "
                    + SlackText.escape(command) + " subcommand. To save a takeaway, write it out in a sentence."
                    + " Here is what works:"));
        }
        return capture.handle(request, context);
    }

    SlackMessage help(String command, String lead) {
        List<HelpEntry> entries = new ArrayList<>();
        entries.add(CAPTURE_HELP);
        // "forget me" is no subcommand (only its whole text selects it) but is listed among them.
        Stream.concat(subcommands.values().stream().map(Subcommand::help), Stream.of(ForgetMeCommand.HELP))
                .sorted(Comparator.comparing(HelpEntry::usage))
                .forEach(entries::add);
        entries.add(HELP_HELP);
        return HelpMessage.render(command, lead, entries);
    }

    static Response ack(SlashCommandContext context, SlackMessage message) {
        return context.ack(r -> r.responseType("ephemeral").text(message.text()).blocks(message.blocks()));
    }
}
