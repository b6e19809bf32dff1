package rules

import (
	"cmp"
	"encoding/csv"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"sourcescore"
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

// BenchmarkApply_Family applies the built-in rules of one family to each
// seed article in turn (benchstat: BenchmarkApply_Family/family=dates).
func BenchmarkApply_Family(b *testing.B) {
	full := builtin(b)
	texts := seedArticles(b)
	var total int64
	for _, t := range texts {
		total += int64(len(t))
	}
	for _, fam := range sourcescore.Families {
		set := *full
		set.Rules = nil
		for _, r := range full.Rules {
			if r.family == fam {
				set.Rules = append(set.Rules, r)
			}
		}
		b.Run("family="+string(fam), func(b *testing.B) {
			if len(set.Rules) == 0 {
				b.Skip("no rules")
			}
			b.SetBytes(total / int64(len(texts)))
			i := 0
			for b.Loop() {
				t := texts[i%len(texts)]
				i++
				set.Apply(article(string(t), "de", "2024-10-25", ""))
			}
		})
	}
}

// BenchmarkApply_Kind applies the built-in rules of one kind to each seed
// article in turn (benchstat: BenchmarkApply_Kind/kind=repetition), so a
// new kind's cost shows on its own.
func BenchmarkApply_Kind(b *testing.B) {
	full := builtin(b)
	texts := seedArticles(b)
	var total int64
	for _, t := range texts {
		total += int64(len(t))
	}
	for _, kind := range kindNames() {
		set := ofKind(full, kind)
		b.Run("kind="+kind, func(b *testing.B) {
			if len(set.Rules) == 0 {
				b.Skip("no built-in rule of this kind")
			}
			b.SetBytes(total / int64(len(texts)))
			i := 0
			for b.Loop() {
				t := texts[i%len(texts)]
				i++
				set.Apply(article(string(t), "de", "2024-10-25", ""))
			}
		})
	}
}

// ofKind is full with only its rules of one kind.
func ofKind(full *Set, kind string) *Set {
	set := *full
	set.Rules = nil
	for _, r := range full.Rules {
		if r.Kind == kind {
			set.Rules = append(set.Rules, r)
		}
	}
	return &set
}

// BenchmarkApply_LongLine applies the built-in rules to one article of a
// single 1.4 MB line, the same sentence repeated: its cost must grow with
// the text, not with the square of the line or of a repeated name.
func BenchmarkApply_LongLine(b *testing.B) {
	set := builtin(b)
	text := strings.Repeat("Der Minister sagte laut Insidern, das sei falsch und Herr Peskow habe am 15. November gesprochen. ", 15000)
	a := article(text, "de", "2024-10-25", "")
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		set.Apply(a)
	}
}

// BenchmarkBuiltin loads and compiles the built-in rule set, as every
// command that scores does once at its start (`check FILE` pays it for one
// file).
func BenchmarkBuiltin(b *testing.B) {
	for b.Loop() {
		if _, err := Builtin(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkApply_Corpus applies the built-in rules to the first 2,000
// articles of a bench corpus (`go run ./cmd/bench -work DIR -n 20000` makes
// one, with its manifest: language, date and story given), named by
// SOURCESCORE_BENCH_CORPUS; skipped when that is not set. The seeds of
// BenchmarkApply are German and about one story; this is the mix the
// whole-job bench runs.
func BenchmarkApply_Corpus(b *testing.B) {
	arts := corpusArticles(b)
	set := builtin(b)
	for b.Loop() {
		for _, a := range arts {
			set.Apply(a)
		}
	}
}

// BenchmarkApply_CorpusKind is BenchmarkApply_Corpus with the built-in
// rules of one kind at a time (benchstat:
// BenchmarkApply_CorpusKind/kind=attribution): what each kind costs on
// the whole-job bench's mix. A kind alone also pays for what the Doc
// computes once for all (the phrase scan, the words, the dates), so the
// kinds' times add up to more than BenchmarkApply_Corpus.
func BenchmarkApply_CorpusKind(b *testing.B) {
	arts := corpusArticles(b)
	full := builtin(b)
	for _, kind := range kindNames() {
		set := ofKind(full, kind)
		b.Run("kind="+kind, func(b *testing.B) {
			if len(set.Rules) == 0 {
				b.Skip("no built-in rule of this kind")
			}
			for b.Loop() {
				for _, a := range arts {
					set.Apply(a)
				}
			}
		})
	}
}

// corpusArticles reads the first 2,000 articles of the bench corpus named
// by SOURCESCORE_BENCH_CORPUS, and skips the benchmark when it is not set.
func corpusArticles(b testing.TB) []*sourcescore.Article {
	dir := os.Getenv("SOURCESCORE_BENCH_CORPUS")
	if dir == "" {
		b.Skip("SOURCESCORE_BENCH_CORPUS not set")
	}
	f, err := os.Open(filepath.Join(dir, "manifest.csv"))
	if err != nil {
		b.Fatal(err)
	}
	recs, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil || len(recs) < 2 {
		b.Fatalf("manifest: %v", err)
	}
	col := map[string]int{}
	for i, name := range recs[0] {
		col[name] = i
	}
	var arts []*sourcescore.Article
	for _, r := range recs[1:min(len(recs), 2001)] {
		text, err := os.ReadFile(filepath.Join(dir, r[col["file"]]))
		if err != nil {
			b.Fatal(err)
		}
		arts = append(arts, article(string(text), r[col["language"]], r[col["published"]], r[col["story"]]))
	}
	return arts
}

// BenchmarkApply_CorpusFamily is BenchmarkApply_Corpus without the built-in
// rules of one family at a time (benchstat:
// BenchmarkApply_CorpusFamily/without=translation): what a family adds to
// the whole set on the whole-job bench's mix, the work it shares with the
// other families (the phrase scan, the words, the dates) not counted.
func BenchmarkApply_CorpusFamily(b *testing.B) {
	arts := corpusArticles(b)
	full := builtin(b)
	for _, fam := range sourcescore.Families {
		set := *full
		set.Rules = nil
		for _, r := range full.Rules {
			if r.family != fam {
				set.Rules = append(set.Rules, r)
			}
		}
		b.Run("without="+string(fam), func(b *testing.B) {
			for b.Loop() {
				for _, a := range arts {
					set.Apply(a)
				}
			}
		})
	}
}

// TestRuleCosts checks, on the bench corpus named by
// SOURCESCORE_BENCH_CORPUS (skipped when unset), that each built-in rule
// run again on a Doc whose shared work (the phrase scan, the words, the
// dates) is done gives the outcome it gave the first time: what the Doc
// keeps never changes a result. With -v it prints what each rule costs on
// its own, and on its first run (which pays for what it is the first to
// ask the Doc for): the rules' profile, rule by rule.
func TestRuleCosts(t *testing.T) {
	arts := corpusArticles(t)
	set := builtin(t)
	type cost struct {
		id        string
		ns, first time.Duration
	}
	costs := make([]cost, len(set.Rules))
	for i, r := range set.Rules {
		costs[i].id = r.ID
	}
	var shared, prep time.Duration
	wrong := 0
	for _, a := range arts {
		start := time.Now()
		d, _ := set.prepare(a)
		dt, _ := set.translationDoc(a, d)
		prep += time.Since(start)
		outcomes := make([]outcome, len(set.Rules))
		for i, r := range set.Rules { // in order, combined last: the first to ask pays for what the Doc shares
			if _, ok := r.check.(*combined); ok {
				continue
			}
			doc := d
			if r.family == sourcescore.FamilyTranslation {
				doc = dt
			}
			start := time.Now()
			outcomes[i] = set.applyOne(r, doc, nil)
			costs[i].first += time.Since(start)
		}
		for i, r := range set.Rules {
			if _, ok := r.check.(*combined); ok {
				outcomes[i] = set.applyOne(r, d, outcomes)
			}
		}
		shared += time.Since(start)
		for i, r := range set.Rules {
			doc := d
			if r.family == sourcescore.FamilyTranslation {
				doc = dt
			}
			start := time.Now()
			again := set.applyOne(r, doc, outcomes)
			costs[i].ns += time.Since(start)
			if !reflect.DeepEqual(again, outcomes[i]) && wrong < 10 {
				wrong++
				t.Errorf("%s on %s: run again, %+v; the first time, %+v", r.ID, a.File, again, outcomes[i])
			}
		}
		if dt != d {
			dt.release()
		}
		d.release()
	}
	slices.SortFunc(costs, func(a, b cost) int { return cmp.Compare(b.ns, a.ns) })
	var sum time.Duration
	for _, c := range costs {
		sum += c.ns
	}
	n := float64(len(arts))
	t.Logf("%d articles: all rules with their shared work %.1f µs/article (the Doc and its story %.1f), the rules alone %.1f",
		len(arts), us(shared)/n, us(prep)/n, us(sum)/n)
	t.Logf("%-40s %8s %8s", "rule", "alone", "first")
	for _, c := range costs {
		t.Logf("%-40s %8.1f %8.1f", c.id, us(c.ns)/n, us(c.first)/n)
	}
}

func us(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1e3 }
