package app.takeaways.slack.commands;

import app.takeaways.testbed.Fixtures;
import app.takeaways.testbed.IntegrationTest;
import app.takeaways.testbed.SlackApiStub;
import app.takeaways.testbed.SlackHttp;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import static app.takeaways.testbed.SlackMessages.blocksText;
import static app.takeaways.testbed.SlackMessages.json;
import static app.takeaways.testbed.SlackMessages.visibleText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code /takeaway digest ...}, signed as Slack signs it: what each form answers, and what it stores or posts. */
class DigestSubcommandTests extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void onWithADayTimeAndZoneSubscribesTheChannel() {
        JsonObject ack = digest("on friday 16:30 Europe/Berlin");

        assertThat(visibleText(ack)).isEqualTo(":calendar: Setting up the weekly digest…");
        String answer = answer();
        assertThat(answer).startsWith(":white_check_mark: *Weekly digest on* for <#C111>: every Friday at 16:30"
                + " (Europe/Berlin). The first one: <!date^").endsWith("(your time).");
        assertThat(jdbc.sql("SELECT weekday || ' ' || local_time || ' ' || time_zone || ' ' || subscribed_by"
                + " FROM digest_subscriptions WHERE channel_id = 'C111'").query(String.class).single())
                .isEqualTo("5 16:30:00 Europe/Berlin W111");
        assertThat(SlackApiStub.requestsTo("users.info")).isEmpty();
    }

    @Test
    void onAloneIsMondayAtNineInThePersonsOwnTimeZone() {
        SlackApiStub.answer("users.info", Fixtures.read("web_api/users.info.json"));

        digest("on");

        assertThat(answer()).contains("every Monday at 09:00 (America/Los_Angeles)");
        assertThat(SlackApiStub.formsTo("users.info").get(0)).containsEntry("user", "W111");
    }

    @Test
    void subscribingWhereTheBotIsNotAMemberSaysHowToFixIt() {
        SlackApiStub.answer("conversations.info", SlackApiStub.conversation("C111", "random", false)
                .replace("\"is_member\": true", "\"is_member\": false"));

        digest("on tuesday 10:00 UTC");

        assertThat(answer()).endsWith(":warning: I am not a member of <#C111> yet: invite me with `/invite @Takeaways`,"
                + " or the digest cannot be posted.");
    }

    @Test
    void badArgumentsGetOneLineAndAnExample() {
        assertThat(visibleText(digest("on funday"))).isEqualTo(":calendar: `funday` is not a day of the week: use"
                + " `monday` … `sunday` (or `mon` … `sun`).\nExample: `/takeaway digest on friday 16:30 Europe/Berlin`");
        assertThat(visibleText(digest("on monday 25:00"))).isEqualTo(":calendar: `25:00` is not a time of day: use a"
                + " 24-hour HH:MM, e.g. `09:00` or `16:30`.\nExample: `/takeaway digest on friday 16:30 Europe/Berlin`");
        assertThat(visibleText(digest("on Mars/Olympus"))).isEqualTo(":calendar: `Mars/Olympus` is not a time zone I"
                + " know: use a name from the IANA list, e.g. `Europe/Berlin`, `America/New_York` or `UTC`.\n"
                + "Example: `/takeaway digest on friday 16:30 Europe/Berlin`");
        assertThat(count("digest_subscriptions")).isZero();
    }

    @Test
    void statusSaysWhenTheNextOneComesInTheChannelsZoneAndTheReadersOwn() {
        digest("on wednesday 08:15 Asia/Tokyo");
        answer();
        jdbc.sql("UPDATE digest_subscriptions SET next_run_at = '2026-12-01T23:15:00Z'").update();

        String status = visibleText(digest("status"));

        assertThat(status).isEqualTo(":calendar: *Weekly digest* in <#C111>: every Wednesday at 08:15 (Asia/Tokyo),"
                + " set up by <@W111>.\n*Next:* Wednesday, Dec 2 at 08:15 Asia/Tokyo — that is"
                + " <!date^1796166900^{date_long_pretty} at {time}|2026-12-01 23:15 UTC> your time.");
    }

    @Test
    void statusOfAPausedDigestSaysWhyAndHowToResume() {
        digest("on");
        answer();
        jdbc.sql("UPDATE digest_subscriptions SET paused_at = '2026-11-20T10:00:00Z', paused_reason = 'not_in_channel'")
                .update();

        assertThat(visibleText(digest("status"))).contains(":pause_button: *Paused* since"
                + " <!date^1795168800^{date_short_pretty}|2026-11-20>: I am not a member of this channel any more."
                + " Invite me with `/invite @Takeaways`, then `/takeaway digest on` resumes it.");

        digest("on");
        answer();
        assertThat(jdbc.sql("SELECT paused_at IS NULL FROM digest_subscriptions").query(Boolean.class).single()).isTrue();
    }

    @Test
    void statusWithoutASubscriptionSaysHowToStartOne() {
        assertThat(visibleText(digest("status"))).isEqualTo(":information_source: There is no weekly digest in <#C111>."
                + " Start one with `/takeaway digest on` (Monday 09:00 in your time zone), or e.g. `/takeaway digest on"
                + " friday 16:30 Europe/Berlin`.");
    }

    @Test
    void offStopsIt() {
        digest("on");
        answer();

        assertThat(visibleText(digest("off"))).isEqualTo(":no_bell: *Weekly digest off* for <#C111>. Takeaways stay"
                + " searchable; `/takeaway digest on` brings the digest back.");
        assertThat(count("digest_subscriptions")).isZero();
        assertThat(visibleText(digest("off"))).isEqualTo(":information_source: There is no weekly digest in <#C111>."
                + " `/takeaway digest on` starts one.");
    }

    @Test
    void previewShowsThisWeeksDigestOnlyToThePerson() {
        recentTakeaway("Karpenter consolidates nodes #k8s");

        assertThat(visibleText(digest("preview"))).isEqualTo(":hourglass_flowing_sand: Building a preview…");

        String preview = answer();
        assertThat(preview).startsWith("Takeaways of the week\n").contains(":bar_chart: *1 takeaway* from *1 person*")
                .contains("Karpenter consolidates nodes #k8s — <@W222>").endsWith(":eyes: *Preview*, only you see it.");
        assertThat(SlackApiStub.requestsTo("chat.postMessage")).isEmpty();
    }

    @Test
    void aQuietWeekHasNothingToPreviewOrPost() {
        digest("preview");
        assertThat(answer()).isEqualTo(":zzz: Nothing for a digest yet: no takeaways were saved in <#C111> in the last"
                + " 7 days.");
    }

    @Test
    void nowPostsThisWeeksDigestInTheChannel() {
        recentTakeaway("Karpenter consolidates nodes #k8s");

        assertThat(visibleText(digest("now"))).isEqualTo(":outbox_tray: Posting this week's digest…");

        assertThat(answer()).isEqualTo(":white_check_mark: Posted this week's digest in <#C111>.");
        Map<String, String> posted = SlackApiStub.formsTo("chat.postMessage").get(0);
        assertThat(posted).containsEntry("channel", "C111");
        assertThat(blocksText(posted.get("blocks"))).startsWith("Takeaways of the week\n");
    }

    @Test
    void nowWhereTheBotIsNotAMemberSaysWhatToDo() {
        recentTakeaway("Karpenter consolidates nodes #k8s");
        SlackApiStub.answer("chat.postMessage", "{\"ok\": false, \"error\": \"not_in_channel\"}");

        digest("now");

        assertThat(answer()).isEqualTo(":information_source: I could not post in <#C111>: I am not a member. Invite me"
                + " with `/invite @Takeaways`, then try again.");
    }

    @Test
    void digestAloneOrSomethingElseGetsItsOwnHelp() {
        String help = visibleText(digest(""));
        assertThat(help).startsWith("*Weekly digest of this channel's takeaways*\n• `/takeaway digest on [weekday]"
                + " [HH:MM] [timezone]`").contains("`/takeaway digest status`").contains("`/takeaway digest preview`")
                .contains("`/takeaway digest now`").contains("`/takeaway digest off`");
        assertThat(visibleText(digest("weekly please"))).startsWith(":thinking_face: `weekly` is not something"
                + " `digest` does.\n\n*Weekly digest of this channel's takeaways*");
        assertThat(visibleText(digest("off now"))).startsWith(":thinking_face: `digest off` takes nothing after it.");
    }

    private JsonObject digest(String arguments) {
        SlackApiStub.forgetRequests();
        return json(slack.post(SlackHttp.FORM, Fixtures.slashCommand(Map.of("command", "/takeaway",
                "text", ("digest " + arguments).strip(), "response_url", SlackApiStub.responseUrl("digest")))).body());
    }

    private String answer() {
        await().atMost(WAIT).until(() -> SlackApiStub.responsesTo("digest").size() == 1);
        JsonObject answer = json(SlackApiStub.responsesTo("digest").get(0));
        assertThat(answer.get("replace_original").getAsBoolean()).isTrue();
        return visibleText(answer);
    }

    private void recentTakeaway(String text) {
        jdbc.sql("""
                        INSERT INTO takeaways (team_id, channel_id, channel_type, user_id, text, tags, source, created_at,
                                               updated_at)
                        VALUES ('T111', 'C111', 'public_channel', 'W222', :text, '{k8s}', 'slash_command', :at, :at)""")
                .param("text", text).param("at", OffsetDateTime.ofInstant(Instant.now().minusSeconds(3600),
                        ZoneOffset.UTC))
                .update();
    }
}
