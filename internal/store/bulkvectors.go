package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"
	"golang.org/x/sync/errgroup"
)

// searchText is a text as the schema's search_vector(lang, heading, body) takes it.
type searchText struct{ lang, heading, body string }

// searchVector is a tsvector in PostgreSQL's binary form, as tsvectorsend writes it and COPY
// reads it back.
type searchVector []byte

// vectorConns is how many connections BulkImport asks for words' vectors on at once, beside
// the loading one; vectorBatch is how many texts each query takes: a query's round trip is
// small beside a thousand texts.
const vectorConns, vectorBatch = 2, 1000

// checkEvery is how often (one text in so many) the vectors BulkImport assembles are
// compared with the ones PostgreSQL computes from the whole text, so that a parser that
// reads a word differently in another place than the one it was asked about fails the load
// rather than leaving a vector that a later edit of the text would change.
const checkEvery = 512

// A vectorizer makes the search vectors of many texts, byte for byte those that
// search_vector(lang, heading, body) makes, at a fraction of the cost. PostgreSQL's parser
// costs most of to_tsvector's time, and the bulk load's texts (a million paragraphs of
// reshuffled sentences) are made of a few tens of thousands of distinct words. So the
// database parses each distinct word once, in the place it stands (a text's first word is
// read without a space before it, its last without one after it, and the parser may read a
// word differently for that: "./a" is a path at the start and "/a" after a space), and the
// vectorizer assembles each text's vector from its words' as to_tsvector, setweight and ||
// do: positions run on from word to word, the body's after the heading's last, lexemes in
// byte order. The parser never reads across a space but in an XML tag: a text holding "<",
// or whose vector would meet to_tsvector's limits (16,383 positions, 255 per lexeme), is
// given to search_vector whole.
//
// Words are put together in phrases, the runs of words up to one that ends a sentence,
// each assembled once: a generated paragraph is a few sentences of the corpus, which many
// paragraphs share, and looking up its phrases costs a twentieth of looking up its words.
//
// A vectorizer is used by one goroutine at a time.
type vectorizer struct {
	s        *Store
	langs    map[string]*langVectors
	ids      map[string]uint32 // lexemes by id
	lexemes  []string          // lexemes by id
	rank     []uint32          // each id's place in byte order among lexemes
	sorted   []string          // lexemes by rank
	checked  int               // texts made so far, for checkEvery
	keys     []uint64          // scratch for compose
	learning []searchText      // words to ask the database for, each between its sentinels
	learners []learner
}

// langVectors are the words and phrases of one language that a vectorizer knows.
type langVectors struct {
	words   map[wordKey]*wordVector
	phrases map[wordKey]*wordVector
}

// A learner is a word that a vectorizer asks the database for.
type learner struct {
	lang string
	key  wordKey
	word *wordVector
}

// A wordKey is a word, or a phrase, and where it stands in its text.
type wordKey struct {
	word string
	at   uint8 // wordFirst, wordLast
}

const (
	wordFirst = 1 << iota // the text starts with the word
	wordLast              // the text ends with the word
)

// A wordVector is what to_tsvector makes of a word, or a phrase, in its place.
type wordVector struct {
	state   uint8    // one of the states below
	width   int      // positions it takes, which the next word's start after
	entries []uint64 // lexeme id << 16 | position within it
}

const (
	asked   = iota // the database has yet to answer
	known          // entries and width hold
	tooLong        // to_tsvector stops counting within it
)

func newVectorizer(s *Store) *vectorizer {
	return &vectorizer{s: s, langs: map[string]*langVectors{}, ids: map[string]uint32{}}
}

// vectors returns the vector of every text of sets, each distinct text made once.
func (v *vectorizer) vectors(ctx context.Context, sets []ImportSet) (map[searchText]searchVector, error) {
	vectors := map[searchText]searchVector{}
	var texts []searchText
	for _, set := range sets {
		searchTexts(set, func(lang, heading, body string) {
			t := searchText{lang, heading, body}
			if _, ok := vectors[t]; !ok {
				vectors[t] = nil
				texts = append(texts, t)
			}
		})
	}
	var whole, check, later []searchText // for search_vector; and those with words to learn
	var made []searchVector              // the assembled vectors of check
	compose := func(texts []searchText, learn bool) {
		for _, t := range texts {
			vec, res := v.compose(t)
			switch {
			case res == composeLearn && learn:
				later = append(later, t)
			case res != composeOK:
				whole = append(whole, t)
			default:
				vectors[t] = vec
				if v.checked++; v.checked%checkEvery == 1 {
					check, made = append(check, t), append(made, vec)
				}
			}
		}
	}
	compose(texts, true)
	if len(later) > 0 {
		if err := v.learn(ctx); err != nil {
			return nil, err
		}
		compose(later, false)
	}
	computed, err := v.s.searchVectors(ctx, append(whole, check...))
	if err != nil {
		return nil, err
	}
	for i, t := range whole {
		vectors[t] = computed[i]
	}
	for i, t := range check {
		if want := computed[len(whole)+i]; !bytes.Equal(made[i], want) {
			return nil, fmt.Errorf("the search vector assembled for %q (%s) differs from search_vector's", t.heading+" "+t.body, t.lang)
		}
	}
	return vectors, nil
}

// composable reports whether the vector of s can be assembled from its words'.
func composable(s string) bool { return !strings.Contains(s, "<") }

// isSpace reports whether PostgreSQL's parser takes the byte c, outside a tag, as a space
// between words. Other spaces it knows (non-breaking, ideographic) stay inside the words,
// which it is then given whole.
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

// eachWord calls f with each word of s[from:to] and where it stands in s.
func eachWord(s string, from, to int, f func(w wordKey)) {
	for i := from; i < to; {
		if isSpace(s[i]) {
			i++
			continue
		}
		j := i + 1
		for j < to && !isSpace(s[j]) {
			j++
		}
		var at uint8
		if i == 0 {
			at |= wordFirst
		}
		if j == len(s) {
			at |= wordLast
		}
		f(wordKey{s[i:j], at})
		i = j
	}
}

// eachPhrase calls f with each phrase of s, from one space to one after a word ending in
// a full stop, question or exclamation mark, as the bounds of s[from:to].
func eachPhrase(s string, f func(from, to int) bool) bool {
	from := 0
	for i := 1; i < len(s); i++ {
		if isSpace(s[i]) && (s[i-1] == '.' || s[i-1] == '?' || s[i-1] == '!') {
			if !f(from, i) {
				return false
			}
			from = i
		}
	}
	return f(from, len(s))
}

// phrase returns the vector of the phrase s[from:to], assembling it from its words, or nil
// when a word is yet to be learnt.
func (v *vectorizer) phrase(lv *langVectors, lang, s string, from, to int) *wordVector {
	var at uint8
	if from == 0 {
		at |= wordFirst
	}
	if to == len(s) {
		at |= wordLast
	}
	key := wordKey{s[from:to], at}
	if p, ok := lv.phrases[key]; ok {
		return p
	}
	p := &wordVector{state: known}
	eachWord(s, from, to, func(k wordKey) {
		w := lv.words[k]
		if w == nil {
			k.word = strings.Clone(k.word) // not to keep the whole text
			w = &wordVector{}
			lv.words[k] = w
			v.ask(lang, k, w)
		}
		switch {
		case p.state != known:
		case w.state == asked:
			p.state = asked
		case w.state == tooLong && k.at&wordLast == 0:
			p.state = tooLong
		default:
			for _, e := range w.entries {
				if int(e&0xffff)+p.width >= maxPos {
					p.state = tooLong
				}
				p.entries = append(p.entries, e+uint64(p.width))
			}
			if k.at&wordLast == 0 {
				p.width += w.width
			}
		}
	})
	if p.state == asked {
		return nil
	}
	key.word = strings.Clone(key.word)
	lv.phrases[key] = p
	return p
}

// ask notes a word to learn.
func (v *vectorizer) ask(lang string, k wordKey, w *wordVector) {
	// Around the word, what the parser reads as a word of its own (a lone 0) stands for the
	// text before and after it.
	text := k.word
	if k.at&wordFirst == 0 {
		text = "0 " + text
	}
	if k.at&wordLast == 0 {
		text += " 0"
	}
	v.learning = append(v.learning, searchText{lang: lang, body: text})
	v.learners = append(v.learners, learner{lang, k, w})
}

// learn asks the database for the vectors of the words noted by ask.
func (v *vectorizer) learn(ctx context.Context) error {
	vectors, err := v.s.searchVectors(ctx, v.learning)
	if err != nil {
		return err
	}
	added := false
	for i, l := range v.learners {
		if err := v.word(l.word, vectors[i], l.key.at, &added); err != nil {
			return fmt.Errorf("the search vector of %q: %w", v.learning[i].body, err)
		}
	}
	v.learning, v.learners = v.learning[:0], v.learners[:0]
	if added {
		v.rankLexemes()
	}
	return nil
}

// word fills w from vec, to_tsvector's of the word between its sentinels (see ask): their
// positions are taken out, and the rest are made the word's own.
func (v *vectorizer) word(w *wordVector, vec searchVector, at uint8, added *bool) error {
	entries, err := decodeVector(vec)
	if err != nil {
		return err
	}
	last := 0 // the position of the sentinel after the word
	if at&wordLast == 0 {
		for _, e := range entries {
			last = max(last, int(e.positions[len(e.positions)-1]&0x3fff))
		}
	}
	shift := 0
	if at&wordFirst == 0 {
		shift = 1
	}
	w.state = known
	if at&wordLast == 0 {
		w.width = last - 1 - shift
		if w.width < 0 || last >= maxPos {
			w.state = tooLong // a word that ends where to_tsvector stops counting
			return nil
		}
	}
	for _, e := range entries {
		for _, p := range e.positions {
			pos := int(p & 0x3fff)
			if e.lexeme == "0" && (pos == last || shift == 1 && pos == 1) {
				continue // a sentinel
			}
			id, ok := v.ids[e.lexeme]
			if !ok {
				id = uint32(len(v.lexemes))
				v.ids[e.lexeme] = id
				v.lexemes = append(v.lexemes, e.lexeme)
				*added = true
			}
			w.entries = append(w.entries, uint64(id)<<16|uint64(pos-shift))
		}
	}
	return nil
}

// rankLexemes orders the lexemes as a tsvector does: by their bytes.
func (v *vectorizer) rankLexemes() {
	v.sorted = slices.Clone(v.lexemes)
	slices.Sort(v.sorted)
	v.rank = make([]uint32, len(v.lexemes))
	for r, l := range v.sorted {
		v.rank[v.ids[l]] = uint32(r)
	}
}

// maxPos is the highest position to_tsvector counts to, and maxPositions the most it keeps
// for one lexeme: past them it stops counting, which assembling does not follow.
const maxPos, maxPositions = 1<<14 - 1, 255

// What compose made of a text.
const (
	composeOK    = iota
	composeLearn // it has words to learn first
	composeWhole // it is for search_vector to make
)

// compose assembles t's vector from its phrases'.
func (v *vectorizer) compose(t searchText) (searchVector, int) {
	if !composable(t.heading) || !composable(t.body) {
		return nil, composeWhole
	}
	lv := v.langs[t.lang]
	if lv == nil {
		lv = &langVectors{words: map[wordKey]*wordVector{}, phrases: map[wordKey]*wordVector{}}
		v.langs[t.lang] = lv
	}
	keys := v.keys[:0]
	res := composeOK
	// add adds the words of s at weight w (3 is A, 2 is B), after position start, and
	// returns the highest position among them.
	add := func(s string, start int, w uint64) (top int) {
		next := start
		eachPhrase(s, func(from, to int) bool {
			p := v.phrase(lv, t.lang, s, from, to)
			switch {
			case p == nil:
				res = composeLearn
			case p.state == tooLong:
				res = max(res, composeWhole)
			case res == composeOK:
				for _, e := range p.entries {
					pos := next + int(e&0xffff)
					top = max(top, pos)
					keys = append(keys, uint64(v.rank[e>>16])<<32|uint64(pos)<<2|w)
				}
				next += p.width
			}
			return true
		})
		if next >= maxPos || top >= maxPos {
			res = max(res, composeWhole)
		}
		return top
	}
	top := add(t.heading, 0, 3)
	// || puts the body's positions after the heading's highest.
	add(t.body, top, 2)
	v.keys = keys
	if res != composeOK {
		return nil, res
	}
	slices.Sort(keys)
	out := make([]byte, 4, 4+len(keys)*10)
	n := 0
	for i := 0; i < len(keys); {
		r := keys[i] >> 32
		j := i
		for j < len(keys) && keys[j]>>32 == r {
			j++
		}
		if j-i > maxPositions {
			return nil, composeWhole
		}
		out = append(out, v.sorted[r]...)
		out = append(out, 0)
		out = binary.BigEndian.AppendUint16(out, uint16(j-i))
		for _, k := range keys[i:j] {
			out = binary.BigEndian.AppendUint16(out, uint16(k&3)<<14|uint16(k>>2&0x3fff))
		}
		n++
		i = j
	}
	binary.BigEndian.PutUint32(out, uint32(n))
	return out, composeOK
}

// vectorEntry is a lexeme of a tsvector with its positions, weights included.
type vectorEntry struct {
	lexeme    string
	positions []uint16
}

// decodeVector reads a tsvector in tsvectorsend's form.
func decodeVector(b []byte) ([]vectorEntry, error) {
	bad := errors.New("a malformed tsvector")
	if len(b) < 4 {
		return nil, bad
	}
	n := int(binary.BigEndian.Uint32(b))
	b = b[4:]
	entries := make([]vectorEntry, 0, n)
	for range n {
		end := bytes.IndexByte(b, 0)
		if end < 0 || len(b) < end+3 {
			return nil, bad
		}
		e := vectorEntry{lexeme: string(b[:end])}
		npos := int(binary.BigEndian.Uint16(b[end+1:]))
		b = b[end+3:]
		if npos == 0 || len(b) < 2*npos {
			return nil, bad
		}
		for i := range npos {
			e.positions = append(e.positions, binary.BigEndian.Uint16(b[2*i:]))
		}
		b = b[2*npos:]
		entries = append(entries, e)
	}
	return entries, nil
}

// searchTexts calls add with every text whose vector set's rows hold, as rows.set
// looks them up, in no particular order.
func searchTexts(set ImportSet, add func(lang, heading, body string)) {
	for _, p := range set.Paragraphs {
		add(set.Lang, p.Topic, p.Text)
	}
	for _, a := range set.Advances {
		add(set.Lang, a.Title, a.Summary)
		for lang, tr := range a.Translations {
			add(lang, tr.Title, tr.Text)
		}
	}
	for _, r := range set.Recommendations {
		add(set.Lang, r.Title, r.Text)
		for lang, tr := range r.Translations {
			add(lang, tr.Title, tr.Text)
		}
	}
	for _, q := range set.Quotes {
		add(quoteLang(q, set.Lang), q.SpeakerName, q.Text)
	}
}

// searchVectors computes search_vector of each of texts, in order, on vectorConns
// connections of the pool at once, outside the loading transaction.
func (s *Store) searchVectors(ctx context.Context, texts []searchText) ([]searchVector, error) {
	made := make([]searchVector, len(texts))
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(vectorConns)
	for start := 0; start < len(texts); start += vectorBatch {
		end := min(start+vectorBatch, len(texts))
		g.Go(func() error { return s.vectorBatch(ctx, texts[start:end], made[start:end]) })
	}
	return made, g.Wait()
}

// vectorBatch fills vectors with the vectors of texts, in order.
func (s *Store) vectorBatch(ctx context.Context, texts []searchText, vectors []searchVector) error {
	langs, headings, bodies := make([]string, len(texts)), make([]string, len(texts)), make([]string, len(texts))
	for i, t := range texts {
		langs[i], headings[i], bodies[i] = t.lang, t.heading, t.body
	}
	rows, err := s.pool.Query(ctx, `
SELECT tsvectorsend(search_vector(t.lang, t.heading, t.body))
FROM unnest(@langs::text[], @headings::text[], @bodies::text[]) WITH ORDINALITY AS t (lang, heading, body, n)
ORDER BY t.n`, pgx.NamedArgs{"langs": langs, "headings": headings, "bodies": bodies})
	if err != nil {
		return err
	}
	made, err := pgx.CollectRows(rows, pgx.RowTo[[]byte])
	if err != nil {
		return err
	}
	if len(made) != len(texts) {
		return fmt.Errorf("%d search vectors for %d texts", len(made), len(texts))
	}
	for i, v := range made {
		vectors[i] = v
	}
	return nil
}
