package app.takeaways.workspace;

import java.time.Instant;

/**
 * A bot's access token, and with token rotation its refresh token and expiry. {@link #toString()} never shows them.
 */
public record BotTokens(String accessToken, String refreshToken, Instant expiresAt) {

    @Override
    public String toString() {
        return "BotTokens[accessToken=******, refreshToken=" + (refreshToken == null ? "none" : "******")
                + ", expiresAt=" + expiresAt + "]";
    }
}
