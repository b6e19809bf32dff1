// Command bench runs the whole sourcescore job on deterministic synthetic
// corpora and prints throughput, peak memory and the rerun time; where
// ripgrep is installed it also times rg over the same corpus with the rule
// set's phrases and patterns. `make bench` runs it.
//
//	go run ./cmd/bench -bin bin/sourcescore -n 1000,20000
//	BENCH_N=100000 make bench
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"sourcescore/internal/corpus"
	"sourcescore/rules"
)

func main() {
	bin := flag.String("bin", "bin/sourcescore", "the sourcescore `binary` to measure")
	seeds := flag.String("seeds", "seeds", "seed articles whose paragraphs make the corpus")
	work := flag.String("work", filepath.Join(os.TempDir(), "sourcescore-bench"), "working `folder` for corpora, databases and reports (corpora are kept and reused)")
	sizes := flag.String("n", "1000,20000", "comma-separated corpus sizes; BENCH_N adds one")
	seed := flag.Uint64("seed", 1, "random seed of the corpus")
	flag.Parse()
	ns, err := parseSizes(*sizes, os.Getenv("BENCH_N"))
	if err == nil {
		err = bench(os.Stdout, *bin, *seeds, *work, ns, *seed)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func parseSizes(list, extra string) ([]int, error) {
	var ns []int
	for _, s := range strings.Split(list+","+extra, ",") {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			return nil, fmt.Errorf("corpus size %q is not a positive number", s)
		}
		ns = append(ns, n)
	}
	return ns, nil
}

// result is one measured corpus.
type result struct {
	n          int
	mb         float64
	run, rerun time.Duration
	rssMB      float64
	rg         time.Duration // 0: ripgrep not installed
}

func bench(w io.Writer, bin, seeds, work string, ns []int, seed uint64) error {
	var results []result
	for _, n := range ns {
		dir := filepath.Join(work, fmt.Sprintf("corpus-%d-%d", n, seed))
		stats, err := ensureCorpus(dir, seeds, n, seed)
		if err != nil {
			return err
		}
		out := filepath.Join(work, fmt.Sprintf("run-%d", n))
		os.RemoveAll(out)
		args := []string{"run", "--input", dir, "--db", filepath.Join(out, "s.db"), "--out", filepath.Join(out, "reports")}
		first, rss, err := timed(bin, args...)
		if err != nil {
			return err
		}
		again, _, err := timed(bin, args...)
		if err != nil {
			return err
		}
		r := result{n: n, mb: float64(stats) / 1e6, run: first, rerun: again, rssMB: rss}
		if rg, err := exec.LookPath("rg"); err == nil {
			if r.rg, err = ripgrep(rg, dir, filepath.Join(work, "patterns.txt")); err != nil {
				fmt.Fprintf(os.Stderr, "bench: ripgrep left out: %.300s\n", err)
			}
		}
		results = append(results, r)
	}
	fmt.Fprintf(w, "sourcescore bench: %s/%s, %d CPUs, %s\n\n", runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), cpuModel())
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "articles\tMB\trun s\tarticles/s\tMB/s\tpeak RSS MB\trerun s\trg s\trun/rg\t")
	for _, r := range results {
		rg, ratio := "-", "-"
		if r.rg > 0 {
			rg = fmt.Sprintf("%.2f", r.rg.Seconds())
			ratio = fmt.Sprintf("%.1f", r.run.Seconds()/r.rg.Seconds())
		}
		fmt.Fprintf(tw, "%d\t%.1f\t%.2f\t%.0f\t%.1f\t%.0f\t%.2f\t%s\t%s\t\n", r.n, r.mb, r.run.Seconds(),
			float64(r.n)/r.run.Seconds(), r.mb/r.run.Seconds(), r.rssMB, r.rerun.Seconds(), rg, ratio)
	}
	return tw.Flush()
}

// ensureCorpus generates the corpus unless a complete one is there, and
// returns its size in bytes.
func ensureCorpus(dir, seeds string, n int, seed uint64) (int64, error) {
	stamp := filepath.Join(dir, ".complete")
	if data, err := os.ReadFile(stamp); err == nil {
		return strconv.ParseInt(strings.TrimSpace(string(data)), 10, 64)
	}
	os.RemoveAll(dir)
	st, err := corpus.Generate(dir, corpus.Options{Seeds: seeds, N: n, Seed: seed})
	if err != nil {
		return 0, err
	}
	return st.Bytes, os.WriteFile(stamp, []byte(strconv.FormatInt(st.Bytes, 10)), 0o644)
}

// timed runs a command and returns its wall time and peak RSS in MB.
func timed(name string, args ...string) (time.Duration, float64, error) {
	cmd := exec.Command(name, args...)
	cmd.Stdout = io.Discard
	var stderr strings.Builder
	cmd.Stderr = &stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return 0, 0, fmt.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr.String())
	}
	d := time.Since(start)
	rss := 0.0
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rss = float64(ru.Maxrss) / 1024 // kB on Linux
	}
	return d, rss, nil
}

// ripgrep times rg counting the built-in rule set's phrases and patterns.
func ripgrep(rg, dir, patternFile string) (time.Duration, error) {
	set, err := rules.Builtin()
	if err != nil {
		return 0, err
	}
	phrases, patterns := set.Terms()
	var lines []string
	for _, p := range phrases {
		lines = append(lines, "(?i)"+regexp.QuoteMeta(p))
	}
	named := regexp.MustCompile(`\(\?P<[^>]+>`)
	for _, p := range patterns {
		// rg joins the patterns into one regex: group names would clash.
		lines = append(lines, named.ReplaceAllString(p, "(?:"))
	}
	if err := os.WriteFile(patternFile, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		return 0, err
	}
	d, _, err := timed(rg, "--count-matches", "--no-messages", "-f", patternFile, dir)
	if err != nil && !strings.Contains(err.Error(), "exit status 1") {
		return 0, err
	}
	return d, nil
}

func cpuModel() string {
	data, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return "cpu unknown"
	}
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "model name") {
			return strings.TrimSpace(line[strings.Index(line, ":")+1:])
		}
	}
	return "cpu unknown"
}
