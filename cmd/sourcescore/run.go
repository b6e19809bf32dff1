package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"sourcescore"
	"sourcescore/ingest"
	"sourcescore/job"
	"sourcescore/reports"
	"sourcescore/store"

	"github.com/spf13/pflag"
)

const runExamples = `  sourcescore run
  sourcescore run --input articles/ --db out/sourcescore.db --out out/reports
  sourcescore run --rules myrules/ --workers 2
  sourcescore run --input week12/ --stories mystories/   # the built-in rules plus your story files
  sourcescore run --csv-delimiter ';' --csv-bom     # for German-locale Excel
  sourcescore run --no-html                         # no report.html (the CSVs and report.xlsx only)
  sourcescore run --max-article-bytes 20000000     # read articles of up to 20 MB (default 8 MiB)

Articles are *.txt files, saved web pages (*.html, *.htm: their main text is
extracted) and crawler output (*.jsonl: one article a line, named file:line).
Only regular files are read: a named pipe, device or socket named *.txt is a
skipped row, and so is a symbolic link that leads outside the input folder, an
article over --max-article-bytes, a folder that cannot be read and a path too
long to open. Too many open files is tried again a few times, then fails the
run (exit 1); it never counts as a bad article.

SIGINT, SIGTERM or SIGHUP cancel the run: it is rolled back, recorded as
cancelled, and run exits 1. When the previous sourcescore on the database
ended without letting go of its lock (killed), run first checks the database
as 'sourcescore db check' does, and fails on a malformed one (exit 1).

The reports follow the database commit: a run whose report folder cannot be
written (a full disk) is stored with its reports failed, and run exits 1.
Every run first removes the temporary report files earlier runs left in
--out and writes again the folders of stored runs whose reports are missing.
`

// runFlags are the flags of run and schedule.
type runFlags struct {
	input, rulesDir, db, out string
	storiesDir               string // story files added to the rule set
	workers                  int
	delimiter                string
	bom                      bool
	logFormat                string
	trendRuns                int  // runs trend.csv covers
	noHTML                   bool // write no report.html
	htmlArticles             int  // articles report.html shows
	keepReports              int  // run folders kept in out; 0 keeps all
	rescore                  bool // reuse no stored result
	checksum                 bool // read and hash every file, trusting no file's state
	maxArticleBytes          int  // largest article read
	maxManifestBytes         int  // largest manifest.csv read
	maxManifestRows          int  // most rows in manifest.csv
	limits                   ruleLimits
}

func (f *runFlags) register(fs interface {
	StringVar(*string, string, string, string)
	IntVar(*int, string, int, string)
	BoolVar(*bool, string, bool, string)
}) {
	fs.StringVar(&f.input, "input", "seeds", "`folder` of articles: every *.txt, *.html, *.htm and *.jsonl (one article a line) below it, plus manifest.csv when present")
	fs.StringVar(&f.rulesDir, "rules", "", "rule `folder` replacing the built-in rules (see 'sourcescore rules init')")
	fs.StringVar(&f.storiesDir, "stories", "", storiesUsage)
	fs.StringVar(&f.db, "db", "out/sourcescore.db", "SQLite database `file`; created when missing. Locked through <file>.lock beside the file the path resolves to (symlinks resolved; the lock file itself must not be a symlink)")
	fs.StringVar(&f.out, "out", "out/reports", "reports `folder`: each run writes <folder>/run-<id>/, and <folder>/latest points at the newest; one folder per database (another database's folder is refused)")
	fs.IntVar(&f.workers, "workers", 0, "worker goroutines (0: one per CPU)")
	fs.StringVar(&f.delimiter, "csv-delimiter", ",", "CSV field delimiter: ',' or ';' (';' also writes decimal commas, for German-locale Excel)")
	fs.BoolVar(&f.bom, "csv-bom", false, "start CSV files with a UTF-8 byte-order mark (Excel)")
	fs.StringVar(&f.logFormat, "log-format", "text", "log format on stderr: text or json")
	fs.IntVar(&f.trendRuns, "trend-runs", job.DefaultTrendRuns, "runs trend.csv covers, this one included: each outlet's score in each")
	fs.BoolVar(&f.noHTML, "no-html", false, "write no report.html (the CSVs and report.xlsx only)")
	fs.IntVar(&f.htmlArticles, "html-articles", reports.DefaultHTMLArticles, "report.html explains at most `N` articles with their text, the lowest-scoring when the run has more")
	fs.IntVar(&f.keepReports, "keep-reports", 0, "keep only the newest `N` run folders in --out (the database keeps every run); 0 keeps all")
	fs.BoolVar(&f.rescore, "rescore", false, "score every article again, reusing no stored result (a run after an upgrade does so by itself)")
	fs.BoolVar(&f.checksum, "checksum", false, "read every file and compare its SHA-256 before reusing its stored result, even one left in the state the previous run found it in (for file systems whose times or inode numbers cannot be trusted)")
	fs.IntVar(&f.maxArticleBytes, "max-article-bytes", ingest.DefaultArticleBytes, "largest article file read, in `bytes` (8388608 is 8 MiB); a larger one is a skipped row with its reason, never read")
	fs.IntVar(&f.maxManifestBytes, "max-manifest-bytes", ingest.DefaultManifestBytes, "largest manifest.csv read, in `bytes` (67108864 is 64 MiB); a larger one is refused with the line where the limit falls")
	f.limits.register(fs)
	fs.IntVar(&f.maxManifestRows, "max-manifest-rows", ingest.DefaultManifestRows, "at most `N` rows in manifest.csv, the header not counted; a longer one is refused at the first row too many")
}

// config checks the flags and builds the job configuration.
func (f *runFlags) config(stderr io.Writer) (job.Config, error) {
	opt, err := csvOptions(f.delimiter, f.bom)
	if err != nil {
		return job.Config{}, err
	}
	if f.workers < 0 {
		return job.Config{}, usageError{fmt.Sprintf("--workers %d: use 0 (one per CPU) or more", f.workers)}
	}
	if f.trendRuns < 1 {
		return job.Config{}, usageError{fmt.Sprintf("--trend-runs %d: use 1 (this run only) or more", f.trendRuns)}
	}
	if f.keepReports < 0 {
		return job.Config{}, usageError{fmt.Sprintf("--keep-reports %d: use 0 (keep all) or more", f.keepReports)}
	}
	if f.htmlArticles < 1 {
		return job.Config{}, usageError{fmt.Sprintf("--html-articles %d: use 1 or more (--no-html writes no report.html)", f.htmlArticles)}
	}
	opt.NoHTML = f.noHTML
	for _, l := range []struct {
		name string
		v    int
	}{{"max-article-bytes", f.maxArticleBytes}, {"max-manifest-bytes", f.maxManifestBytes}, {"max-manifest-rows", f.maxManifestRows}} {
		if l.v < 1 {
			return job.Config{}, usageError{fmt.Sprintf("--%s %d: use 1 or more", l.name, l.v)}
		}
	}
	if err := store.CheckPath(f.db); err != nil { // before the lock beside it is made
		return job.Config{}, err
	}
	log, err := newLogger(f.logFormat, stderr)
	if err != nil {
		return job.Config{}, err
	}
	return job.Config{Input: f.input, DB: f.db, Out: f.out, Workers: f.workers, CSV: opt, Log: log,
		TrendRuns: f.trendRuns, KeepReports: f.keepReports, Rescore: f.rescore, Checksum: f.checksum, HTMLArticles: f.htmlArticles,
		Program: job.ProgramIdentity(shortVersion()),
		Limits:  ingest.Limits{ArticleBytes: int64(f.maxArticleBytes), ManifestBytes: int64(f.maxManifestBytes), ManifestRows: f.maxManifestRows}}, nil
}

// storiesUsage documents --stories, the same for every command that loads rules.
const storiesUsage = "`folder` of story files added to the rule set in use (the built-in rules or --rules); a story id the set has already is an error"

// csvOptions checks the spreadsheet flags.
func csvOptions(delimiter string, bom bool) (reports.Options, error) {
	var opt reports.Options
	switch delimiter {
	case ",":
		opt.Delimiter = ','
	case ";":
		opt.Delimiter = ';'
		opt.DecimalComma = true
	case "\\t", "tab":
		opt.Delimiter = '\t'
	default:
		return opt, usageError{fmt.Sprintf("--csv-delimiter %q: use ',' or ';'", delimiter)}
	}
	opt.BOM = bom
	return opt, nil
}

func newLogger(format string, w io.Writer) (*slog.Logger, error) {
	switch format {
	case "text":
		return slog.New(slog.NewTextHandler(w, nil)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, nil)), nil
	}
	return nil, usageError{fmt.Sprintf("--log-format %q: use text or json", format)}
}

func cmdRun(fs *pflag.FlagSet) runner {
	var f runFlags
	f.register(fs)
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the run to `file` (go tool pprof)")
	timings := fs.String("timings", "", "write where the run's time went, per stage, as JSON to `file` (make bench reads it)")
	format := fs.String("format", "text", "the summary on stdout: text (the outlet table) or json (one JSON document on one line; see the README)")
	quiet := fs.Bool("quiet", false, "print no summary and no progress line; errors, and the log on stderr, only")
	return func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
		if *format != "text" && *format != "json" {
			return usageError{fmt.Sprintf("--format %q: use text or json", *format)}
		}
		if *cpuProfile != "" {
			pf, err := os.Create(*cpuProfile)
			if err != nil {
				return usageError{fmt.Sprintf("--cpuprofile: %v", err)}
			}
			defer pf.Close()
			if err := pprof.StartCPUProfile(pf); err != nil {
				return err
			}
			defer pprof.StopCPUProfile()
		}
		if len(args) > 0 {
			return usageError{fmt.Sprintf("run takes no arguments, got %q (the input folder goes in --input)", args[0])}
		}
		cfg, err := f.config(stderr)
		if err != nil {
			return err
		}
		var timingsFile *os.File
		if *timings != "" {
			// Opened first: a bad path is refused before the run, not after it.
			if timingsFile, err = os.Create(*timings); err != nil {
				return usageError{fmt.Sprintf("--timings: %v", err)}
			}
			defer timingsFile.Close()
		}
		// Refuse a bad rule set before reading any article.
		rs, err := f.limits.source(f.rulesDir, f.storiesDir)
		if err != nil {
			return err
		}
		set, err := job.LoadRules(rs)
		if err != nil {
			return fmt.Errorf("rules not loaded:\n%w", err)
		}
		// One sourcescore at a time on a database (see schedule_lock.go).
		lock, err := lockDB(cfg.DB, "run")
		if err != nil {
			return err
		}
		defer lock.release()
		if lock.interrupted != "" {
			// The previous holder ended in the middle of its work.
			why := "the previous sourcescore ended without releasing the lock (" + lock.interrupted + ")"
			if err := job.CheckDatabase(ctx, cfg, why); err != nil {
				return err
			}
		}
		if p := newProgress(stderr); p != nil && !*quiet {
			cfg.Progress = p.update
			defer p.clear()
		}
		// Say when a stop signal arrives (logged once the run's context is
		// cancelled): the run stops at its next step and is recorded as
		// cancelled, which may take a moment (SQLite waiting for a lock).
		runDone := make(chan struct{})
		defer close(runDone)
		go func() {
			select {
			case <-ctx.Done():
				cfg.Log.Info("stop requested", "cause", context.Cause(ctx).Error())
			case <-runDone:
			}
		}()
		sum, err := job.Run(ctx, cfg, set)
		if err != nil {
			return err
		}
		switch {
		case *quiet:
		case *format == "json":
			if err := printSummaryJSON(stdout, sum, set.Source, cfg); err != nil {
				return err
			}
		default:
			printSummary(stdout, sum, set.Source, cfg)
		}
		if timingsFile != nil {
			return writeTimings(timingsFile, sum)
		}
		return nil
	}
}

func writeTimings(f *os.File, sum *job.Summary) error {
	data, err := json.MarshalIndent(sum.StageTimes(), "", "  ")
	if err != nil {
		return err
	}
	if _, err := f.Write(append(data, '\n')); err != nil {
		return fmt.Errorf("--timings: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("--timings: %w", err)
	}
	return nil
}

// printSummary prints the outlet table and where the results are.
func printSummary(w io.Writer, sum *job.Summary, rulesFrom string, cfg job.Config) {
	r := sum.Run
	notScored := ""
	if n := len(sum.NotScored); n > 0 {
		notScored = fmt.Sprintf(", %d not scored", n)
	}
	fmt.Fprintf(w, "Run %d: %d articles scored%s, %d skipped, %d findings (rules: %s, set %s)\n",
		r.ID, sum.Scored(), notScored, r.Skipped, r.Findings, rulesFrom, short(r.RuleSetHash))
	if r.Reused > 0 {
		fmt.Fprintf(w, "%d of the articles unchanged since run %d: their results reused, %d scored afresh\n",
			r.Reused, sum.ReusedFrom, r.Articles-r.Reused)
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "OUTLET\tARTICLES\tSCORE\tGRADE\tWORST FINDING")
	for _, o := range sum.Outlets {
		worst := "-"
		if f, ok := sum.Worst[o.Outlet]; ok {
			worst = fmt.Sprintf("%s %s: %s", f.Severity, f.RuleID, clip(f.Message, 70))
		}
		articles, score, grade := strconv.Itoa(o.Articles), "-", "-"
		if o.NotScored > 0 {
			articles += fmt.Sprintf(" (+%d not scored)", o.NotScored)
		}
		if o.Scored() {
			score, grade = sourcescore.FormatDecimal(o.Score, 1), o.Grade
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", o.Outlet, articles, score, grade, worst)
	}
	tw.Flush()
	for _, note := range sum.NotScoredNotes() {
		fmt.Fprintf(w, "%s\n", note)
	}
	for _, s := range sum.Skipped {
		fmt.Fprintf(w, "skipped %s: %s\n", s.File, s.Reason)
	}
	for _, warn := range append(slices.Clip(sum.RuleWarnings), sum.Warnings...) {
		fmt.Fprintf(w, "warning: %s\n", warn)
	}
	if note := sum.NoStoryNote(); note != "" {
		fmt.Fprintf(w, "%s\n", note)
	}
	if note := sum.MojibakeNote(); note != "" {
		fmt.Fprintf(w, "%s\n", note)
	}
	for _, id := range sum.Repaired.Written {
		fmt.Fprintf(w, "reports of run %d were missing: written again from the database\n", id)
	}
	for _, why := range sum.Repaired.Failed {
		fmt.Fprintf(w, "warning: %s\n", why)
	}
	if n := len(sum.Repaired.Removed); n > 0 {
		fmt.Fprintf(w, "removed %d temporary report files or folders left by an earlier run\n", n)
	}
	fmt.Fprintf(w, "\nReports:  %s\nDatabase: %s\n", sum.ReportDir, cfg.DB)
}

func short(hash string) string {
	if len(hash) > 12 {
		return hash[:12]
	}
	return hash
}

// clip shortens s to n characters.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
