package view

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/hrdtracker/hrdtracker/internal/i18n"
	"github.com/hrdtracker/hrdtracker/internal/site"
	"github.com/hrdtracker/hrdtracker/internal/store"
)

// ChangePath is the page of the item a change is about, before any language prefix; "" for
// an item the change removed.
func ChangePath(c store.Change) string {
	if c.Action == store.Delete {
		return ""
	}
	switch c.ItemType {
	case store.BodyItem:
		return site.BodyURL(c.ItemKey)
	case store.DocumentItem:
		return site.DocumentURL(c.ItemKey)
	case store.ParagraphItem:
		doc, n, _ := strings.Cut(c.ItemKey, "/")
		if number, err := strconv.Atoi(n); err == nil {
			return site.ParagraphURL(doc, number)
		}
	case store.AdvanceItem:
		return site.AdvanceURL(c.ItemKey)
	case store.RecommendationItem:
		return site.RecommendationURL(c.ItemKey)
	case store.QuoteItem:
		return site.QuoteURL(changedDocument(c), c.ItemKey)
	}
	return ""
}

// changedDocument is the document of the item a change is about, as its snapshot names it; an
// update names it only where it changed, and then the link goes to the whole list.
func changedDocument(c store.Change) string {
	for _, fields := range []map[string]json.RawMessage{c.After, c.Before} {
		var slug string
		if json.Unmarshal(fields["document"], &slug) == nil && slug != "" {
			return slug
		}
	}
	return ""
}

// ChangeID is the id of a change's element on a page of changes.
func ChangeID(c store.Change) string { return "change-" + strconv.FormatInt(c.ID, 10) }

// ChangeSummary says what a change did and who did it: "Changed by the import", "Added by
// Ada Lovelace", the editor by display name.
func ChangeSummary(m *i18n.Messages, c store.Change) string {
	by := c.ActorName
	switch {
	case c.ActorKind == store.ImportActor:
		by = m.ByImport
	case by == "":
		by = m.ByEditor
	}
	return fmt.Sprintf(m.ChangeBy, actionName(m.ChangeActions, c.Action), by)
}

// actionName names a change's action; one the catalog lacks shows as it is stored.
func actionName(names i18n.ActionNames, a store.Action) string {
	switch a {
	case store.Create:
		return names.Create
	case store.Update:
		return names.Update
	case store.Delete:
		return names.Delete
	case store.Publish:
		return names.Publish
	case store.Unpublish:
		return names.Unpublish
	}
	return string(a)
}

// ItemTypeName names the kind of item a change is about; one the catalog lacks shows as it
// is stored.
func ItemTypeName(names i18n.ItemTypeNames, t store.ItemType) string {
	switch t {
	case store.BodyItem:
		return names.Body
	case store.DocumentItem:
		return names.Document
	case store.ParagraphItem:
		return names.Paragraph
	case store.AdvanceItem:
		return names.Advance
	case store.RecommendationItem:
		return names.Recommendation
	case store.QuoteItem:
		return names.Quote
	}
	return string(t)
}

// paragraphNumber is the number of the paragraph a change is about.
func paragraphNumber(c store.Change) string {
	_, n, _ := strings.Cut(c.ItemKey, "/")
	return n
}
