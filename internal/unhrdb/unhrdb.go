// Package unhrdb reads a directory in the JSON layout of the UN Human Rights Database (UNHRDB,
// github.com/lszoszk/generalcomments): the treaty bodies' General Comments and General
// Recommendations with their numbered paragraphs. `hrdtracker import-unhrdb DIR` loads what it
// reads; internal/gcdata builds benchmark data on it. The data is the user's: nothing of it is
// embedded in the binary.
//
// # The layout
//
//	GC-info.json      a list of objects, one a document: "Name" (its title), "Signature" (its UN
//	                  symbol; a joint document's two symbols are joined by "–" or ", "),
//	                  "Adoption Date" (free text such as "8 May 2019"), "Adoption Year" (a number
//	                  or text), "Committee" (one or more of CESCR, CRC, CEDAW, CCPR, CRPD, CERD,
//	                  CMW, CAT, CED, comma-separated), "Link", and "File PATH" (the paragraph
//	                  file, such as /json_data/x.json, from the directory). Other keys are ignored.
//	json_data/*.json  each a list of paragraphs: "ID" (the number: 12, "12" or "12.") and
//	                  "Text"; other keys (such as "Labels") are ignored.
//
// # What a document becomes
//
// Each entry makes one import set (lang en) of kind general-comment: the title is Name, the
// symbol the first symbol of Signature, the link Link. The author is the first committee named;
// a joint document's other committees are defined as bodies too, and its title names them all
// (the schema gives a document one author). The committees are treaty bodies under
// "treaty-bodies"; those that the shipped data set (internal/dataset/seed) defines are taken
// from it as it defines them, so that importing both, in either order, changes no body. The
// date of issue is Adoption Date, to the day, where it reads as a date, and otherwise Adoption
// Year, to the year.
//
// The slug is the symbol's, as a data file derives it (A/73/230 makes A-73-230); where that is
// not a valid slug (the corpus gives references such as "HRI/GEN/1/Rev.9 (Vol. I), p. 202"),
// each run of other characters becomes one "-". Several entries sharing one Signature (annual
// reports that carried several General Recommendations, such as A/48/18) each have no symbol,
// since it is not theirs, and a slug made from the paragraph file's name
// (Annotated_CERD_GR17_national_institutions.json makes CERD-GR17-national-institutions).
// The same directory always makes the same slugs, so importing it again changes nothing.
//
// # Problems
//
// A layout that cannot be read makes Read fail with an *Error listing every such problem, so
// that nothing is imported: the directory or GC-info.json missing, malformed JSON in any file
// (with its line and column), a file that is not a list, an entry that is not an object.
// Everything else is a warning, and Read leaves out only what it names:
//
//   - an entry without Name or File PATH, with a File PATH outside the directory or named by an
//     earlier entry, whose file is missing, or whose slug an earlier entry has: the entry;
//   - a committee the layout does not know: that committee (the document has no author when it
//     names no known one);
//   - a Link that is not an http(s) address: the link;
//   - an Adoption Date that is not a date, or an Adoption Year that is not a year: that field.
//     Where both read but disagree on the year, the date is kept and marked unconfirmed;
//   - a paragraph that is not an object, whose ID is missing or is not a whole number from 1
//     ("12a", 0, "0."), whose number an earlier paragraph of the file has, or whose Text is
//     not text: the paragraph. A paragraph with empty text is kept, with a warning;
//   - a file in json_data/ that no entry names: it is not read.
//
// Each problem names its file and its place in it: GC-info.json entries by index and key
// ([12].Signature), paragraphs by index and key in their file (json_data/x.json: [12].ID).
package unhrdb

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/hrdtracker/hrdtracker/internal/dataset"
	"github.com/hrdtracker/hrdtracker/internal/store"
)

// InfoFile is the name of the layout's list of documents.
const InfoFile = "GC-info.json"

// Problem is something wrong with the data, at its place: File is relative to the directory,
// Path the place in the file, such as [12].ID (empty for the whole file).
type Problem struct {
	File, Path, Message string
}

func (p Problem) String() string {
	if p.Path == "" {
		return p.File + ": " + p.Message
	}
	return p.File + ": " + p.Path + ": " + p.Message
}

// In is the problem with its file named from where dir is, as a user would open it.
func (p Problem) In(dir string) string {
	p.File = filepath.Join(dir, p.File)
	return p.String()
}

// Error lists the problems that keep a directory from being imported at all.
type Error struct {
	Dir      string
	Problems []Problem
}

func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s cannot be imported:", e.Dir)
	for _, p := range e.Problems {
		b.WriteString("\n" + p.In(e.Dir))
	}
	return b.String()
}

// Document is one entry of GC-info.json as it will be imported.
type Document struct {
	File       string   // the paragraph file, from the directory
	Committees []string // the slugs of its committees, the author first
	Set        store.ImportSet
}

// Corpus is what Read makes of a directory.
type Corpus struct {
	Documents []Document
	Warnings  []Problem // what was left out, and why
}

// Sets is the import set of every document, in the order of GC-info.json.
func (c Corpus) Sets() []store.ImportSet {
	sets := make([]store.ImportSet, len(c.Documents))
	for i, d := range c.Documents {
		sets[i] = d.Set
	}
	return sets
}

// Paragraphs is the number of paragraphs of all the documents.
func (c Corpus) Paragraphs() int {
	n := 0
	for _, d := range c.Documents {
		n += len(d.Set.Paragraphs)
	}
	return n
}

// Read reads the directory dir. See the package's documentation for what it makes of it and
// what it reports.
func Read(dir string) (Corpus, error) {
	if fi, err := os.Stat(dir); err != nil {
		return Corpus{}, &Error{Dir: dir, Problems: []Problem{{File: ".", Message: fsMessage(err)}}}
	} else if !fi.IsDir() {
		return Corpus{}, &Error{Dir: dir, Problems: []Problem{{File: ".", Message: "is not a directory"}}}
	}
	c, problems := ReadFS(os.DirFS(dir))
	if len(problems) > 0 {
		return Corpus{}, &Error{Dir: dir, Problems: problems}
	}
	return c, nil
}

// ReadFS reads the layout from fsys. The problems it returns are those that keep the
// directory from being imported; with any, the corpus is incomplete.
func ReadFS(fsys fs.FS) (Corpus, []Problem) {
	r := &reader{fsys: fsys, committees: committees()}
	entries, ok := r.list(InfoFile)
	if !ok {
		return Corpus{}, r.fatal
	}
	infos := make([]info, len(entries))
	for i, raw := range entries {
		infos[i] = r.info(i, raw)
	}
	r.slugs(infos)
	named := map[string]int{}
	var c Corpus
	for i, in := range infos {
		if in.skip {
			continue
		}
		if j, ok := named[in.file]; ok {
			r.warn(InfoFile, fmt.Sprintf("[%d].File PATH", i), "%q is entry [%d]'s file too: entry skipped", in.file, j)
			continue
		}
		named[in.file] = i
		paras, ok := r.paragraphs(i, in.file)
		if !ok {
			continue
		}
		if len(paras) == 0 {
			r.warn(in.file, "", "no paragraph can be imported: document %s imported without paragraphs", in.slug)
		}
		c.Documents = append(c.Documents, r.document(in, paras))
	}
	r.unnamed(named)
	if len(r.fatal) > 0 {
		return Corpus{}, r.fatal
	}
	// GC-info.json's problems first, by entry; then each paragraph file's, as read.
	slices.SortStableFunc(r.warnings, func(a, b Problem) int {
		return cmp.Compare(entryOf(a), entryOf(b))
	})
	c.Warnings = r.warnings
	return c, nil
}

// entryOf is the index of the GC-info.json entry a problem is about; those of other files
// come after every entry.
func entryOf(p Problem) int {
	if p.File != InfoFile {
		return math.MaxInt
	}
	n, _ := strconv.Atoi(strings.TrimPrefix(strings.SplitN(p.Path, "]", 2)[0], "["))
	return n
}

type reader struct {
	fsys       fs.FS
	committees []store.BodyInput // treaty-bodies first
	fatal      []Problem
	warnings   []Problem
}

func (r *reader) fail(file, place, format string, args ...any) {
	r.fatal = append(r.fatal, Problem{File: file, Path: place, Message: fmt.Sprintf(format, args...)})
}

func (r *reader) warn(file, place, format string, args ...any) {
	r.warnings = append(r.warnings, Problem{File: file, Path: place, Message: fmt.Sprintf(format, args...)})
}

// list reads file as a JSON list of objects; ok is false when it is not one (a fatal problem).
func (r *reader) list(file string) (_ []map[string]json.RawMessage, ok bool) {
	data, err := fs.ReadFile(r.fsys, file)
	if err != nil {
		r.fail(file, "", "%s", fsMessage(err))
		return nil, false
	}
	var items []json.RawMessage
	if err := json.Unmarshal(data, &items); err != nil {
		r.malformed(file, data, err, "a list")
		return nil, false
	}
	out := make([]map[string]json.RawMessage, len(items))
	good := true
	for i, raw := range items {
		if err := json.Unmarshal(raw, &out[i]); err != nil || out[i] == nil {
			if file == InfoFile {
				r.fail(file, fmt.Sprintf("[%d]", i), "is %s, not an object", kindOf(raw))
				good = false
			}
			out[i] = nil // a paragraph file's odd item is a paragraph skipped, later
		}
	}
	return out, good
}

// malformed reports data that is not JSON, or not of the kind wanted, at its line and column.
func (r *reader) malformed(file string, data []byte, err error, want string) {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		line, col := lineCol(data, syntax.Offset)
		r.fail(fmt.Sprintf("%s:%d:%d", file, line, col), "", "malformed JSON: %v", err)
	case errors.As(err, &typ):
		r.fail(file, "", "is %s, not %s", kindOf(bytes.TrimSpace(data)), want)
	default:
		r.fail(file, "", "malformed JSON: %v", err)
	}
}

// lineCol is the line and column (both from 1, the column in bytes) just before offset, where
// encoding/json found the error.
func lineCol(data []byte, offset int64) (line, col int) {
	if offset > int64(len(data)) {
		offset = int64(len(data))
	}
	before := data[:max(offset-1, 0)]
	line = bytes.Count(before, []byte("\n")) + 1
	col = len(before) - bytes.LastIndexByte(before, '\n')
	return line, col
}

// kindOf names the JSON value raw holds, for messages.
func kindOf(raw []byte) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return "empty"
	}
	switch raw[0] {
	case '{':
		return "an object"
	case '[':
		return "a list"
	case '"':
		return "text"
	case 't', 'f':
		return "true or false"
	case 'n':
		return "null"
	}
	return "a number"
}

func fsMessage(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no such file or directory"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// info is an entry of GC-info.json, checked.
type info struct {
	index      int
	skip       bool
	title      string
	signature  string
	symbol     string // the first symbol of the signature
	slug       string
	file       string // relative to the directory, cleaned
	committees []string
	issued     store.Date
	confirmed  bool   // the date of issue
	issuedWhy  string // why the date of issue is not confirmed
	url        string
}

func (r *reader) info(i int, m map[string]json.RawMessage) info {
	in := info{index: i, confirmed: true}
	place := func(key string) string { return fmt.Sprintf("[%d].%s", i, key) }
	text := func(key string) string {
		raw, ok := m[key]
		if !ok || string(raw) == "null" {
			return ""
		}
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			r.warn(InfoFile, place(key), "is %s, not text: ignored", kindOf(raw))
			return ""
		}
		return strings.TrimSpace(s)
	}
	in.title = strings.Join(strings.Fields(text("Name")), " ")
	if in.title == "" {
		r.warn(InfoFile, place("Name"), "missing: a document needs a title: entry skipped")
		in.skip = true
	}
	in.signature = strings.Join(strings.Fields(text("Signature")), " ")
	in.symbol = firstSymbol(in.signature)

	file := text("File PATH")
	in.file = path.Clean(strings.TrimPrefix(file, "/"))
	switch {
	case file == "":
		r.warn(InfoFile, place("File PATH"), "missing: entry skipped")
		in.skip = true
	case !fs.ValidPath(in.file) || in.file == ".":
		r.warn(InfoFile, place("File PATH"), "%q is not a file in the directory: entry skipped", file)
		in.skip = true
	}

	for c := range strings.SplitSeq(text("Committee"), ",") {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		slug := strings.ToLower(c)
		if !slices.ContainsFunc(r.committees[1:], func(b store.BodyInput) bool { return b.Slug == slug }) {
			r.warn(InfoFile, place("Committee"), "unknown committee %q (known: %s): left out", c, strings.Join(Committees(), ", "))
			continue
		}
		if !slices.Contains(in.committees, slug) {
			in.committees = append(in.committees, slug)
		}
	}
	if len(in.committees) == 0 && !in.skip {
		r.warn(InfoFile, place("Committee"), "names no known committee: the document has no author")
	}

	if link := text("Link"); link != "" {
		if u, err := url.Parse(link); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			r.warn(InfoFile, place("Link"), "%q is not an http(s) address: left out", link)
		} else {
			in.url = link
		}
	}

	year, yearOK := r.year(place("Adoption Year"), m["Adoption Year"])
	date, dateOK := r.date(place("Adoption Date"), text("Adoption Date"))
	switch {
	case dateOK:
		in.issued = date
		if yearOK && year != date.Time.Year() {
			r.warn(InfoFile, place("Adoption Date"), "is in %d, but Adoption Year says %d: the date is kept, marked unconfirmed", date.Time.Year(), year)
			in.confirmed = false
			in.issuedWhy = fmt.Sprintf("The UN Human Rights Database gives the adoption date %s but the year %d.", date.ISO(), year)
		}
	case yearOK:
		in.issued = store.Date{Time: time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC), Precision: store.PrecisionYear}
	}
	return in
}

// year reads Adoption Year: a number or text such as "2019".
func (r *reader) year(place string, raw json.RawMessage) (int, bool) {
	if raw == nil || string(raw) == "null" {
		return 0, false
	}
	var v any
	_ = json.Unmarshal(raw, &v) // the list it came from was valid JSON
	var y int
	var err error
	switch v := v.(type) {
	case float64:
		y = int(v)
		if float64(y) != v {
			err = errors.New("not whole")
		}
	case string:
		if strings.TrimSpace(v) == "" {
			return 0, false
		}
		y, err = strconv.Atoi(strings.TrimSpace(v))
	default:
		err = errors.New("not a number")
	}
	if err != nil || y < 1000 || y > 9999 {
		r.warn(InfoFile, place, "%s is not a year: ignored", raw)
		return 0, false
	}
	return y, true
}

// dateLayouts are the forms of Adoption Date read, with their precision.
var dateLayouts = []struct {
	layout    string
	precision store.Precision
}{
	{"2 January 2006", store.PrecisionDay},
	{"2 Jan 2006", store.PrecisionDay},
	{"January 2, 2006", store.PrecisionDay},
	{"Jan 2, 2006", store.PrecisionDay},
	{"2006-01-02", store.PrecisionDay},
	{"January 2006", store.PrecisionMonth},
	{"2006-01", store.PrecisionMonth},
	{"2006", store.PrecisionYear},
}

func (r *reader) date(place, s string) (store.Date, bool) {
	if s == "" {
		return store.Date{}, false
	}
	s = strings.Join(strings.Fields(s), " ")
	for _, l := range dateLayouts {
		if t, err := time.Parse(l.layout, s); err == nil {
			return store.Date{Time: t, Precision: l.precision}, true
		}
	}
	r.warn(InfoFile, place, "%q is not a date: Adoption Year is used", s)
	return store.Date{}, false
}

// firstSymbol is the first of the symbols in a signature: a joint document's are joined by a
// dash, a semicolon, or a comma before another symbol ("CRC/C/GC/22, CMW/C/GC/3"; in
// "A/54/18, annex V" the comma starts no symbol).
func firstSymbol(signature string) string {
	first, _, _ := strings.Cut(strings.NewReplacer("–", ";", "—", ";").Replace(signature), ";")
	parts := strings.Split(first, ",")
	for i := 1; i < len(parts); i++ {
		if strings.Contains(parts[i], "/") {
			return strings.TrimSpace(strings.Join(parts[:i], ","))
		}
	}
	return strings.TrimSpace(first)
}

var (
	notSlug      = regexp.MustCompile(`[^A-Za-z0-9.]+`)
	separatorRun = regexp.MustCompile(`[.-]*-[.-]*|\.{2,}`)
)

// tidySlug makes a slug of s where the data file's rule (dataset.SymbolSlug) makes none: each
// run of characters other than letters, digits and "." becomes one "-".
func tidySlug(s string) string {
	s = separatorRun.ReplaceAllString(notSlug.ReplaceAllString(s, "-"), "-")
	return strings.Trim(s, "-.")
}

// fileSlug is the slug made from a paragraph file's name.
func fileSlug(file string) string {
	name := strings.TrimSuffix(path.Base(file), path.Ext(file))
	// The corpus's file names all begin so; it says nothing of the document.
	name = strings.TrimPrefix(name, "Annotated_")
	return tidySlug(name)
}

// slugs gives each entry its slug, and takes their symbol from entries that share one.
func (r *reader) slugs(infos []info) {
	bySymbol := map[string][]int{}
	for i, in := range infos {
		if in.symbol != "" {
			bySymbol[in.symbol] = append(bySymbol[in.symbol], i)
		}
	}
	for i := range infos {
		in := &infos[i]
		if in.symbol == "" {
			continue
		}
		if shared := bySymbol[in.symbol]; len(shared) > 1 {
			if shared[0] == i {
				others := make([]string, len(shared)-1)
				for k, j := range shared[1:] {
					others[k] = fmt.Sprintf("[%d]", j)
				}
				r.warn(InfoFile, fmt.Sprintf("[%d].Signature", i),
					"%q is also the Signature of %s: it names the report that published them, not each document: they are imported without a symbol, with slugs from their files' names",
					in.symbol, strings.Join(others, ", "))
			}
			in.symbol = ""
			continue
		}
		in.slug = dataset.SymbolSlug(in.symbol)
		if !dataset.ValidDocumentSlug(in.slug) {
			in.slug = tidySlug(in.symbol)
		}
	}
	seen := map[string]int{}
	for i := range infos {
		in := &infos[i]
		if in.skip {
			continue
		}
		if !dataset.ValidDocumentSlug(in.slug) {
			in.slug = fileSlug(in.file)
		}
		if !dataset.ValidDocumentSlug(in.slug) {
			r.warn(InfoFile, fmt.Sprintf("[%d]", i), "neither its symbol nor its file's name makes a slug: entry skipped")
			in.skip = true
			continue
		}
		if j, ok := seen[in.slug]; ok {
			r.warn(InfoFile, fmt.Sprintf("[%d]", i), "makes the slug %q, as entry [%d] does: entry skipped", in.slug, j)
			in.skip = true
			continue
		}
		seen[in.slug] = i
	}
}

// paragraphs reads an entry's paragraph file. ok is false when the entry is to be skipped.
func (r *reader) paragraphs(entry int, file string) (_ []store.Paragraph, ok bool) {
	if _, err := fs.Stat(r.fsys, file); errors.Is(err, fs.ErrNotExist) {
		r.warn(InfoFile, fmt.Sprintf("[%d].File PATH", entry), "%s is missing: entry skipped", file)
		return nil, false
	}
	items, ok := r.list(file)
	if !ok {
		return nil, false
	}
	var paras []store.Paragraph
	seen := map[int]int{}
	for i, m := range items {
		place := func(key string) string { return fmt.Sprintf("[%d].%s", i, key) }
		if m == nil {
			r.warn(file, fmt.Sprintf("[%d]", i), "is not an object: paragraph skipped")
			continue
		}
		raw, has := m["ID"]
		if !has || string(raw) == "null" {
			r.warn(file, place("ID"), "missing: paragraph skipped%s", beginning(m["Text"]))
			continue
		}
		n, ok := number(raw)
		if !ok {
			r.warn(file, place("ID"), "%s is not a paragraph number (a whole number from 1): paragraph skipped", raw)
			continue
		}
		if j, ok := seen[n]; ok {
			r.warn(file, place("ID"), "%d is paragraph [%d]'s number too: paragraph skipped", n, j)
			continue
		}
		var text string
		if t, has := m["Text"]; has && string(t) != "null" {
			if err := json.Unmarshal(t, &text); err != nil {
				r.warn(file, place("Text"), "is %s, not text: paragraph skipped", kindOf(t))
				continue
			}
		}
		text = strings.TrimSpace(text)
		if text == "" {
			r.warn(file, place("Text"), "paragraph %d has no text: imported without it", n)
		}
		seen[n] = i
		paras = append(paras, store.Paragraph{Number: n, Text: text})
	}
	return paras, true
}

// number reads a paragraph number written as 12, 12.0, "12" or "12.".
func number(raw json.RawMessage) (int, bool) {
	var v any
	if json.Unmarshal(raw, &v) != nil {
		return 0, false
	}
	switch v := v.(type) {
	case float64:
		n := int(v)
		return n, v >= 1 && v <= 1e6 && v == float64(n)
	case string:
		s := strings.TrimSuffix(strings.TrimSpace(v), ".")
		if s == "" || strings.ContainsAny(s, "+-") {
			return 0, false
		}
		n, err := strconv.Atoi(s)
		return n, err == nil && n >= 1 && n <= 1e6
	}
	return 0, false
}

// beginning tells how a paragraph's text begins, which may give its number away.
func beginning(raw json.RawMessage) string {
	var text string
	if json.Unmarshal(raw, &text) != nil || strings.TrimSpace(text) == "" {
		return ""
	}
	words := strings.Fields(text)
	if len(words) > 4 {
		words = append(words[:4], "...")
	}
	return fmt.Sprintf(" (its text begins %q)", strings.Join(words, " "))
}

// unnamed warns of the paragraph files in json_data/ that no entry names.
func (r *reader) unnamed(named map[string]int) {
	files, _ := fs.Glob(r.fsys, "json_data/*.json") // the pattern is valid
	for _, f := range files {
		if _, ok := named[f]; !ok {
			r.warn(f, "", "no entry of %s names this file: not imported", InfoFile)
		}
	}
}

func (r *reader) document(in info, paras []store.Paragraph) Document {
	set := store.ImportSet{
		Lang: "en",
		Document: store.DocumentInput{
			Slug:            in.slug,
			Symbol:          in.symbol,
			Title:           in.title,
			Kind:            store.GeneralComment,
			URL:             in.url,
			Issued:          in.issued,
			TitleConfirmed:  true,
			IssuedConfirmed: in.confirmed,
			IssuedWhy:       in.issuedWhy,
		},
		Paragraphs: paras,
	}
	if len(in.committees) > 0 {
		set.Document.Author = in.committees[0]
		set.Bodies = append(set.Bodies, r.committees[0])
		for _, c := range in.committees {
			i := slices.IndexFunc(r.committees, func(b store.BodyInput) bool { return b.Slug == c })
			set.Bodies = append(set.Bodies, r.committees[i])
		}
	}
	return Document{File: in.file, Committees: in.committees, Set: set}
}
