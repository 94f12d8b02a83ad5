-- Who may see a takeaway, made exact: conversations shared with another organisation, derived text that quotes its
-- sources, and posted summaries and digests that follow them.

-- A channel shared with another organisation (Slack Connect) is its own conversation.
ALTER TABLE takeaways DROP CONSTRAINT takeaways_channel_type;
ALTER TABLE takeaways ADD CONSTRAINT takeaways_channel_type
    CHECK (channel_type IN ('public_channel', 'private_channel', 'mpim', 'im', 'ext_shared', 'unknown'));
ALTER TABLE channels DROP CONSTRAINT channels_channel_type;
ALTER TABLE channels ADD CONSTRAINT channels_channel_type
    CHECK (channel_type IN ('public_channel', 'private_channel', 'mpim', 'im', 'ext_shared', 'unknown'));

-- A derived takeaway (a summary) is never more visible than what it quotes: the ids of the takeaways it quotes.
-- Derived rows are credited to the bot; their takeaways' authors are the summary's contributors.
ALTER TABLE takeaways ADD COLUMN quotes bigint[];
UPDATE takeaways SET quotes = '{}' WHERE source = 'summary';
ALTER TABLE takeaways ADD CONSTRAINT takeaways_derived_quote CHECK ((source = 'summary') = (quotes IS NOT NULL));
CREATE INDEX takeaways_quoting ON takeaways USING gin (quotes) WHERE quotes IS NOT NULL;
-- When a takeaway it quotes was edited, deleted or became less visible, and it has not been derived again since: it
-- is shown nowhere until it is (then it is again only as visible as what it quotes now).
ALTER TABLE takeaways ADD COLUMN quotes_changed_at timestamptz;

-- A message someone saved with the shortcut and rewrote: their takeaway, quoting that message's author.
ALTER TABLE takeaways ADD COLUMN quoted_author text;

-- Every summary posted (of a talk or of a search), the takeaway that keeps it searchable, and when it must be
-- brought up to date: its talk changed (refreshed_at), or a takeaway it quotes changed (stale_since).
CREATE TABLE posted_summaries (
    team_id      text        NOT NULL,
    takeaway_id  bigint      NOT NULL REFERENCES takeaways (id),
    channel_id   text        NOT NULL,
    message_ts   text        NOT NULL,
    thread_ts    text,
    -- a talk's summary takes in the talk's new takeaways; a search's summary follows the takeaways it quotes
    talk_id      bigint      REFERENCES talks (id),
    subject      text        NOT NULL,
    requested_by text        NOT NULL,
    posted_at    timestamptz NOT NULL,
    refreshed_at timestamptz NOT NULL,
    stale_since  timestamptz,
    lease_until  timestamptz,
    withdrawn_at timestamptz,
    PRIMARY KEY (team_id, takeaway_id)
);
-- A talk's newer summary in a conversation replaces the older one.
CREATE UNIQUE INDEX posted_summaries_one_per_talk ON posted_summaries (team_id, talk_id, channel_id)
    WHERE talk_id IS NOT NULL AND withdrawn_at IS NULL;
CREATE INDEX posted_summaries_open ON posted_summaries (refreshed_at) WHERE withdrawn_at IS NULL;

-- Kept talk summaries move over, due for a refresh that records what they quote.
INSERT INTO posted_summaries (team_id, takeaway_id, channel_id, message_ts, thread_ts, talk_id, subject, requested_by,
                              posted_at, refreshed_at, stale_since)
SELECT s.team_id, s.takeaway_id, s.channel_id, s.message_ts, s.thread_ts, s.talk_id, k.title, s.requested_by,
       s.refreshed_at, s.refreshed_at, now()
FROM talk_summaries s JOIN talks k ON k.id = s.talk_id JOIN takeaways t ON t.id = s.takeaway_id
WHERE t.deleted_at IS NULL;
DROP TABLE talk_summaries;

-- A digest run posts under a lease: its token says which instance holds it, so a run whose lease ran out is never
-- continued by two. A posted digest remembers its messages and what it quotes, to follow edits and deletes.
ALTER TABLE digest_runs ADD COLUMN lease_token uuid;
ALTER TABLE digest_runs ADD COLUMN part_ts text[] NOT NULL DEFAULT '{}';
ALTER TABLE digest_runs ADD COLUMN sources bigint[] NOT NULL DEFAULT '{}';
ALTER TABLE digest_runs ADD COLUMN archive_id bigint;
ALTER TABLE digest_runs ADD COLUMN stale_since timestamptz;
CREATE INDEX digest_runs_quoting ON digest_runs USING gin (sources) WHERE status = 'posted';
CREATE INDEX digest_runs_stale ON digest_runs (stale_since) WHERE stale_since IS NOT NULL;
