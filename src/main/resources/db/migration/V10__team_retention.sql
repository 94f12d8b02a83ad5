-- Workspaces the app was uninstalled from (app_uninstalled, tokens_revoked), and since when. Their data is kept for
-- the retention period (TAKEAWAYS_RETENTION_AFTER_UNINSTALL), so a re-install finds it, then deleted by a background
-- job, one team per transaction; a re-install removes the row and nothing is deleted. A retried event keeps the
-- first time: it never extends the retention.
CREATE TABLE uninstalled_teams (
    team_id        text        PRIMARY KEY,
    uninstalled_at timestamptz NOT NULL
);

-- What the job looks for: the teams whose retention ended, longest ago first.
CREATE INDEX uninstalled_teams_by_time ON uninstalled_teams (uninstalled_at);
