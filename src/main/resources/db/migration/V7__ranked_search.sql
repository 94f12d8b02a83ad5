-- Search that ranks what matches any of the words (BM25) and by meaning, kept off the capture's path: a capture
-- stores only the row; its words, the team's vocabulary and word counts, and its meaning (an embedding) are worked
-- out after the ack, in batches (SearchIndexer). Until then the row is searched by its text directly.

-- A takeaway's text as people read it and as it is indexed: as before, and without the talk:"..." the person typed
-- (the talk has its own line in a result, and its title is indexed with the head, where it weighs more).
CREATE OR REPLACE FUNCTION takeaway_search_text(body text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
SELECT replace(replace(replace(
           regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(body,
               '(^|\s)talk:[ \t]*("[^"\n]*("|$)|[“”][^“”\n]*([“”]|$)|[^\s"“”]+)', '\1', 'gi'),
               '<((?:https?|mailto):[^|>]*)\|([^>]*)>', '\2 (\1)', 'g'),
               '<((?:https?|mailto):[^>]*)>', '\1', 'g'),
               '<#[A-Z0-9]+\|([^>]*)>', '#\1', 'g'),
               '<[@#!][^>]*>', ' ', 'g'),
           '&lt;', '‹'), '&gt;', '›'), '&amp;', '&')
$$;

-- What is indexed of a text: as read, with a slash between two words read as a space (Postgres' parser takes
-- "CI/CD" or "restaurants/drugstores" for one file name, and a link's path for one word: each word is found now).
CREATE FUNCTION takeaway_index_text(readable text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
SELECT regexp_replace(readable, '([[:alnum:]])/(?=[[:alnum:]])', '\1 ', 'g')
$$;

-- English stemming ("scaling" finds "scale"); the talk's title and the tags weigh more (A) than the text (B).
CREATE OR REPLACE FUNCTION takeaway_search_vector(body text, tags text[], talk_title text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT setweight(to_tsvector('english'::regconfig, takeaway_index_text(coalesce(talk_title, ''))), 'A')
    || setweight(to_tsvector('english'::regconfig, coalesce(array_to_string(tags, ' '), '')), 'A')
    || setweight(to_tsvector('english'::regconfig, takeaway_index_text(coalesce(takeaway_search_text(body), ''))), 'B')
$$;

-- Words in a vector, counted with their repeats: a takeaway's length, for BM25's length normalisation.
CREATE FUNCTION tsvector_word_count(vector tsvector) RETURNS int
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
SELECT coalesce(sum(coalesce(array_length(u.positions, 1), 1)), 0)::int FROM unnest(vector) u
$$;

-- NULL until indexed. search_version says which version of the indexing wrote it: rows of an older one are
-- indexed again in the background, and are searched by their old vector meanwhile.
ALTER TABLE takeaways ALTER COLUMN search_vector DROP NOT NULL;
ALTER TABLE takeaways ADD COLUMN search_length int;
ALTER TABLE takeaways ADD COLUMN search_version smallint NOT NULL DEFAULT 0;
-- all-MiniLM-L6-v2's 384 dimensions, normalised, each as a signed byte; with when it was written (for the instances
-- that keep recent ones in memory).
ALTER TABLE takeaways ADD COLUMN embedding bytea;
ALTER TABLE takeaways ADD COLUMN embedded_at timestamptz;

-- A capture or an edit only marks the row for indexing (and keeps its day, which the row's own indexes need).
CREATE OR REPLACE FUNCTION takeaways_index_for_search() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_day := floor(extract(epoch FROM NEW.created_at) / 86400);
    IF TG_OP = 'INSERT' OR NEW.text IS DISTINCT FROM OLD.text OR NEW.tags IS DISTINCT FROM OLD.tags
       OR NEW.talk_id IS DISTINCT FROM OLD.talk_id THEN
        NEW.search_vector := NULL;
        NEW.search_length := NULL;
        NEW.search_version := 0;
        NEW.embedding := NULL;
        NEW.embedded_at := NULL;
    END IF;
    RETURN NEW;
END
$$;

-- What search reads on the fly, before the indexer got to it (a second or so).
CREATE INDEX takeaways_unindexed ON takeaways (team_id) WHERE search_vector IS NULL AND deleted_at IS NULL;
-- The indexer's work: rows not indexed by the current version, oldest first; then those without a meaning yet,
-- newest first (a back-fill reaches what people look for first).
CREATE INDEX takeaways_index_queue ON takeaways (id) WHERE search_version < 1;
CREATE INDEX takeaways_embedding_queue ON takeaways (id DESC) WHERE embedding IS NULL AND deleted_at IS NULL;
CREATE INDEX takeaways_embedded ON takeaways (team_id, embedded_at) WHERE embedding IS NOT NULL;

-- How many of a team's takeaways hold each word (its stem), counted over the most recent ones anyone in the team may
-- see: BM25's inverse document frequency. Recounted in the background as the team writes.
CREATE TABLE search_terms (
    team_id   text NOT NULL,
    lexeme    text NOT NULL,
    documents int  NOT NULL,
    PRIMARY KEY (team_id, lexeme)
);

CREATE TABLE search_statistics (
    team_id        text        NOT NULL PRIMARY KEY,
    -- takeaways counted, and their average length in words
    documents      int         NOT NULL,
    average_length real        NOT NULL,
    counted_at     timestamptz NOT NULL,
    -- takeaways indexed since they were counted
    indexed_since  int         NOT NULL DEFAULT 0
);
