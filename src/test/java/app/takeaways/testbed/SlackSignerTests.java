package app.takeaways.testbed;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SlackSignerTests {

    @Test
    void signsSlacksKnownAnswerVector() {
        JsonObject vector = JsonParser.parseString(Fixtures.read("signature/known_answer_slash_command.json"))
                .getAsJsonObject();

        String signature = SlackSigner.sign(vector.get("signing_secret").getAsString(),
                vector.get("timestamp").getAsString(), vector.get("body").getAsString());

        assertThat(signature).isEqualTo("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")
                .isEqualTo(vector.get("expected_signature").getAsString());
    }

    @Test
    void anotherSecretGivesAnotherSignature() {
        assertThat(SlackSigner.sign("secret-a", "1531420618", "text=hi"))
                .isNotEqualTo(SlackSigner.sign("secret-b", "1531420618", "text=hi"));
    }
}
