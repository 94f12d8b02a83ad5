package app.takeaways.slack.blocks;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** What might have been a note, after a subcommand's word, and what is plainly a command. */
class SaveInsteadTests {

    @ParameterizedTest
    @ValueSource(strings = {"is hard at scale", "tariffs rose", "controls matter for chips", "rocks.",
            "of the week: nobody reads long emails"})
    void theRestOfASentenceMightHaveBeenANote(String arguments) {
        assertThat(SaveInstead.mightBeNote(arguments)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "karpenter", "zzyzx tag:k8s", "karpenter -fargate", "funday 09:00",
            "friday 16:30 Europe/Berlin", "from:me after:2026-01-01"})
    void aCommandsArgumentsAreNot(String arguments) {
        assertThat(SaveInstead.mightBeNote(arguments)).isFalse();
    }
}
