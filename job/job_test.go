package job

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"sourcescore"
	"sourcescore/internal/corpus"
	"sourcescore/internal/testutil"
	"sourcescore/rules"
	"sourcescore/store"
)

// fixedNow pins the clock so runs are reproducible.
func fixedNow() time.Time { return time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC) }

// copySeeds copies the seed articles and manifest into a temp input folder.
func copySeeds(t testing.TB) string { return testutil.CopyDir(t, "../seeds") }

// builtinRules loads the built-in rules without their word lists.
func builtinRules(t testing.TB) *rules.Set { return testutil.HermeticRules(t) }

// readCSV reads a report into rows of column → value.
func readCSV(t testing.TB, path string) []map[string]string { return testutil.ReadCSV(t, path) }

func runSeeds(t *testing.T, input string, workers int) (*Summary, Config) {
	t.Helper()
	out := t.TempDir()
	cfg := Config{Input: input, DB: filepath.Join(out, "s.db"), Out: filepath.Join(out, "reports"), Workers: workers, Now: fixedNow}
	sum, err := Run(context.Background(), cfg, builtinRules(t))
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	return sum, cfg
}

func TestRun_Seeds(t *testing.T) {
	sum, cfg := runSeeds(t, copySeeds(t), 2)

	// 5 articles, 5 outlets, one of them unknown.
	if sum.Run.Articles != 5 || sum.Run.Skipped != 0 {
		t.Errorf("articles %d skipped %d, want 5 and 0", sum.Run.Articles, sum.Run.Skipped)
	}
	var outlets []string
	for _, o := range sum.Outlets {
		outlets = append(outlets, o.Outlet)
	}
	want := []string{sourcescore.UnknownOutlet, "AUTOHAUS", "Báo Dân trí", "The National Times", "ddbnews.org"}
	if diff := cmp.Diff(want, outlets); diff != "" {
		t.Errorf("outlets (-want +got):\n%s", diff)
	}

	// The database holds the run, read back through the store.
	db, err := store.Open(context.Background(), cfg.DB)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	run, err := db.LatestRun(context.Background(), sourcescore.RunSucceeded)
	if err != nil || run.ID != sum.Run.ID || run.Articles != 5 {
		t.Fatalf("latest run %+v, %v; want run %d with 5 articles", run, err, sum.Run.ID)
	}
	scores, err := db.ArticleScores(context.Background(), run.ID)
	if err != nil {
		t.Fatal(err)
	}
	byFile := map[string]*sourcescore.ArticleScore{}
	for _, s := range scores {
		byFile[s.Article.File[:3]] = s
		// Every article has rule scores for all four families.
		fams := map[sourcescore.Family]bool{}
		for _, r := range s.Rules {
			if r.Applied {
				fams[r.Family] = true
			}
		}
		for _, f := range sourcescore.Families {
			if !fams[f] {
				t.Errorf("%s: no applied rule of family %s", s.Article.File, f)
			}
		}
	}
	if len(byFile) != 5 {
		t.Fatalf("%d articles in the database, want 5", len(byFile))
	}

	// The findings the issue names.
	has := func(file string, fam sourcescore.Family, min sourcescore.Severity, evidence string) bool {
		for _, f := range byFile[file].Findings {
			if f.Family == fam && f.Severity >= min && strings.Contains(f.Evidence, evidence) {
				return true
			}
		}
		return false
	}
	checks := []struct {
		file     string
		fam      sourcescore.Family
		min      sourcescore.Severity
		evidence string
	}{
		{"000", sourcescore.FamilyDates, sourcescore.SeverityWarning, "15. November"},
		{"002", sourcescore.FamilyDenial, sourcescore.SeverityWarning, ""},
		{"004", sourcescore.FamilyTranslation, sourcescore.SeverityWarning, "WSJIn"},
		{"004", sourcescore.FamilyTranslation, sourcescore.SeverityWarning, "WSJDen"},
		{"004", sourcescore.FamilyTranslation, sourcescore.SeverityWarning, "Politischsind"},
	}
	for _, c := range checks {
		if !has(c.file, c.fam, c.min, c.evidence) {
			t.Errorf("%s: no %s finding (>= %s) with evidence %q", c.file, c.fam, c.min, c.evidence)
		}
	}

	// Nothing from 001's "Empfohlen" section (line 31 on) reaches a finding.
	for _, f := range byFile["001"].Findings {
		if f.Pos.Line >= 31 {
			t.Errorf("001: finding from the cut Empfohlen section: %+v", f)
		}
	}

	// 002 scores lowest; 001 and 003 highest.
	rank := func(k string) float64 { return byFile[k].Score }
	for _, k := range []string{"000", "001", "003", "004"} {
		if rank("002") >= rank(k) {
			t.Errorf("002 (%.1f) does not score below %s (%.1f)", rank("002"), k, rank(k))
		}
	}
	for _, top := range []string{"001", "003"} {
		for _, k := range []string{"000", "002", "004"} {
			if rank(top) <= rank(k) {
				t.Errorf("%s (%.1f) does not score above %s (%.1f)", top, rank(top), k, rank(k))
			}
		}
	}

	// The CSVs say the same as the database.
	dir := filepath.Join(cfg.Out, "latest")
	arts := readCSV(t, filepath.Join(dir, "article_scores.csv"))
	if len(arts) != 5 {
		t.Fatalf("article_scores.csv has %d rows, want 5", len(arts))
	}
	for _, row := range arts {
		s := byFile[row["file"][:3]]
		if row["article_id"] != s.Article.ID || row["grade"] != s.Grade || row["outlet"] != s.Article.Meta.OutletName() {
			t.Errorf("CSV row %v disagrees with the database (%s, %s, %s)", row, s.Article.ID, s.Grade, s.Article.Meta.OutletName())
		}
	}
	findings := readCSV(t, filepath.Join(dir, "findings.csv"))
	if len(findings) != sum.Run.Findings {
		t.Errorf("findings.csv has %d rows, the run %d findings", len(findings), sum.Run.Findings)
	}
	// Per outlet, its row over all stories and its row of the one story.
	if got := readCSV(t, filepath.Join(dir, "outlet_scores.csv")); len(got) != 10 {
		t.Errorf("outlet_scores.csv has %d rows, want 10", len(got))
	}
}

// TestRun_SameScoresWhateverTheWorkers runs the seeds, and a generated
// corpus large enough for every worker to score many articles with the
// rules' pooled state, with 1 and with 4 workers: the reports must be the
// same bytes.
func TestRun_SameScoresWhateverTheWorkers(t *testing.T) {
	generated := t.TempDir()
	if _, err := corpus.Generate(generated, corpus.Options{Seeds: "../seeds", N: 400, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	for name, input := range map[string]string{"seeds": copySeeds(t), "generated": generated} {
		t.Run(name, func(t *testing.T) {
			_, one := runSeeds(t, input, 1)
			_, four := runSeeds(t, input, 4)
			for _, name := range []string{"article_scores.csv", "rule_scores.csv", "findings.csv", "outlet_scores.csv"} {
				a, err := os.ReadFile(filepath.Join(one.Out, "latest", name))
				if err != nil {
					t.Fatal(err)
				}
				b, err := os.ReadFile(filepath.Join(four.Out, "latest", name))
				if err != nil {
					t.Fatal(err)
				}
				if string(a) != string(b) {
					t.Errorf("%s differs between 1 and 4 workers", name)
				}
				if bytes.Count(a, []byte("\n")) < 2 {
					t.Errorf("%s has no rows", name)
				}
			}
		})
	}
}

func TestRun_BadArticlesAreSkipped(t *testing.T) {
	input := copySeeds(t)
	os.WriteFile(filepath.Join(input, "binary.txt"), []byte("PK\x03\x04\x00\x00\x00binary"), 0o644)
	os.WriteFile(filepath.Join(input, "empty.txt"), []byte(" \n\n "), 0o644)
	sum, cfg := runSeeds(t, input, 2)
	if sum.Run.Articles != 5 || sum.Run.Skipped != 2 {
		t.Fatalf("articles %d skipped %d, want 5 and 2", sum.Run.Articles, sum.Run.Skipped)
	}
	rows := readCSV(t, filepath.Join(cfg.Out, "latest", "skipped.csv"))
	got := map[string]string{}
	for _, r := range rows {
		got[r["file"]] = r["reason"]
	}
	if !strings.HasPrefix(got["binary.txt"], "binary file") || !strings.HasPrefix(got["empty.txt"], "empty file") {
		t.Errorf("skipped.csv = %v, want binary.txt and empty.txt with their reasons", got)
	}
}

func TestRun_FailureLeavesOnlyAFailedRunRecord(t *testing.T) {
	input := copySeeds(t)
	out := t.TempDir()
	cfg := Config{Input: input, DB: filepath.Join(out, "s.db"), Out: filepath.Join(out, "reports"), Workers: 2, Now: fixedNow}
	// Reports cannot be written: a file stands where the reports folder goes.
	if err := os.WriteFile(cfg.Out, []byte("in the way"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Run(context.Background(), cfg, builtinRules(t)); err == nil {
		t.Fatal("run succeeded with its reports folder blocked")
	}
	db, err := store.Open(context.Background(), cfg.DB)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	runs, err := db.Runs(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 1 || runs[0].Status != sourcescore.RunFailed || runs[0].Error == "" {
		t.Fatalf("runs = %+v, want one failed run with its error", runs)
	}
	if _, err := db.ArticleScores(context.Background(), runs[0].ID); err != nil && !errors.Is(err, sourcescore.ErrNotFound) {
		t.Fatal(err)
	} else if scores, _ := db.ArticleScores(context.Background(), runs[0].ID); len(scores) != 0 {
		t.Errorf("failed run has %d articles stored, want none", len(scores))
	}
}

func TestRun_CancelledRunStoresNothing(t *testing.T) {
	input := copySeeds(t)
	out := t.TempDir()
	cfg := Config{Input: input, DB: filepath.Join(out, "s.db"), Out: filepath.Join(out, "reports"), Workers: 1, Now: fixedNow}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Run(ctx, cfg, builtinRules(t)); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled run: err = %v, want context.Canceled", err)
	}
	db, err := store.Open(context.Background(), cfg.DB)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.LatestRun(context.Background(), sourcescore.RunSucceeded); !errors.Is(err, sourcescore.ErrNotFound) {
		t.Errorf("a cancelled run left a succeeded run: %v", err)
	}
	if _, err := os.Stat(filepath.Join(cfg.Out, "latest")); err == nil {
		t.Error("a cancelled run left a latest report link")
	}
}
