// Command bench runs the whole sourcescore job on deterministic synthetic
// corpora and prints throughput, peak memory and the rerun time; where
// ripgrep is installed it also times rg over the same corpus with the rule
// set's phrases and patterns. `make bench` runs it.
//
//	go run ./cmd/bench -bin bin/sourcescore -n 1000,20000
//	BENCH_N=100000 make bench
//	make profile    # a CPU profile of the 20,000-article run, its top functions
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"sourcescore/internal/corpus"
	"sourcescore/job"
	"sourcescore/rules"
)

func main() {
	bin := flag.String("bin", "bin/sourcescore", "the sourcescore `binary` to measure")
	seeds := flag.String("seeds", "seeds", "seed articles whose paragraphs make the corpus")
	work := flag.String("work", filepath.Join(os.TempDir(), "sourcescore-bench"), "working `folder` for corpora, databases and reports (corpora are kept and reused)")
	sizes := flag.String("n", "1000,20000", "comma-separated corpus sizes; BENCH_N adds one")
	seed := flag.Uint64("seed", 1, "random seed of the corpus")
	profile := flag.String("profile", "", "write a CPU profile of the first run of the largest corpus to `file` (go tool pprof)")
	flag.Parse()
	ns, err := parseSizes(*sizes, os.Getenv("BENCH_N"))
	if err == nil {
		err = bench(os.Stdout, *bin, *seeds, *work, ns, *seed, *profile)
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
	n           int
	mb          float64
	run, rerun  time.Duration
	rssMB       float64
	stages      job.StageTimes // of the first run
	rerunStages job.StageTimes // of the rerun
	rerunRSSMB  float64
	rg          time.Duration // 0: ripgrep not installed
}

func readTimings(path string) (job.StageTimes, error) {
	var st job.StageTimes
	data, err := os.ReadFile(path)
	if err == nil {
		err = json.Unmarshal(data, &st)
	}
	return st, err
}

func bench(w io.Writer, bin, seeds, work string, ns []int, seed uint64, profile string) error {
	var results []result
	rgVersion := ""
	largest := slices.Max(ns)
	for _, n := range ns {
		dir := filepath.Join(work, fmt.Sprintf("corpus-%d-%d", n, seed))
		stats, err := ensureCorpus(dir, seeds, n, seed)
		if err != nil {
			return err
		}
		// Warm the file cache, so that the first run reads what the rerun
		// reads: the figures are the job's, not the disk's.
		if err := warm(dir); err != nil {
			return err
		}
		out := filepath.Join(work, fmt.Sprintf("run-%d", n))
		os.RemoveAll(out)
		if err := os.MkdirAll(out, 0o755); err != nil {
			return err
		}
		args := []string{"run", "--input", dir, "--db", filepath.Join(out, "s.db"), "--out", filepath.Join(out, "reports")}
		firstArgs := append(args, "--timings", filepath.Join(out, "first.json"))
		if profile != "" && n == largest {
			firstArgs = append(firstArgs, "--cpuprofile", profile)
		}
		first, rss, err := timed(bin, firstArgs...)
		if err != nil {
			return err
		}
		again, againRSS, err := timed(bin, append(args, "--timings", filepath.Join(out, "rerun.json"))...)
		if err != nil {
			return err
		}
		r := result{n: n, mb: float64(stats) / 1e6, run: first, rerun: again, rssMB: rss, rerunRSSMB: againRSS}
		if r.stages, err = readTimings(filepath.Join(out, "first.json")); err != nil {
			return err
		}
		if r.rerunStages, err = readTimings(filepath.Join(out, "rerun.json")); err != nil {
			return err
		}
		if rg, err := exec.LookPath("rg"); err == nil {
			if r.rg, err = ripgrep(rg, dir, work); err != nil {
				fmt.Fprintf(os.Stderr, "bench: ripgrep left out: %.300s\n", err)
			}
			if v, err := exec.Command(rg, "--version").Output(); err == nil {
				rgVersion, _, _ = strings.Cut(string(v), "\n")
			}
		}
		results = append(results, r)
	}
	fmt.Fprintf(w, "sourcescore bench: %s/%s, %d CPUs, %s, %s\n\n", runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), cpuModel(), runtime.Version())
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "articles\tMB\trun s\tarticles/s\tMB/s\tpeak RSS MB\trerun s\treused\t")
	for _, r := range results {
		fmt.Fprintf(tw, "%d\t%.1f\t%.2f\t%.0f\t%.1f\t%.0f\t%.2f\t%d\t\n", r.n, r.mb, r.run.Seconds(),
			float64(r.n)/r.run.Seconds(), r.mb/r.run.Seconds(), max(r.rssMB, r.rerunRSSMB), r.rerun.Seconds(), r.rerunStages.Reused)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w, "\nTime per stage of the first run, in seconds. The workers' stages are summed over the workers;")
	fmt.Fprintln(w, "store (SQLite) and reports (CSV) are the one writer's, which runs beside them.")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "articles\tworkers\tread\tdecode\tbody extraction\trules\tscoring\tstore\treports\twall\t")
	for _, r := range results {
		st := r.stages
		fmt.Fprintf(tw, "%d\t%d\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t\n", r.n, st.Workers, st.Read, st.Decode,
			st.Extract, st.Rules, st.Scoring, st.Store, st.Reports, st.Wall)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w, "\nTime per stage of the rerun over the unchanged folder, in seconds (reuse: reading the stored")
	fmt.Fprintln(w, "results of the unchanged articles, summed over the workers; store: linking the run to them).")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "articles\tworkers\tread\treuse\tstore\treports\twall\t")
	for _, r := range results {
		st := r.rerunStages
		fmt.Fprintf(tw, "%d\t%d\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t\n", r.n, st.Workers, st.Read, st.Reuse, st.Store, st.Reports, st.Wall)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if err := targets(w, results); err != nil {
		return err
	}
	if rgVersion == "" {
		fmt.Fprintln(w, "\nripgrep not installed: no comparison.")
		return nil
	}
	fmt.Fprintf(w, "\nThe rules stage against %s over the same phrases and patterns (rules s: summed\n", rgVersion)
	fmt.Fprintln(w, "over the workers, divided by them; rg: the phrases in one search, each pattern in one more).")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "articles\trules s\trg s\trules/rg\t")
	for _, r := range results {
		rules := r.stages.Rules / float64(max(r.stages.Workers, 1))
		rg, ratio := "-", "-"
		if r.rg > 0 {
			rg = fmt.Sprintf("%.2f", r.rg.Seconds())
			ratio = fmt.Sprintf("%.1f", rules/r.rg.Seconds())
		}
		fmt.Fprintf(tw, "%d\t%.2f\t%s\t%s\t\n", r.n, rules, rg, ratio)
	}
	return tw.Flush()
}

// targets prints the performance targets the measured sizes can be held
// against: throughput and rerun at 20,000 articles, peak memory at 100,000
// and its growth from 20,000.
func targets(w io.Writer, results []result) error {
	by := map[int]result{}
	for _, r := range results {
		by[r.n] = r
	}
	met := func(ok bool) string {
		if ok {
			return "met"
		}
		return "not met"
	}
	var lines []string
	if r, ok := by[20000]; ok {
		lines = append(lines,
			fmt.Sprintf("20,000 articles in at most 4 s (5,000 articles/s)\t%.2f s, %.0f articles/s\t%s\t", r.run.Seconds(), 20000/r.run.Seconds(), met(r.run.Seconds() <= 4)),
			fmt.Sprintf("rerun of 20,000 unchanged articles in at most 1 s\t%.2f s\t%s\t", r.rerun.Seconds(), met(r.rerun.Seconds() <= 1)))
	}
	if r, ok := by[100000]; ok {
		peak := max(r.rssMB, r.rerunRSSMB)
		lines = append(lines, fmt.Sprintf("peak RSS at 100,000 articles at most 300 MB\t%.0f MB\t%s\t", peak, met(peak <= 300)))
		if s, ok := by[20000]; ok {
			base := max(s.rssMB, s.rerunRSSMB)
			lines = append(lines, fmt.Sprintf("peak RSS at 100,000 within 20 %% of 20,000\t%+.0f %%\t%s\t", 100*(peak/base-1), met(peak <= 1.2*base)))
		}
	}
	if len(lines) == 0 {
		return nil
	}
	fmt.Fprintln(w, "\nTargets (issue 6):")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, l := range lines {
		fmt.Fprintln(tw, "  "+l)
	}
	return tw.Flush()
}

// warm reads every file below dir once.
func warm(dir string) error {
	return filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		_, err = os.ReadFile(path)
		return err
	})
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

// ripgrep times rg finding the built-in rule set's phrases and patterns
// in dir: the phrases (case-insensitive literals) in one search, and each
// pattern in a search of its own. Joined into one search, as rg -f does,
// the patterns' bounded repeats over Unicode classes make rg's DFA thrash:
// 17 patterns took 1.0 s on 5 MB together and about 15 ms each apart.
// Go's \b, \d, \s and \w are ASCII; rg is told so ((?-u:...)).
func ripgrep(rg, dir, work string) (time.Duration, error) {
	set, err := rules.Builtin()
	if err != nil {
		return 0, err
	}
	phrases, patterns := set.Terms()
	var quoted []string
	for _, p := range phrases {
		quoted = append(quoted, regexp.QuoteMeta(p))
	}
	phraseFile := filepath.Join(work, "phrases.txt")
	if err := os.WriteFile(phraseFile, []byte(strings.Join(quoted, "\n")+"\n"), 0o644); err != nil {
		return 0, err
	}
	search := func(args ...string) (time.Duration, error) {
		d, _, err := timed(rg, append([]string{"--count-matches", "--no-messages"}, append(args, dir)...)...)
		if err != nil && !strings.Contains(err.Error(), "exit status 1") { // 1: nothing found
			return 0, err
		}
		return d, nil
	}
	total, err := search("-i", "-f", phraseFile)
	if err != nil {
		return 0, err
	}
	for _, p := range patterns {
		d, err := search("-e", rgPattern(p))
		if err != nil {
			return 0, err
		}
		total += d
	}
	return total, nil
}

var (
	groupName  = regexp.MustCompile(`\(\?P<[^>]+>`)
	asciiClass = regexp.MustCompile(`\\[bBdDsSwW]`)
)

// rgPattern is a Go pattern as rg reads it with the same meaning.
func rgPattern(p string) string {
	p = groupName.ReplaceAllString(p, "(?:")
	return asciiClass.ReplaceAllStringFunc(p, func(c string) string { return "(?-u:" + c + ")" })
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
