-- Every primary and unique key starts with team_id, so the database can be distributed by team (Citus, or another
-- distributed Postgres, with team_id as the distribution column) without changing a query: each row, its keys and
-- the rows it points to then live on one node, and no transaction spans teams. A test over the migrated schema keeps
-- it so. Two small tables are not by team and would be reference tables (copied to every node): installations, keyed
-- by tenant (a team, or an Enterprise Grid org whose install serves many teams), and oauth_states (an install in
-- progress belongs to no team yet).

-- takeaway_links carries its takeaway's team.
ALTER TABLE takeaway_links ADD COLUMN team_id text;
UPDATE takeaway_links l SET team_id = t.team_id FROM takeaways t WHERE t.id = l.takeaway_id;
ALTER TABLE takeaway_links ALTER COLUMN team_id SET NOT NULL;

-- Foreign keys to takeaways and talks by id alone go, to come back by (team_id, id) below.
ALTER TABLE takeaway_links DROP CONSTRAINT takeaway_links_takeaway_id_fkey;
ALTER TABLE digest_resurfaced DROP CONSTRAINT digest_resurfaced_takeaway_id_fkey;
ALTER TABLE posted_summaries DROP CONSTRAINT posted_summaries_takeaway_id_fkey;
ALTER TABLE posted_summaries DROP CONSTRAINT posted_summaries_talk_id_fkey;
ALTER TABLE takeaways DROP CONSTRAINT takeaways_talk_id_fkey;
ALTER TABLE talk_threads DROP CONSTRAINT talk_threads_talk_id_fkey;

-- Primary keys lead with the team. Ids stay unique (identity columns), and a lookup by id alone stays indexed.
ALTER TABLE takeaways DROP CONSTRAINT takeaways_pkey, ADD PRIMARY KEY (team_id, id);
CREATE INDEX takeaways_by_id ON takeaways (id);
ALTER TABLE talks DROP CONSTRAINT talks_pkey, ADD PRIMARY KEY (team_id, id);
CREATE INDEX talks_by_id ON talks (id);
ALTER TABLE takeaway_links DROP CONSTRAINT takeaway_links_pkey, ADD PRIMARY KEY (team_id, takeaway_id, position);
CREATE INDEX takeaway_links_by_takeaway ON takeaway_links (takeaway_id);
ALTER TABLE digest_runs DROP CONSTRAINT digest_runs_pkey, ADD PRIMARY KEY (team_id, id);
CREATE INDEX digest_runs_by_id ON digest_runs (id);
ALTER TABLE capture_drafts DROP CONSTRAINT capture_drafts_pkey, ADD PRIMARY KEY (team_id, id);
ALTER TABLE import_drafts DROP CONSTRAINT import_drafts_pkey, ADD PRIMARY KEY (team_id, id);

-- Foreign keys within a team.
ALTER TABLE takeaway_links ADD CONSTRAINT takeaway_links_takeaway
    FOREIGN KEY (team_id, takeaway_id) REFERENCES takeaways (team_id, id) ON DELETE CASCADE;
ALTER TABLE digest_resurfaced ADD CONSTRAINT digest_resurfaced_takeaway
    FOREIGN KEY (team_id, takeaway_id) REFERENCES takeaways (team_id, id) ON DELETE CASCADE;
ALTER TABLE posted_summaries ADD CONSTRAINT posted_summaries_takeaway
    FOREIGN KEY (team_id, takeaway_id) REFERENCES takeaways (team_id, id);
ALTER TABLE posted_summaries ADD CONSTRAINT posted_summaries_talk
    FOREIGN KEY (team_id, talk_id) REFERENCES talks (team_id, id);
ALTER TABLE takeaways ADD CONSTRAINT takeaways_talk
    FOREIGN KEY (team_id, talk_id) REFERENCES talks (team_id, id);
ALTER TABLE talk_threads ADD CONSTRAINT talk_threads_talk
    FOREIGN KEY (team_id, talk_id) REFERENCES talks (team_id, id);
