package job

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	_ "github.com/mattn/go-sqlite3"
)

// addShortArticles adds to the input folder two articles too short for
// any language to be detected, so that no rule applies to them: one of a
// new outlet (Kurzblatt, listed in the manifest), one of an outlet that
// has a scored article too (ddbnews.org).
func addShortArticles(t *testing.T, input string) {
	t.Helper()
	files := map[string]string{
		"kurz/notiz.txt":   "Kurz notiert: Am Montag tagt der Rat.\n",
		"kurz/meldung.txt": "Heute keine Meldung.\n",
	}
	for name, text := range files {
		path := filepath.Join(input, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	f, err := os.OpenFile(filepath.Join(input, "manifest.csv"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString("kurz/notiz.txt,Kurzblatt,,2024-10-27,,\nkurz/meldung.txt,ddbnews.org,,2024-10-27,,\n"); err != nil {
		t.Fatal(err)
	}
}

// TestRun_NotScored runs the seeds with two articles no rule can score
// (their language is not detected) and checks them end to end: an empty
// score and grade and a status in article_scores.csv, a NULL score in the
// database (so SQL's avg leaves them out), no part in their outlet's
// average, counted apart in outlet_scores.csv and the summary, and
// written the same by `report` from the database.
func TestRun_NotScored(t *testing.T) {
	input := copySeeds(t)
	addShortArticles(t, input)
	sum, cfg := runSeeds(t, input, 2)

	if sum.Run.Articles != 7 || sum.Scored() != 5 || len(sum.NotScored) != 2 {
		t.Errorf("articles %d, scored %d, not scored %v; want 7, 5 and 2", sum.Run.Articles, sum.Scored(), sum.NotScored)
	}
	if diff := cmp.Diff([]string{"2 articles not scored: language not detected (kurz/meldung.txt, kurz/notiz.txt)"}, sum.NotScoredNotes()); diff != "" {
		t.Errorf("notes (-want +got):\n%s", diff)
	}

	rows := readCSV(t, filepath.Join(cfg.Out, "latest", "article_scores.csv"))
	byFile := map[string]map[string]string{}
	for _, r := range rows {
		byFile[r["file"]] = r
	}
	for _, f := range []string{"kurz/notiz.txt", "kurz/meldung.txt"} {
		r := byFile[f]
		if r["status"] != "not scored: language not detected" || r["score"] != "" || r["grade"] != "" || r["uncapped"] != "" {
			t.Errorf("%s: status %q score %q grade %q uncapped %q; want not scored and empty cells", f, r["status"], r["score"], r["grade"], r["uncapped"])
		}
	}
	if r := byFile["002_b69c8368de298335.txt"]; r["status"] != "scored" || r["score"] != "58.6" {
		t.Errorf("a scored article: status %q score %q", r["status"], r["score"])
	}

	outlets := map[string]map[string]string{}
	for _, r := range readCSV(t, filepath.Join(cfg.Out, "latest", "outlet_scores.csv")) {
		if r["story"] == "(all stories)" {
			outlets[r["outlet"]] = r
		}
	}
	if o := outlets["Kurzblatt"]; o["articles"] != "0" || o["not_scored"] != "1" || o["score"] != "" || o["grade"] != "" {
		t.Errorf("Kurzblatt: %v; want 0 articles scored, 1 not, no score", o)
	}
	if o := outlets["ddbnews.org"]; o["articles"] != "1" || o["not_scored"] != "1" || o["score"] != "58.6" {
		t.Errorf("ddbnews.org: %v; want its one scored article's score, the other counted apart", o)
	}

	db, err := sql.Open("sqlite3", cfg.DB)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var (
		nulls      int
		avg, want  float64
		outletNull int
	)
	if err := db.QueryRowContext(context.Background(), `SELECT count(*) - count(score), avg(score) FROM articles`).Scan(&nulls, &avg); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRowContext(context.Background(), `SELECT avg(score) FROM articles WHERE status = 'scored'`).Scan(&want); err != nil {
		t.Fatal(err)
	}
	if nulls != 2 || avg != want {
		t.Errorf("articles view: %d NULL scores, avg %v; want 2 and the mean of the scored ones, %v", nulls, avg, want)
	}
	if err := db.QueryRowContext(context.Background(), `SELECT count(*) FROM outlet_scores WHERE outlet = 'Kurzblatt' AND score IS NULL AND not_scored = 1`).Scan(&outletNull); err != nil || outletNull != 1 {
		t.Errorf("outlet_scores of Kurzblatt: %d rows with a NULL score (%v), want 1", outletNull, err)
	}

	// The report written again from the database is the same.
	again := cfg
	again.Out = filepath.Join(t.TempDir(), "again")
	dir, err := Report(context.Background(), again, sum.Run.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"article_scores.csv", "outlet_scores.csv"} {
		a, _ := os.ReadFile(filepath.Join(cfg.Out, "latest", name))
		b, _ := os.ReadFile(filepath.Join(dir, name))
		if diff := cmp.Diff(string(a), string(b)); diff != "" {
			t.Errorf("%s written again from the database (-run +report):\n%s", name, diff)
		}
	}
}
