package app.takeaways.digest;

import app.takeaways.digest.WeeklyDigest.Item;
import app.takeaways.digest.WeeklyDigest.TalkSection;
import app.takeaways.note.Conversation;
import app.takeaways.testbed.IntegrationTest;
import app.takeaways.workspace.ChannelType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What goes in a channel's weekly digest, from the real database. */
class WeeklyDigestBuilderTests extends IntegrationTest {

    private static final WeeklySchedule.Period WEEK = new WeeklySchedule.Period(
            Instant.parse("2026-11-23T08:00:00Z"), Instant.parse("2026-11-30T08:00:00Z"));

    private static final Conversation C111 = new Conversation("C111", ChannelType.PUBLIC_CHANNEL);

    @Autowired
    WeeklyDigestBuilder builder;

    @Test
    void theWeeksTakeawaysOfThisChannelByTalkBusiestFirstWithTheirBest() {
        long eks = talk("EKS deep dive");
        long ops = talk("Operational excellence");
        insert("C111", "public_channel", "U1", "Karpenter consolidates nodes #k8s", eks, "2026-11-24T10:00:00Z", "1.1");
        long reacted = insert("C111", "public_channel", "U2", "Karpenter replaces the cluster autoscaler #k8s #aws",
                eks, "2026-11-24T11:00:00Z", "1.2");
        insert("C111", "public_channel", "U3", "Nodes come and go in seconds with Karpenter", eks,
                "2026-11-25T10:00:00Z", "1.3");
        long newest = insert("C111", "public_channel", "U1", "Bottlerocket nodes boot fast", eks,
                "2026-11-29T10:00:00Z", "1.4");
        insert("C111", "public_channel", "U2", "Ops win emails build an ops culture", ops, "2026-11-26T10:00:00Z", "1.5");
        insert("C111", "public_channel", "U4", "A note of no talk #misc", null, "2026-11-27T10:00:00Z", "1.6");
        // not this week, not this channel, deleted, or a summary: left out
        insert("C111", "public_channel", "U1", "Last week's note", eks, "2026-11-20T10:00:00Z", "1.7");
        insert("C999", "public_channel", "U1", "Another channel's note", eks, "2026-11-24T10:00:00Z", "1.8");
        long deleted = insert("C111", "public_channel", "U1", "Deleted note", eks, "2026-11-24T10:00:00Z", "1.9");
        jdbc.sql("UPDATE takeaways SET deleted_at = now() WHERE id = :id").param("id", deleted).update();
        jdbc.sql("UPDATE takeaways SET source = 'summary', quotes = '{}' WHERE text = 'Ops win emails build an ops culture'").update();
        insert("C111", "public_channel", "U2", "Ops reviews every week", ops, "2026-11-26T11:00:00Z", "1.10");
        react("1.2", "U7", "heart");
        react("1.2", "U8", "+1");

        WeeklyDigest digest = builder.build("T111", C111, WEEK, ZoneId.of("Europe/Berlin"), Optional.empty());

        assertThat(digest.takeaways()).isEqualTo(6);
        assertThat(digest.people()).isEqualTo(4);
        assertThat(digest.talkCount()).isEqualTo(2);
        assertThat(digest.talks()).extracting(section -> section.title().orElse("(none)"), TalkSection::takeaways)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("EKS deep dive", 4),
                        org.assertj.core.groups.Tuple.tuple("Operational excellence", 1),
                        org.assertj.core.groups.Tuple.tuple("(none)", 1));
        TalkSection eksWeek = digest.talks().get(0);
        assertThat(eksWeek.best()).extracting(Item::id).startsWith(reacted, newest).hasSize(3);
        assertThat(eksWeek.best().get(0).reactions()).isEqualTo(2);
        assertThat(eksWeek.themes()).contains("Karpenter", "nodes");
        assertThat(eksWeek.contributors()).containsExactly("U1", "U2", "U3");
        assertThat(digest.tags()).extracting(WeeklyDigest.TagCount::tag).containsExactly("k8s", "aws", "misc");
        assertThat(digest.fromTheArchive()).isEmpty();
    }

    @Test
    void fromTheArchiveOldRelatedVisibleAndNotBroughtBackTwiceInHalfAYear() {
        long eks = talk("EKS deep dive");
        insert("C111", "public_channel", "U1", "Karpenter consolidates nodes", eks, "2026-11-24T10:00:00Z", "2.1");
        insert("C111", "public_channel", "U2", "Karpenter picks instance types per pod", eks, "2026-11-25T10:00:00Z", "2.2");
        long old = insert("C222", "public_channel", "U3", "Karpenter was announced at re:Invent", null,
                "2026-05-01T10:00:00Z", "2.3");
        insert("G333", "private_channel", "U3", "Karpenter secrets from a private channel", null,
                "2026-04-01T10:00:00Z", "2.4");
        insert("C111", "public_channel", "U3", "Karpenter too recent for the archive", null,
                "2026-10-01T10:00:00Z", "2.5");
        insert("C111", "public_channel", "U3", "Unrelated old note about gardening", null,
                "2026-03-01T10:00:00Z", "2.6");
        awaitBackgroundWork(); // indexed for search, as long since

        WeeklyDigest digest = builder.build("T111", C111, WEEK, ZoneId.of("UTC"), Optional.empty());

        assertThat(digest.fromTheArchive()).map(Item::id).contains(old);
        builder.recordResurfaced("T111", old);
        assertThat(builder.build("T111", C111, WEEK, ZoneId.of("UTC"), Optional.empty()).fromTheArchive())
                .isEmpty();
        jdbc.sql("UPDATE digest_resurfaced SET resurfaced_at = now() - interval '181 days'").update();
        assertThat(builder.build("T111", C111, WEEK, ZoneId.of("UTC"), Optional.empty()).fromTheArchive())
                .map(Item::id).contains(old);
    }

    @Test
    void aQuietWeekIsEmpty() {
        assertThat(builder.build("T111", C111, WEEK, ZoneId.of("UTC"), Optional.empty()).isEmpty()).isTrue();
    }

    private long talk(String title) {
        return jdbc.sql("""
                        INSERT INTO talks (team_id, title, title_key, created_by, created_at)
                        VALUES ('T111', :title, lower(:title), 'U1', now()) RETURNING id""")
                .param("title", title).query(Long.class).single();
    }

    private long insert(String channel, String type, String user, String text, Long talk, String at, String ts) {
        return jdbc.sql("""
                        INSERT INTO takeaways (team_id, channel_id, channel_type, user_id, text, tags, talk_id, source,
                                               message_ts, created_at, updated_at)
                        VALUES ('T111', :channel, :type, :user, :text,
                                ARRAY(SELECT lower(m[1]) FROM regexp_matches(:text, '#(\\w+)', 'g') m), :talk,
                                'thread_reply', :ts, :at, :at)
                        RETURNING id""")
                .param("channel", channel).param("type", type).param("user", user).param("text", text)
                .param("talk", talk).param("ts", ts).param("at", OffsetDateTime.parse(at.replace("Z", "+00:00")))
                .query(Long.class).single();
    }

    private void react(String ts, String user, String reaction) {
        jdbc.sql("""
                        INSERT INTO takeaway_reactions (team_id, channel_id, message_ts, user_id, reaction, created_at)
                        VALUES ('T111', 'C111', :ts, :user, :reaction, now())""")
                .param("ts", ts).param("user", user).param("reaction", reaction).update();
    }
}
