package app.takeaways.note;

import app.takeaways.testbed.IntegrationTest;
import app.takeaways.workspace.ChannelType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TakeawayCaptureTests extends IntegrationTest {

    @Autowired
    TakeawayCapture capture;

    @Test
    void theSameDeliveryRacingItselfIsStoredOnce() throws Exception {
        CaptureTakeaway command = CaptureTakeaway.fromSlashCommand("T1", "C1", ChannelType.PUBLIC_CHANNEL, "U1",
                "Double submit #race talk:\"Concurrency\"", "trigger-race");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<CapturedTakeaway>> attempts = IntStream.range(0, 8)
                    .<Callable<CapturedTakeaway>>mapToObj(i -> () -> capture.capture(command)).toList();
            List<CapturedTakeaway> results = pool.invokeAll(attempts).stream().map(TakeawayCaptureTests::get).toList();

            assertThat(results).extracting(CapturedTakeaway::id).containsOnly(results.get(0).id());
            assertThat(results).filteredOn(r -> !r.alreadySaved()).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(count("takeaways")).isEqualTo(1);
        assertThat(count("talks")).isEqualTo(1);
    }

    @Test
    void aMessageIsStoredOncePerChannelAndTs() {
        CaptureTakeaway reply = CaptureTakeaway.fromMessage(Source.REACTION, "T1", "C1", ChannelType.PUBLIC_CHANNEL,
                "U1", "From a message", "1700000000.000100", null, "U2");

        CapturedTakeaway first = capture.capture(reply);
        CapturedTakeaway again = capture.capture(reply);
        CapturedTakeaway elsewhere = capture.capture(CaptureTakeaway.fromMessage(Source.REACTION, "T1", "C2",
                ChannelType.PUBLIC_CHANNEL, "U1", "Same ts, other channel", "1700000000.000100", null, "U2"));

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.alreadySaved()).isTrue();
        assertThat(elsewhere.id()).isNotEqualTo(first.id());
        assertThat(count("takeaways")).isEqualTo(2);
    }

    @Test
    void teamsNeverShareTalksOrDeliveries() {
        capture.capture(CaptureTakeaway.fromSlashCommand("T1", "C1", ChannelType.PUBLIC_CHANNEL, "U1",
                "Team one note talk:\"Keynote\"", "same-trigger"));
        capture.capture(CaptureTakeaway.fromSlashCommand("T2", "C1", ChannelType.PUBLIC_CHANNEL, "U1",
                "Team two note talk:\"Keynote\"", "same-trigger"));

        assertThat(count("takeaways")).isEqualTo(2);
        assertThat(count("talks")).isEqualTo(2);
    }

    @Test
    void reclassifiesAChannelsTakeaways() {
        CapturedTakeaway saved = capture.capture(CaptureTakeaway.fromSlashCommand("T1", "C9", ChannelType.UNKNOWN,
                "U1", "Is this channel private?", "trigger-c9"));

        assertThat(capture.reclassifyChannel("T1", "C9", ChannelType.PRIVATE_CHANNEL)).isEqualTo(1);
        assertThat(capture.reclassifyChannel("T1", "C9", ChannelType.PRIVATE_CHANNEL)).isZero();

        Takeaway stored = capture.find(saved.id()).orElseThrow();
        assertThat(stored.channelType()).isEqualTo(ChannelType.PRIVATE_CHANNEL);
        assertThat(stored.source()).isEqualTo(Source.SLASH_COMMAND);
        assertThat(stored.slackRequestId()).contains("trigger-c9");
    }

    @Test
    void readsBackWhatItStored() {
        CapturedTakeaway saved = capture.capture(CaptureTakeaway.fromSlashCommand("T1", "C1",
                ChannelType.PUBLIC_CHANNEL, "U1",
                "Graviton4 <https://aws.amazon.com/ec2/graviton/|Graviton> and https://x.io #ARM #cost talk:\"Compute\"",
                "trigger-read"));

        Takeaway stored = capture.find(saved.id()).orElseThrow();

        assertThat(stored.tags()).containsExactly("arm", "cost");
        assertThat(stored.links()).containsExactly(new Link("https://aws.amazon.com/ec2/graviton/", "Graviton"),
                new Link("https://x.io", null));
        assertThat(stored.talk()).hasValueSatisfying(talk -> assertThat(talk.title()).isEqualTo("Compute"));
        assertThat(stored.createdAt()).isEqualTo(saved.createdAt());
    }

    @Test
    void refusesATalkWithNothingTakenAway() {
        assertThatThrownBy(() -> capture.capture(CaptureTakeaway.fromSlashCommand("T1", "C1",
                ChannelType.PUBLIC_CHANNEL, "U1", "talk:\"Only a title\"", "trigger-empty")))
                .isInstanceOf(EmptyTakeawayException.class);
        assertThat(count("talks")).isZero();
    }

    private static <T> T get(Future<T> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
