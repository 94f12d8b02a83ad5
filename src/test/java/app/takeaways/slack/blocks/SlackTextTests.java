package app.takeaways.slack.blocks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

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

    @Test
    void aNoteNeverBroadcastsAndKeepsWhatItSays() {
        assertThat(SlackText.note("Heads up <!channel> &amp; <!subteam^S1|@devs>: ship it"))
                .isEqualTo("Heads up @channel &amp; @devs: ship it");
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " -> ", quoteCharacter = '"', value = {
            "<!channel> -> @channel",
            "<!here> -> @here",
            "<!everyone> -> @everyone",
            "<!channel|@channel> -> @channel",
            "<!here|here> -> @here",
            "<!everyone|@everyone> -> @everyone",
            "<!here|@someone else> -> @here",
            "ping <!here>, <!channel> and <!everyone>! -> ping @here, @channel and @everyone!"})
    void broadcastsBecomePlainText(String note, String shown) {
        assertThat(SlackText.note(note)).isEqualTo(shown);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " -> ", quoteCharacter = '"', value = {
            "<!subteam^S0123|@team> -> @team",
            "<!subteam^S0123> -> @group",
            "<!subteam^S0123|devs> -> @devs",
            "<!subteam^S0123|> -> @group",
            "<!subteam^S0123| > -> @group",
            "cc <!subteam^S1|@sre> <!subteam^S2|@dba> -> cc @sre @dba"})
    void groupMentionsBecomeTheirLabel(String note, String shown) {
        assertThat(SlackText.note(note)).isEqualTo(shown);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<!date^1777629600^{date_short_pretty}|2026-05-01>",
            "due <!date^1777629600^{date_long_pretty} at {time}|2026-05-01 10:00 UTC> sharp",
            "<!date^1777629600^{date_num}^https://example.com|May 1>",
            "<@U123> and <@W0ABC|alice>",
            "in <#C123|general> and <#G42>",
            "<https://example.com/a?b=1&amp;c=2|the slides> and <http://x.io>",
            "<mailto:a@example.com|write to us>",
            "Q&amp;A &lt;!channel&gt; 1 &gt; 0 &lt;3",
            "R&D > QA, a | b, !important, :rocket: 🚀 *bold* _it_ `code`",
            ""})
    void keepsPeopleChannelsDatesLinksAndEscapes(String note) {
        assertThat(SlackText.note(note)).isEqualTo(note);
    }

    @Test
    void keepsTheDatesItWrites() {
        Instant when = Instant.parse("2026-11-25T10:00:00Z");

        assertThat(SlackText.note(SlackText.date(when))).isEqualTo(SlackText.date(when));
        assertThat(SlackText.note(SlackText.dateTime(when))).isEqualTo(SlackText.dateTime(when));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " -> ", quoteCharacter = '"', value = {
            "a < b -> a &lt; b",
            "a <= b -> a &lt;= b",
            "ends with < -> ends with &lt;",
            "< -> &lt;",
            "x <3 y> z -> x &lt;3 y> z",
            "1<2<3> -> 1&lt;2&lt;3>",
            "<div>text</div> -> &lt;div>text&lt;/div>",
            "<> -> &lt;>",
            "<<@U1>> -> &lt;<@U1>>"})
    void escapesARawLessThanThatStartsNoSlackEntity(String note, String shown) {
        assertThat(SlackText.note(note)).isEqualTo(shown);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " -> ", quoteCharacter = '"', value = {
            "<!group> -> &lt;!group>",
            "<!CHANNEL> -> &lt;!CHANNEL>",
            "<!channels> -> &lt;!channels>",
            "<!here now> -> &lt;!here now>",
            "<!subteam> -> &lt;!subteam>",
            "<!date> -> &lt;!date>",
            "<!date^soon^{date}|x> -> &lt;!date^soon^{date}|x>",
            "<!> -> &lt;!>",
            "<@channel> -> &lt;@channel>",
            "<@here|here> -> &lt;@here|here>",
            "<#here> -> &lt;#here>",
            "<javascript:alert(1)|click> -> &lt;javascript:alert(1)|click>",
            "<here> -> &lt;here>"})
    void showsAnyOtherSpecialFormAsText(String note, String shown) {
        assertThat(SlackText.note(note)).isEqualTo(shown);
    }

    @Test
    void aBroadcastSplitOverLinesIsText() {
        assertThat(SlackText.note("<!channel\n>")).isEqualTo("&lt;!channel\n>");
        assertThat(SlackText.note("<!here|a\nb>")).isEqualTo("@here");
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " -> ", quoteCharacter = '"', value = {
            "<!<!here>channel> -> &lt;!@herechannel>",
            "<<!channel>> -> &lt;@channel>",
            "<!chan<!here>nel> -> &lt;!chan@herenel>",
            "&lt;<!channel>&gt; -> &lt;@channel&gt;",
            "<!subteam^S1|<!channel>> -> &lt;!subteam^S1|@channel>",
            "<!subteam^S1|@x<!everyone>> -> &lt;!subteam^S1|@x@everyone>",
            "<https://x.io|<!here>> -> &lt;https://x.io|@here>",
            "<@U1|<!channel>> -> &lt;@U1|@channel>",
            "<!date^1^{date}|<!here>> -> &lt;!date^1^{date}|@here>",
            "<!<!<!channel>>> -> &lt;!&lt;!@channel>>",
            "<!subteam^S1|@channel> -> @channel",
            "<!subteam^S1|!channel> -> @!channel",
            "<!subteam^S1|<!channel|x>> -> &lt;!subteam^S1|@channel>"})
    void nestedFormsNeverLeaveALiveBroadcast(String note, String shown) {
        String safe = SlackText.note(note);

        assertThat(safe).isEqualTo(shown);
        assertNoBroadcast(safe);
        assertThat(SlackText.note(safe)).isEqualTo(safe);
    }

    @Test
    void cuttingANeutralisedNoteLeavesNoBroadcast() {
        String safe = SlackText.note("<!<!here>channel> <!subteam^S1|@devs> <!date^1^{date}|d> &lt;!here&gt; "
                + "<<!channel>> <https://x.io|<!everyone>> <@U1> 🚀 <!here|here>");

        for (int max = 1; max <= safe.length(); max++) {
            String cut = SlackText.truncate(safe, max);
            assertThat(cut.length()).isLessThanOrEqualTo(max);
            assertNoBroadcast(cut);
        }
    }

    @Test
    void theNoteIsItsOwnFixedPoint() {
        String note = "Heads up <!channel> &amp; <!subteam^S1|@devs>: <3 <!<!here>x> <@U1> <#C1|c> <!date^1^{d}|d>";

        assertThat(SlackText.note(SlackText.note(note))).isEqualTo(SlackText.note(note));
    }

    @Test
    void formInputsStillReadAsTyped() {
        assertThat(SlackText.readable("R&amp;D &lt;3")).isEqualTo("R&D <3");
    }

    /** What Slack would read as a broadcast: a channel, here, everyone or group mention. */
    static void assertNoBroadcast(String mrkdwn) {
        assertThat(mrkdwn).doesNotContain("<!channel", "<!here", "<!everyone", "<!subteam", "<!group");
    }
}
