package app.takeaways.slack.commands;

import app.takeaways.slack.blocks.HelpEntry;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.methods.SlackApiException;

import java.io.IOException;

/** A {@code /takeaway <name> ...} subcommand. Its help appears in {@code /takeaway help} as soon as it exists. */
public interface Subcommand {

    /** Its line in the help: the usage starts with its name. */
    HelpEntry help();

    /** The first word that selects it, lower-case: the first word of its usage. */
    default String name() {
        return help().usage().split(" ", 2)[0];
    }

    /**
     * Acknowledges within Slack's 3 seconds; slow work goes after the ack.
     *
     * @param arguments the text after the subcommand's name, trimmed
     */
    Response handle(SlashCommandRequest request, SlashCommandContext context, String arguments)
            throws IOException, SlackApiException;
}
