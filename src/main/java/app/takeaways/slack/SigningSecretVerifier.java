package app.takeaways.slack;

import com.slack.api.app_backend.SlackSignature;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Slack's request signature, as Bolt's {@code RequestVerification} checks it, with three things Bolt's own
 * {@code SlackSignature.Generator} gets wrong for a server: it hashes the body in the platform charset (on Java 17
 * in a POSIX-locale container a body with "café" would fail), it looks up a new {@code Mac} per request (a tenth
 * of the ack's CPU under load), it compares signatures in variable time, and it lets a timestamp in the future
 * through.
 */
final class SigningSecretVerifier extends SlackSignature.Verifier {

    private static final String ALGORITHM = "HmacSHA256";
    static final Duration MAX_SKEW = Duration.ofMinutes(5);

    private final ThreadLocal<Mac> macs;

    SigningSecretVerifier(String signingSecret) {
        super(new SlackSignature.Generator(signingSecret));
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

    /** Slack's rule: more than five minutes from local time, either way, is a replay (or a broken clock). */
    static boolean isFresh(String timestamp, long nowInMillis) {
        try {
            long skew = Math.abs(nowInMillis - Long.parseLong(timestamp.strip()) * 1000);
            return skew <= MAX_SKEW.toMillis();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** {@code v0=} and the hex HMAC-SHA256 of {@code v0:<timestamp>:<body>}, the body's UTF-8 bytes. */
    String sign(String timestamp, String body) {
        Mac mac = macs.get();
        mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
        return "v0=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public boolean isValid(String timestamp, String body, String signature, long nowInMillis) {
        if (timestamp == null || signature == null || body == null) {
            return false;
        }
        if (!isFresh(timestamp, nowInMillis)) {
            return false;
        }
        return MessageDigest.isEqual(sign(timestamp, body).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }
}
