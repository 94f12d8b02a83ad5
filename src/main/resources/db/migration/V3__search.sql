-- Full-text search over takeaways, kept current by the database itself.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- A takeaway's text as people read it: Slack's links as their label and address, channel references as their name,
-- other references (users, @here) dropped, Slack's escaping undone. What is indexed, highlighted and shown.
-- A written "<div>" becomes "‹div›": Postgres' parser would skip "<div>" as an HTML tag, and "div" is a word someone
-- may look for (the snippet shows it as "<div>" again).
CREATE FUNCTION takeaway_search_text(body text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
SELECT replace(replace(replace(
           regexp_replace(regexp_replace(regexp_replace(regexp_replace(body,
               '<((?:https?|mailto):[^|>]*)\|([^>]*)>', '\2 (\1)', 'g'),
               '<((?:https?|mailto):[^>]*)>', '\1', 'g'),
               '<#[A-Z0-9]+\|([^>]*)>', '#\1', 'g'),
               '<[@#!][^>]*>', ' ', 'g'),
           '&lt;', '‹'), '&gt;', '›'), '&amp;', '&')
$$;

-- English stemming ("scaling" finds "scale"). The talk's title and the tags (the head) weigh more (A) than the text
-- (B); the head alone is indexed too, so a search can find its strongest matches without ranking every match.
CREATE FUNCTION takeaway_head_vector(tags text[], talk_title text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT setweight(to_tsvector('english'::regconfig, coalesce(talk_title, '')), 'A')
    || setweight(to_tsvector('english'::regconfig, coalesce(array_to_string(tags, ' '), '')), 'A')
$$;

CREATE FUNCTION takeaway_search_vector(body text, tags text[], talk_title text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT takeaway_head_vector(tags, talk_title)
    || setweight(to_tsvector('english'::regconfig, coalesce(takeaway_search_text(body), '')), 'B')
$$;

-- The words a team has written, for "did you mean": a query that finds nothing is retried with the closest words
-- here (pg_trgm), so "karpentr" still finds Karpenter. Words are only ever added; one that no longer appears
-- anywhere simply finds nothing.
CREATE TABLE search_words (
    team_id text NOT NULL,
    word    text NOT NULL,
    PRIMARY KEY (team_id, word)
);
CREATE INDEX search_words_similar ON search_words USING gin (word gin_trgm_ops);

CREATE FUNCTION takeaway_words(body text, tags text[], talk_title text) RETURNS SETOF text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT DISTINCT lower(token)
FROM ts_parse('default', coalesce(talk_title, '') || ' ' || coalesce(array_to_string(tags, ' '), '') || ' '
                         || coalesce(takeaway_search_text(body), ''))
-- 1 asciiword, 2 word (with non-ASCII letters), 3 numword (k8s)
WHERE tokid IN (1, 2, 3) AND length(token) BETWEEN 3 AND 40
$$;

ALTER TABLE takeaways ADD COLUMN search_vector tsvector;
ALTER TABLE takeaways ADD COLUMN head_vector tsvector;

-- Every insert or edit (text, tags, talk) recomputes the vector and adds new words to the team's vocabulary.
CREATE FUNCTION takeaways_index_for_search() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    title text := (SELECT k.title FROM talks k WHERE k.id = NEW.talk_id);
BEGIN
    NEW.head_vector := takeaway_head_vector(NEW.tags, title);
    NEW.search_vector := takeaway_search_vector(NEW.text, NEW.tags, title);
    -- In a fixed order: two captures adding the same new words never wait on each other in a cycle.
    INSERT INTO search_words (team_id, word)
    SELECT NEW.team_id, w FROM takeaway_words(NEW.text, NEW.tags, title) AS w ORDER BY w
    ON CONFLICT DO NOTHING;
    RETURN NEW;
END
$$;

CREATE TRIGGER takeaways_search_vector
    BEFORE INSERT OR UPDATE OF text, tags, talk_id ON takeaways
    FOR EACH ROW EXECUTE FUNCTION takeaways_index_for_search();

UPDATE takeaways SET text = text;

ALTER TABLE takeaways ALTER COLUMN search_vector SET NOT NULL;
ALTER TABLE takeaways ALTER COLUMN head_vector SET NOT NULL;

-- Only what people may still see is searched.
CREATE INDEX takeaways_search ON takeaways USING gin (search_vector) WHERE deleted_at IS NULL;
CREATE INDEX takeaways_search_head ON takeaways USING gin (head_vector) WHERE deleted_at IS NULL;
-- A talk's takeaways newest first (talk:"..." lists them so).
DROP INDEX takeaways_by_talk;
CREATE INDEX takeaways_by_talk ON takeaways (talk_id, created_at DESC) WHERE talk_id IS NOT NULL;
CREATE INDEX takeaways_tags ON takeaways USING gin (tags) WHERE deleted_at IS NULL;
CREATE INDEX talks_title_similar ON talks USING gin (title gin_trgm_ops);
