package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"golang.org/x/sync/errgroup"
)

// searchText is a text as the schema's search_vector(lang, heading, body) takes it.
type searchText struct{ lang, heading, body string }

// searchVector is a tsvector in PostgreSQL's binary form, as tsvectorsend writes it and COPY
// reads it back, so that a vector goes from the connection that made it to the one that
// loads it without being decoded.
type searchVector []byte

// vectorConns is how many connections BulkImport computes search vectors on at once,
// beside the loading one; vectorBatch is how many texts each query takes. The vectors cost
// about as much of the database's time as everything the loading connection does: two
// connections keep them ahead of the load on a database of two cores or more. A query's
// round trip is small beside a thousand texts.
const vectorConns, vectorBatch = 2, 1000

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

// searchVectors computes the vector of every text of sets, each distinct text once (the
// translations of generated data repeat a few texts many times), on vectorConns connections
// of the pool at once, outside the loading transaction.
func (s *Store) searchVectors(ctx context.Context, sets []ImportSet) (map[searchText]searchVector, error) {
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
	made := make([]searchVector, len(texts))
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(vectorConns)
	for start := 0; start < len(texts); start += vectorBatch {
		end := min(start+vectorBatch, len(texts))
		g.Go(func() error { return s.vectorBatch(ctx, texts[start:end], made[start:end]) })
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	for i, t := range texts {
		vectors[t] = made[i]
	}
	return vectors, nil
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

// searchVectorCodec is tsvector's codec, which also writes a searchVector as it is.
type searchVectorCodec struct{ pgtype.TSVectorCodec }

func (c searchVectorCodec) PlanEncode(m *pgtype.Map, oid uint32, format int16, value any) pgtype.EncodePlan {
	if _, ok := value.(searchVector); ok && format == pgtype.BinaryFormatCode {
		return encodeSearchVector{}
	}
	return c.TSVectorCodec.PlanEncode(m, oid, format, value)
}

type encodeSearchVector struct{}

func (encodeSearchVector) Encode(value any, buf []byte) ([]byte, error) {
	return append(buf, value.(searchVector)...), nil
}
