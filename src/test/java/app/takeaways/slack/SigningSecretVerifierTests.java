package app.takeaways.slack;

import app.takeaways.testbed.Fixtures;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SigningSecretVerifierTests {

    private static final JsonObject VECTOR = JsonParser.parseString(
            Fixtures.read("signature/known_answer_slash_command.json")).getAsJsonObject();
    private static final String SECRET = VECTOR.get("signing_secret").getAsString();
    private static final String TIMESTAMP = VECTOR.get("timestamp").getAsString();
    private static final String BODY = VECTOR.get("body").getAsString();
    private static final String SIGNATURE = VECTOR.get("expected_signature").getAsString();
    private static final long AT_THE_TIME = Long.parseLong(TIMESTAMP) * 1000 + 30_000;

    private final SigningSecretVerifier verifier = new SigningSecretVerifier(SECRET);

    @Test
    void acceptsSlacksKnownAnswer() {
        assertThat(verifier.sign(TIMESTAMP, BODY)).isEqualTo(SIGNATURE);
        assertThat(verifier.isValid(TIMESTAMP, BODY, SIGNATURE, AT_THE_TIME)).isTrue();
    }

    @Test
    void rejectsAnotherBodySecretOrSignature() {
        assertThat(verifier.isValid(TIMESTAMP, BODY + "&x=1", SIGNATURE, AT_THE_TIME)).isFalse();
        assertThat(new SigningSecretVerifier("another-secret").isValid(TIMESTAMP, BODY, SIGNATURE, AT_THE_TIME))
                .isFalse();
        assertThat(verifier.isValid(TIMESTAMP, BODY, SIGNATURE.toUpperCase(), AT_THE_TIME)).isFalse();
        assertThat(verifier.isValid(TIMESTAMP, BODY, null, AT_THE_TIME)).isFalse();
        assertThat(verifier.isValid(null, BODY, SIGNATURE, AT_THE_TIME)).isFalse();
    }

    @Test
    void rejectsTimestampsMoreThanFiveMinutesAwayEitherWay() {
        long timestampMillis = Long.parseLong(TIMESTAMP) * 1000;

        assertThat(verifier.isValid(TIMESTAMP, BODY, SIGNATURE, timestampMillis + 5 * 60_000)).isTrue();
        assertThat(verifier.isValid(TIMESTAMP, BODY, SIGNATURE, timestampMillis + 5 * 60_000 + 1_000)).isFalse();
        assertThat(verifier.isValid(TIMESTAMP, BODY, SIGNATURE, timestampMillis - 5 * 60_000 - 1_000)).isFalse();
        assertThat(verifier.isValid("soon", BODY, SIGNATURE, timestampMillis)).isFalse();
    }

    @Test
    void hashesTheBodyAsUtf8WhateverThePlatformCharset() {
        String body = "{\"event\":{\"text\":\"café ☕ 🚀\"}}";

        assertThat(verifier.sign("1531420618", body))
                .isEqualTo(app.takeaways.testbed.SlackSigner.sign(SECRET, "1531420618", body));
    }
}
