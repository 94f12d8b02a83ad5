package app.takeaways.workspace;

import java.time.Instant;

/**
 * The app installed into a workspace, or org-wide into an Enterprise Grid org ({@code enterpriseInstall}, when Slack
 * sends no team). Tokens here are plaintext: {@link Installations} encrypts them at rest, and {@link #toString()}
 * never shows them.
 *
 * @param teamId            the workspace; {@code null} for an org-wide install
 * @param enterpriseId      the Enterprise Grid org, if any
 * @param botScopes         the bot's scopes, comma-separated as Slack gives them
 * @param botRefreshToken   with token rotation on, what refreshes {@code botToken}; otherwise {@code null}
 * @param botTokenExpiresAt with token rotation on, when {@code botToken} stops working; otherwise {@code null}
 */
public record Installation(
        String teamId,
        String enterpriseId,
        boolean enterpriseInstall,
        String enterpriseUrl,
        String appId,
        String botUserId,
        String botId,
        String botScopes,
        String botToken,
        String botRefreshToken,
        Instant botTokenExpiresAt,
        String installerUserId,
        Instant installedAt) {

    public Installation {
        if (enterpriseInstall ? enterpriseId == null : teamId == null) {
            throw new IllegalArgumentException(enterpriseInstall
                    ? "An org-wide installation needs its enterprise id" : "An installation needs its team id");
        }
        if (botToken == null) {
            throw new IllegalArgumentException("An installation needs its bot token");
        }
    }

    /** What the installation is stored under: the enterprise for an org-wide install, else the team. */
    public String tenantId() {
        return enterpriseInstall ? enterpriseId : teamId;
    }

    /** The same installation with rotated tokens. */
    public Installation withTokens(BotTokens tokens) {
        return new Installation(teamId, enterpriseId, enterpriseInstall, enterpriseUrl, appId, botUserId, botId,
                botScopes, tokens.accessToken(), tokens.refreshToken(), tokens.expiresAt(), installerUserId,
                installedAt);
    }

    /** The bot's tokens as they are now. */
    public BotTokens tokens() {
        return new BotTokens(botToken, botRefreshToken, botTokenExpiresAt);
    }

    @Override
    public String toString() {
        return "Installation[tenant=" + tenantId() + ", teamId=" + teamId + ", enterpriseId=" + enterpriseId
                + ", enterpriseInstall=" + enterpriseInstall + ", appId=" + appId + ", botUserId=" + botUserId
                + ", botToken=******, botRefreshToken=" + (botRefreshToken == null ? "none" : "******")
                + ", botTokenExpiresAt=" + botTokenExpiresAt + ", installedAt=" + installedAt + "]";
    }
}
