-- Weekly digests and talk summaries.

-- A channel's weekly digest: which day and local time, in which time zone, and when it is due next (UTC).
CREATE TABLE digest_subscriptions (
    team_id       text        NOT NULL,
    channel_id    text        NOT NULL,
    -- ISO day of the week: 1 is Monday
    weekday       smallint    NOT NULL,
    local_time    time        NOT NULL,
    time_zone     text        NOT NULL,
    subscribed_by text        NOT NULL,
    next_run_at   timestamptz NOT NULL,
    -- Slack said the bot cannot post there (not_in_channel, channel_not_found, is_archived): no runs until resumed
    paused_at     timestamptz,
    paused_reason text,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    PRIMARY KEY (team_id, channel_id),
    CONSTRAINT digest_subscriptions_weekday CHECK (weekday BETWEEN 1 AND 7)
);
CREATE INDEX digest_subscriptions_due ON digest_subscriptions (next_run_at) WHERE paused_at IS NULL;

-- One row per channel and due time: the database's guarantee that each digest is posted once, however many app
-- instances run. A run is claimed for a while (locked_until) by the instance posting it; the parts already posted
-- are counted, so a retry after a failure continues instead of posting them again.
CREATE TABLE digest_runs (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    team_id      text        NOT NULL,
    channel_id   text        NOT NULL,
    due_at       timestamptz NOT NULL,
    period_start timestamptz NOT NULL,
    period_end   timestamptz NOT NULL,
    status       text        NOT NULL DEFAULT 'pending',
    attempts     int         NOT NULL DEFAULT 0,
    run_after    timestamptz NOT NULL,
    locked_until timestamptz,
    parts_posted int         NOT NULL DEFAULT 0,
    thread_ts    text,
    takeaways    int,
    last_error   text,
    created_at   timestamptz NOT NULL,
    finished_at  timestamptz,
    CONSTRAINT digest_runs_once UNIQUE (team_id, channel_id, due_at),
    CONSTRAINT digest_runs_status CHECK (status IN ('pending', 'failed', 'posted', 'empty', 'paused', 'abandoned'))
);
CREATE INDEX digest_runs_open ON digest_runs (run_after) WHERE status IN ('pending', 'failed');

-- Takeaways a digest brought back "from the archive": not again for 180 days.
CREATE TABLE digest_resurfaced (
    team_id       text        NOT NULL,
    takeaway_id   bigint      NOT NULL REFERENCES takeaways (id) ON DELETE CASCADE,
    resurfaced_at timestamptz NOT NULL,
    PRIMARY KEY (team_id, takeaway_id)
);

-- Reactions on the Slack messages takeaways were saved from: a digest shows the most reacted first. One row per
-- person and emoji, so Slack's retries count once.
CREATE TABLE takeaway_reactions (
    team_id    text        NOT NULL,
    channel_id text        NOT NULL,
    message_ts text        NOT NULL,
    user_id    text        NOT NULL,
    reaction   text        NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (team_id, channel_id, message_ts, user_id, reaction)
);

-- A summary posted for a talk is kept as a takeaway (source 'summary', in the conversation it was posted in, so
-- search finds it under the same privacy rule) and refreshed when the talk's takeaways change.
ALTER TABLE takeaways DROP CONSTRAINT takeaways_source;
ALTER TABLE takeaways ADD CONSTRAINT takeaways_source
    CHECK (source IN ('slash_command', 'modal', 'thread_reply', 'message_shortcut', 'reaction', 'import', 'summary'));

CREATE TABLE talk_summaries (
    team_id       text        NOT NULL,
    talk_id       bigint      NOT NULL REFERENCES talks (id),
    channel_id    text        NOT NULL,
    takeaway_id   bigint      NOT NULL REFERENCES takeaways (id),
    -- the message that shows it, and the thread it is in, if any
    message_ts    text        NOT NULL,
    thread_ts     text,
    requested_by  text        NOT NULL,
    refreshed_at  timestamptz NOT NULL,
    PRIMARY KEY (team_id, talk_id, channel_id)
);
