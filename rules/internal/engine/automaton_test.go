package engine

import (
	"math/rand"
	"runtime"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	ahocorasick "github.com/petar-dambovaliev/aho-corasick"

	"sourcescore"
)

// libFound returns what the aho-corasick library reports, overlapping, in
// its order.
func libFound(ac ahocorasick.AhoCorasick, text string) []found {
	it := ac.IterOverlapping(text)
	var out []found
	for m := it.Next(); m != nil; m = it.Next() {
		out = append(out, found{m.Pattern(), m.Start(), m.End()})
	}
	return out
}

func autoFound(a *automaton, text string) []found {
	var out []found
	a.each(text, func(p, start, end int) { out = append(out, found{p, start, end}) })
	return out
}

// TestAutomaton_SameAsLibrary: the automaton reports what the library's
// overlapping iterator reports, in the same order.
func TestAutomaton_SameAsLibrary(t *testing.T) {
	set := builtin(t)
	all := scannerPatterns(set)
	if _, ok := set.scan.auto.(*automaton); !ok {
		t.Errorf("the built-in rules' scanner is a %T, want the dense automaton (maxCells too small?)", set.scan.auto)
	}
	texts := []string{"", "ä", "die die  diedie, laut laut-laut; zufolge"}
	for _, s := range seedArticles(t) {
		texts = append(texts, sourcescore.LowerSameLength(string(s)))
	}
	check := func(name string, patterns []string, texts ...string) {
		t.Helper()
		b := ahocorasick.NewAhoCorasickBuilder(ahocorasick.Opts{MatchKind: ahocorasick.StandardMatch, DFA: true})
		ac, a := b.Build(patterns), newAutomaton(patterns)
		for _, text := range texts {
			if diff := cmp.Diff(libFound(ac, text), autoFound(a, text), cmp.AllowUnexported(found{})); diff != "" {
				t.Errorf("%s on %.60q (-library +automaton):\n%s", name, text, diff)
			}
		}
	}
	check("scanner", all, texts...)
	// Small alphabets: many overlaps, repeated patterns, a pattern inside another.
	rng := rand.New(rand.NewSource(1))
	for round := 0; round < 300; round++ {
		patterns := smallAlphabetPatterns(rng, 8)
		var b strings.Builder
		n := rng.Intn(40)
		if round%3 == 0 {
			n = 100 + rng.Intn(400) // long enough to be walked as two halves
		}
		for range n {
			b.WriteByte("abc\xc3\xa4"[rng.Intn(5)])
		}
		check(strings.Join(patterns, "|"), patterns, b.String())
	}
}

func TestAutomaton_EmptyPattern(t *testing.T) {
	if newAutomaton([]string{"a", ""}) != nil {
		t.Error("an empty pattern must leave the set to the compact automaton")
	}
	p := NewPhraseSet([]string{"laut", " "})
	p.build()
	if _, ok := p.auto.(*compactAutomaton); !ok {
		t.Fatalf("want the compact automaton for an empty phrase, got %T", p.auto)
	}
	if got := p.Find("laut x"); len(got) == 0 {
		t.Error("no match through the compact automaton")
	}
	got := newCompactAutomaton([]string{"", "ab", "b"}).appendAll("xab", nil)
	want := []found{{0, 0, 0}, {0, 1, 1}, {0, 2, 2}, {1, 1, 3}, {2, 2, 3}, {0, 3, 3}}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(found{})); diff != "" {
		t.Errorf("an empty pattern matches once at every position, after the longer ones ending there (-want +got):\n%s", diff)
	}
}

// TestCompactAutomaton_SameAsLibrary: the compact automaton reports what
// the library's overlapping iterator reports, in the same order: on the
// built-in rules' patterns over the seeds, and on random small alphabets
// with repeated and nested patterns. (With an empty pattern the library
// reports some positions twice; the compact automaton reports it once at
// every position: TestAutomaton_EmptyPattern.)
func TestCompactAutomaton_SameAsLibrary(t *testing.T) {
	check := func(name string, patterns []string, texts ...string) {
		t.Helper()
		b := ahocorasick.NewAhoCorasickBuilder(ahocorasick.Opts{MatchKind: ahocorasick.StandardMatch})
		ac, a := b.Build(patterns), newCompactAutomaton(patterns)
		for _, text := range texts {
			if diff := cmp.Diff(libFound(ac, text), a.appendAll(text, nil), cmp.AllowUnexported(found{})); diff != "" {
				t.Errorf("%s on %.60q (-library +compact):\n%s", name, text, diff)
			}
		}
	}
	set := builtin(t)
	all := scannerPatterns(set)
	var texts []string
	for _, s := range seedArticles(t) {
		texts = append(texts, sourcescore.LowerSameLength(string(s)))
	}
	check("scanner", all, texts...)
	rng := rand.New(rand.NewSource(2))
	for round := 0; round < 500; round++ {
		patterns := smallAlphabetPatterns(rng, 12)
		var b strings.Builder
		for range rng.Intn(60) {
			b.WriteByte("abc\xc3\xa4"[rng.Intn(5)])
		}
		check(strings.Join(patterns, "|"), patterns, b.String())
	}
}

// TestCompactAutomaton_Memory: a set of 100,000 phrases, too large for the
// dense table, costs a small multiple of its bytes (issue 12: the library
// needed about 100 times them, and a dense table hundreds).
func TestCompactAutomaton_Memory(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	patterns := make([]string, 100_000)
	total := 0
	for i := range patterns {
		var b strings.Builder
		for range 6 + rng.Intn(25) {
			b.WriteByte("abcdefghijklmnopqrstuvwxyz "[rng.Intn(27)])
		}
		patterns[i] = b.String()
		total += len(patterns[i])
	}
	if newAutomaton(patterns) != nil {
		t.Fatal("the set fits a dense table: the test needs a larger one")
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	a := newCompactAutomaton(patterns)
	runtime.GC()
	runtime.ReadMemStats(&after)
	held := int(after.HeapAlloc) - int(before.HeapAlloc)
	t.Logf("%d phrases, %d bytes: the automaton holds %d bytes (%.1f per byte of phrase)", len(patterns), total, held, float64(held)/float64(total))
	if held > 20*total {
		t.Errorf("the automaton holds %d bytes for %d bytes of phrases: more than 20 per byte", held, total)
	}
	if got := a.appendAll(patterns[7], nil); len(got) == 0 {
		t.Error("a phrase is not found in itself")
	}
	runtime.KeepAlive(a)
}

// TestAutomaton_AcrossTheMiddle: an occurrence is found wherever it lies
// against the middle where the second walk takes over.
func TestAutomaton_AcrossTheMiddle(t *testing.T) {
	patterns := []string{"abcdefgh", "b", "gh", "hx"}
	b := ahocorasick.NewAhoCorasickBuilder(ahocorasick.Opts{MatchKind: ahocorasick.StandardMatch, DFA: true})
	ac, a := b.Build(patterns), newAutomaton(patterns)
	for n := 150; n < 170; n++ {
		for at := 0; at+8 <= n; at++ {
			text := strings.Repeat("x", at) + "abcdefgh" + strings.Repeat("x", n-at-8)
			if diff := cmp.Diff(libFound(ac, text), autoFound(a, text), cmp.AllowUnexported(found{})); diff != "" {
				t.Fatalf("n=%d at=%d (-library +automaton):\n%s", n, at, diff)
			}
		}
	}
}

func BenchmarkScan(b *testing.B) {
	set := builtin(b)
	var texts []string
	total := 0
	for _, s := range seedArticles(b) {
		texts = append(texts, sourcescore.LowerSameLength(string(s)))
		total += len(s)
	}
	b.SetBytes(int64(total))
	var all, ph, li []found
	for b.Loop() {
		for _, t := range texts {
			all, ph, li = set.scan.scan(t, all[:0], ph[:0], li[:0])
		}
	}
}

// scannerPatterns returns the patterns of set's scanner, in its order.
func scannerPatterns(set *builtinSet) []string {
	var all []string
	for k := range set.scan.phrase {
		if i := set.scan.phrase[k]; i >= 0 {
			all = append(all, set.merged.phrases[i])
		} else {
			all = append(all, set.gate.lits[set.scan.lit[k]])
		}
	}
	return all
}

// smallAlphabetPatterns returns 1 to most patterns of 1 to 6 of the bytes
// of "abä" (many overlaps, one inside another), the first repeated now and
// then.
func smallAlphabetPatterns(rng *rand.Rand, most int) []string {
	var patterns []string
	for range 1 + rng.Intn(most) {
		var b strings.Builder
		for range 1 + rng.Intn(6) {
			b.WriteByte("abä"[rng.Intn(3)])
		}
		patterns = append(patterns, b.String())
	}
	if rng.Intn(4) == 0 {
		patterns = append(patterns, patterns[0])
	}
	return patterns
}
