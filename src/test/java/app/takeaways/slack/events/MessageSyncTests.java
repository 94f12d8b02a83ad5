package app.takeaways.slack.events;

import app.takeaways.testbed.IntegrationTest;
import app.takeaways.testbed.Payloads;
import app.takeaways.testbed.SlackHttp;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/** Takeaways saved from messages stay true to Slack: edits follow, deletions remove them. */
class MessageSyncTests extends IntegrationTest {

    private static final String THREAD = "1665102000.000100";
    private static final String TS = "1665102338.901939";

    @BeforeEach
    void aCapturedReply() {
        jdbc.sql("""
                INSERT INTO talks (team_id, title, title_key, created_by, created_at)
                VALUES ('T111', 'Keynote', 'keynote', 'U1', now())""").update();
        jdbc.sql("""
                INSERT INTO talk_threads (team_id, channel_id, thread_ts, talk_id, tags, started_by, origin, created_at)
                SELECT 'T111', 'C111', :thread, id, '{keynote}', 'U1', 'command', now() FROM talks""")
                .param("thread", THREAD).update();
        slack.post(SlackHttp.JSON, Payloads.threadReply(TS, THREAD, "U222", "original message #aws"));
        assertThat(count("takeaways")).isEqualTo(1);
    }

    @Test
    void anEditedMessageUpdatesItsTakeawayKeepingTheThreadsTags() {
        // Slack's own fixture: message_changed for ts 1665102338.901939 (given in previous_message only)
        slack.post(SlackHttp.JSON, Payloads.event("events/message_changed.json", e -> e.getAsJsonObject("message")
                .addProperty("text", "updated message #k8s")));

        assertThat(jdbc.sql("SELECT text || '|' || array_to_string(tags, ',') FROM takeaways").query(String.class)
                .single()).isEqualTo("updated message #k8s|k8s,keynote");
    }

    @Test
    void theSameTextAgainChangesNothing() {
        OffsetDateTime before = jdbc.sql("SELECT updated_at FROM takeaways").query(OffsetDateTime.class).single();

        slack.post(SlackHttp.JSON, Payloads.event("events/message_changed.json", e -> {
            JsonObject message = e.getAsJsonObject("message");
            message.addProperty("text", "original message #aws");
            message.addProperty("ts", TS);
        }));

        assertThat(jdbc.sql("SELECT updated_at FROM takeaways").query(OffsetDateTime.class).single()).isEqualTo(before);
    }

    @Test
    void aBotsEditIsIgnored() {
        slack.post(SlackHttp.JSON, Payloads.event("events/message_changed.json", e -> {
            JsonObject message = e.getAsJsonObject("message");
            message.addProperty("bot_id", "B1");
            message.addProperty("ts", TS);
        }));

        assertThat(jdbc.sql("SELECT text FROM takeaways").query(String.class).single()).isEqualTo("original message #aws");
    }

    @Test
    void aDeletedMessageRemovesItsTakeaway() {
        slack.post(SlackHttp.JSON, Payloads.event("events/message_deleted.json", e -> e.addProperty("deleted_ts", TS)));

        assertThat(jdbc.sql("SELECT deleted_at IS NOT NULL FROM takeaways").query(Boolean.class).single()).isTrue();

        // a late retry of the original reply does not bring it back
        slack.postRetry(SlackHttp.JSON, Payloads.threadReply(TS, THREAD, "U222", "original message #aws"), 1);
        assertThat(jdbc.sql("SELECT count(*) FROM takeaways WHERE deleted_at IS NULL").query(Long.class).single())
                .isZero();
    }
}
