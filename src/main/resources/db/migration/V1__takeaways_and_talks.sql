-- Every row carries the Slack team_id: nothing ever crosses workspaces.
-- Times are timestamptz; the application writes UTC.

CREATE TABLE talks (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    team_id     text        NOT NULL,
    title       text        NOT NULL,
    -- lower-cased, spacing collapsed: "EKS  Deep Dive" and "eks deep dive" are one talk
    title_key   text        NOT NULL,
    created_by  text        NOT NULL,
    created_at  timestamptz NOT NULL,
    CONSTRAINT talks_one_per_title UNIQUE (team_id, title_key)
);

CREATE TABLE takeaways (
    id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    team_id          text        NOT NULL,
    channel_id       text        NOT NULL,
    channel_type     text        NOT NULL,
    user_id          text        NOT NULL,
    -- the full text in Slack's message format, whatever its length
    text             text        NOT NULL,
    tags             text[]      NOT NULL DEFAULT '{}',
    talk_id          bigint      REFERENCES talks (id),
    source           text        NOT NULL,
    -- what makes a Slack delivery the same one: the request it came in (slash command trigger_id) ...
    slack_request_id text,
    -- ... or the message it is
    message_ts       text,
    permalink        text,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    deleted_at       timestamptz,
    CONSTRAINT takeaways_channel_type CHECK (channel_type IN ('public_channel', 'private_channel', 'mpim', 'im', 'unknown')),
    CONSTRAINT takeaways_source CHECK (source IN ('slash_command', 'modal', 'thread_reply', 'message_shortcut', 'reaction', 'import')),
    CONSTRAINT takeaways_one_identity CHECK (slack_request_id IS NULL OR message_ts IS NULL)
);

-- Slack retries and double submits: the same delivery is stored once.
CREATE UNIQUE INDEX takeaways_once_per_request ON takeaways (team_id, slack_request_id) WHERE slack_request_id IS NOT NULL;
CREATE UNIQUE INDEX takeaways_once_per_message ON takeaways (team_id, channel_id, message_ts) WHERE message_ts IS NOT NULL;

CREATE INDEX takeaways_by_channel ON takeaways (team_id, channel_id, created_at DESC);
CREATE INDEX takeaways_by_user ON takeaways (team_id, user_id, created_at DESC);
CREATE INDEX takeaways_by_talk ON takeaways (talk_id) WHERE talk_id IS NOT NULL;

CREATE TABLE takeaway_links (
    takeaway_id bigint NOT NULL REFERENCES takeaways (id) ON DELETE CASCADE,
    position    int    NOT NULL,
    url         text   NOT NULL,
    label       text,
    PRIMARY KEY (takeaway_id, position)
);

-- What Slack said about the conversations the bot was used in (conversations.info), for privacy.
CREATE TABLE channels (
    team_id      text        NOT NULL,
    channel_id   text        NOT NULL,
    channel_type text        NOT NULL,
    name         text,
    updated_at   timestamptz NOT NULL,
    PRIMARY KEY (team_id, channel_id),
    CONSTRAINT channels_channel_type CHECK (channel_type IN ('public_channel', 'private_channel', 'mpim', 'im', 'unknown'))
);
