package sourcescore

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

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

// lowerByRune is LowerSameLength as it was written first, every rune
// through unicode.ToLower: the reference for its ASCII fast path.
func lowerByRune(s string) string {
	b := make([]byte, 0, len(s))
	for _, r := range s {
		l := unicode.ToLower(r)
		if utf8.RuneLen(l) != utf8.RuneLen(r) {
			l = r
		}
		b = utf8.AppendRune(b, l)
	}
	return string(b)
}

// FuzzLowerSameLength checks LowerSameLength against lowerByRune, also on
// text that is not valid UTF-8.
func FuzzLowerSameLength(f *testing.F) {
	var ascii strings.Builder
	for c := range utf8.RuneSelf {
		ascii.WriteByte(byte(c))
	}
	for _, s := range []string{
		ascii.String(), "é" + ascii.String(), "ascii ONLY", "", "Peskow SAGTE über ÄRGER", "GROẞE İstanbul-Reise", "ǅ ǈ Σ ς ΣΑΣ",
		"x\xffY", "Ä\xc3", "\xe2\x80Z", "A\u0308BC", "ＡＢＣ",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := LowerSameLength(s), lowerByRune(s); got != want {
			t.Errorf("LowerSameLength(%q) = %q, want %q", s, got, want)
		}
	})
}
