-- Search reads the matches of the last month, then of the last three, before the rest: a common word's newest
-- matches are found without ranking every takeaway that contains it. Replaces the separate title-and-tags index
-- of V3, which only helped the rare searches whose words sat in a title or tag.

-- lets a text index hold the day a takeaway was written, its author, talk and channel next to its words
CREATE EXTENSION IF NOT EXISTS btree_gin;

-- English stemming ("scaling" finds "scale"); the talk's title and the tags weigh more (A) than the text (B).
CREATE OR REPLACE FUNCTION takeaway_search_vector(body text, tags text[], talk_title text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT setweight(to_tsvector('english'::regconfig, coalesce(talk_title, '')), 'A')
    || setweight(to_tsvector('english'::regconfig, coalesce(array_to_string(tags, ' '), '')), 'A')
    || setweight(to_tsvector('english'::regconfig, coalesce(takeaway_search_text(body), '')), 'B')
$$;

DROP INDEX takeaways_search_head;
DROP INDEX takeaways_search;

-- The day it was written (days since 1970-01-01, UTC).
ALTER TABLE takeaways ADD COLUMN search_day int;

-- Every insert or edit (text, tags, talk, time) recomputes the vector and the day, and adds new words to the
-- team's vocabulary.
CREATE OR REPLACE FUNCTION takeaways_index_for_search() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    title text := (SELECT k.title FROM talks k WHERE k.id = NEW.talk_id);
BEGIN
    NEW.search_day := floor(extract(epoch FROM NEW.created_at) / 86400);
    NEW.search_vector := takeaway_search_vector(NEW.text, NEW.tags, title);
    -- In a fixed order: two captures adding the same new words never wait on each other in a cycle.
    INSERT INTO search_words (team_id, word)
    SELECT NEW.team_id, w FROM takeaway_words(NEW.text, NEW.tags, title) AS w ORDER BY w
    ON CONFLICT DO NOTHING;
    RETURN NEW;
END
$$;

DROP TRIGGER takeaways_search_vector ON takeaways;
CREATE TRIGGER takeaways_search_vector
    BEFORE INSERT OR UPDATE OF text, tags, talk_id, created_at ON takeaways
    FOR EACH ROW EXECUTE FUNCTION takeaways_index_for_search();

-- The vectors themselves are unchanged; only the day is new (setting it does not fire the trigger).
UPDATE takeaways SET search_day = floor(extract(epoch FROM created_at) / 86400);
ALTER TABLE takeaways ALTER COLUMN search_day SET NOT NULL;
ALTER TABLE takeaways DROP COLUMN head_vector;
DROP FUNCTION takeaway_head_vector(text[], text);

-- Only what people may still see is searched. Next to the words, the day and what the filters ask for (tag:, from:,
-- talk:, in:): a search's conditions meet inside the index instead of on every takeaway its words find.
CREATE INDEX takeaways_search ON takeaways
    USING gin (search_day, search_vector, tags, user_id, talk_id, channel_id) WHERE deleted_at IS NULL;
-- A search walks the newest takeaways of recent days when its words are common (the day bounds the walk).
CREATE INDEX takeaways_live_by_day ON takeaways (team_id, search_day DESC, created_at DESC) WHERE deleted_at IS NULL;
