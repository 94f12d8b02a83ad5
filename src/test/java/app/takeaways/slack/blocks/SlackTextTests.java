package app.takeaways.slack.blocks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SlackTextTests {

    @Test
    void shortTextIsUntouched() {
        assertThat(SlackText.truncate("short", 10)).isEqualTo("short");
    }

    @Test
    void cutsWithAnEllipsisWithinTheLimit() {
        String cut = SlackText.truncate("a".repeat(50), 10);

        assertThat(cut).hasSize(10).endsWith("…");
    }

    @Test
    void neverCutsInsideASlackLink() {
        String text = "see <https://example.com/a/very/long/path|the slides> now";

        String cut = SlackText.truncate(text, 20);

        assertThat(cut).isEqualTo("see…");
    }

    @Test
    void neverCutsInsideAnEntity() {
        assertThat(SlackText.truncate("Q&amp;A is fun", 6)).isEqualTo("Q…");
    }

    @Test
    void neverSplitsAnEmoji() {
        String cut = SlackText.truncate("ab🚀🚀🚀🚀", 4);

        assertThat(cut).isEqualTo("ab…");
    }

    @Test
    void escapesOnlyWhatSlackAsks() {
        assertThat(SlackText.escape("R&D <team> \"quoted\" *bold*")).isEqualTo("R&amp;D &lt;team&gt; \"quoted\" *bold*");
    }

    @Test
    void quotesEveryLine() {
        assertThat(SlackText.quote("one\n- two")).isEqualTo("> one\n> - two");
    }
}
