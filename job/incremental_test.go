package job

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"sourcescore"
	"sourcescore/internal/testutil"
	"sourcescore/reports"
	"sourcescore/rules"
	"sourcescore/store"
)

// reportFiles are the files every run writes.
var reportFiles = []string{reports.ArticleScoresFile, reports.RuleScoresFile, reports.FindingsFile,
	reports.OutletScoresFile, reports.SkippedFile, reports.TrendFile, reports.StoryComparisonFile}

// testConfig is a run of input into a fresh database and reports folder.
func testConfig(t testing.TB, input string) Config {
	t.Helper()
	out := t.TempDir()
	return Config{Input: input, DB: filepath.Join(out, "s.db"), Out: filepath.Join(out, "reports"), Workers: 2, Now: fixedNow,
		Log: slog.New(slog.DiscardHandler)}
}

// mustRun runs the job and fails the test on an error.
func mustRun(t testing.TB, cfg Config, set *rules.Set) *Summary {
	t.Helper()
	sum, err := Run(context.Background(), cfg, set)
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	return sum
}

// reportsOf reads the report files of a run folder.
func reportsOf(t testing.TB, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	for _, name := range reportFiles {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		m[name] = string(b)
	}
	return m
}

var runIDCell = regexp.MustCompile(`(?m)^\d+,`)

// withoutRunID drops the run_id column (the first) of every row.
func withoutRunID(csv string) string { return runIDCell.ReplaceAllString(csv, "") }

// copyDB copies a closed database file (and its WAL, if one is left) to a
// new temporary folder, as a second timeline of the same history.
func copyDB(t testing.TB, path string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), filepath.Base(path))
	for _, suffix := range []string{"", "-wal", "-shm"} {
		b, err := os.ReadFile(path + suffix)
		if errors.Is(err, os.ErrNotExist) && suffix != "" {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst+suffix, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// storedScores reads every article score of a run back.
func storedScoresOf(t testing.TB, dbPath string, runID int64) []*sourcescore.ArticleScore {
	t.Helper()
	db, err := store.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	scores, err := db.ArticleScores(context.Background(), runID)
	if err != nil {
		t.Fatal(err)
	}
	return scores
}

// TestRun_RerunWithNothingChanged: the second run reuses every article and
// writes the same rows and the same bytes as the first, apart from run_id
// (and the history files, which now have a run before).
func TestRun_RerunWithNothingChanged(t *testing.T) {
	input := copySeeds(t)
	if err := os.WriteFile(filepath.Join(input, "photo.txt"), []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), 0o644); err != nil {
		t.Fatal(err)
	}
	set := builtinRules(t)
	cfg := testConfig(t, input)
	first := mustRun(t, cfg, set)
	second := mustRun(t, cfg, set)

	if first.Run.Reused != 0 || first.ReusedFrom != 0 {
		t.Errorf("first run reused %d articles from run %d, want none", first.Run.Reused, first.ReusedFrom)
	}
	if second.Run.Reused != 5 || second.Run.Articles != 5 || second.Run.Skipped != 1 || second.ReusedFrom != first.Run.ID {
		t.Errorf("second run: %d articles, %d reused from run %d, %d skipped; want 5, 5 from run %d, 1",
			second.Run.Articles, second.Run.Reused, second.ReusedFrom, second.Run.Skipped, first.Run.ID)
	}
	if diff := cmp.Diff(first.Outlets, second.Outlets); diff != "" {
		t.Errorf("outlet scores (-first +second):\n%s", diff)
	}

	// The database: the same article scores, every row of them.
	if diff := cmp.Diff(storedScoresOf(t, cfg.DB, first.Run.ID), storedScoresOf(t, cfg.DB, second.Run.ID)); diff != "" {
		t.Errorf("stored scores (-first +second):\n%s", diff)
	}
	db, err := store.Open(context.Background(), cfg.DB)
	if err != nil {
		t.Fatal(err)
	}
	run, err := db.Run(context.Background(), second.Run.ID)
	if err != nil || run.Reused != 5 || run.Articles != 5 || run.Findings != first.Run.Findings {
		t.Errorf("stored second run %+v, %v; want 5 articles, 5 reused, %d findings", run, err, first.Run.Findings)
	}
	// ... held by the first run's results rows, not by copies.
	was, err := db.StoredArticles(context.Background(), first.Run.ID)
	if err != nil {
		t.Fatal(err)
	}
	now, err := db.StoredArticles(context.Background(), second.Run.ID)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	for id, a := range now {
		if b, ok := was[id]; !ok || a.Result != b.Result {
			t.Errorf("article %s: results row %d in the second run, %d in the first; want the same row", id, a.Result, b.Result)
		}
	}

	// The files: byte for byte apart from run_id.
	a, b := reportsOf(t, first.ReportDir), reportsOf(t, second.ReportDir)
	for _, name := range []string{reports.ArticleScoresFile, reports.RuleScoresFile, reports.FindingsFile, reports.SkippedFile} {
		if withoutRunID(a[name]) != withoutRunID(b[name]) {
			t.Errorf("%s differs apart from run_id:\n%s", name, cmp.Diff(withoutRunID(a[name]), withoutRunID(b[name])))
		}
		if strings.Count(b[name], "\n") < 2 {
			t.Errorf("%s has no rows:\n%s", name, b[name])
		}
	}
	// Outlets: every score unchanged, delta 0.0 (history follows the
	// outlets' rows over all stories).
	for _, row := range readCSV(t, filepath.Join(second.ReportDir, reports.OutletScoresFile)) {
		if row["story"] != "(all stories)" {
			continue
		}
		if row["previous_score"] != row["score"] || row["delta"] != "0.0" {
			t.Errorf("outlet row %v: want previous_score = score and delta 0.0", row)
		}
	}
}

// TestRun_Incremental changes the input or the rules between two runs and
// compares the incremental second run with a second run that scores
// everything afresh, from the same database: same reports, byte for byte,
// and the same rows.
func TestRun_Incremental(t *testing.T) {
	seed := func(input, prefix string) string {
		t.Helper()
		m, _ := filepath.Glob(filepath.Join(input, prefix+"*.txt"))
		if len(m) != 1 {
			t.Fatalf("no single seed %s*.txt in %s", prefix, input)
		}
		return m[0]
	}
	editManifest := func(t *testing.T, input, old, new string) {
		t.Helper()
		path := filepath.Join(input, "manifest.csv")
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(b, []byte(old)) {
			t.Fatalf("manifest has no %q:\n%s", old, b)
		}
		if err := os.WriteFile(path, bytes.Replace(b, []byte(old), []byte(new), 1), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name        string
		setup       func(t testing.TB, rulesDir string) // before the first run; may be nil
		change      func(t *testing.T, input, rulesDir string)
		articles    int
		reused      int
		missingFile string // a file that must not be in the second run's reports
		wantCap     string // a cap cell the second run's article_scores.csv must hold
	}{
		{name: "nothing", change: func(*testing.T, string, string) {}, articles: 5, reused: 5,
			wantCap: "C by denial.missing"},
		{name: "nothing, with caps that lower a score", setup: addLoweringCaps, change: func(*testing.T, string, string) {},
			articles: 5, reused: 5, wantCap: "C by translation.likely_mt; C by translation.honorific; B by family dates"},
		{name: "one article edited, with caps that lower a score", setup: addLoweringCaps,
			change: func(t *testing.T, input, _ string) {
				path := seed(input, "000")
				b, _ := os.ReadFile(path)
				os.WriteFile(path, append(b, "\nHerr Peskow sagte nichts.\n"...), 0o644)
			}, articles: 5, reused: 4, wantCap: "C by translation.likely_mt; C by translation.honorific; B by family dates"},
		{name: "one article edited", change: func(t *testing.T, input, _ string) {
			path := seed(input, "002")
			b, _ := os.ReadFile(path)
			os.WriteFile(path, append(b, "\nDer Kreml wies den Bericht am Freitag zurück.\n"...), 0o644)
		}, articles: 5, reused: 4, missingFile: ""},
		{name: "one article touched, same bytes", change: func(t *testing.T, input, _ string) {
			path := seed(input, "003")
			b, _ := os.ReadFile(path)
			os.WriteFile(path, b, 0o644)
			later := time.Now().Add(time.Hour)
			os.Chtimes(path, later, later)
		}, articles: 5, reused: 5, missingFile: ""},
		{name: "one article added", change: func(t *testing.T, input, _ string) {
			b, _ := os.ReadFile(seed(input, "000"))
			os.MkdirAll(filepath.Join(input, "neu"), 0o755)
			os.WriteFile(filepath.Join(input, "neu", "005_kopie.txt"), b, 0o644)
		}, articles: 6, reused: 5, missingFile: ""},
		{name: "one article removed", change: func(t *testing.T, input, _ string) {
			os.Remove(seed(input, "001"))
		}, articles: 4, reused: 4, missingFile: "001_19431bf1eb7bd27f.txt"},
		{name: "one article renamed", change: func(t *testing.T, input, _ string) {
			os.Rename(seed(input, "004"), filepath.Join(input, "004_renamed.txt"))
		}, articles: 5, reused: 4, missingFile: "004_10c273515bf542bd.txt"},
		{name: "manifest: a publication date corrected", change: func(t *testing.T, input, _ string) {
			editManifest(t, input, "2024-12-03", "2024-10-26")
		}, articles: 5, reused: 4, missingFile: ""},
		{name: "manifest: an outlet renamed", change: func(t *testing.T, input, _ string) {
			editManifest(t, input, "ddbnews.org", "DDB News")
		}, articles: 5, reused: 4, missingFile: ""},
		{name: "manifest removed: metadata from the text", change: func(t *testing.T, input, _ string) {
			os.Remove(filepath.Join(input, "manifest.csv"))
		}, articles: 5, reused: 0, missingFile: ""},
		{name: "rule set changed", change: func(t *testing.T, _, rulesDir string) {
			path := filepath.Join(rulesDir, "scoring.yaml")
			b, _ := os.ReadFile(path)
			os.WriteFile(path, append(b, "\n# tuned\n"...), 0o644)
		}, articles: 5, reused: 0, missingFile: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			input := copySeeds(t)
			rulesDir := testutil.HermeticRulesDir(t)
			if tt.setup != nil {
				tt.setup(t, rulesDir)
			}
			cfg := testConfig(t, input)
			mustRun(t, cfg, loadRules(t, rulesDir))
			freshDB := copyDB(t, cfg.DB)

			tt.change(t, input, rulesDir)
			set := loadRules(t, rulesDir)
			incr := mustRun(t, cfg, set)
			fresh := cfg
			fresh.DB, fresh.Out, fresh.Rescore = freshDB, filepath.Join(t.TempDir(), "reports"), true
			full := mustRun(t, fresh, set)

			if incr.Run.Articles != tt.articles || incr.Run.Reused != tt.reused {
				t.Errorf("incremental run: %d articles, %d reused; want %d, %d", incr.Run.Articles, incr.Run.Reused, tt.articles, tt.reused)
			}
			if full.Run.Reused != 0 {
				t.Errorf("run with Rescore reused %d articles", full.Run.Reused)
			}
			if incr.Run.ID != full.Run.ID {
				t.Fatalf("run ids %d and %d: the timelines differ", incr.Run.ID, full.Run.ID)
			}
			got, want := reportsOf(t, incr.ReportDir), reportsOf(t, full.ReportDir)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("reports (-fresh +incremental):\n%s", diff)
			}
			if tt.missingFile != "" && strings.Contains(got[reports.ArticleScoresFile], tt.missingFile) {
				t.Errorf("%s is gone from the input but in the reports", tt.missingFile)
			}
			if tt.wantCap != "" && !strings.Contains(got[reports.ArticleScoresFile], ","+tt.wantCap+",") {
				t.Errorf("no article capped %q:\n%s", tt.wantCap, got[reports.ArticleScoresFile])
			}
			if diff := cmp.Diff(storedScoresOf(t, fresh.DB, full.Run.ID), storedScoresOf(t, cfg.DB, incr.Run.ID)); diff != "" {
				t.Errorf("stored scores (-fresh +incremental):\n%s", diff)
			}
		})
	}
}

// addLoweringCaps adds grade caps that lower a seed's score (000 has
// calqued honorifics: 86.1 becomes 79.9) to the built-in rules in rulesDir,
// beside the built-in cap, which applies to 002 without lowering it.
func addLoweringCaps(t testing.TB, rulesDir string) {
	t.Helper()
	path := filepath.Join(rulesDir, "scoring.yaml")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	caps := "    - {rule: translation.honorific, at_most: 0.9, grade: C}\n    - {family: dates, at_most: 90, grade: B}\n"
	if err := os.WriteFile(path, append(b, caps...), 0o644); err != nil {
		t.Fatal(err)
	}
}

// loadRules loads a rule folder.
func loadRules(t testing.TB, dir string) *rules.Set {
	t.Helper()
	set, err := LoadRules(RuleSource{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// TestRun_ReuseBase: results are reused from the latest successful run over
// the same folder only.
func TestRun_ReuseBase(t *testing.T) {
	set := builtinRules(t)
	input, other := copySeeds(t), copySeeds(t)
	cfg := testConfig(t, input)
	first := mustRun(t, cfg, set)

	// A run over another folder in between is no base for this one ...
	otherCfg := cfg
	otherCfg.Input = other
	if sum := mustRun(t, otherCfg, set); sum.Run.Reused != 0 {
		t.Errorf("run over another folder reused %d articles", sum.Run.Reused)
	}
	// ... nor is a failed run.
	blocked := cfg
	blocked.Out = filepath.Join(t.TempDir(), "file")
	os.WriteFile(blocked.Out, nil, 0o644)
	if _, err := Run(context.Background(), blocked, set); err == nil {
		t.Fatal("run with its reports folder blocked succeeded")
	}
	sum := mustRun(t, cfg, set)
	if sum.ReusedFrom != first.Run.ID || sum.Run.Reused != 5 {
		t.Errorf("reused %d articles from run %d, want 5 from run %d", sum.Run.Reused, sum.ReusedFrom, first.Run.ID)
	}
}

// TestRun_ReuseProgram: a run reuses no result another program stored (a
// new build may score the same article under the same rules differently),
// says so in the log, and records its program; the same program reuses.
func TestRun_ReuseProgram(t *testing.T) {
	set := builtinRules(t)
	cfg := testConfig(t, copySeeds(t))
	cfg.Program = "v1 0000000000000001"
	first := mustRun(t, cfg, set)
	if first.Run.Program != cfg.Program {
		t.Errorf("run recorded program %q, want %q", first.Run.Program, cfg.Program)
	}
	var logged bytes.Buffer
	cfg.Log = slog.New(slog.NewTextHandler(&logged, nil))
	cfg.Program = "v2 0000000000000002"
	if sum := mustRun(t, cfg, set); sum.Run.Reused != 0 || sum.ReusedFrom != 0 {
		t.Errorf("another program reused %d articles from run %d", sum.Run.Reused, sum.ReusedFrom)
	}
	if !strings.Contains(logged.String(), `msg="program changed: every article is scored again"`) || !strings.Contains(logged.String(), `was="v1 0000000000000001"`) {
		t.Errorf("log does not say the program changed:\n%s", logged.String())
	}
	sum := mustRun(t, cfg, set)
	if sum.Run.Reused != 5 {
		t.Errorf("the same program reused %d articles, want 5", sum.Run.Reused)
	}
	db, err := store.Open(context.Background(), cfg.DB)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	r, err := db.Run(context.Background(), sum.Run.ID)
	if err != nil || r.Program != cfg.Program {
		t.Errorf("stored run's program = %q, %v; want %q", r.Program, err, cfg.Program)
	}
}

// TestProgramIdentity: the version and a hash of the test binary itself.
func TestProgramIdentity(t *testing.T) {
	got := ProgramIdentity("v9")
	if !regexp.MustCompile(`^v9 [0-9a-f]{16}$`).MatchString(got) {
		t.Errorf("ProgramIdentity = %q, want the version and 16 hex digits", got)
	}
	if again := ProgramIdentity("v9"); again != got {
		t.Errorf("ProgramIdentity changed between calls: %q, %q", got, again)
	}
}

// TestRun_PanicIsRecordedAsFailed: a panic inside a run is recovered, the
// run is recorded as failed with nothing of it stored, and the next run
// works (and, as nothing succeeded before it, scores everything).
func TestRun_PanicIsRecordedAsFailed(t *testing.T) {
	set := builtinRules(t)
	cfg := testConfig(t, copySeeds(t))
	calls := 0
	cfg.Now = func() time.Time {
		calls++
		if calls == 2 { // the run's end, after every article was written
			panic("clock broke")
		}
		return fixedNow()
	}
	_, err := Run(context.Background(), cfg, set)
	if err == nil || !strings.Contains(err.Error(), "run panicked: clock broke") {
		t.Fatalf("err = %v, want the panic", err)
	}
	db, err := store.Open(context.Background(), cfg.DB)
	if err != nil {
		t.Fatal(err)
	}
	runs, err := db.Runs(context.Background(), 0)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 1 || runs[0].Status != sourcescore.RunFailed || runs[0].Error != "run panicked: clock broke" {
		t.Fatalf("runs = %+v, want one failed run with the panic", runs)
	}
	if scores := storedScoresOf(t, cfg.DB, runs[0].ID); len(scores) != 0 {
		t.Errorf("the failed run has %d articles stored", len(scores))
	}
	if _, err := os.Stat(reports.Dir(cfg.Out, runs[0].ID)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the failed run left its report folder: %v", err)
	}

	cfg.Now = fixedNow
	sum := mustRun(t, cfg, set)
	if sum.Run.Articles != 5 || sum.Run.Reused != 0 {
		t.Errorf("next run: %d articles, %d reused; want 5, 0", sum.Run.Articles, sum.Run.Reused)
	}
}

// TestRun_CancelledAfterWriting: a run cancelled when every article is
// already in its transaction is rolled back whole and recorded as cancelled.
func TestRun_CancelledAfterWriting(t *testing.T) {
	set := builtinRules(t)
	cfg := testConfig(t, copySeeds(t))
	ctx, cancel := context.WithCancelCause(context.Background())
	defer cancel(nil)
	cause := errors.New("schedule stopping")
	calls := 0
	cfg.Now = func() time.Time {
		if calls++; calls == 2 {
			cancel(cause)
		}
		return fixedNow()
	}
	if _, err := Run(ctx, cfg, set); !errors.Is(err, cause) {
		t.Fatalf("err = %v, want the cancellation cause", err)
	}
	db, err := store.Open(context.Background(), cfg.DB)
	if err != nil {
		t.Fatal(err)
	}
	runs, err := db.Runs(context.Background(), 0)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 1 || runs[0].Status != sourcescore.RunFailed || runs[0].Error != "run cancelled: schedule stopping" {
		t.Fatalf("runs = %+v, want one failed run, cancelled", runs)
	}
	if scores := storedScoresOf(t, cfg.DB, runs[0].ID); len(scores) != 0 {
		t.Errorf("the cancelled run has %d articles stored", len(scores))
	}
}

func TestRunUnattended(t *testing.T) {
	ctx := context.Background()
	input := copySeeds(t)
	rulesDir := testutil.HermeticRulesDir(t)
	cfg := testConfig(t, input)
	if _, err := RunUnattended(ctx, cfg, RuleSource{Dir: rulesDir}); err != nil {
		t.Fatal(err)
	}

	// A typo in a rule file: the run fails with the positioned error, and
	// is recorded so.
	path := filepath.Join(rulesDir, "denial.yaml")
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(path, bytes.Replace(good, []byte("    weight: 1"), []byte("    wieght: 1"), 1), 0o644)
	_, err = RunUnattended(ctx, cfg, RuleSource{Dir: rulesDir})
	if !errors.Is(err, sourcescore.ErrConfig) {
		t.Fatalf("err = %v, want a configuration error", err)
	}
	positioned := regexp.MustCompile(`denial\.yaml:\d+:5: unknown key "wieght"`)
	if !positioned.MatchString(err.Error()) {
		t.Errorf("error does not point at the typo:\n%v", err)
	}

	// A missing input folder is recorded too.
	missing := cfg
	missing.Input = filepath.Join(t.TempDir(), "gone")
	os.WriteFile(path, good, 0o644)
	if _, err := RunUnattended(ctx, missing, RuleSource{Dir: rulesDir}); !errors.Is(err, sourcescore.ErrConfig) {
		t.Fatalf("missing input: err = %v, want a configuration error", err)
	}

	// Fixed: the next run succeeds and reuses the last successful run.
	sum, err := RunUnattended(ctx, cfg, RuleSource{Dir: rulesDir})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Run.Reused != 5 {
		t.Errorf("run after the fix reused %d articles, want 5", sum.Run.Reused)
	}

	db, err := store.Open(ctx, cfg.DB)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	runs, err := db.Runs(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	var statuses []sourcescore.RunStatus
	for i := len(runs) - 1; i >= 0; i-- {
		statuses = append(statuses, runs[i].Status)
	}
	want := []sourcescore.RunStatus{sourcescore.RunSucceeded, sourcescore.RunFailed, sourcescore.RunFailed, sourcescore.RunSucceeded}
	if diff := cmp.Diff(want, statuses); diff != "" {
		t.Fatalf("run statuses, oldest first (-want +got):\n%s", diff)
	}
	if bad := runs[2]; !strings.HasPrefix(bad.Error, "rules not loaded:\n") || !positioned.MatchString(bad.Error) || bad.RuleSetHash != "" {
		t.Errorf("the bad-rules run is recorded as %+v; want its positioned error and no rule set", bad)
	}
	if gone := runs[1]; !strings.Contains(gone.Error, "gone") || gone.Input != missing.Input {
		t.Errorf("the missing-input run is recorded as %+v", gone)
	}
}

// TestReport writes stored runs again from the database alone: the same
// bytes as the runs wrote, for the first run, for a later one with
// history, and with spreadsheet options.
func TestReport(t *testing.T) {
	ctx := context.Background()
	input := copySeeds(t)
	rulesDir := testutil.HermeticRulesDir(t)
	addLoweringCaps(t, rulesDir) // so that stored caps are written again
	set := loadRules(t, rulesDir)
	for _, opt := range []reports.Options{{}, {Delimiter: ';', BOM: true, DecimalComma: true}} {
		cfg := testConfig(t, input)
		cfg.CSV = opt
		cfg.TrendRuns = 2
		var sums []*Summary
		for i := 0; i < 3; i++ {
			if i == 1 { // the second run has a changed article
				path := filepath.Join(input, "002_b69c8368de298335.txt")
				b, _ := os.ReadFile(path)
				os.WriteFile(path, append(b, "\nDer Kreml wies den Bericht am Freitag zurück.\n"...), 0o644)
			}
			sums = append(sums, mustRun(t, cfg, set))
		}
		for _, sum := range sums {
			again := cfg
			again.Out = t.TempDir()
			dir, err := Report(ctx, again, sum.Run.ID)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(reportsOf(t, sum.ReportDir), reportsOf(t, dir)); diff != "" {
				t.Errorf("%v, run %d written again (-run +report):\n%s", opt, sum.Run.ID, diff)
			}
		}
		// The third run's trend covers two runs.
		if opt.Delimiter == 0 {
			trend := readCSV(t, filepath.Join(sums[2].ReportDir, reports.TrendFile))
			if len(trend) != 2*len(sums[2].Outlets) {
				t.Errorf("trend.csv has %d rows, want 2 per outlet", len(trend))
			}
		}
	}

	cfg := testConfig(t, input)
	os.WriteFile(cfg.Out, nil, 0o644) // the run fails
	if _, err := Run(ctx, cfg, set); err == nil {
		t.Fatal("run with a blocked reports folder succeeded")
	}
	for _, id := range []int64{1, 99} {
		if _, err := Report(ctx, cfg, id); !errors.Is(err, sourcescore.ErrNotFound) {
			t.Errorf("Report of run %d: %v, want ErrNotFound", id, err)
		}
	}
}

func TestRun_History(t *testing.T) {
	input := copySeeds(t)
	set := builtinRules(t)
	cfg := testConfig(t, input)
	cfg.TrendRuns = 3
	cfg.KeepReports = 2
	var sums []*Summary
	for i := 0; i < 4; i++ {
		if i == 2 { // ddbnews.org's article gets its denial
			path := filepath.Join(input, "002_b69c8368de298335.txt")
			b, _ := os.ReadFile(path)
			os.WriteFile(path, append(b, "\nDer Kreml wies den Bericht des Wall Street Journal am Freitag als falsche Informationen zurück.\n"...), 0o644)
		}
		sums = append(sums, mustRun(t, cfg, set))
	}
	ddb := func(s *Summary) float64 {
		for _, o := range s.Outlets {
			if o.Outlet == "ddbnews.org" {
				return o.Score
			}
		}
		t.Fatal("no ddbnews.org")
		return 0
	}
	if ddb(sums[2]) == ddb(sums[1]) {
		t.Fatal("the change did not move ddbnews.org")
	}
	rows := readCSV(t, filepath.Join(sums[2].ReportDir, reports.OutletScoresFile))
	for _, r := range rows {
		if r["outlet"] != "ddbnews.org" || r["story"] != "(all stories)" {
			continue
		}
		want := map[string]string{"previous_score": shown(ddb(sums[1])), "delta": shownDelta(ddb(sums[2]), ddb(sums[1]))}
		got := map[string]string{"previous_score": r["previous_score"], "delta": r["delta"]}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("ddbnews.org in run 3 (-want +got):\n%s", diff)
		}
	}

	// trend.csv of the last run: runs 2, 3 and 4 for each outlet.
	var got []string
	for _, r := range readCSV(t, filepath.Join(sums[3].ReportDir, reports.TrendFile)) {
		if r["outlet"] == "ddbnews.org" {
			got = append(got, r["trend_run_id"]+":"+r["score"])
		}
	}
	want := []string{"2:" + shown(ddb(sums[1])), "3:" + shown(ddb(sums[2])), "4:" + shown(ddb(sums[3]))}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("trend of ddbnews.org (-want +got):\n%s", diff)
	}

	// Only the newest two report folders are kept; the database keeps all.
	entries, _ := os.ReadDir(cfg.Out)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if diff := cmp.Diff([]string{"latest", "run-3", "run-4", reports.ClaimFile}, names); diff != "" {
		t.Errorf("reports folder (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{filepath.Join(cfg.Out, "run-2")}, sums[3].Pruned); diff != "" {
		t.Errorf("pruned by the last run (-want +got):\n%s", diff)
	}
	db, err := store.Open(context.Background(), cfg.DB)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if runs, err := db.Runs(context.Background(), 0); err != nil || len(runs) != 4 {
		t.Errorf("database holds %d runs (%v), want 4", len(runs), err)
	}
}

// shown is a score as the reports show it.
func shown(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }

// shownDelta is the change between two scores as the reports show it: the
// difference of the shown scores.
func shownDelta(now, before float64) string {
	n, _ := strconv.ParseFloat(shown(now), 64)
	b, _ := strconv.ParseFloat(shown(before), 64)
	return shown(n - b)
}

// TestRun_StoredResultsUnreadable: when the stored results of an unchanged
// article cannot be read back (here, their JSON is damaged), the rerun
// scores that article again, says so in the log, and loses nothing: the
// same reports as a fresh scoring.
func TestRun_StoredResultsUnreadable(t *testing.T) {
	input := copySeeds(t)
	set := builtinRules(t)
	cfg := testConfig(t, input)
	first := mustRun(t, cfg, set)

	// Damage one article's stored findings (the store package registered
	// the driver; the job never writes SQL itself).
	sdb, err := sql.Open("sqlite3", cfg.DB)
	if err != nil {
		t.Fatal(err)
	}
	res, err := sdb.Exec(`UPDATE results SET findings = '[["broken"' WHERE id =
		(SELECT result_id FROM run_articles WHERE run_id = ? ORDER BY file LIMIT 1)`, first.Run.ID)
	sdb.Close()
	if n, _ := res.RowsAffected(); err != nil || n != 1 {
		t.Fatalf("damage stored results: %d rows, %v", n, err)
	}

	var logged bytes.Buffer
	cfg.Log = slog.New(slog.NewTextHandler(&logged, nil))
	second := mustRun(t, cfg, set)
	if second.Run.Articles != 5 || second.Run.Reused != 4 {
		t.Errorf("rerun: %d articles, %d reused; want 5, 4 (the damaged one scored again)", second.Run.Articles, second.Run.Reused)
	}
	if !strings.Contains(logged.String(), "stored results not reused: scored again") {
		t.Errorf("the log does not say why an unchanged article was scored again:\n%s", logged.String())
	}
	a, b := reportsOf(t, first.ReportDir), reportsOf(t, second.ReportDir)
	for _, name := range []string{reports.ArticleScoresFile, reports.RuleScoresFile, reports.FindingsFile} {
		if withoutRunID(a[name]) != withoutRunID(b[name]) {
			t.Errorf("%s differs apart from run_id:\n%s", name, cmp.Diff(withoutRunID(a[name]), withoutRunID(b[name])))
		}
	}
}
