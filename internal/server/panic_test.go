package server

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/hrdtracker/hrdtracker/internal/i18n"
)

// A handler's panic gives the error page in the language of the address, not always English.
func TestPanicPageSpeaksTheReadersLanguage(t *testing.T) {
	s := &Server{log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	boom := http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") })
	for _, l := range i18n.Langs {
		h := s.withLang(l)(s.recoverPanics(boom))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, l.Prefix()+"/advances", nil))
		if rec.Code != http.StatusInternalServerError {
			t.Errorf("%s: status %d, want 500", l.Code, rec.Code)
		}
		if want := l.Messages.ErrInternalTitle; !strings.Contains(rec.Body.String(), want) {
			t.Errorf("%s: the panic page lacks its title %q", l.Code, want)
		}
		if want := `lang="` + l.Code + `"`; !strings.Contains(rec.Body.String(), want) {
			t.Errorf("%s: the panic page lacks %s", l.Code, want)
		}
	}
}
