package job

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
)

// TestRun_OneRounding: every score the CSVs export has the last digit of
// SQL's round() (and printf('%.1f')) on the stored value: the article
// scores, their family scores and the outlet scores. The seeds hold an
// exact half: AUTOHAUS's article scores 96.25, which SQL rounds to 96.3
// and which the CSVs wrote as 96.2 before one rule was used everywhere.
func TestRun_OneRounding(t *testing.T) {
	_, cfg := runSeeds(t, copySeeds(t), 2)
	db, err := sql.Open("sqlite3", cfg.DB)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	sqlShown := func(query string, args ...any) string {
		t.Helper()
		var s sql.NullString
		if err := db.QueryRowContext(ctx, query, args...).Scan(&s); err != nil {
			t.Fatalf("%s %v: %v", query, args, err)
		}
		return s.String
	}
	halves := 0
	for _, r := range readCSV(t, filepath.Join(cfg.Out, "latest", "article_scores.csv")) {
		id := r["article_id"]
		if got := sqlShown(`SELECT round(score, 1) || '' FROM articles WHERE article_id = ?`, id); got != r["score"] {
			t.Errorf("%s: SQL round(score, 1) %s, article_scores.csv %s", r["file"], got, r["score"])
		}
		if sqlShown(`SELECT score * 4 = round(score * 4) AND score * 10 <> round(score * 10) FROM articles WHERE article_id = ?`, id) == "1" {
			halves++
		}
		for _, f := range []string{"sourcing", "dates", "denial", "translation"} {
			got := sqlShown(`SELECT iif(scored, printf('%.1f', score), '') FROM family_scores WHERE article_id = ? AND family = ?`, id, f)
			if got != r[f] {
				t.Errorf("%s: %s: SQL %q, article_scores.csv %q", r["file"], f, got, r[f])
			}
		}
	}
	if halves == 0 {
		t.Error("no seed scores an exact half (x.25, x.75): the test shows nothing")
	}
	for _, r := range readCSV(t, filepath.Join(cfg.Out, "latest", "outlet_scores.csv")) {
		if r["story"] != "(all stories)" {
			continue
		}
		if got := sqlShown(`SELECT printf('%.1f', score) FROM outlet_scores WHERE outlet = ?`, r["outlet"]); got != r["score"] {
			t.Errorf("%s: SQL %s, outlet_scores.csv %s", r["outlet"], got, r["score"])
		}
	}
}
