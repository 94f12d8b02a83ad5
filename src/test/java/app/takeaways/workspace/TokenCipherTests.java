package app.takeaways.workspace;

import app.takeaways.platform.InvalidSettingException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenCipherTests {

    static final String KEY = Base64.getEncoder().encodeToString(bytes(32, 1));
    static final String NEW_KEY = Base64.getEncoder().encodeToString(bytes(32, 2));
    private static final String TOKEN = "xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy";
    private static final String CONTEXT = "installations/T111/bot_token";

    private final TokenCipher cipher = TokenCipher.of(KEY, List.of());

    @Test
    void roundTripsAToken() {
        String stored = cipher.encrypt(TOKEN, CONTEXT);

        assertThat(cipher.decrypt(stored, CONTEXT)).isEqualTo(TOKEN);
        assertThat(stored).startsWith("tk1:" + keyIdOf(KEY) + ":").doesNotContain(TOKEN)
                .doesNotContain(Base64.getEncoder().encodeToString(TOKEN.getBytes(StandardCharsets.UTF_8)));
        assertThat(cipher.currentKeyId()).isEqualTo(keyIdOf(KEY)).hasSize(8);
        assertThat(TokenCipher.keyIdOf(stored)).isEqualTo(cipher.currentKeyId());
    }

    @Test
    void usesAFreshIvForEveryValue() {
        String first = cipher.encrypt(TOKEN, CONTEXT);
        String second = cipher.encrypt(TOKEN, CONTEXT);

        assertThat(first).isNotEqualTo(second);
        byte[] firstIv = java.util.Arrays.copyOf(Base64.getDecoder().decode(first.substring(13)), 12);
        byte[] secondIv = java.util.Arrays.copyOf(Base64.getDecoder().decode(second.substring(13)), 12);
        assertThat(firstIv).isNotEqualTo(secondIv);
        // IV (12 bytes) + ciphertext (as long as the token) + tag (16 bytes)
        assertThat(Base64.getDecoder().decode(first.substring(13))).hasSize(12 + TOKEN.length() + 16);
    }

    @Test
    void aWrongKeyFailsLoudlyNamingTheKeyItNeeds() {
        String stored = cipher.encrypt(TOKEN, CONTEXT);
        TokenCipher other = TokenCipher.of(NEW_KEY, List.of());

        assertThatThrownBy(() -> other.decrypt(stored, CONTEXT))
                .isInstanceOf(TokenDecryptionException.class)
                .hasMessage("A stored token was encrypted with key " + keyIdOf(KEY) + ", which is neither"
                        + " TAKEAWAYS_ENCRYPTION_KEY (key " + keyIdOf(NEW_KEY) + ") nor in"
                        + " TAKEAWAYS_ENCRYPTION_OLD_KEYS: set the key it was encrypted with.")
                .message().doesNotContain(KEY).doesNotContain(NEW_KEY).doesNotContain(TOKEN);
    }

    @Test
    void aKeyWhoseIdCollidesButIsNotTheKeyDoesNotDecrypt() {
        String stored = cipher.encrypt(TOKEN, CONTEXT);
        TokenCipher other = TokenCipher.of(NEW_KEY, List.of());
        // The same value relabelled with the other key's id: that key is asked, and GCM's tag refuses it.
        String relabelled = stored.replace(keyIdOf(KEY), keyIdOf(NEW_KEY));

        assertThatThrownBy(() -> other.decrypt(relabelled, CONTEXT))
                .isInstanceOf(TokenDecryptionException.class)
                .hasMessage("A stored token does not decrypt with key " + keyIdOf(NEW_KEY) + ": it was changed,"
                        + " belongs to another row, or the key is not the one that encrypted it.");
    }

    @Test
    void aTamperedValueFailsInsteadOfReturningGarbage() {
        String stored = cipher.encrypt(TOKEN, CONTEXT);
        byte[] sealed = Base64.getDecoder().decode(stored.substring(13));
        sealed[20] ^= 0x01;
        String tampered = stored.substring(0, 13) + Base64.getEncoder().encodeToString(sealed);

        assertThatThrownBy(() -> cipher.decrypt(tampered, CONTEXT))
                .isInstanceOf(TokenDecryptionException.class)
                .hasMessage("A stored token does not decrypt with key " + keyIdOf(KEY) + ": it was changed,"
                        + " belongs to another row, or the key is not the one that encrypted it.");
        assertThatThrownBy(() -> cipher.decrypt(stored.substring(0, 13 + 24), CONTEXT))
                .isInstanceOf(TokenDecryptionException.class)
                .hasMessage("A stored token encrypted with key " + keyIdOf(KEY) + " is too short.");
        assertThatThrownBy(() -> cipher.decrypt(TOKEN, CONTEXT))
                .isInstanceOf(TokenDecryptionException.class)
                .hasMessage("A stored token is not in the encrypted format (tk1:<key id>:...): it was not written"
                        + " by this app, or was changed.");
    }

    @Test
    void aValueMovedToAnotherRowDoesNotDecrypt() {
        String stored = cipher.encrypt(TOKEN, CONTEXT);

        assertThatThrownBy(() -> cipher.decrypt(stored, "installations/T222/bot_token"))
                .isInstanceOf(TokenDecryptionException.class)
                .hasMessageStartingWith("A stored token does not decrypt with key " + keyIdOf(KEY));
    }

    @Test
    void anOldKeyStillDecryptsAndTheNewOneEncrypts() {
        String underOld = cipher.encrypt(TOKEN, CONTEXT);
        TokenCipher rotated = TokenCipher.of(NEW_KEY, List.of(KEY));

        assertThat(rotated.currentKeyId()).isEqualTo(keyIdOf(NEW_KEY));
        assertThat(rotated.decrypt(underOld, CONTEXT)).isEqualTo(TOKEN);
        assertThat(rotated.isCurrent(underOld)).isFalse();
        String reencrypted = rotated.encrypt(rotated.decrypt(underOld, CONTEXT), CONTEXT);
        assertThat(rotated.isCurrent(reencrypted)).isTrue();
        assertThat(TokenCipher.keyIdOf(reencrypted)).isEqualTo(keyIdOf(NEW_KEY));
        assertThat(TokenCipher.of(NEW_KEY, List.of()).decrypt(reencrypted, CONTEXT)).isEqualTo(TOKEN);
    }

    @Test
    void aMissingKeyIsOneLineNamingTheVariable() {
        for (String missing : new String[]{null, "", "   "}) {
            assertThatThrownBy(() -> new EncryptionSettings(missing, null).requireCipher())
                    .isInstanceOfSatisfying(InvalidSettingException.class,
                            e -> assertThat(e.variable()).isEqualTo("TAKEAWAYS_ENCRYPTION_KEY"))
                    .hasMessage("TAKEAWAYS_ENCRYPTION_KEY is not set: installing into many workspaces (OAuth) stores"
                            + " their tokens encrypted with it. Make one with `openssl rand -base64 32` and keep it"
                            + " safe: without it the stored installations cannot be read.");
        }
    }

    @Test
    void aMalformedKeyIsOneLineNamingTheVariableNeverItsValue() {
        String tooShort = Base64.getEncoder().encodeToString(bytes(16, 3));
        for (String malformed : new String[]{"not base64!", tooShort, "hunter2"}) {
            assertThatThrownBy(() -> new EncryptionSettings(malformed, null).requireCipher())
                    .isInstanceOfSatisfying(InvalidSettingException.class,
                            e -> assertThat(e.variable()).isEqualTo("TAKEAWAYS_ENCRYPTION_KEY"))
                    .hasMessage("TAKEAWAYS_ENCRYPTION_KEY must be 32 bytes in base64 (44 characters, as"
                            + " `openssl rand -base64 32` prints).")
                    .message().doesNotContain(malformed).doesNotContain("\n");
        }
        assertThatThrownBy(() -> new EncryptionSettings(NEW_KEY, KEY + ",short").requireCipher())
                .isInstanceOfSatisfying(InvalidSettingException.class,
                        e -> assertThat(e.variable()).isEqualTo("TAKEAWAYS_ENCRYPTION_OLD_KEYS"))
                .hasMessage("TAKEAWAYS_ENCRYPTION_OLD_KEYS must be a comma-separated list of earlier values of"
                        + " TAKEAWAYS_ENCRYPTION_KEY, each 32 bytes in base64 (44 characters).");
    }

    @Test
    void settingsTakeCommaSeparatedOldKeysAndNeverShowThem() {
        EncryptionSettings settings = new EncryptionSettings(" " + NEW_KEY + " ", KEY + " , ");
        String underOld = cipher.encrypt(TOKEN, CONTEXT);

        assertThat(settings.requireCipher().decrypt(underOld, CONTEXT)).isEqualTo(TOKEN);
        assertThat(settings.toString()).doesNotContain(KEY).doesNotContain(NEW_KEY)
                .isEqualTo("EncryptionSettings[key=******, oldKeys=******]");
        assertThat(settings.requireCipher().toString()).doesNotContain(KEY).contains(keyIdOf(NEW_KEY));
    }

    static String keyIdOf(String base64Key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Base64.getDecoder().decode(base64Key));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (seed * 31 + i * 7);
        }
        return bytes;
    }
}
