-- +goose Up
-- Every write to what the public pages show sends a notice on the channel hrdtracker_changes,
-- naming the table, so that servers drop the pages they keep (store.Listen). One notice a
-- statement, not a row: PostgreSQL delivers a transaction's notices at commit, once per
-- distinct payload, so a whole import sends one notice for each table it touched.
-- Tables that hold no public content (sessions, say) must not use this function: each notice
-- empties every server's page cache.
-- +goose StatementBegin
CREATE FUNCTION hrd_notify_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('hrdtracker_changes', TG_TABLE_NAME);
    RETURN NULL;
END;
$$;
-- +goose StatementEnd

CREATE TRIGGER bodies_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON bodies
    FOR EACH STATEMENT EXECUTE FUNCTION hrd_notify_change();
CREATE TRIGGER documents_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON documents
    FOR EACH STATEMENT EXECUTE FUNCTION hrd_notify_change();
CREATE TRIGGER document_translations_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON document_translations
    FOR EACH STATEMENT EXECUTE FUNCTION hrd_notify_change();
CREATE TRIGGER paragraphs_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON paragraphs
    FOR EACH STATEMENT EXECUTE FUNCTION hrd_notify_change();
CREATE TRIGGER advances_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON advances
    FOR EACH STATEMENT EXECUTE FUNCTION hrd_notify_change();
CREATE TRIGGER advance_translations_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON advance_translations
    FOR EACH STATEMENT EXECUTE FUNCTION hrd_notify_change();
CREATE TRIGGER advance_paragraphs_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON advance_paragraphs
    FOR EACH STATEMENT EXECUTE FUNCTION hrd_notify_change();
CREATE TRIGGER advance_bodies_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON advance_bodies
    FOR EACH STATEMENT EXECUTE FUNCTION hrd_notify_change();
CREATE TRIGGER advance_facts_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON advance_facts
    FOR EACH STATEMENT EXECUTE FUNCTION hrd_notify_change();
CREATE TRIGGER recommendations_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON recommendations
    FOR EACH STATEMENT EXECUTE FUNCTION hrd_notify_change();
CREATE TRIGGER recommendation_translations_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON recommendation_translations
    FOR EACH STATEMENT EXECUTE FUNCTION hrd_notify_change();
CREATE TRIGGER recommendation_paragraphs_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON recommendation_paragraphs
    FOR EACH STATEMENT EXECUTE FUNCTION hrd_notify_change();
CREATE TRIGGER recommendation_addressees_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON recommendation_addressees
    FOR EACH STATEMENT EXECUTE FUNCTION hrd_notify_change();
CREATE TRIGGER quotes_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON quotes
    FOR EACH STATEMENT EXECUTE FUNCTION hrd_notify_change();

-- +goose Down
DROP TRIGGER quotes_notify ON quotes;
DROP TRIGGER recommendation_addressees_notify ON recommendation_addressees;
DROP TRIGGER recommendation_paragraphs_notify ON recommendation_paragraphs;
DROP TRIGGER recommendation_translations_notify ON recommendation_translations;
DROP TRIGGER recommendations_notify ON recommendations;
DROP TRIGGER advance_facts_notify ON advance_facts;
DROP TRIGGER advance_bodies_notify ON advance_bodies;
DROP TRIGGER advance_paragraphs_notify ON advance_paragraphs;
DROP TRIGGER advance_translations_notify ON advance_translations;
DROP TRIGGER advances_notify ON advances;
DROP TRIGGER paragraphs_notify ON paragraphs;
DROP TRIGGER document_translations_notify ON document_translations;
DROP TRIGGER documents_notify ON documents;
DROP TRIGGER bodies_notify ON bodies;
DROP FUNCTION hrd_notify_change();
