package ingest

import (
	"regexp"
	"strings"
	"testing"

	"sourcescore"
)

// The literals and the length bound of a cut rule are a prefilter: a line
// without one of the literals, or longer than the bound, is not tried
// against the regular expression at all.
func TestCutLines_Prefilter(t *testing.T) {
	lines := []string{"Text", "  ANZEIGE ", "mehr Text", "\tÄrger-Anzeige "}
	re := regexp.MustCompile(`(?i)anzeige$`)
	tests := []struct {
		lits   []string
		maxLen int
		want   []bool
	}{
		{nil, 0, []bool{false, true, false, true}},
		{[]string{"anzeige"}, 0, []bool{false, true, false, true}},
		{[]string{"werbung"}, 0, []bool{false, false, false, false}},
		{[]string{"ärger"}, 0, []bool{false, false, false, true}},
		{nil, 7, []bool{false, true, false, false}},
		{nil, 6, []bool{false, false, false, false}},
	}
	text := strings.Join(lines, "\n")
	for _, tt := range tests {
		bp := &sourcescore.Boilerplate{Rules: []sourcescore.CutRule{{Start: re, StartLiterals: tt.lits, StartMaxLen: tt.maxLen}}}
		got := cutLines(lines, sourcescore.LowerSameLength(text), bp)
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("literals %v, max %d: cut %v, want %v", tt.lits, tt.maxLen, got, tt.want)
				break
			}
		}
	}
}
