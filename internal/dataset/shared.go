package dataset

import (
	"fmt"
	"strings"

	"github.com/hrdtracker/hrdtracker/internal/store"
)

// shared reports each body and source that the database holds with other fields, at the place
// the file defines it. Such a record may belong to another document's file: this file must
// restate it as held, or the import be told to change it.
func (c *checker) shared(conflicts []store.SharedConflict) {
	for _, sc := range conflicts {
		var msg strings.Builder
		switch {
		case sc.Source && sc.HeldAs != "":
			fmt.Fprintf(&msg, "the symbol of this source is document %q's", sc.HeldAs)
		case sc.Source:
			fmt.Fprintf(&msg, "document %q is already in the database with", sc.Slug)
		default:
			fmt.Fprintf(&msg, "body %q is already in the database with", sc.Slug)
		}
		if sc.HeldAs == "" {
			for i, ch := range sc.Changes {
				if i > 0 {
					msg.WriteString(",")
				}
				fmt.Fprintf(&msg, " %s %s (here %s)", ch.Field, shown(ch.Held), shown(ch.New))
			}
		}
		switch {
		case len(sc.NamedBy) > 0:
			fmt.Fprintf(&msg, "; named by %s", sc.Naming())
		case sc.Source:
			msg.WriteString("; no document names it yet")
		}
		msg.WriteString(": a file may change only its own document; copy the record as held, " +
			"or import with -update-shared to change it for every document")
		path := fmt.Sprintf("bodies[%d]", sc.Index)
		if sc.Source {
			path = fmt.Sprintf("sources[%d]", sc.Index)
		}
		c.report(path, RuleShared, "%s", msg.String())
	}
}

// shown quotes a field's value for a message, shortened: titles can be long.
func shown(s string) string {
	if s == "" {
		return "empty"
	}
	if r := []rune(s); len(r) > 60 {
		s = string(r[:57]) + "..."
	}
	return fmt.Sprintf("%q", s)
}
