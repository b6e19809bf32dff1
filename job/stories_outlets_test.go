package job

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"

	"sourcescore"
)

// otherStoryText is an invented German article about a bridge, which
// matches no story of the built-in set.
const otherStoryText = `Neue Brücke über die Lahn: Stadtrat stimmt zu

Der Stadtrat hat am Dienstag mit großer Mehrheit beschlossen, die alte Holzbrücke über die Lahn durch einen
Neubau aus Stahl zu ersetzen. Nach Angaben der Stadtverwaltung sollen die Arbeiten im Frühjahr beginnen und
etwa zwei Jahre dauern. Die Baudezernentin sagte, der Neubau sei wegen der Schäden an den Pfeilern nicht
länger aufzuschieben. Anwohner hatten sich zuvor in einer Versammlung über den Lärm der Baustelle beklagt.
Die Kosten schätzt die Stadt auf rund zwölf Millionen Euro, von denen das Land einen Teil übernimmt.
`

// TestRun_OutletsByStory: the unknown outlet's articles about two
// different stories (one matching the seeds' story, one matching none) are
// no longer averaged into one score alone: outlet_scores.csv has the
// outlet's row over all stories and one per story, the database has them
// too, the articles view spells the unknown outlet as the reports do, and
// article_scores.csv has the four family scores as the database stores
// them.
func TestRun_OutletsByStory(t *testing.T) {
	input := copySeeds(t)
	if err := os.WriteFile(filepath.Join(input, "brücke.txt"), []byte(otherStoryText), 0o644); err != nil {
		t.Fatal(err)
	}
	sum, cfg := runSeeds(t, input, 2)
	if len(sum.NotScored) != 0 {
		t.Fatalf("not scored: %v", sum.NotScored)
	}

	var unknown []map[string]string
	for _, r := range readCSV(t, filepath.Join(cfg.Out, "latest", "outlet_scores.csv")) {
		if r["outlet"] == sourcescore.UnknownOutlet {
			unknown = append(unknown, map[string]string{"story": r["story"], "articles": r["articles"], "score": r["score"]})
		}
	}
	articles := readCSV(t, filepath.Join(cfg.Out, "latest", "article_scores.csv"))
	byFile := map[string]map[string]string{}
	for _, a := range articles {
		byFile[a["file"]] = a
	}
	bridge, seed := byFile["brücke.txt"], byFile["004_10c273515bf542bd.txt"]
	if bridge["outlet"] != sourcescore.UnknownOutlet || bridge["story"] != "" || seed["outlet"] != sourcescore.UnknownOutlet {
		t.Fatalf("fixture: brücke.txt %v, 004 %v", bridge, seed)
	}
	mean := func(a, b string) string {
		x, _ := strconv.ParseFloat(a, 64)
		y, _ := strconv.ParseFloat(b, 64)
		return strconv.FormatFloat((x+y)/2, 'f', 1, 64)
	}
	want := []map[string]string{
		{"story": "(all stories)", "articles": "2", "score": mean(bridge["score"], seed["score"])},
		{"story": "(no story)", "articles": "1", "score": bridge["score"]},
		{"story": "musk-putin-2024", "articles": "1", "score": seed["score"]},
	}
	if diff := cmp.Diff(want, unknown); diff != "" {
		t.Errorf("outlet_scores.csv rows of %s (-want +got):\n%s", sourcescore.UnknownOutlet, diff)
	}

	db, err := sql.Open("sqlite3", cfg.DB)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	var n int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM outlet_story_scores WHERE outlet = ?`, sourcescore.UnknownOutlet).Scan(&n); err != nil || n != 2 {
		t.Errorf("outlet_story_scores of %s: %d rows (%v), want 2", sourcescore.UnknownOutlet, n, err)
	}
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM articles WHERE outlet = ?`, sourcescore.UnknownOutlet).Scan(&n); err != nil || n != 2 {
		t.Errorf("articles view: %d articles of outlet %q (%v), want 2", n, sourcescore.UnknownOutlet, err)
	}

	// The family columns are the family scores the database stores, as
	// one decimal shows them; empty where the family was not scored.
	rows, err := db.QueryContext(ctx, `SELECT a.file, f.family, f.score, f.scored FROM family_scores f
		JOIN articles a ON a.run_id = f.run_id AND a.article_id = f.article_id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	seen := 0
	for rows.Next() {
		var (
			file, family string
			score        float64
			scored       int
		)
		if err := rows.Scan(&file, &family, &score, &scored); err != nil {
			t.Fatal(err)
		}
		want := ""
		if scored == 1 {
			want = strconv.FormatFloat(score, 'f', 1, 64)
		}
		if got := byFile[file][family]; got != want {
			t.Errorf("%s: %s = %q in article_scores.csv, want %q", file, family, got, want)
		}
		seen++
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if seen != 4*len(articles) {
		t.Errorf("%d family scores for %d articles", seen, len(articles))
	}
	if bridge["denial"] != "" {
		t.Errorf("brücke.txt matches no story, so its denial family is not scored, yet article_scores.csv says %q", bridge["denial"])
	}
}
