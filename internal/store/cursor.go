package store

import (
	"encoding/base64"
	"errors"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Cursor is where a page of a list starts: just after the row it names, in the list's order. Lists page by cursor (keyset pagination) rather than by page number: the database
// walks an index from the cursor and reads only the rows it shows, where an OFFSET would read
// and throw away every row before the page, more with each page.
//
// A cursor holds the named row's place in one order: for an advance, its document's slug,
// first cited paragraph and position in the paragraph order, its event's day in the date
// order; for a recommendation or a quote, its document's slug and position (SortDocument);
// for a quote of a body's speakers, its document's id and position (SortAdded); its id in every
// order, which makes the place unique when the other keys tie. A change's place is its time
// (SortChanged, in Event, to the microsecond that the database keeps) and id.
type Cursor struct {
	Sort      Sort
	Document  string    // SortParagraph, SortDocument, SortIssued: the document's slug
	Paragraph int       // SortParagraph: the first paragraph cited; math.MaxInt32, last, when none is
	Position  int       // SortParagraph, SortDate, SortDocument: the row's place in its document
	Event     time.Time // SortDate: the day of the event, SortIssued: of the document; zero when not known
	// DocumentID is, in SortDate, the id of the advance's document: among equal dates the
	// order is by document and position; in SortAdded, the quote's document.
	DocumentID int64
	ID         int64
}

// ErrBadCursor means a cursor was not written by String: mistyped, cut short or tampered with.
var ErrBadCursor = errors.New("bad cursor")

var slugPattern = regexp.MustCompile(`^[A-Za-z0-9]+([.-][A-Za-z0-9]+)*$`)

// String is the cursor as it goes into an address: opaque, short and URL-safe.
func (c Cursor) String() string {
	var raw string
	switch c.Sort {
	case SortDate:
		event := ""
		if !c.Event.IsZero() {
			event = c.Event.Format(time.DateOnly)
		}
		raw = strings.Join([]string{"d", event, strconv.FormatInt(c.DocumentID, 10), strconv.Itoa(c.Position), strconv.FormatInt(c.ID, 10)}, "~")
	case SortIssued:
		issued := ""
		if !c.Event.IsZero() {
			issued = c.Event.Format(time.DateOnly)
		}
		raw = strings.Join([]string{"n", issued, c.Document, strconv.FormatInt(c.ID, 10)}, "~")
	case SortDocument:
		raw = strings.Join([]string{"i", c.Document, strconv.Itoa(c.Position), strconv.FormatInt(c.ID, 10)}, "~")
	case SortChanged:
		raw = strings.Join([]string{"c", strconv.FormatInt(c.Event.UnixMicro(), 10), strconv.FormatInt(c.ID, 10)}, "~")
	case SortAdded:
		raw = strings.Join([]string{"a", strconv.FormatInt(c.DocumentID, 10), strconv.Itoa(c.Position), strconv.FormatInt(c.ID, 10)}, "~")
	default:
		raw = strings.Join([]string{"p", c.Document, strconv.Itoa(c.Paragraph), strconv.Itoa(c.Position), strconv.FormatInt(c.ID, 10)}, "~")
	}
	return base64.RawURLEncoding.EncodeToString([]byte(raw))
}

// ParseCursor reads a cursor that String wrote; anything else is ErrBadCursor.
func ParseCursor(s string) (Cursor, error) {
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return Cursor{}, ErrBadCursor
	}
	f := strings.Split(string(raw), "~")
	id, ok := parseID(f[len(f)-1])
	if !ok {
		return Cursor{}, ErrBadCursor
	}
	switch {
	case f[0] == "d" && len(f) == 5:
		doc, ok := parseID(f[2])
		pos, err := strconv.ParseInt(f[3], 10, 32)
		if !ok || err != nil || pos < 1 {
			return Cursor{}, ErrBadCursor
		}
		c := Cursor{Sort: SortDate, DocumentID: doc, Position: int(pos), ID: id}
		if f[1] != "" {
			if c.Event, err = time.Parse(time.DateOnly, f[1]); err != nil {
				return Cursor{}, ErrBadCursor
			}
		}
		return c, nil
	case f[0] == "n" && len(f) == 4:
		c := Cursor{Sort: SortIssued, Document: f[2], ID: id}
		if f[1] != "" {
			if c.Event, err = time.Parse(time.DateOnly, f[1]); err != nil {
				return Cursor{}, ErrBadCursor
			}
		}
		if !slugPattern.MatchString(f[2]) {
			return Cursor{}, ErrBadCursor
		}
		return c, nil
	case f[0] == "i" && len(f) == 4:
		pos, err := strconv.ParseInt(f[2], 10, 32)
		if !slugPattern.MatchString(f[1]) || err != nil || pos < 1 {
			return Cursor{}, ErrBadCursor
		}
		return Cursor{Sort: SortDocument, Document: f[1], Position: int(pos), ID: id}, nil
	case f[0] == "c" && len(f) == 3:
		at, err := strconv.ParseInt(f[1], 10, 64)
		if err != nil || strconv.FormatInt(at, 10) != f[1] {
			return Cursor{}, ErrBadCursor
		}
		return Cursor{Sort: SortChanged, Event: time.UnixMicro(at).UTC(), ID: id}, nil
	case f[0] == "a" && len(f) == 4:
		doc, ok := parseID(f[1])
		pos, err := strconv.ParseInt(f[2], 10, 32)
		if !ok || err != nil || pos < 1 {
			return Cursor{}, ErrBadCursor
		}
		return Cursor{Sort: SortAdded, DocumentID: doc, Position: int(pos), ID: id}, nil
	case f[0] == "p" && len(f) == 5:
		para, err1 := strconv.ParseInt(f[2], 10, 32)
		pos, err2 := strconv.ParseInt(f[3], 10, 32)
		if !slugPattern.MatchString(f[1]) || err1 != nil || err2 != nil || para < 1 || pos < 1 {
			return Cursor{}, ErrBadCursor
		}
		return Cursor{Sort: SortParagraph, Document: f[1], Paragraph: int(para), Position: int(pos), ID: id}, nil
	}
	return Cursor{}, ErrBadCursor
}

func parseID(s string) (int64, bool) {
	id, err := strconv.ParseInt(s, 10, 64)
	return id, err == nil && id > 0 && strconv.FormatInt(id, 10) == s
}
