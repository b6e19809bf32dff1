package store

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"sourcescore"
)

// TestRunTx_roundTrip writes a whole run and reads every part of it back.
func TestRunTx_roundTrip(t *testing.T) {
	db := openTestDB(t)
	ctx := context.Background()

	a := cappedScore(2, 3, 4)
	a.Article.File = "b/zweiter.txt"
	b := testScore(1, 2, 0) // no findings, metadata unknown
	b.Article.File = "a/erster.txt"
	b.Article.Meta = sourcescore.Metadata{}
	b.Findings = append(b.Findings, sourcescore.Finding{ // about absence
		RuleID: "sourcing.no_named_source", Family: sourcescore.FamilySourcing,
		Severity: sourcescore.SeverityWarning, Message: "no named source", Offset: -1,
	})
	files := []RuleFile{{"rules/sourcing.yaml", "h1"}, {"rules/dates.yaml", "h2"}}
	skipped := []sourcescore.Skipped{{File: "c/leer.txt", Reason: "empty file"}, {File: "c/bild.png", Reason: "binary"}}
	outlets := []sourcescore.OutletScore{
		{Outlet: "Tagesblatt", Articles: 1, Score: 71.25, Grade: "B"},
		{Outlet: sourcescore.UnknownOutlet, Articles: 1, Score: 71.25, Grade: "B"},
	}
	r := testRun(time.Date(2025, 3, 14, 10, 26, 53, 589793238, cet))
	r.Ended = r.Started.Add(90 * time.Second)
	id := writeRun(t, db, r, files, []*sourcescore.ArticleScore{a, b}, skipped, outlets)

	t.Run("Run", func(t *testing.T) {
		got, err := db.Run(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		want := sourcescore.Run{
			ID: id, Started: t0, Ended: t0.Add(90 * time.Second), Status: sourcescore.RunSucceeded,
			Input: "/data/in", RuleSetHash: "feedface", Articles: 2, Skipped: 2, Findings: 5,
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Run (-want +got):\n%s", diff)
		}
		if got.Started.Location() != time.UTC {
			t.Errorf("Started in %v, want UTC", got.Started.Location())
		}
		var started string
		if err := db.db.QueryRow("SELECT started FROM runs WHERE id = ?", id).Scan(&started); err != nil {
			t.Fatal(err)
		}
		if want := "2025-03-14T09:26:53.589793238Z"; started != want {
			t.Errorf("started stored as %q, want %q", started, want)
		}
	})
	t.Run("ArticleScores", func(t *testing.T) {
		got, err := db.ArticleScores(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		want := []*sourcescore.ArticleScore{b, a} // by file
		if diff := cmp.Diff(want, got, scoreOpts); diff != "" {
			t.Errorf("ArticleScores (-want +got):\n%s", diff)
		}
		var published any
		if err := db.db.QueryRow("SELECT published FROM articles WHERE article_id = ?", b.Article.ID).Scan(&published); err != nil {
			t.Fatal(err)
		}
		if published != nil {
			t.Errorf("unknown publication date stored as %v, want NULL", published)
		}
	})
	t.Run("views", func(t *testing.T) {
		// The articles view shows the caps as the reports do; the caps
		// view gives one row per cap.
		var uncapped float64
		var capped string
		for _, s := range []*sourcescore.ArticleScore{a, b} {
			if err := db.db.QueryRow("SELECT uncapped, cap FROM articles WHERE run_id = ? AND article_id = ?",
				id, s.Article.ID).Scan(&uncapped, &capped); err != nil {
				t.Fatal(err)
			}
			if uncapped != s.Uncapped || capped != s.CapsString() {
				t.Errorf("articles view of %s: uncapped %v, cap %q; want %v, %q", s.Article.ID, uncapped, capped, s.Uncapped, s.CapsString())
			}
		}
		rows, err := db.db.Query(`SELECT article_id, seq, rule_id, family, at_most, grade, score, score_limit
			FROM caps WHERE run_id = ? ORDER BY article_id, seq`, id)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var got []sourcescore.AppliedCap
		for rows.Next() {
			var c sourcescore.AppliedCap
			var article, family string
			var seq int
			if err := rows.Scan(&article, &seq, &c.RuleID, &family, &c.AtMost, &c.Grade, &c.Score, &c.Limit); err != nil {
				t.Fatal(err)
			}
			c.Family = sourcescore.Family(family)
			if article != a.Article.ID || seq != len(got)+1 {
				t.Errorf("caps view row %d: article %s seq %d", len(got)+1, article, seq)
			}
			got = append(got, c)
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(a.Caps, got); diff != "" {
			t.Errorf("caps view (-want +got):\n%s", diff)
		}
	})
	t.Run("OutletScores", func(t *testing.T) {
		got, err := db.OutletScores(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		want := []sourcescore.OutletScore{outlets[1], outlets[0]} // "(unknown)" < "Tagesblatt"
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("OutletScores (-want +got):\n%s", diff)
		}
	})
	t.Run("SkippedFiles", func(t *testing.T) {
		got, err := db.SkippedFiles(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(skipped, got); diff != "" {
			t.Errorf("SkippedFiles (-want +got):\n%s", diff)
		}
	})
	t.Run("RuleFiles", func(t *testing.T) {
		got, err := db.RuleFiles(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		want := []RuleFile{files[1], files[0]} // by path
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("RuleFiles (-want +got):\n%s", diff)
		}
	})
}

// TestRunTx_atomic checks that a run that does not reach Commit leaves no row
// at all, and that a RunTx refuses work after an error.
func TestRunTx_atomic(t *testing.T) {
	badSeverity := testScore(3, 2, 2)
	badSeverity.Findings[1].Severity = 7 // refused after the first article is in
	duplicate := testScore(1, 1, 1)
	duplicate.Article.File = "other/file.txt"

	tests := []struct {
		name string
		// run adds to tx; it returns the error that aborted the run, or nil
		// when it just stops.
		run     func(ctx context.Context, cancel context.CancelFunc, tx *RunTx) error
		wantErr string // in the error of run
	}{
		{
			name: "rollback after articles",
			run: func(ctx context.Context, _ context.CancelFunc, tx *RunTx) error {
				for i := range 3 {
					if err := tx.AddArticle(ctx, testScore(i, 3, 5)); err != nil {
						return err
					}
				}
				if err := tx.AddSkipped(ctx, sourcescore.Skipped{File: "x", Reason: "y"}); err != nil {
					return err
				}
				return tx.AddOutlets(ctx, []sourcescore.OutletScore{{Outlet: "o", Articles: 3}})
			},
		},
		{
			name: "context cancelled mid-run",
			run: func(ctx context.Context, cancel context.CancelFunc, tx *RunTx) error {
				if err := tx.AddArticle(ctx, testScore(1, 3, 5)); err != nil {
					return err
				}
				cancel()
				return tx.AddArticle(ctx, testScore(2, 3, 5))
			},
			wantErr: "context canceled",
		},
		{
			name: "article failing half-way",
			run: func(ctx context.Context, _ context.CancelFunc, tx *RunTx) error {
				if err := tx.AddArticle(ctx, testScore(1, 3, 5)); err != nil {
					return err
				}
				return tx.AddArticle(ctx, badSeverity)
			},
			wantErr: `add article: outlet/0003.txt: finding of dates.rule_01: severity "severity(7)" must be one of info, warning, error`,
		},
		{
			name: "duplicate article id",
			run: func(ctx context.Context, _ context.CancelFunc, tx *RunTx) error {
				if err := tx.AddArticle(ctx, testScore(1, 3, 5)); err != nil {
					return err
				}
				return tx.AddArticle(ctx, duplicate)
			},
			wantErr: "UNIQUE constraint failed: run_articles.article_id, run_articles.run_id",
		},
		{
			name: "nil article",
			run: func(ctx context.Context, _ context.CancelFunc, tx *RunTx) error {
				return tx.AddArticle(ctx, &sourcescore.ArticleScore{})
			},
			wantErr: "add article: nil article score",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := openTestDB(t)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			tx, err := db.BeginRun(ctx, testRun(t0), []RuleFile{{"r.yaml", "h"}})
			if err != nil {
				t.Fatal(err)
			}
			defer tx.Rollback()

			err = tt.run(ctx, cancel, tx)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("run: %v", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Fatalf("run: error %v, want one containing %q", err, tt.wantErr)
			}
			if tt.wantErr != "" {
				// The RunTx is aborted: nothing more goes in.
				if err := tx.AddSkipped(context.Background(), sourcescore.Skipped{File: "z"}); err == nil {
					t.Error("AddSkipped after an error succeeded")
				}
				if err := tx.Commit(context.Background(), testRun(t0)); err == nil {
					t.Error("Commit after an error succeeded")
				}
			}
			if err := tx.Rollback(); err != nil {
				t.Errorf("Rollback: %v", err)
			}
			if err := tx.Rollback(); err != nil {
				t.Errorf("second Rollback: %v", err)
			}
			if diff := cmp.Diff(zeroCounts(), counts(t, db)); diff != "" {
				t.Errorf("rows left (-want +got):\n%s", diff)
			}
			// The write lock is released: another run can be written.
			writeRun(t, db, testRun(t0), nil, []*sourcescore.ArticleScore{testScore(1, 1, 1)}, nil, nil)
		})
	}
}

func TestRunTx_Commit(t *testing.T) {
	db := openTestDB(t)
	ctx := context.Background()
	tx, err := db.BeginRun(ctx, testRun(t0), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()

	// Until Commit, the run is not visible outside its transaction.
	if _, err := db.Run(ctx, tx.ID()); !errors.Is(err, sourcescore.ErrNotFound) {
		t.Errorf("Run before Commit: %v, want ErrNotFound", err)
	}
	if err := tx.AddArticle(ctx, testScore(1, 2, 3)); err != nil {
		t.Fatal(err)
	}
	r := testRun(t0)
	r.Articles, r.Findings = 99, 99 // ignored: the counts are the rows written
	if err := tx.Commit(ctx, r); err != nil {
		t.Fatal(err)
	}
	if err := tx.Rollback(); err != nil {
		t.Errorf("Rollback after Commit: %v", err)
	}
	if err := tx.AddArticle(ctx, testScore(2, 1, 1)); err == nil {
		t.Error("AddArticle after Commit succeeded")
	}
	if err := tx.Commit(ctx, r); err == nil {
		t.Error("second Commit succeeded")
	}

	got, err := db.Run(ctx, tx.ID())
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != sourcescore.RunSucceeded || got.Articles != 1 || got.Findings != 3 || got.Ended.IsZero() {
		t.Errorf("committed run = %+v, want succeeded, 1 article, 3 findings, an end time", got)
	}
}

func TestDB_RecordFailedRun(t *testing.T) {
	db := openTestDB(t)
	ctx := context.Background()
	r := testRun(t0)
	r.Ended = t0.Add(time.Minute)
	r.Articles = 12
	r.Error = "read manifest /data/in/manifest.csv: line 3: bad date"
	id, err := db.RecordFailedRun(ctx, r)
	if err != nil {
		t.Fatal(err)
	}

	want := zeroCounts()
	want["runs"] = 1
	if diff := cmp.Diff(want, counts(t, db)); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	got, err := db.Run(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	r.ID, r.Status = id, sourcescore.RunFailed
	if diff := cmp.Diff(r, got); diff != "" {
		t.Errorf("failed run (-want +got):\n%s", diff)
	}
}

func TestDB_foreignKeys(t *testing.T) {
	db := openTestDB(t)
	ctx := context.Background()
	scores := []*sourcescore.ArticleScore{testScore(1, 3, 4), testScore(2, 3, 4)}
	outlets := []sourcescore.OutletScore{{Outlet: "Tagesblatt", Articles: 2, Score: 70, Grade: "B"}}
	skipped := []sourcescore.Skipped{{File: "x.bin", Reason: "binary"}}
	files := []RuleFile{{"r.yaml", "h"}}
	gone := writeRun(t, db, testRun(t0), files, scores, skipped, outlets)
	kept := writeRun(t, db, testRun(t0.Add(time.Hour)), files, scores, skipped, outlets)
	before := counts(t, db)

	if _, err := db.db.ExecContext(ctx, "DELETE FROM runs WHERE id = ?", gone); err != nil {
		t.Fatal(err)
	}
	want := map[string]int{}
	for table, n := range before {
		want[table] = n / 2
	}
	if diff := cmp.Diff(want, counts(t, db)); diff != "" {
		t.Errorf("rows after deleting run %d (-want +got):\n%s", gone, diff)
	}
	if _, err := db.ArticleScores(ctx, kept); err != nil {
		t.Errorf("ArticleScores of the kept run: %v", err)
	}
	emptyRun := writeRun(t, db, testRun(t0.Add(3*time.Hour)), files, nil, nil, nil)

	// Results shared by two runs stay until neither holds them.
	stored, err := db.StoredArticles(ctx, kept)
	if err != nil {
		t.Fatal(err)
	}
	tx, err := db.BeginRun(ctx, testRun(t0.Add(2*time.Hour)), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range stored {
		if err := tx.AddStored(ctx, a.Result, a.Score); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(ctx, testRun(t0)); err != nil {
		t.Fatal(err)
	}
	sharing := tx.ID()
	results := count(t, db, "results")
	if _, err := db.db.ExecContext(ctx, "DELETE FROM runs WHERE id = ?", kept); err != nil {
		t.Fatal(err)
	}
	if got := count(t, db, "results"); got != results {
		t.Errorf("results rows after deleting one of the two runs sharing them: %d, want %d", got, results)
	}
	if got, err := db.ArticleScores(ctx, sharing); err != nil || len(got) != len(scores) {
		t.Errorf("ArticleScores of the run left sharing: %d, %v; want %d", len(got), err, len(scores))
	}
	if _, err := db.db.ExecContext(ctx, "DELETE FROM runs WHERE id = ?", sharing); err != nil {
		t.Fatal(err)
	}
	if got := count(t, db, "results"); got != 0 {
		t.Errorf("results rows after deleting every run: %d, want 0", got)
	}

	// A run's link to results that do not exist is refused.
	_, err = db.db.ExecContext(ctx, `INSERT INTO run_articles (run_id, file, article_id, result_id)
		VALUES (?, 'x.txt', 'no-such-article', 999999)`, emptyRun)
	if err == nil || !strings.Contains(err.Error(), "FOREIGN KEY constraint failed") {
		t.Errorf("link to missing results: error %v, want a foreign key error", err)
	}
}

// TestRunTx_crash kills a process in the middle of writing a run and checks
// that the database holds only the runs committed before.
func TestRunTx_crash(t *testing.T) {
	path := filepath.Join(t.TempDir(), "crash.db")
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	committed := writeRun(t, db, testRun(t0), nil, []*sourcescore.ArticleScore{testScore(1, 2, 2)}, nil, nil)
	before := counts(t, db)
	db.Close()

	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperCrashWriter$", "-test.v")
	cmd.Env = append(os.Environ(), "STORE_CRASH_DB="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	ready := false
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if sc.Text() == "writer ready" {
			ready = true
			break
		}
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	if !ready {
		t.Fatal("the writer process never got half-way")
	}

	db, err = Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if diff := cmp.Diff(before, counts(t, db)); diff != "" {
		t.Errorf("rows after the crash (-want +got):\n%s", diff)
	}
	runs, err := db.Runs(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 1 || runs[0].ID != committed {
		t.Errorf("runs after the crash = %+v, want only run %d", runs, committed)
	}
}

// TestHelperCrashWriter is the process TestRunTx_crash kills: it writes half
// a run, says so, and waits.
func TestHelperCrashWriter(t *testing.T) {
	path := os.Getenv("STORE_CRASH_DB")
	if path == "" {
		t.Skip("helper process for TestRunTx_crash")
	}
	ctx := context.Background()
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	tx, err := db.BeginRun(ctx, testRun(t0.Add(time.Hour)), []RuleFile{{"r.yaml", "h"}})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 200 {
		if err := tx.AddArticle(ctx, testScore(i, 5, 5)); err != nil {
			t.Fatal(err)
		}
	}
	fmt.Println("writer ready")
	time.Sleep(time.Minute)
}

// BenchmarkRunTx_AddArticle measures a first run's writes: runs of 1,000
// articles, each with 10 rule scores and 20 findings, committed.
func BenchmarkRunTx_AddArticle(b *testing.B) {
	const articles, rules, findings = 1000, 10, 20
	db := openTestDB(b)
	ctx := context.Background()
	scores := make([]*sourcescore.ArticleScore, articles)
	for i := range scores {
		scores[i] = testScore(i, rules, findings)
	}

	runs := 0
	for b.Loop() {
		tx, err := db.BeginRun(ctx, testRun(t0), nil)
		if err != nil {
			b.Fatal(err)
		}
		for _, s := range scores {
			if err := tx.AddArticle(ctx, s); err != nil {
				b.Fatal(err)
			}
		}
		if err := tx.Commit(ctx, testRun(t0)); err != nil {
			b.Fatal(err)
		}
		runs++
	}
	b.ReportMetric(float64(runs*articles)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkRunTx_AddStored measures a rerun's writes: each article of the
// run shares the results an earlier run stored.
func BenchmarkRunTx_AddStored(b *testing.B) {
	const articles = 1000
	db := openTestDB(b)
	ctx := context.Background()
	scores := make([]*sourcescore.ArticleScore, articles)
	for i := range scores {
		scores[i] = testScore(i, 21, 10)
	}
	base := writeRun(b, db, testRun(t0), nil, scores, nil, nil)
	stored, err := db.StoredArticles(ctx, base)
	if err != nil {
		b.Fatal(err)
	}
	runs := 0
	for b.Loop() {
		tx, err := db.BeginRun(ctx, testRun(t0), nil)
		if err != nil {
			b.Fatal(err)
		}
		for _, s := range scores {
			if err := tx.AddStored(ctx, stored[s.Article.ID].Result, s); err != nil {
				b.Fatal(err)
			}
		}
		if err := tx.Commit(ctx, testRun(t0)); err != nil {
			b.Fatal(err)
		}
		runs++
	}
	b.ReportMetric(float64(runs*articles)/b.Elapsed().Seconds(), "articles/s")
}
