package app.takeaways.workspace;

/**
 * A stored token that cannot be read: a key the app does not have, or a value that does not decrypt. Its message
 * names key ids only, never a key or a token.
 */
public class TokenDecryptionException extends RuntimeException {

    public TokenDecryptionException(String message) {
        super(message);
    }
}
