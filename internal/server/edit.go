package server

import (
	"errors"
	"net/http"
	"strings"

	"github.com/hrdtracker/hrdtracker/internal/auth"
	"github.com/hrdtracker/hrdtracker/internal/dataset"
	"github.com/hrdtracker/hrdtracker/internal/i18n"
	"github.com/hrdtracker/hrdtracker/internal/site"
	"github.com/hrdtracker/hrdtracker/internal/store"
	"github.com/hrdtracker/hrdtracker/web/view"
)

// What the editors' forms share. Each form is checked by the dataset package with the
// import's rules; a form with problems comes back with 422, what was typed, and each problem
// beside its field, the field named as the problem's path names it (problemField); a change
// that succeeds redirects (303) to the item's form with a notice (post/redirect/get).
// edit_documents.go holds the forms of documents, paragraphs and bodies; edit_items.go and
// edit_item_forms.go those of advances, recommendations and quotes.

// editor is the signed-in user; requireEditor lets no request through without one.
func editor(r *http.Request) store.User {
	u, _ := auth.Current(r.Context())
	return u
}

// noQuery refuses a query on a page that takes none.
func noQuery(r *http.Request) error {
	if r.URL.RawQuery != "" {
		return badRequest(messages(r).ErrNoParameters, site.Clip(r.URL.RawQuery))
	}
	return nil
}

// formState is what every form page shows besides its fields: the user, and the notice the
// last change left.
func (s *Server) formState(r *http.Request) view.FormState {
	return view.FormState{User: editor(r), Notice: s.sessions.PopFlash(r)}
}

// addProblems puts the problems of err, when it is a *dataset.ValidationError, beside the
// fields their paths name, in the reader's language, keeping the first of each field's; a
// problem of no field goes above the form. It reports whether err was one.
func addProblems(r *http.Request, err error, f *view.FormState) bool {
	verr, ok := errors.AsType[*dataset.ValidationError](err)
	if !ok {
		return false
	}
	m := messages(r)
	if f.Problems == nil {
		f.Problems = view.Problems{}
	}
	var above []string
	for _, p := range verr.Problems {
		msg := ruleMessage(m.Edit, p)
		switch id := problemField(p.Path); {
		case id == "":
			above = append(above, msg)
		case f.Problems[id] == "":
			f.Problems[id] = msg
		}
	}
	f.Problem = strings.Join(append([]string{m.Accounts.FormProblems}, above...), " ")
	return true
}

// problemField is the name of the form field that the problem at path (from dataset's Check
// functions: "advance.bodies[0].why", "document.translations.fr.title") is about:
// bodies-0-why, translations-fr-title; "" for the form as a whole. A problem with one of a
// list of numbers or bodies is about the field that holds the list.
func problemField(path string) string {
	_, path, _ = strings.Cut(path, ".")
	id := strings.NewReplacer("[", "-", "]", "", ".", "-").Replace(path)
	for _, list := range []string{"paragraphs", "addressees"} {
		if rest, ok := strings.CutPrefix(id, list+"-"); ok && isDigits(rest) {
			return list
		}
	}
	if rest, ok := strings.CutPrefix(id, "bodies-"); ok && isDigits(rest) {
		return id + "-body"
	}
	return id
}

func isDigits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// ruleMessage words the rule p breaks, in the reader's language.
func ruleMessage(m i18n.EditMessages, p dataset.Problem) string {
	switch p.Rule {
	case dataset.RuleRequired:
		return m.RuleRequired
	case dataset.RuleSlug:
		switch {
		case p.Path == "document.symbol":
			return m.RuleSymbolSlug
		case strings.HasPrefix(p.Path, "document."):
			return m.RuleDocumentSlug
		}
		return m.RuleSlug
	case dataset.RuleKind:
		return m.RuleKind
	case dataset.RuleUnknown:
		return m.RuleUnknown
	case dataset.RuleDuplicate:
		return m.RuleDuplicate
	case dataset.RuleNumber:
		return m.RuleNumber
	case dataset.RuleParagraph:
		return m.RuleParagraph
	case dataset.RuleURL:
		return m.RuleURL
	case dataset.RuleDate:
		return m.RuleDate
	case dataset.RuleNoDate:
		return m.RuleNoDate
	case dataset.RuleReasonMissing:
		return m.RuleReasonMissing
	case dataset.RuleReasonUnasked:
		return m.RuleReasonUnasked
	case dataset.RuleLang:
		return m.RuleLang
	case dataset.RuleSameLang:
		return m.RuleSameLang
	case dataset.RuleNoOriginal:
		return m.RuleNoOriginal
	case dataset.RuleSaidIn:
		return m.RuleSaidIn
	case dataset.RuleCycle:
		return m.RuleCycle
	}
	// A file's own rules (RuleFile, RuleShared) no form can break.
	return m.RuleOther
}

// field is a form's one-line value, without the spaces around it.
func field(r *http.Request, name string) string { return strings.TrimSpace(r.PostForm.Get(name)) }

// checked reports whether the form's check box name was ticked.
func checked(r *http.Request, name string) bool { return r.PostForm.Get(name) == "true" }

// translations reads a form's translations, named "translations-LANG-FIELD", by language and
// field. A language whose fields are all empty is left out: it gives no translation.
func translations(r *http.Request) map[string]map[string]string {
	out := map[string]map[string]string{}
	for k := range r.PostForm {
		rest, ok := strings.CutPrefix(k, "translations-")
		if !ok {
			continue
		}
		l, f, ok := strings.Cut(rest, "-")
		if !ok || l == "" {
			continue
		}
		v := field(r, k)
		if v == "" {
			continue
		}
		if out[l] == nil {
			out[l] = map[string]string{}
		}
		out[l][f] = v
	}
	return out
}

// redirect sends the editor on to path, in their language, with a notice for the next page.
func (s *Server) redirect(w http.ResponseWriter, r *http.Request, path, notice string) {
	s.sessions.Flash(r, notice)
	http.Redirect(w, r, site.Localized(lang(r), path), http.StatusSeeOther)
}
