package sourcescore

import (
	"os"
	"path/filepath"
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
		"x\xffY", "Ä\xc3", "ÄBCDEFGHIJKLMNOPQRSTUVWXYZ@[`{\xffABCDEFGH", "é12345678\xc3\xa4ABCDEFG\x80", "\xe2\x80Z", "A\u0308BC", "ＡＢＣ",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := LowerSameLength(s), lowerByRune(s); got != want {
			t.Errorf("LowerSameLength(%q) = %q, want %q", s, got, want)
		}
	})
}

// asciiUpper marks exactly the upper-case letters, whatever the other bytes
// of the word.
func TestAsciiUpper(t *testing.T) {
	for c := range uint64(utf8.RuneSelf) {
		for pos := range 8 {
			var w uint64
			for k := range 8 {
				w |= (c + uint64(k)*37) % utf8.RuneSelf << (8 * k)
			}
			w = w&^(0xff<<(8*pos)) | c<<(8*pos)
			got := asciiUpper(w) >> (8 * pos) & 0xff
			if want := 'A' <= c && c <= 'Z'; (got == 0x80) != want || got&^0x80 != 0 {
				t.Errorf("asciiUpper(%#x) marks byte %d (%q) as %#x, want upper-case %v", w, pos, rune(c), got, want)
			}
		}
	}
}

// BenchmarkLowerSameLength lower-cases the seed articles.
func BenchmarkLowerSameLength(b *testing.B) {
	paths, err := filepath.Glob(filepath.Join("seeds", "*.txt"))
	if err != nil || len(paths) == 0 {
		b.Fatal("no seeds")
	}
	var texts []string
	size := 0
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(raw))
		size += len(raw)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range texts {
			LowerSameLength(s)
		}
	}
}
