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

// TestLineFilter_MayHolding: a line known to hold a literal is not searched
// for one again, unless only its tail counts; the other tests still hold.
func TestLineFilter_MayHolding(t *testing.T) {
	f := LineFilter{Literals: []string{"foto"}, MaxLen: 20}
	for _, c := range []struct {
		f          LineFilter
		line       string
		held, want bool
	}{
		{f, "ohne", false, false},
		{f, "ohne", true, true},
		{f, "ein viel zu langer satz ohne", true, false},
		{LineFilter{Literals: []string{"foto"}, TailLen: 6}, "foto und mehr text", true, false},
		{LineFilter{Literals: []string{"foto"}, TailLen: 6}, "text. foto", true, true},
	} {
		if got := c.f.MayHolding(c.line, c.line, c.held); got != c.want {
			t.Errorf("%+v MayHolding(%q, held %v) = %v, want %v", c.f, c.line, c.held, got, c.want)
		}
	}
}
