package app.takeaways.workspace;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.Arrays;
import java.util.List;

/**
 * The keys installation tokens are encrypted with (README, "Configuration"): {@code TAKEAWAYS_ENCRYPTION_KEY} and the
 * optional {@code TAKEAWAYS_ENCRYPTION_OLD_KEYS}. Binding never fails: only OAuth mode stores tokens, so only it asks
 * {@link #requireCipher()}, which fails its start with one line when the key is missing or malformed.
 *
 * @param key     base64 of 32 random bytes ({@code openssl rand -base64 32})
 * @param oldKeys comma-separated earlier keys, used only to decrypt (and re-encrypt under {@code key})
 */
@ConfigurationProperties("takeaways.encryption")
public record EncryptionSettings(String key, String oldKeys) {

    /**
     * The cipher these settings make.
     *
     * @throws app.takeaways.platform.InvalidSettingException naming the variable when a key is missing or malformed
     */
    public TokenCipher requireCipher() {
        List<String> old = oldKeys == null ? List.of() : Arrays.stream(oldKeys.split(",")).map(String::strip).toList();
        return TokenCipher.of(key, old);
    }

    @Override
    public String toString() {
        return "EncryptionSettings[key=" + (key == null || key.isBlank() ? "unset" : "******") + ", oldKeys="
                + (oldKeys == null || oldKeys.isBlank() ? "unset" : "******") + "]";
    }
}
