package store

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"sourcescore"
)

// openTestDB opens a fresh database in a temporary folder and closes it
// when the test ends.
func openTestDB(tb testing.TB) *DB {
	tb.Helper()
	db, err := Open(context.Background(), filepath.Join(tb.TempDir(), "sub", "sourcescore.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// count returns the number of rows of a table.
func count(tb testing.TB, db *DB, table string) int {
	tb.Helper()
	var n int
	if err := db.db.QueryRow("SELECT count(*) FROM " + table).Scan(&n); err != nil {
		tb.Fatalf("count %s: %v", table, err)
	}
	return n
}

// dataTables are the tables (and the views of schema version 3's
// tables) that hold rows of runs.
var dataTables = []string{
	"runs", "results", "run_articles", "articles", "family_scores", "rule_scores", "findings", "caps",
	"outlet_scores", "outlet_story_scores", "skipped_files", "run_rule_files",
}

// counts returns the number of rows of every data table.
func counts(tb testing.TB, db *DB) map[string]int {
	tb.Helper()
	m := map[string]int{}
	for _, t := range dataTables {
		m[t] = count(tb, db, t)
	}
	return m
}

// zeroCounts is counts of an empty database.
func zeroCounts() map[string]int {
	m := map[string]int{}
	for _, t := range dataTables {
		m[t] = 0
	}
	return m
}

// userVersionOf reads PRAGMA user_version.
func userVersionOf(tb testing.TB, db *DB) int {
	tb.Helper()
	v, err := userVersion(context.Background(), db.db)
	if err != nil {
		tb.Fatal(err)
	}
	return v
}

var (
	t0  = time.Date(2025, 3, 14, 9, 26, 53, 589793238, time.UTC)
	cet = time.FixedZone("CET", 3600)
)

// testRun is a run as the job would begin it.
func testRun(started time.Time) sourcescore.Run {
	return sourcescore.Run{
		Started:     started,
		Status:      sourcescore.RunRunning,
		Input:       "/data/in",
		RuleSetHash: "feedface",
	}
}

// testScore builds a scored article with rules rule scores and findings
// findings; i makes it unique.
func testScore(i, rules, findings int) *sourcescore.ArticleScore {
	a := &sourcescore.Article{
		ID:          fmt.Sprintf("art-%04d", i),
		File:        fmt.Sprintf("outlet/%04d.txt", i),
		ContentHash: fmt.Sprintf("%064x", i),
		Meta: sourcescore.Metadata{
			Outlet:    "Tagesblatt",
			URL:       fmt.Sprintf("https://example.org/%d", i),
			Published: time.Date(2024, 10, 3, 0, 0, 0, 0, time.UTC),
			Language:  "de",
			Story:     "story-1",
			Inferred:  []string{"published", "language"},
		},
		Text:  "Der Minister sagte am 3. Oktober ...",
		Words: 420 + i,
	}
	s := &sourcescore.ArticleScore{Article: a, Score: 71.25, Grade: "B", Uncapped: 71.25}
	for j, f := range sourcescore.Families {
		s.Families = append(s.Families, sourcescore.FamilyScore{
			Family: f, Score: float64(60 + j), Weight: 0.25, Scored: j != 3, Note: map[bool]string{true: "", false: "no rule applied"}[j != 3],
		})
	}
	for j := 0; j < rules; j++ {
		f := sourcescore.Families[j%len(sourcescore.Families)]
		s.Rules = append(s.Rules, sourcescore.RuleScore{
			RuleID: fmt.Sprintf("%s.rule_%02d", f, j), Family: f,
			Score: float64(j) / float64(rules), Weight: 1.5, Applied: j%3 != 0, Note: fmt.Sprintf("note %d", j),
		})
	}
	for j := 0; j < findings; j++ {
		f := sourcescore.Families[j%len(sourcescore.Families)]
		s.Findings = append(s.Findings, sourcescore.Finding{
			RuleID: fmt.Sprintf("%s.rule_%02d", f, j%rules), Family: f,
			Severity: sourcescore.Severity(j % 3), Message: "Datum widerspricht dem Faktenblatt",
			Evidence: "am 3. Oktober", Offset: 17 + j*40,
			Pos: sourcescore.Position{Line: 2 + j, Column: 5},
		})
	}
	return s
}

// cappedScore is testScore(i, rules, findings) lowered by two grade caps,
// a rule's and a family's, with numbers that need all their digits.
func cappedScore(i, rules, findings int) *sourcescore.ArticleScore {
	s := testScore(i, rules, findings)
	s.Uncapped, s.Score, s.Grade = 86.25+1.0/3, 64.9, "D"
	s.Caps = []sourcescore.AppliedCap{
		{GradeCap: sourcescore.GradeCap{RuleID: "translation.likely_mt", Grade: "C"}, Score: 0, Limit: 79.9},
		{GradeCap: sourcescore.GradeCap{Family: sourcescore.FamilyDates, AtMost: 40.5, Grade: "D"}, Score: 100.0 / 3, Limit: 64.9},
	}
	return s
}

// scoreOpts compare article scores read back with those written: the text
// and line index are not stored, and nil equals empty.
var scoreOpts = cmp.Options{
	cmpopts.IgnoreFields(sourcescore.Article{}, "Text", "Body", "Lines"),
	cmpopts.EquateEmpty(),
}

// writeRun writes a whole run and returns its id.
func writeRun(tb testing.TB, db *DB, r sourcescore.Run, files []RuleFile, scores []*sourcescore.ArticleScore,
	skipped []sourcescore.Skipped, outlets []sourcescore.OutletScore) int64 {
	tb.Helper()
	ctx := context.Background()
	tx, err := db.BeginRun(ctx, r, files)
	if err != nil {
		tb.Fatal(err)
	}
	defer tx.Rollback()
	for _, s := range scores {
		if err := tx.AddArticle(ctx, s); err != nil {
			tb.Fatal(err)
		}
	}
	for _, s := range skipped {
		if err := tx.AddSkipped(ctx, s); err != nil {
			tb.Fatal(err)
		}
	}
	if err := tx.AddOutlets(ctx, outlets); err != nil {
		tb.Fatal(err)
	}
	if err := tx.Commit(ctx, r); err != nil {
		tb.Fatal(err)
	}
	return tx.ID()
}

// mustTime parses an RFC 3339 time.
func mustTime(tb testing.TB, s string) time.Time {
	tb.Helper()
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		tb.Fatal(err)
	}
	return t
}
