package app.takeaways.slack.blocks;

import com.slack.api.model.block.HeaderBlock;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class HelpMessageTests {

    @Test
    void listsEachEntryWithItsExampleInTheTeamsCommandName() {
        SlackMessage message = HelpMessage.render("/ta", null, List.of(
                new HelpEntry("<text>", "Save a takeaway.", "Cells #resilience"),
                new HelpEntry("help", "Show this list.", "help")));

        assertThat(((HeaderBlock) message.blocks().get(0)).getText().getText()).isEqualTo("What you can do with /ta");
        assertThat(CaptureConfirmationTests.texts(message)).contains(
                "*`/ta &lt;text&gt;`*\nSave a takeaway.\n_Example:_ `/ta Cells #resilience`",
                "*`/ta help`*\nShow this list.\n_Example:_ `/ta help`");
        // the fallback is mrkdwn too: a "<" that starts no Slack entity is escaped (Slack shows "<text>")
        assertThat(message.text()).contains("• /ta &lt;text> (e.g. /ta Cells #resilience)");
    }

    @Test
    void staysWithinBlockKitLimitsHoweverManyEntries() {
        List<HelpEntry> many = IntStream.range(0, 200)
                .mapToObj(i -> new HelpEntry("sub" + i + " <args>", "d".repeat(4000), "sub" + i + " x")).toList();

        SlackMessage message = HelpMessage.render("/" + "c".repeat(200), "lead ".repeat(1000), many);

        CaptureConfirmationTests.assertWithinLimits(message);
        assertThat(((HeaderBlock) message.blocks().get(1)).getText().getText().length())
                .isLessThanOrEqualTo(SlackText.HEADER_LIMIT);
    }
}
