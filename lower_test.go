package sourcescore

import "testing"

func TestLowerSameLength(t *testing.T) {
	tests := map[string]string{
		"Peskow SAGTE":         "peskow sagte",
		"ÄRGER über Straße":    "ärger über straße",
		"GROẞE İstanbul-Reise": "groẞe İstanbul-reise", // ẞ and İ lower-case to another length: kept
		"":                     "",
	}
	for in, want := range tests {
		got := LowerSameLength(in)
		if got != want || len(got) != len(in) {
			t.Errorf("LowerSameLength(%q) = %q, want %q of the same length", in, got, want)
		}
	}
}
