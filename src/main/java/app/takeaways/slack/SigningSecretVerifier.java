package app.takeaways.slack;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Whether a request comes from Slack: its {@code X-Slack-Signature} is {@code v0=} and the hex HMAC-SHA256, keyed
 * with the signing secret, of {@code v0:<X-Slack-Request-Timestamp>:<body>}, and the timestamp is fresh.
 * <p>
 * The one place that checks it (HTTP mode's {@link SlackEventsServlet} asks it before reading a payload; Socket
 * Mode requests carry no signature). Unlike Bolt's {@code SlackSignature.Verifier} it hashes the body's bytes as
 * they arrive (not a string in the platform charset: on Java 17 in a POSIX-locale container "café" would fail),
 * keeps one {@code Mac} per thread (a new one per request was a tenth of the ack's CPU under load), compares in
 * constant time, and refuses a timestamp in the future as well as in the past.
 */
final class SigningSecretVerifier {

    static final String SIGNATURE_HEADER = "X-Slack-Signature";
    static final String TIMESTAMP_HEADER = "X-Slack-Request-Timestamp";
    static final Duration MAX_SKEW = Duration.ofMinutes(5);

    private static final String ALGORITHM = "HmacSHA256";
    private static final int CHUNK = 8192;

    private final ThreadLocal<Mac> macs;

    SigningSecretVerifier(String signingSecret) {
        SecretKeySpec key = new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance(ALGORITHM);
                mac.init(key);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HMAC-SHA256 is not available", e);
            }
        });
    }

    /** What checking a request found; every verdict but {@link #SIGNED} rejects it. */
    enum Verdict {
        NO_SIGNATURE("no " + SIGNATURE_HEADER + " or " + TIMESTAMP_HEADER + " header"),
        STALE("timestamp more than " + MAX_SKEW.toMinutes() + " minutes from now, or not a number"),
        WRONG_SIGNATURE("signature does not match the body"),
        /** Signed by Slack, but longer than the caller keeps. */
        TOO_LARGE("signed, but the body is over the limit"),
        SIGNED("signed");

        private final String reason;

        Verdict(String reason) {
            this.reason = reason;
        }

        /** Why, in a few words fit for a log line: never the signature or the body. */
        String reason() {
            return reason;
        }
    }

    /**
     * A request body as checked.
     *
     * @param verdict what the check found
     * @param body    all of the body when {@link Verdict#SIGNED}; otherwise empty
     * @param length  how many bytes of body were read (0 when rejected on its headers alone)
     */
    record CheckedBody(Verdict verdict, byte[] body, long length) {
    }

    /**
     * Checks a request while reading its body, keeping at most {@code limit} bytes of it.
     * <p>
     * Headers come first: without both, or with a timestamp not within {@link #MAX_SKEW} of now, not a byte is read.
     * Otherwise the whole body is hashed as it streams in, so that a body over the limit is still told apart: a
     * wrong signature ({@link Verdict#WRONG_SIGNATURE}) from Slack's ({@link Verdict#TOO_LARGE}).
     */
    CheckedBody check(String timestamp, String signature, InputStream body, int limit, long nowInMillis)
            throws IOException {
        if (timestamp == null || signature == null) {
            return new CheckedBody(Verdict.NO_SIGNATURE, new byte[0], 0);
        }
        if (!isFresh(timestamp, nowInMillis)) {
            return new CheckedBody(Verdict.STALE, new byte[0], 0);
        }
        Mac mac = macs.get();
        // A read that failed half-way would leave its bytes in this thread's Mac for the next request.
        mac.reset();
        try {
            mac.update(prefix(timestamp));
            ByteArrayOutputStream kept = new ByteArrayOutputStream(CHUNK);
            byte[] chunk = new byte[CHUNK];
            long length = 0;
            for (int n = body.read(chunk); n != -1; n = body.read(chunk)) {
                mac.update(chunk, 0, n);
                length += n;
                if (kept != null && length <= limit) {
                    kept.write(chunk, 0, n);
                } else {
                    kept = null; // over the limit: hashed to the end, never held
                }
            }
            if (!matches(hex(mac.doFinal()), signature)) {
                return new CheckedBody(Verdict.WRONG_SIGNATURE, new byte[0], length);
            }
            return kept == null ? new CheckedBody(Verdict.TOO_LARGE, new byte[0], length)
                    : new CheckedBody(Verdict.SIGNED, kept.toByteArray(), length);
        } finally {
            mac.reset();
        }
    }

    /** Slack's rule: more than five minutes from local time, either way, is a replay (or a broken clock). */
    static boolean isFresh(String timestamp, long nowInMillis) {
        try {
            long sent = Math.multiplyExact(Long.parseLong(timestamp.strip()), 1000L);
            return Math.absExact(Math.subtractExact(nowInMillis, sent)) <= MAX_SKEW.toMillis();
        } catch (NumberFormatException | ArithmeticException e) {
            return false;
        }
    }

    /** {@code v0=} and the hex HMAC-SHA256 of {@code v0:<timestamp>:<body>}, the body's UTF-8 bytes. */
    String sign(String timestamp, String body) {
        Mac mac = macs.get();
        mac.reset();
        mac.update(prefix(timestamp));
        return hex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] prefix(String timestamp) {
        return ("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8);
    }

    private static String hex(byte[] digest) {
        return "v0=" + HexFormat.of().formatHex(digest);
    }

    private static boolean matches(String expected, String signature) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }
}
