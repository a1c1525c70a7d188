-- +goose Up
-- doc_ref(d, lang) (00014) looks up the document's translation in a sub-select, which keeps
-- PostgreSQL from inlining the function: it runs as a call of its own for every document of
-- every row, about 12 µs each, 3 ms of a document page's 82 quotes. doc_ref(d, t) takes the
-- row of the translation that the query joins, a plain expression that the planner inlines.
-- Each join adds to the planning, though: statements planned at every call keep the first
-- (store.docRefs).
CREATE FUNCTION doc_ref(d documents, t document_translations) RETURNS json
LANGUAGE sql STABLE PARALLEL SAFE
RETURN json_build_object(
    'slug', d.slug, 'symbol', coalesce(d.symbol, ''), 'title', coalesce(t.title, d.title),
    'title_lang', coalesce(t.lang, d.lang), 'url', d.url);

-- +goose Down
DROP FUNCTION doc_ref(documents, document_translations);
