package app.takeaways.workspace;

import app.takeaways.platform.InvalidSettingException;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encrypts installation tokens at rest: AES-256-GCM, a fresh random 12-byte IV for every value, a 128-bit tag. A
 * stored value reads {@code tk1:<key id>:<base64 of IV, ciphertext and tag>}, where the key id is the first 8 hex
 * characters of the key's SHA-256, so a value names the key that opens it and keys can be rotated: the current key
 * encrypts, old keys only decrypt. Each value is bound to its context (the row and column it belongs in, as GCM's
 * associated data), so a value copied into another row does not decrypt either.
 * <p>
 * A wrong key or a changed value throws {@link TokenDecryptionException}; nothing is ever returned that the key did
 * not encrypt. Messages name key ids, never a key or a token.
 */
public final class TokenCipher {

    /** The variable holding the current key: base64 of 32 random bytes ({@code openssl rand -base64 32}). */
    public static final String KEY_VARIABLE = "TAKEAWAYS_ENCRYPTION_KEY";
    /** Comma-separated keys used before the current one, to decrypt (and re-encrypt) what they encrypted. */
    public static final String OLD_KEYS_VARIABLE = "TAKEAWAYS_ENCRYPTION_OLD_KEYS";

    private static final String FORMAT = "tk1";
    private static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String currentKeyId;
    /** Every key this cipher can open values with, by id; the current key first. */
    private final Map<String, SecretKeySpec> keys;

    private TokenCipher(String currentKeyId, Map<String, SecretKeySpec> keys) {
        this.currentKeyId = currentKeyId;
        this.keys = keys;
    }

    /**
     * A cipher from the settings' text: the current key and the old ones (each base64 of 32 bytes).
     *
     * @throws InvalidSettingException naming {@link #KEY_VARIABLE} or {@link #OLD_KEYS_VARIABLE}, missing or malformed
     */
    public static TokenCipher of(String currentKey, List<String> oldKeys) {
        if (currentKey == null || currentKey.isBlank()) {
            throw new InvalidSettingException(KEY_VARIABLE, KEY_VARIABLE + " is not set: installing into many"
                    + " workspaces (OAuth) stores their tokens encrypted with it. Make one with"
                    + " `openssl rand -base64 32` and keep it safe: without it the stored installations cannot be"
                    + " read.");
        }
        Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
        SecretKeySpec current = key(currentKey, KEY_VARIABLE, KEY_VARIABLE + " must be 32 bytes in base64"
                + " (44 characters, as `openssl rand -base64 32` prints).");
        String currentId = keyId(current);
        keys.put(currentId, current);
        for (String old : oldKeys) {
            if (old == null || old.isBlank()) {
                continue;
            }
            SecretKeySpec key = key(old, OLD_KEYS_VARIABLE, OLD_KEYS_VARIABLE + " must be a comma-separated list"
                    + " of earlier values of " + KEY_VARIABLE + ", each 32 bytes in base64 (44 characters).");
            keys.putIfAbsent(keyId(key), key);
        }
        return new TokenCipher(currentId, Map.copyOf(keys));
    }

    /** The id of the key that encrypts: what {@link #keyIdOf} says of every value {@link #encrypt} returns. */
    public String currentKeyId() {
        return currentKeyId;
    }

    /** The stored form of a token, for the given context (e.g. {@code installations/T123/bot_token}). */
    public String encrypt(String plaintext, String context) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] stored = ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
            return FORMAT + ":" + currentKeyId + ":" + Base64.getEncoder().encodeToString(stored);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /**
     * The token a stored value holds.
     *
     * @throws TokenDecryptionException if the value is not in this cipher's format, names a key it does not have,
     *                                  or does not decrypt (tampered, another context, a key with a colliding id)
     */
    public String decrypt(String stored, String context) {
        String keyId = keyIdOf(stored);
        SecretKeySpec key = keys.get(keyId);
        if (key == null) {
            throw new TokenDecryptionException("A stored token was encrypted with key " + keyId + ", which is neither "
                    + KEY_VARIABLE + " (key " + currentKeyId + ") nor in " + OLD_KEYS_VARIABLE
                    + ": set the key it was encrypted with.");
        }
        byte[] sealed;
        try {
            sealed = Base64.getDecoder().decode(stored.substring(FORMAT.length() + 1 + keyId.length() + 1));
        } catch (IllegalArgumentException e) {
            throw new TokenDecryptionException("A stored token encrypted with key " + keyId + " is not valid base64.");
        }
        if (sealed.length < IV_BYTES + TAG_BITS / 8) {
            throw new TokenDecryptionException("A stored token encrypted with key " + keyId + " is too short.");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, IV_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new TokenDecryptionException("A stored token does not decrypt with key " + keyId
                    + ": it was changed, belongs to another row, or the key is not the one that encrypted it.");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /** Whether a stored value is encrypted with the current key (if not, re-encrypt it). */
    public boolean isCurrent(String stored) {
        return currentKeyId.equals(keyIdOf(stored));
    }

    /**
     * The id of the key a stored value names.
     *
     * @throws TokenDecryptionException if the value is not in the stored format at all
     */
    public static String keyIdOf(String stored) {
        if (stored == null || !stored.startsWith(FORMAT + ":") || stored.indexOf(':', FORMAT.length() + 1) < 0) {
            throw new TokenDecryptionException("A stored token is not in the encrypted format (" + FORMAT
                    + ":<key id>:...): it was not written by this app, or was changed.");
        }
        return stored.substring(FORMAT.length() + 1, stored.indexOf(':', FORMAT.length() + 1));
    }

    private static SecretKeySpec key(String base64, String variable, String malformed) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            bytes = new byte[0];
        }
        if (bytes.length != KEY_BYTES) {
            throw new InvalidSettingException(variable, malformed);
        }
        return new SecretKeySpec(bytes, "AES");
    }

    private static String keyId(SecretKeySpec key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "TokenCipher[current key " + currentKeyId + ", " + keys.size() + " key(s)]";
    }
}
