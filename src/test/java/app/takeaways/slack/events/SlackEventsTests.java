package app.takeaways.slack.events;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SlackEventsTests {

    @Test
    void theMentionsAMessageStartsWithAreCutAndTheRestKept() {
        assertThat(SlackEvents.withoutLeadingMentions("<@U0BOT> track")).isEqualTo("track");
        assertThat(SlackEvents.withoutLeadingMentions("  <@U0BOT|takeaways>   <@W111>\n summary  ")).isEqualTo("summary");
        assertThat(SlackEvents.withoutLeadingMentions("track <@U0BOT>")).isEqualTo("track <@U0BOT>");
        assertThat(SlackEvents.withoutLeadingMentions("<@U0BOT>")).isEmpty();
        assertThat(SlackEvents.withoutLeadingMentions("<@lowercase> x")).isEqualTo("<@lowercase> x");
        assertThat(SlackEvents.withoutLeadingMentions(null)).isEmpty();
        // blanks between mentions are read once, however many
        String crafted = "<@U1>" + " ".repeat(100_000) + "<@U2>" + " ".repeat(100_000) + "x";
        assertThat(SlackEvents.withoutLeadingMentions(crafted)).isEqualTo("x");
    }
}
