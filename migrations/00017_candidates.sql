-- +goose Up
-- The terms that make a paragraph a candidate for the editors' queue: it speaks of human
-- rights defenders, of reprisals against them, or of the civic space they work in, and no
-- advance or recommendation cites it yet. Each language's terms go through its own search
-- configuration (00005), so that they match every form of the word, as search does: a
-- paragraph is matched with its document's language. Stems that would catch unrelated words
-- are left out: Spanish "periodista" and "activista" stem to "period" and "activ", which
-- "periodo" and "actividad" share; French "défenseuse" to "defens", which "défense" shares.
CREATE FUNCTION candidate_query(lang text) RETURNS tsquery
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE lang
    WHEN 'en' THEN
        to_tsquery('hrd_en', 'defender | reprisal | intimidation | retaliation | activist | whistleblower | journalist')
        || phraseto_tsquery('hrd_en', 'whistle-blower')
        || phraseto_tsquery('hrd_en', 'civic space')
        || phraseto_tsquery('hrd_en', 'civil society space')
    WHEN 'fr' THEN
        to_tsquery('hrd_fr', 'défenseur | défenseurs | représailles | intimidation | militant | militante | journaliste')
        || phraseto_tsquery('hrd_fr', 'espace civique')
        || phraseto_tsquery('hrd_fr', 'lanceur d''alerte')
        || phraseto_tsquery('hrd_fr', 'lanceurs d''alerte')
    WHEN 'es' THEN
        to_tsquery('hrd_es', 'defensor | defensores | defensora | defensoras | represalia | represalias | intimidación')
        || phraseto_tsquery('hrd_es', 'espacio cívico')
        || phraseto_tsquery('hrd_es', 'espacio de la sociedad civil')
    ELSE
        -- Arabic and any other language are matched word by word (hrd_simple): the forms
        -- are listed as written.
        to_tsquery('hrd_simple', 'المدافعين | المدافعون | المدافعات | والمدافعين | الانتقام | الانتقامية | انتقامية | الترهيب | التخويف')
        || phraseto_tsquery('hrd_simple', 'الفضاء المدني')
END;

-- +goose Down
DROP FUNCTION candidate_query(text);
