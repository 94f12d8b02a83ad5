package app.takeaways.slack.blocks;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.element.ButtonElement;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@code /takeaway forget me} asks and answers: exact counts, within Slack's limits. */
class ForgetMeMessagesTests {

    @Test
    void countsInWordsAsPeopleReadThem() {
        assertThat(ForgetMeMessages.deleted(37, 12).text()).isEqualTo("Deleted 37 takeaways and 12 reactions.");
        assertThat(ForgetMeMessages.deleted(1, 1).text()).isEqualTo("Deleted 1 takeaway and 1 reaction.");
        assertThat(ForgetMeMessages.deleted(2, 0).text()).isEqualTo("Deleted 2 takeaways and 0 reactions.");
    }

    @Test
    void theDeleteButtonIsDangerousAsksAgainAndStaysWithinSlacksLimits() {
        SlackMessage question = ForgetMeMessages.confirm("W111", Integer.MAX_VALUE, Integer.MAX_VALUE);

        ButtonElement delete = (ButtonElement) ((ActionsBlock) question.blocks().get(1)).getElements().get(0);
        ButtonElement cancel = (ButtonElement) ((ActionsBlock) question.blocks().get(1)).getElements().get(1);
        assertThat(delete.getActionId()).isEqualTo(ActionIds.FORGET_ME_CONFIRM);
        assertThat(delete.getStyle()).isEqualTo("danger");
        assertThat(delete.getValue()).isEqualTo("W111");
        assertThat(delete.getConfirm().getStyle()).isEqualTo("danger");
        assertThat(cancel.getActionId()).isEqualTo(ActionIds.FORGET_ME_CANCEL);
        // Block Kit: a button's text at most 75 characters, a confirm dialog's title 100 and text 300.
        assertThat(delete.getText().getText()).hasSizeLessThanOrEqualTo(75);
        assertThat(delete.getConfirm().getTitle().getText()).hasSizeLessThanOrEqualTo(100);
        assertThat(delete.getConfirm().getText().getText()).hasSizeLessThanOrEqualTo(300);
        assertThat(question.text()).contains("This cannot be undone.");
    }
}
