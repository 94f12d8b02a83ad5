-- The workspaces an org-wide installation (Enterprise Grid) serves, as requests from them came in: Slack sends the
-- workspace with each request, but the scheduler and the work after an ack know only the workspace, and an org-wide
-- installation is stored under its enterprise. team_id leads the key as in every other table; a workspace is served
-- by one installation at a time. Rows go with their installation.
CREATE TABLE installation_teams (
    team_id    text        PRIMARY KEY,
    tenant_id  text        NOT NULL REFERENCES installations (tenant_id) ON DELETE CASCADE,
    seen_at    timestamptz NOT NULL
);

CREATE INDEX installation_teams_tenant_id ON installation_teams (tenant_id);
