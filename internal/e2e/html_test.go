package e2e

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hrdtracker/hrdtracker/internal/pagetypes"
	"github.com/hrdtracker/hrdtracker/internal/site"
	"github.com/hrdtracker/hrdtracker/internal/testenv"
)

// vnuReport is the Nu HTML Checker's JSON output (--format json).
type vnuReport struct {
	Messages []struct {
		Type        string `json:"type"`    // "error", "info" or "non-document-error"
		SubType     string `json:"subType"` // "warning" for an info that is a warning
		URL         string `json:"url"`
		LastLine    int    `json:"lastLine"`
		FirstColumn int    `json:"firstColumn"`
		Message     string `json:"message"`
		Extract     string `json:"extract"`
	} `json:"messages"`
}

// Every page type is valid HTML by the Nu HTML Checker (vnu.jar from npm, run on the machine's
// Java).
func TestValidHTML(t *testing.T) {
	t.Parallel()
	java, err := exec.LookPath("java")
	testenv.Require(t, "Java, which the HTML checker runs on,", err, howToDeps)
	jar := filepath.Join("node_modules", "vnu-jar", "build", "dist", "vnu.jar")
	_, err = os.Stat(jar)
	testenv.Require(t, "the Nu HTML Checker (npm vnu-jar)", err, howToDeps)
	srv, s := startAppStore(t)
	addAdmin(t, s)
	editor := signedInClient(t, srv.URL)

	// One run over every page: the JVM takes longer to start than to check a page. The
	// editors' pages are fetched signed in as an admin, who sees them all.
	dir := t.TempDir()
	var files []string
	pageOf := map[string]pagetypes.Type{} // file URL as vnu reports it -> page
	pages := pagetypes.EveryLanguage()
	for _, path := range editorPaths() {
		pages = append(pages, pagetypes.Type{Name: path, Path: path, Status: http.StatusOK})
	}
	for i, p := range pages {
		client := http.DefaultClient
		if strings.Contains(p.Path, site.EditorPath) {
			client = editor
		}
		resp, err := client.Get(srv.URL + p.Path)
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != p.Status {
			t.Errorf("GET %s = %d, want %d", p.Path, resp.StatusCode, p.Status)
		}
		file := filepath.Join(dir, fmt.Sprintf("%02d.html", i))
		if err := os.WriteFile(file, body, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, file)
		pageOf["file:"+file] = p
	}

	// A page with a known error proves that the checker reads the files and reports on them.
	planted := filepath.Join(dir, "planted.html")
	if err := os.WriteFile(planted, []byte(plantedHTML), 0o644); err != nil {
		t.Fatal(err)
	}
	files = append(files, planted)

	cmd := exec.CommandContext(t.Context(), java, append([]string{"-jar", jar, "--format", "json", "--stdout"}, files...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	// vnu exits 1 when it reports an error; the report says which.
	var exit *exec.ExitError
	if err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 1) {
		t.Fatalf("%s -jar %s: %v\n%s", java, jar, err, stderr.String())
	}
	var report vnuReport
	if err := json.Unmarshal(out, &report); err != nil {
		t.Fatalf("reading vnu's report: %v\n%s\n%s", err, out, stderr.String())
	}

	plantedErrors := 0
	for _, m := range report.Messages {
		if m.URL == "file:"+planted {
			plantedErrors++
			continue
		}
		p, ok := pageOf[m.URL]
		if !ok {
			t.Errorf("vnu: %s: %s", m.URL, m.Message)
			continue
		}
		switch {
		case m.Type == "error" || m.Type == "non-document-error":
			t.Errorf("GET %s: line %d, column %d: %s\n    %s", p.Path, m.LastLine, m.FirstColumn, m.Message, m.Extract)
		case m.SubType == "warning":
			t.Logf("GET %s: warning: line %d: %s", p.Path, m.LastLine, m.Message)
		}
	}
	if plantedErrors == 0 {
		t.Errorf("vnu found no error in %s, which has one: is it checking the files?\n%s", plantedHTML, out)
	}
}

// plantedHTML is invalid: there is no <blink> element in HTML.
const plantedHTML = `<!DOCTYPE html><html lang="en"><head><title>planted</title></head><body><blink>x</blink></body></html>`
