package app.takeaways.slack.commands;

import app.takeaways.slack.SlackIds;
import app.takeaways.slack.blocks.SaveInstead;
import app.takeaways.slack.blocks.SlackMessage;
import app.takeaways.slack.views.CaptureDrafts;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.context.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Adds "Save it as a takeaway instead" to a subcommand's answer when the text it was given might have been a note.
 * The whole text the person typed is what would be saved: in the button when it fits, else kept as a draft (one
 * insert) that the button names.
 */
@Component
class SaveInsteadOffer {

    private static final Logger log = LoggerFactory.getLogger(SaveInsteadOffer.class);

    private final CaptureDrafts drafts;

    SaveInsteadOffer(CaptureDrafts drafts) {
        this.drafts = drafts;
    }

    /** {@code answer}, with the button when what followed the subcommand's word reads like the rest of a note. */
    SlackMessage to(SlashCommandPayload payload, Context context, String arguments, SlackMessage answer) {
        return forCommand(payload, context, arguments).apply(answer);
    }

    /**
     * The button, for every answer one command gets (its ack and what follows it): the same value each time, so a
     * note too long for a button is kept once.
     */
    UnaryOperator<SlackMessage> forCommand(SlashCommandPayload payload, Context context, String arguments) {
        Optional<String> value = value(payload, context, arguments);
        return answer -> value.map(offered -> SaveInstead.offer(answer, offered)).orElse(answer);
    }

    private Optional<String> value(SlashCommandPayload payload, Context context, String arguments) {
        String note = payload.getText() == null ? "" : payload.getText().strip();
        if (!SaveInstead.mightBeNote(arguments) || note.isEmpty()) {
            return Optional.empty();
        }
        if (SaveInstead.TEXT.length() + note.length() <= SaveInstead.VALUE_LIMIT) {
            return Optional.of(SaveInstead.TEXT + note);
        }
        try {
            return Optional.of(SaveInstead.DRAFT + drafts.keep(SlackIds.team(payload.getTeamId(), context), note));
        } catch (DataAccessException e) {
            // The answer itself still goes out; only the offer to keep a long note needs the database.
            log.warn("No \"save it instead\" for a long note: the database is not answering");
            return Optional.empty();
        }
    }
}
