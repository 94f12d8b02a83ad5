package app.takeaways.slack.blocks;

import app.takeaways.workspace.ChannelType;
import app.takeaways.note.RecentTakeaways.Entry;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SharedTakeawayTests {

    @Test
    void aSharedNoteNeverBroadcasts() {
        SlackMessage message = SharedTakeaway.render(entry("Heads up <!channel> &amp; <!subteam^S1|@devs>: ship it"),
                "U2");

        assertThat(CaptureConfirmationTests.texts(message)).containsExactly(
                "<@U2> shared a takeaway by <@U1> from *EKS deep dive*:",
                "> Heads up @channel &amp; @devs: ship it",
                "#k8s  ·  <https://x.slack.com/p1|Original message>  ·  Saved with `/takeaway`");
        assertThat(message.text()).isEqualTo("<@U2> shared a takeaway by <@U1>: Heads up @channel &amp; @devs: ship it");
    }

    @Test
    void theFallbackKeepsSlacksEscapingSoAnEscapedMentionStaysText() {
        SlackMessage message = SharedTakeaway.render(entry("Use &lt;!channel&gt; sparingly"), "U1");

        assertThat(message.text()).isEqualTo("<@U1> shared a takeaway: Use &lt;!channel&gt; sparingly");
        assertThat(CaptureConfirmationTests.texts(message)).contains("> Use &lt;!channel&gt; sparingly");
    }

    static Entry entry(String text) {
        return new Entry(1, "U1", "C1", ChannelType.PUBLIC_CHANNEL, text, List.of("k8s"), 0,
                Optional.of("EKS deep dive"), Optional.of("https://x.slack.com/p1"), Instant.parse("2026-11-25T10:00:00Z"),
                false, Optional.empty());
    }
}
