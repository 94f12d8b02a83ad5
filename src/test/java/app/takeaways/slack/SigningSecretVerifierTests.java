package app.takeaways.slack;

import app.takeaways.slack.SigningSecretVerifier.CheckedBody;
import app.takeaways.slack.SigningSecretVerifier.Verdict;
import app.takeaways.testbed.Fixtures;
import app.takeaways.testbed.SlackSigner;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SigningSecretVerifierTests {

    private static final JsonObject VECTOR = JsonParser.parseString(
            Fixtures.read("signature/known_answer_slash_command.json")).getAsJsonObject();
    private static final String SECRET = VECTOR.get("signing_secret").getAsString();
    private static final String TIMESTAMP = VECTOR.get("timestamp").getAsString();
    private static final String BODY = VECTOR.get("body").getAsString();
    private static final String SIGNATURE = VECTOR.get("expected_signature").getAsString();
    private static final long AT_THE_TIME = Long.parseLong(TIMESTAMP) * 1000 + 30_000;

    private static final int LIMIT = 64 * 1024;

    private final SigningSecretVerifier verifier = new SigningSecretVerifier(SECRET);

    /** The whole check on a body at hand: signed by Slack and fresh at {@code now}. */
    private boolean isValid(String timestamp, String body, String signature, long now) {
        return isValid(verifier, timestamp, body, signature, now);
    }

    private static boolean isValid(SigningSecretVerifier verifier, String timestamp, String body, String signature,
                                   long now) {
        try {
            return verifier.check(timestamp, signature, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)),
                    LIMIT, now).verdict() == Verdict.SIGNED;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void acceptsSlacksKnownAnswer() {
        assertThat(verifier.sign(TIMESTAMP, BODY)).isEqualTo(SIGNATURE);
        assertThat(isValid(TIMESTAMP, BODY, SIGNATURE, AT_THE_TIME)).isTrue();
    }

    @Test
    void rejectsAnotherBodySecretOrSignature() {
        assertThat(isValid(TIMESTAMP, BODY + "&x=1", SIGNATURE, AT_THE_TIME)).isFalse();
        assertThat(isValid(new SigningSecretVerifier("another-secret"), TIMESTAMP, BODY, SIGNATURE, AT_THE_TIME))
                .isFalse();
        assertThat(isValid(TIMESTAMP, BODY, SIGNATURE.toUpperCase(), AT_THE_TIME)).isFalse();
        assertThat(isValid(TIMESTAMP, BODY, "", AT_THE_TIME)).isFalse();
        assertThat(isValid(TIMESTAMP, BODY, "v0=" + "é".repeat(64), AT_THE_TIME)).isFalse();
    }

    @Test
    void withoutBothHeadersNothingIsRead() throws IOException {
        InputStream body = new ByteArrayInputStream(BODY.getBytes(StandardCharsets.UTF_8));

        assertThat(verifier.check(TIMESTAMP, null, body, LIMIT, AT_THE_TIME).verdict()).isEqualTo(Verdict.NO_SIGNATURE);
        assertThat(verifier.check(null, SIGNATURE, body, LIMIT, AT_THE_TIME).verdict()).isEqualTo(Verdict.NO_SIGNATURE);
        assertThat(body.available()).isEqualTo(BODY.length());
    }

    @Test
    void aStaleTimestampIsRejectedBeforeTheBodyIsRead() throws IOException {
        InputStream body = new ByteArrayInputStream(BODY.getBytes(StandardCharsets.UTF_8));

        CheckedBody checked = verifier.check(TIMESTAMP, SIGNATURE, body, LIMIT, AT_THE_TIME + 10 * 60_000);

        assertThat(checked.verdict()).isEqualTo(Verdict.STALE);
        assertThat(checked.length()).isZero();
        assertThat(body.available()).isEqualTo(BODY.length());
    }

    @Test
    void keepsTheWholeBodyOfASignedRequestUpToTheLimit() {
        String body = "x".repeat(LIMIT);

        CheckedBody checked = check(body, SlackSigner.sign(SECRET, TIMESTAMP, body));

        assertThat(checked.verdict()).isEqualTo(Verdict.SIGNED);
        assertThat(new String(checked.body(), StandardCharsets.UTF_8)).isEqualTo(body);
        assertThat(checked.length()).isEqualTo(LIMIT);
    }

    @Test
    void aBodyOverTheLimitIsStillHashedToTellSlacksFromAForgery() {
        String body = "x".repeat(3 * LIMIT + 1);

        CheckedBody signed = check(body, SlackSigner.sign(SECRET, TIMESTAMP, body));
        CheckedBody forged = check(body, SlackSigner.sign("another-secret", TIMESTAMP, body));

        assertThat(signed.verdict()).isEqualTo(Verdict.TOO_LARGE);
        assertThat(signed.body()).isEmpty();
        assertThat(signed.length()).isEqualTo(3 * LIMIT + 1);
        assertThat(forged.verdict()).isEqualTo(Verdict.WRONG_SIGNATURE);
        assertThat(forged.body()).isEmpty();
    }

    @Test
    void aBodyCutOffHalfWayLeavesNothingForTheNextRequest() {
        InputStream broken = new InputStream() {
            private int left = 100;

            @Override
            public int read() throws IOException {
                if (left == 0) {
                    throw new IOException("connection reset");
                }
                left--;
                return 'x';
            }
        };

        assertThatThrownBy(() -> verifier.check(TIMESTAMP, SIGNATURE, broken, LIMIT, AT_THE_TIME))
                .isInstanceOf(IOException.class);
        assertThat(isValid(TIMESTAMP, BODY, SIGNATURE, AT_THE_TIME)).isTrue();
    }

    @Test
    void aTimestampTooLargeForMillisecondsIsStale() {
        assertThat(SigningSecretVerifier.isFresh(String.valueOf(Long.MAX_VALUE), AT_THE_TIME)).isFalse();
        assertThat(SigningSecretVerifier.isFresh(String.valueOf(Long.MIN_VALUE), AT_THE_TIME)).isFalse();
        assertThat(SigningSecretVerifier.isFresh(" " + TIMESTAMP + " ", AT_THE_TIME)).isTrue();
    }

    @Test
    void rejectsTimestampsMoreThanFiveMinutesAwayEitherWay() {
        long timestampMillis = Long.parseLong(TIMESTAMP) * 1000;

        assertThat(isValid(TIMESTAMP, BODY, SIGNATURE, timestampMillis + 5 * 60_000)).isTrue();
        assertThat(isValid(TIMESTAMP, BODY, SIGNATURE, timestampMillis + 5 * 60_000 + 1_000)).isFalse();
        assertThat(isValid(TIMESTAMP, BODY, SIGNATURE, timestampMillis - 5 * 60_000 - 1_000)).isFalse();
        assertThat(isValid("soon", BODY, SIGNATURE, timestampMillis)).isFalse();
    }

    @Test
    void hashesTheBodyAsUtf8WhateverThePlatformCharset() {
        String body = "{\"event\":{\"text\":\"café ☕ 🚀\"}}";

        assertThat(verifier.sign("1531420618", body))
                .isEqualTo(SlackSigner.sign(SECRET, "1531420618", body));
        assertThat(check(body, SlackSigner.sign(SECRET, TIMESTAMP, body)).verdict()).isEqualTo(Verdict.SIGNED);
    }

    private CheckedBody check(String body, String signature) {
        try {
            return verifier.check(TIMESTAMP, signature, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)),
                    LIMIT, AT_THE_TIME);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
