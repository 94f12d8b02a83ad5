-- Takeaways captured from Slack messages (thread replies, reactions, the message shortcut) keep the thread they
-- were in, and who saved them when that is not their author.
ALTER TABLE takeaways ADD COLUMN thread_ts text;
ALTER TABLE takeaways ADD COLUMN captured_by text;

-- The conference or course a talk was part of ("re:Invent 2025"), from the capture modal.
ALTER TABLE talks ADD COLUMN event text;

-- Threads whose replies are takeaways of a talk: started with `/takeaway talk` or tracked with `@Takeaways track`.
CREATE TABLE talk_threads (
    team_id      text        NOT NULL,
    channel_id   text        NOT NULL,
    thread_ts    text        NOT NULL,
    talk_id      bigint      NOT NULL REFERENCES talks (id),
    -- tags given when the thread was started: every takeaway in it gets them
    tags         text[]      NOT NULL DEFAULT '{}',
    started_by   text        NOT NULL,
    origin       text        NOT NULL,
    created_at   timestamptz NOT NULL,
    untracked_at timestamptz,
    PRIMARY KEY (team_id, channel_id, thread_ts),
    CONSTRAINT talk_threads_origin CHECK (origin IN ('command', 'mention'))
);
CREATE INDEX talk_threads_by_talk ON talk_threads (talk_id);
CREATE INDEX talk_threads_by_channel ON talk_threads (team_id, channel_id, created_at DESC);

-- A :memo: reaction saves a message once its text is fetched from Slack, after the event is acknowledged. The
-- request is kept here first, so a restart or a Slack hiccup between the two loses nothing; one per message.
CREATE TABLE pending_reaction_captures (
    team_id     text        NOT NULL,
    channel_id  text        NOT NULL,
    message_ts  text        NOT NULL,
    reacted_by  text        NOT NULL,
    attempts    int         NOT NULL DEFAULT 0,
    run_after   timestamptz NOT NULL,
    created_at  timestamptz NOT NULL,
    last_error  text,
    PRIMARY KEY (team_id, channel_id, message_ts)
);
CREATE INDEX pending_reaction_captures_due ON pending_reaction_captures (run_after);

-- What people see never includes deleted takeaways: the indexes that serve lists skip them.
CREATE INDEX takeaways_live_by_team ON takeaways (team_id, created_at DESC) WHERE deleted_at IS NULL;

-- "Save as takeaway" on a message: its full text waits here while the person fills in the form (a modal carries at
-- most 3,000 characters of it, a message up to 40,000). Removed once used; leftovers are cleared after a day.
CREATE TABLE capture_drafts (
    id          uuid        PRIMARY KEY,
    team_id     text        NOT NULL,
    text        text        NOT NULL,
    created_at  timestamptz NOT NULL
);
