package reports

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"sourcescore"
)

// BenchmarkRunWriter_AddArticle streams the sample's articles (4 and 2 rule
// rows, 2 findings each) into one run.
func BenchmarkRunWriter_AddArticle(b *testing.B) {
	w, err := NewRunWriter(b.TempDir(), 1, Options{Delimiter: ';', BOM: true, DecimalComma: true})
	if err != nil {
		b.Fatal(err)
	}
	defer w.Abort()
	s := newSample()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if err := w.AddArticle(s.articles[i%2]); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := w.Commit(); err != nil {
		b.Fatal(err)
	}
}

// largeArticles is how many articles BenchmarkRunWriter_large writes: set
// SOURCESCORE_BENCH_ARTICLES=100000 for the size the README quotes.
func largeArticles(b *testing.B) int {
	if s := os.Getenv("SOURCESCORE_BENCH_ARTICLES"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			b.Fatalf("SOURCESCORE_BENCH_ARTICLES=%q: want a positive number", s)
		}
		return n
	}
	return 5000
}

// cpuTime is the CPU time (user and system) the process has used so far.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// syntheticArticle is an article shaped like the seeds' (45 rule scores,
// 10 findings), with an id, outlet and evidence of its own.
func syntheticArticle(i int) *sourcescore.ArticleScore {
	a := &sourcescore.Article{
		ID:    fmt.Sprintf("%016x", uint64(i)*0x9e3779b97f4a7c15),
		File:  fmt.Sprintf("outlet-%03d/%06d.txt", i%300, i),
		Words: 300 + i%700,
		Meta: sourcescore.Metadata{Outlet: fmt.Sprintf("Outlet %03d", i%300), Language: "de", Story: "wahl-2024",
			Published: time.Date(2024, 3, 1+i%28, 0, 0, 0, 0, time.UTC)},
	}
	s := &sourcescore.ArticleScore{Article: a, Score: float64(i%1000) / 10, Grade: string(rune('A' + i%6))}
	families := []sourcescore.Family{sourcescore.FamilyDates, sourcescore.FamilyDenial, sourcescore.FamilySourcing, sourcescore.FamilyTranslation}
	for r := range 45 {
		f := families[r%4]
		s.Rules = append(s.Rules, sourcescore.RuleScore{RuleID: fmt.Sprintf("%s.rule_%02d", f, r), Family: f,
			Score: float64((i+r)%7) / 7, Weight: 1 + float64(r%3)/2, Applied: r%5 != 0})
	}
	for k := range 10 {
		f := families[k%4]
		s.Findings = append(s.Findings, sourcescore.Finding{RuleID: fmt.Sprintf("%s.rule_%02d", f, k), Family: f,
			Severity: sourcescore.SeverityWarning, Message: "a finding of the synthetic benchmark, about as long as a real one",
			Evidence: fmt.Sprintf("%d. November", 1+(i+k)%28), Pos: sourcescore.Position{Line: 3 + k, Column: 1 + i%60}})
	}
	return s
}

// BenchmarkRunWriter_large writes a whole run of many articles shaped like
// the seeds' (45 rule rows and 10 findings each), CSV files and workbook,
// commit included, and reports the time and CPU time per article (the
// benchmark's GC included), the heap's peak (as sampled every 10 ms) and
// the workbook's size:
//
//	SOURCESCORE_BENCH_ARTICLES=100000 go test ./reports/ -run '^$' -bench RunWriter_large -benchtime 1x
func BenchmarkRunWriter_large(b *testing.B) {
	n := largeArticles(b)
	articles := make([]*sourcescore.ArticleScore, 1000) // reused: the rows are what costs, not the input
	for i := range articles {
		articles[i] = syntheticArticle(i)
	}
	for b.Loop() {
		runtime.GC()
		var peak atomic.Uint64
		done := make(chan struct{})
		go func() {
			var m runtime.MemStats
			for {
				runtime.ReadMemStats(&m)
				if m.HeapInuse > peak.Load() {
					peak.Store(m.HeapInuse)
				}
				select {
				case <-done:
					return
				case <-time.After(10 * time.Millisecond):
				}
			}
		}()
		out := b.TempDir()
		start, cpu0 := time.Now(), cpuTime(b)
		w, err := NewRunWriter(out, 1, Options{})
		if err != nil {
			b.Fatal(err)
		}
		for i := range n {
			if err := w.AddArticle(articles[i%len(articles)]); err != nil {
				b.Fatal(err)
			}
		}
		dir, err := w.Commit()
		took, cpu := time.Since(start), cpuTime(b)-cpu0
		close(done)
		if err != nil {
			b.Fatal(err)
		}
		fi, err := os.Stat(filepath.Join(dir, WorkbookFile))
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(took.Microseconds())/float64(n), "µs/article")
		b.ReportMetric(float64(cpu.Microseconds())/float64(n), "cpu-µs/article") // what a busy machine changes least
		b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MiB")
		b.ReportMetric(float64(fi.Size())/(1<<20), "xlsx-MiB")
	}
}
