package store_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hrdtracker/hrdtracker/internal/dataset"
	"github.com/hrdtracker/hrdtracker/internal/dbtest"
	"github.com/hrdtracker/hrdtracker/internal/store"
)

func TestEditRecommendationsAndQuotes(t *testing.T) {
	t.Parallel()
	s := dbtest.New(t)
	ctx := t.Context()
	if err := s.Import(ctx, sample()); err != nil {
		t.Fatal(err)
	}
	editor := newEditor(t, s)

	rec, err := dataset.CheckRecommendation(ctx, s, "A-1-1", store.RecommendationInput{
		Slug: "r2", Title: "Protect", Text: "Protect defenders.", Paragraphs: []int{1, 2}, Addressees: []string{"sp"},
		FollowUpStatus: store.InProgress, FollowUpDate: day("2024-03-01"), FollowUpSourceURL: "https://example.org/follow-up",
		Translations: map[string]store.Translation{"fr": {Title: "Protéger", Text: "Protéger les défenseurs."}},
	})
	if err != nil {
		t.Fatalf("CheckRecommendation(r2) = %v", err)
	}
	if err := s.CreateRecommendation(ctx, editor, "A-1-1", rec); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateRecommendation(ctx, editor, "A-1-1", rec); !errors.Is(err, store.ErrConflict) {
		t.Errorf("CreateRecommendation(r2) again = %v, want ErrConflict", err)
	}
	got, err := s.RecommendationToEdit(ctx, "r2")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(store.RecommendationToEdit{RecommendationInput: rec, Document: "A-1-1"}, got); diff != "" {
		t.Errorf("RecommendationToEdit(r2) (-want +got):\n%s", diff)
	}
	if _, err := s.Recommendation(ctx, "r2", "en"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Recommendation(r2), a draft = %v, want ErrNotFound", err)
	}
	rec.FollowUpStatus = store.Implemented
	if err := s.UpdateRecommendation(ctx, editor, "r2", rec); err != nil {
		t.Fatal(err)
	}

	q, err := dataset.CheckQuote(ctx, s, "A-1-1", store.QuoteInput{Slug: "q3", Text: "Ours.", SpeakerName: "A speaker", Paragraph: 2})
	if err != nil {
		t.Fatalf("CheckQuote(q3) = %v", err)
	}
	if q.Lang != "en" || q.Source != "A-1-1" {
		t.Errorf("CheckQuote(q3) = lang %q, source %q; want the document's: en, A-1-1", q.Lang, q.Source)
	}
	if err := s.CreateQuote(ctx, editor, "A-1-1", q); err != nil {
		t.Fatal(err)
	}
	q.SpeakerRole = "Rapporteur"
	if err := s.UpdateQuote(ctx, editor, "q3", q); err != nil {
		t.Fatal(err)
	}
	if got, err := s.QuoteToEdit(ctx, "q3"); err != nil || got.SpeakerRole != "Rapporteur" || got.Published {
		t.Errorf("QuoteToEdit(q3) = %+v, %v; want the draft with its role", got, err)
	}
	if err := s.SetPublished(ctx, editor, store.QuoteItem, "q3", true); err != nil {
		t.Fatal(err)
	}
	list, err := s.EditorItems(ctx, store.RecommendationItem, 10, 0)
	if err != nil {
		t.Fatal(err)
	}
	if list.Total != 2 || list.Items[0].Slug != "r2" || list.Items[0].Published {
		t.Errorf("EditorItems(recommendations) = %+v; want 2, the draft r2 first", list)
	}
	if err := s.DeleteRecommendation(ctx, editor, "r2"); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteQuote(ctx, editor, "q3"); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteQuote(ctx, editor, "q3"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("DeleteQuote(q3) again = %v, want ErrNotFound", err)
	}

	all, err := s.Changes(ctx, store.ChangeFilter{Drafts: true, Limit: 7})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"quote q3 delete by editor", "recommendation r2 delete by editor (draft)", "quote q3 publish by editor",
		"quote q3 update by editor (draft)", "quote q3 create by editor (draft)",
		"recommendation r2 update by editor (draft)", "recommendation r2 create by editor (draft)",
	}
	if diff := cmp.Diff(want, summary(all.Changes)); diff != "" {
		t.Errorf("the changes (-want +got):\n%s", diff)
	}
	if f := all.Changes[5].Fields(); len(f) != 1 || f[0].Name != "follow_up" ||
		f[0].Before != `{"date":"2024-03-01","status":"in-progress","source_url":"https://example.org/follow-up"}` ||
		f[0].After != `{"date":"2024-03-01","status":"implemented","source_url":"https://example.org/follow-up"}` {
		t.Errorf("the follow-up's update = %+v; want the follow-up before and after", f)
	}
}

func TestCheckFollowUp(t *testing.T) {
	t.Parallel()
	s := dbtest.New(t)
	ctx := t.Context()
	if err := s.Import(ctx, sample()); err != nil {
		t.Fatal(err)
	}
	_, err := dataset.CheckRecommendation(ctx, s, "A-1-1", store.RecommendationInput{
		Slug: "r2", Title: "T", Text: "T.", Paragraphs: []int{9}, FollowUpStatus: "done",
	})
	var ve *dataset.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("CheckRecommendation = %v, want a *ValidationError", err)
	}
	got := map[string]dataset.Rule{}
	for _, p := range ve.Problems {
		got[p.Path] = p.Rule
	}
	want := map[string]dataset.Rule{
		"recommendation.paragraphs[0]":        dataset.RuleParagraph,
		"recommendation.follow_up.status":     dataset.RuleKind,
		"recommendation.follow_up.date":       dataset.RuleRequired,
		"recommendation.follow_up.source_url": dataset.RuleRequired,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems by path (-want +got):\n%s", diff)
	}
}
