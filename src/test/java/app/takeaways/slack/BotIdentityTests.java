package app.takeaways.slack;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BotIdentityTests {

    private final BotIdentity.Identity bot = new BotIdentity.Identity("T1", "U0BOT", "B0BOT",
            "https://ghostbusters.slack.com/");

    @Test
    void writesPermalinksAsChatGetPermalinkDoes() {
        assertThat(bot.permalink("C1H9RESGA", "1358546515.000008", null))
                .contains("https://ghostbusters.slack.com/archives/C1H9RESGA/p1358546515000008");
        assertThat(bot.permalink("C1H9RESGA", "1358546515.000009", "1358546515.000008"))
                .contains("https://ghostbusters.slack.com/archives/C1H9RESGA/p1358546515000009"
                        + "?thread_ts=1358546515.000008&cid=C1H9RESGA");
        assertThat(bot.permalink("C1H9RESGA", "1358546515.000008", "1358546515.000008"))
                .contains("https://ghostbusters.slack.com/archives/C1H9RESGA/p1358546515000008");
    }

    @Test
    void withoutTheWorkspaceAddressThereIsNoLink() {
        assertThat(new BotIdentity.Identity("T1", "U0BOT", "B0BOT", null).permalink("C1", "1.2", null)).isEmpty();
    }
}
