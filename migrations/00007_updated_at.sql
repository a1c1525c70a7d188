-- +goose Up
-- When each record last changed, so that a citation of the data set can name the data's last
-- change. An UPDATE that leaves a row as it was (importing the same file again) keeps its
-- time. Advances keep their own rule (00003: only a change a feed reader would care about).
-- +goose StatementBegin
CREATE FUNCTION touch_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    -- Columns the database derives (the search vectors, which a BEFORE trigger sees unset) and
    -- the time itself are no change of the record.
    IF to_jsonb(NEW) - 'updated_at' - 'search' IS DISTINCT FROM to_jsonb(OLD) - 'updated_at' - 'search' THEN
        NEW.updated_at := now();
    END IF;
    RETURN NEW;
END;
$$;
-- +goose StatementEnd

ALTER TABLE bodies ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
-- doc_ref (00004) depends on the row type of documents: set aside while the table changes.
DROP FUNCTION doc_ref(documents);
ALTER TABLE documents ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
CREATE FUNCTION doc_ref(d documents) RETURNS json
LANGUAGE sql STABLE PARALLEL SAFE
RETURN json_build_object(
    'slug', d.slug, 'symbol', coalesce(d.symbol, ''), 'title', d.title, 'title_lang', d.lang,
    'url', d.url);
ALTER TABLE paragraphs ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE recommendations ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE quotes ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

CREATE TRIGGER bodies_touch BEFORE UPDATE ON bodies
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
CREATE TRIGGER documents_touch BEFORE UPDATE ON documents
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
CREATE TRIGGER paragraphs_touch BEFORE UPDATE ON paragraphs
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
CREATE TRIGGER recommendations_touch BEFORE UPDATE ON recommendations
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
CREATE TRIGGER quotes_touch BEFORE UPDATE ON quotes
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

-- +goose Down
DROP TRIGGER quotes_touch ON quotes;
DROP TRIGGER recommendations_touch ON recommendations;
DROP TRIGGER paragraphs_touch ON paragraphs;
DROP TRIGGER documents_touch ON documents;
DROP TRIGGER bodies_touch ON bodies;
ALTER TABLE quotes DROP COLUMN updated_at;
ALTER TABLE recommendations DROP COLUMN updated_at;
ALTER TABLE paragraphs DROP COLUMN updated_at;
DROP FUNCTION doc_ref(documents);
ALTER TABLE documents DROP COLUMN updated_at;
CREATE FUNCTION doc_ref(d documents) RETURNS json
LANGUAGE sql STABLE PARALLEL SAFE
RETURN json_build_object(
    'slug', d.slug, 'symbol', coalesce(d.symbol, ''), 'title', d.title, 'title_lang', d.lang,
    'url', d.url);
ALTER TABLE bodies DROP COLUMN updated_at;
DROP FUNCTION touch_updated_at();
