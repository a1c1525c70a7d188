-- +goose Up
-- A date written to its precision (2015, 2015-06, 2015-06-22): one column carries what the
-- reader may know of a date, and the store reads it back as a Date.
CREATE FUNCTION date_iso(day date, prec date_precision) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE prec
    WHEN 'year' THEN to_char(day, 'YYYY')
    WHEN 'month' THEN to_char(day, 'YYYY-MM')
    WHEN 'day' THEN to_char(day, 'YYYY-MM-DD')
END;

-- A document as items name it, as one JSON object, so that a query reads an item's document
-- and source by name rather than as ten loose columns.
CREATE FUNCTION doc_ref(d documents) RETURNS json
LANGUAGE sql STABLE PARALLEL SAFE
RETURN json_build_object(
    'slug', d.slug, 'symbol', coalesce(d.symbol, ''), 'title', d.title, 'title_lang', d.lang,
    'url', d.url);

-- +goose Down
DROP FUNCTION doc_ref(documents);
DROP FUNCTION date_iso(date, date_precision);
