package rules

import (
	"os"
	"path/filepath"
	"testing"
)

// seedArticles loads the seed texts as articles (German, published, story
// recognised by the rules).
func seedArticles(tb testing.TB) [][]byte {
	tb.Helper()
	files, err := filepath.Glob("../seeds/*.txt")
	if err != nil || len(files) == 0 {
		tb.Fatalf("no seeds: %v", err)
	}
	var out [][]byte
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, data)
	}
	return out
}

// BenchmarkApply applies the built-in rule set to each seed article in turn.
func BenchmarkApply(b *testing.B) {
	set := builtin(b)
	texts := seedArticles(b)
	var total int64
	for _, t := range texts {
		total += int64(len(t))
	}
	b.SetBytes(total / int64(len(texts)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t := texts[i%len(texts)]
		set.Apply(article(string(t), "de", "2024-10-25", ""))
	}
}
