package sourcescore

import "testing"

// TestLineFilter_May: every field of a filter is a condition a matching
// line meets, so a line failing any one of them cannot match; the zero
// filter passes every line.
func TestLineFilter_May(t *testing.T) {
	ad := LineFilter{Prefixes: []string{"-"}, Suffixes: []string{"-"}, Literals: []string{"anzeige"}}
	short := LineFilter{MaxLen: 10, Prefixes: []string{"teilen"}}
	tests := []struct {
		f    LineFilter
		line string
		want bool
	}{
		{ad, "-- anzeige --", true},
		{ad, "- ein Spiegelstrich über die Anzeige", false}, // begins right, ends wrong
		{ad, "ein satz -", false},                           // ends right, begins wrong
		{ad, "-- werbung --", false},                        // both ends right, no literal
		{short, "teilen", true},
		{short, "teilen sie diesen artikel", false}, // too long
		{short, "drucken", false},
		{LineFilter{}, "anything", true},
	}
	for _, tt := range tests {
		if got := tt.f.May(tt.line, LowerSameLength(tt.line)); got != tt.want {
			t.Errorf("%+v.May(%q) = %v, want %v", tt.f, tt.line, got, tt.want)
		}
	}
}
