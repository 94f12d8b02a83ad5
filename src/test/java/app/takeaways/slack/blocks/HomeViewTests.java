package app.takeaways.slack.blocks;

import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.view.View;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HomeViewTests {

    @Test
    void aNoteInTheHomeTabNeverBroadcasts() {
        View view = HomeView.render(List.of(), List.of(SharedTakeawayTests.entry(
                "Heads up <!channel> &amp; <!subteam^S1|@devs>: ship it")));

        assertThat(view.getBlocks().stream().filter(SectionBlock.class::isInstance).map(SectionBlock.class::cast)
                .map(section -> section.getText().getText()))
                .contains("*EKS deep dive*\nHeads up @channel &amp; @devs: ship it");
    }
}
