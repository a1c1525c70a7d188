package store_test

import (
	"encoding/base64"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/hrdtracker/hrdtracker/internal/store"
)

func TestCursorRoundTrip(t *testing.T) {
	for _, c := range []store.Cursor{
		{Sort: store.SortParagraph, Document: "E-C.12-GC-25", Paragraph: 3, Position: 1, ID: 42},
		{Sort: store.SortParagraph, Document: "A-73-230", Paragraph: 2147483647, Position: 11, ID: 1},
		{Sort: store.SortDate, Event: time.Date(2018, 7, 30, 0, 0, 0, 0, time.UTC), DocumentID: 3, Position: 2, ID: 9},
		{Sort: store.SortDate, DocumentID: 3, Position: 1, ID: 9}, // undated
		{Sort: store.SortDocument, Document: "A-73-230", Position: 6, ID: 12},
		{Sort: store.SortAdded, DocumentID: 7, Position: 3, ID: 12},
		{Sort: store.SortChanged, Event: time.Date(2026, 12, 1, 9, 10, 11, 123456000, time.UTC), ID: 5},
	} {
		got, err := store.ParseCursor(c.String())
		if err != nil {
			t.Fatalf("ParseCursor(%q) = %v", c.String(), err)
		}
		if diff := cmp.Diff(c, got); diff != "" {
			t.Errorf("ParseCursor(%+v.String()) (-want +got):\n%s", c, diff)
		}
	}
}

func TestParseCursorRefusesTampering(t *testing.T) {
	enc := func(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }
	for _, s := range []string{
		"", "!!", "cA", enc("p~A-1~1~1"), enc("p~A-1~1~1~1~1"), enc("p~~1~1~1"), enc("p~a b~1~1~1"),
		enc("p~A-1~0~1~1"), enc("p~A-1~1~-1~1"), enc("p~A-1~1~1~0"), enc("p~A-1~1~1~01"), enc("p~A-1~x~1~1"),
		enc("p~A-1~99999999999~1~1"), enc("d~2018-13-01~1~1~1"), enc("d~yesterday~1~1~1"), enc("d~~1~1~"), enc("d~~0~1~1"),
		enc("d~~1~1"), enc("x~~1"), enc("d~2018-07-30~1~1~9") + "=", enc("i~A-1~0~1"), enc("i~~1~1"), enc("i~A-1~1~1~1"),
		enc("a~A-1~1~1"), enc("a~0~1~1"), enc("a~1~0~1"), enc("a~1~1~1~1"), enc("a~1~1"),
		enc("c~~1"), enc("c~x~1"), enc("c~01~1"), enc("c~1~1~1"), enc("c~1~0"),
	} {
		if c, err := store.ParseCursor(s); !errors.Is(err, store.ErrBadCursor) {
			t.Errorf("ParseCursor(%q) = %+v, %v; want ErrBadCursor", s, c, err)
		}
	}
}
