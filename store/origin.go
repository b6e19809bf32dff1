package store

import (
	"strings"

	"sourcescore"
)

// The inferred column of results holds, comma-separated, the names of the
// metadata fields that did not come from the manifest: a field inferred
// from the text by its name ("published"), a field taken from the page's
// metadata (a web page's or a crawler's JSON) with pagePrefix
// ("page:outlet"). A database written before pages were read holds only
// the former, and reads back as it did.
const pagePrefix = "page:"

// originColumn is the inferred column's value for m.
func originColumn(m sourcescore.Metadata) string {
	if len(m.FromPage) == 0 {
		return strings.Join(m.Inferred, ",")
	}
	names := append([]string(nil), m.Inferred...)
	for _, f := range m.FromPage {
		names = append(names, pagePrefix+f)
	}
	return strings.Join(names, ",")
}

// readOrigins fills m.Inferred and m.FromPage from the inferred column.
func readOrigins(m *sourcescore.Metadata, column string) {
	if column == "" {
		return
	}
	for _, f := range strings.Split(column, ",") {
		if name, ok := strings.CutPrefix(f, pagePrefix); ok {
			m.FromPage = append(m.FromPage, name)
		} else {
			m.Inferred = append(m.Inferred, f)
		}
	}
}
