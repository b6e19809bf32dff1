package engine

import (
	"cmp"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"sourcescore"
)

// TestPatternCosts checks, on the texts in SOURCESCORE_BENCH_CORPUS (its
// first 2,000 .txt files; skipped when unset), that every gated regex of
// the built-in rules finds what it finds without the gate, on the whole
// body; and prints (-v) what each costs per article after the one scan of
// phrases and literals: the patterns' profile.
func TestPatternCosts(t *testing.T) {
	dir := os.Getenv("SOURCESCORE_BENCH_CORPUS")
	if dir == "" {
		t.Skip("SOURCESCORE_BENCH_CORPUS not set")
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.txt"))
	if len(files) == 0 {
		files, _ = filepath.Glob(filepath.Join(dir, "*.txt"))
	}
	files = files[:min(len(files), 2000)]
	s := builtin(t)
	regexes := s.gate.regexes
	cost := make([]time.Duration, len(regexes))
	var scan time.Duration
	var txt, plain Text
	ungated := s.Engine.WithoutGate()
	wrong := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		body := string(data)
		txt.Reset(s.Engine, body, sourcescore.LowerSameLength(body), nil)
		start := time.Now()
		txt.scanOnce()
		scan += time.Since(start)
		plain.Reset(ungated, body, txt.Lower, nil)
		for i, re := range regexes {
			start := time.Now()
			got := re.FindAll(&txt)
			cost[i] += time.Since(start)
			if want := re.FindAll(&plain); !slices.EqualFunc(got, want, slices.Equal[[]int]) && wrong < 10 {
				wrong++
				t.Errorf("%s on %s: gated %v, on the whole body %v", re.re, f, got, want)
			}
		}
	}
	order := make([]int, len(regexes))
	var sum time.Duration
	for i := range order {
		order[i] = i
		sum += cost[i]
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(cost[b], cost[a]) })
	n := float64(len(files))
	t.Logf("%d articles: the scan %.1f µs/article, the %d patterns %.1f", len(files), float64(scan.Nanoseconds())/1e3/n, len(regexes), float64(sum.Nanoseconds())/1e3/n)
	for _, i := range order[:min(40, len(order))] {
		re := regexes[i]
		mode := "whole"
		switch {
		case re.tail != nil:
			mode = "tail"
		case re.split != nil:
			mode = "split"
		case re.anchored != nil:
			mode = "anchored"
		case re.lineStart:
			mode = "line"
		case re.first != nil:
			mode = "first"
		case re.alpha != nil:
			mode = "alpha"
		}
		t.Logf("%6.2f µs %-8s lits %.60q needs %.60q fold %.60q\n\t%.150s", float64(cost[i].Nanoseconds())/1e3/n, mode, re.lits, re.needs, re.foldNeeds, re.re.String())
	}
}
