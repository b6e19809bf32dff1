package store

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"sourcescore"
)

// TestOriginColumn: the fields inferred from the text and those taken from
// the page share the inferred column and come back apart; a column written
// before pages were read comes back as it was.
func TestOriginColumn(t *testing.T) {
	for _, c := range []struct {
		meta   sourcescore.Metadata
		column string
	}{
		{sourcescore.Metadata{}, ""},
		{sourcescore.Metadata{Inferred: []string{"published", "language"}}, "published,language"},
		{sourcescore.Metadata{Inferred: []string{"story"}, FromPage: []string{"outlet", "url"}}, "story,page:outlet,page:url"},
		{sourcescore.Metadata{FromPage: []string{"published"}}, "page:published"},
	} {
		if got := originColumn(c.meta); got != c.column {
			t.Errorf("originColumn(%+v) = %q, want %q", c.meta, got, c.column)
		}
		var m sourcescore.Metadata
		readOrigins(&m, c.column)
		if d := cmp.Diff(c.meta, m); d != "" {
			t.Errorf("readOrigins(%q) (-want +got):\n%s", c.column, d)
		}
	}
}
