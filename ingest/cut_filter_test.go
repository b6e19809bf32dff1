package ingest

import (
	"regexp"
	"strings"
	"testing"

	"sourcescore"
)

// A cut rule's line filter is a prefilter: a line it turns down is not
// tried against the regular expression at all, even one that would match.
func TestCutLines_Filter(t *testing.T) {
	lines := []string{"Text", "  ANZEIGE ", "mehr Text", "\tÄrger-Anzeige "}
	re := regexp.MustCompile(`(?i)anzeige$`)
	tests := []struct {
		f    sourcescore.LineFilter
		want []bool
	}{
		{sourcescore.LineFilter{}, []bool{false, true, false, true}},
		{sourcescore.LineFilter{Literals: []string{"anzeige"}}, []bool{false, true, false, true}},
		{sourcescore.LineFilter{Literals: []string{"werbung"}}, []bool{false, false, false, false}},
		{sourcescore.LineFilter{Prefixes: []string{"ärger"}}, []bool{false, false, false, true}},
		{sourcescore.LineFilter{Suffixes: []string{"-anzeige"}}, []bool{false, false, false, true}},
		{sourcescore.LineFilter{MaxLen: 7}, []bool{false, true, false, false}},
		{sourcescore.LineFilter{MaxLen: 6}, []bool{false, false, false, false}},
	}
	text := strings.Join(lines, "\n")
	for _, tt := range tests {
		bp := &sourcescore.Boilerplate{Rules: []sourcescore.CutRule{{Start: re, StartFilter: tt.f}}}
		got := cutLines(lines, sourcescore.LowerSameLength(text), bp)
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("filter %+v: cut %v, want %v", tt.f, got, tt.want)
				break
			}
		}
	}
}
