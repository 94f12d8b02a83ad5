-- An outline waiting for its person's Import or Cancel under the preview, on whichever instance the click lands.
-- A file's delivery (file and message) is claimed once, so a retried event shows no second preview; a claim whose
-- file could not be read keeps an empty outline. Rows older than a day are cleared by the next one written.
CREATE TABLE import_drafts (
    id            uuid        PRIMARY KEY,
    team_id       text        NOT NULL,
    user_id       text        NOT NULL,
    channel_id    text        NOT NULL,
    -- what the request said about the conversation's kind (a ChannelType value); Slack is asked on Import
    channel_hint  text        NOT NULL,
    source_name   text        NOT NULL,
    outline       text        NOT NULL,
    delivery      text,
    created_at    timestamptz NOT NULL,
    UNIQUE (team_id, delivery)
);

CREATE INDEX import_drafts_created_at ON import_drafts (created_at);
