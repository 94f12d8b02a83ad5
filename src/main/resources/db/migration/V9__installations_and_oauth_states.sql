-- Installations of the app into workspaces (OAuth mode), one row per tenant: the team for an install into one
-- workspace (including a workspace of an Enterprise Grid org), the enterprise for an org-wide install, which Slack
-- sends without a team. tenant_id leads the key as team_id leads every other table's (an enterprise id, E..., never
-- equals a team id, T...). Tokens are encrypted by the app (AES-256-GCM, "tk1:<key id>:<base64>"); key_id says which
-- key encrypted this row's tokens, so rows under an old key can be found and re-encrypted. User tokens are not kept:
-- the bot acts only as itself.
CREATE TABLE installations (
    tenant_id              text        PRIMARY KEY,
    team_id                text,
    enterprise_id          text,
    is_enterprise_install  boolean     NOT NULL,
    enterprise_url         text,
    app_id                 text,
    bot_user_id            text,
    bot_id                 text,
    bot_scopes             text,
    bot_token              text        NOT NULL,
    bot_refresh_token      text,
    bot_token_expires_at   timestamptz,
    installer_user_id      text,
    key_id                 text        NOT NULL,
    installed_at           timestamptz NOT NULL,
    updated_at             timestamptz NOT NULL,
    CHECK (CASE WHEN is_enterprise_install THEN tenant_id = enterprise_id ELSE tenant_id = team_id END)
);

CREATE INDEX installations_key_id ON installations (key_id);

-- The state of an OAuth install in progress: issued by /slack/install, consumed once by /slack/oauth_redirect within
-- ten minutes. Rows older than that are cleared by the next one issued.
CREATE TABLE oauth_states (
    state       text        PRIMARY KEY,
    created_at  timestamptz NOT NULL
);

CREATE INDEX oauth_states_created_at ON oauth_states (created_at);
