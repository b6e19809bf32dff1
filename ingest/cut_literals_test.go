package ingest

import (
	"regexp"
	"testing"

	"sourcescore"
)

// The literals of a cut rule are a prefilter: a line without one of them is
// not tried against the regular expression at all.
func TestCutLines_Literals(t *testing.T) {
	lines := []string{"Text", "  ANZEIGE ", "mehr Text"}
	re := regexp.MustCompile(`(?i)^anzeige$`)
	tests := []struct {
		lits []string
		want []bool
	}{
		{nil, []bool{false, true, false}},
		{[]string{"anzeige"}, []bool{false, true, false}},
		{[]string{"werbung"}, []bool{false, false, false}},
	}
	for _, tt := range tests {
		bp := &sourcescore.Boilerplate{Rules: []sourcescore.CutRule{{Start: re, StartLiterals: tt.lits}}}
		got := cutLines(lines, bp)
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("literals %v: cut %v, want %v", tt.lits, got, tt.want)
				break
			}
		}
	}
}
