package job

import (
	"context"
	"database/sql"
	"path/filepath"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"

	"sourcescore/internal/testutil"
)

// cellsOf reads story_comparison.csv of the latest run in out and returns,
// for one aspect (and item, for facts and claims), each file's row.
func cellsOf(t *testing.T, out, aspect, item string) map[string]map[string]string {
	t.Helper()
	got := map[string]map[string]string{}
	for _, r := range readCSV(t, filepath.Join(out, "latest", "story_comparison.csv")) {
		if r["aspect"] == aspect && r["item"] == item {
			if got[r["file"]] != nil {
				t.Fatalf("%s %s: two rows for %s", aspect, item, r["file"])
			}
			got[r["file"]] = r
		}
	}
	return got
}

// filesWhere returns the files whose cell satisfies ok, sorted.
func filesWhere(cells map[string]map[string]string, ok func(map[string]string) bool) []string {
	var out []string
	for f, r := range cells {
		if ok(r) {
			out = append(out, f)
		}
	}
	sort.Strings(out)
	return out
}

// The seeds' story matrix, end to end through the job and the CSV: 002 is
// the only article without the denial, 000 the only one with a wrong
// election date, 004 the only one without a publication date.
func TestRun_StoryComparison_seeds(t *testing.T) {
	_, cfg := runSeeds(t, copySeeds(t), 2)
	denial := cellsOf(t, cfg.Out, "denial", "")
	if len(denial) != 5 {
		t.Fatalf("denial cells for %d articles, want the 5 seeds: %v", len(denial), denial)
	}
	if got := filesWhere(denial, func(r map[string]string) bool { return r["state"] != "reported" }); !cmp.Equal(got, []string{"002_b69c8368de298335.txt"}) {
		t.Errorf("articles without a reported denial %v, want only 002", got)
	}
	if r := denial["002_b69c8368de298335.txt"]; r["state"] != "missing" || r["line"] != "" || r["evidence"] != "" {
		t.Errorf("002's denial cell %v, want missing with no evidence", r)
	}
	if r := denial["001_19431bf1eb7bd27f.txt"]; r["line"] != "9" || r["column"] != "485" || r["note"] != "sentence 8 of 33" {
		t.Errorf("001's denial cell %v, want it at 9:485, sentence 8 of 33", r)
	}

	election := cellsOf(t, cfg.Out, "fact", "us_election")
	if got := filesWhere(election, func(r map[string]string) bool { return r["state"] == "wrong" }); !cmp.Equal(got, []string{"000_b1e9ed358f7a1a99.txt"}) {
		t.Errorf("articles with a wrong election date %v, want only 000", got)
	}
	if r := election["000_b1e9ed358f7a1a99.txt"]; r["given"] != "2024-11-15" || r["expected"] != "2024-11-05" ||
		r["consensus"] != "2024-11-05" || r["evidence"] != "15. November" || r["line"] != "5" || r["column"] != "325" {
		t.Errorf("000's election cell %v, want 2024-11-15 given for 2024-11-05 at 5:325", r)
	}
	if got := filesWhere(election, func(r map[string]string) bool { return r["state"] == "right" }); len(got) < 2 {
		t.Errorf("articles with the right election date %v, want at least two (the consensus)", got)
	}

	published := cellsOf(t, cfg.Out, "published", "")
	if got := filesWhere(published, func(r map[string]string) bool { return r["state"] == "missing" }); !cmp.Equal(got, []string{"004_10c273515bf542bd.txt"}) {
		t.Errorf("articles without a publication date %v, want only 004", got)
	}
	if r := published["004_10c273515bf542bd.txt"]; r["given"] != "" {
		t.Errorf("004's publication date %q, want empty", r["given"])
	}

	// No claims in the seeds' story: no claim rows; a score for each.
	if claims := filesWhere(cellsOf(t, cfg.Out, "claim", ""), func(map[string]string) bool { return true }); len(claims) != 0 {
		t.Errorf("claim rows without claims in the story file: %v", claims)
	}
	if r := cellsOf(t, cfg.Out, "score", "")["002_b69c8368de298335.txt"]; r["score"] != "58.6" || r["grade"] != "D" {
		t.Errorf("002's score cell %v, want 58.6 D", r)
	}
}

// Omissions, end to end on examples/seewind-2026: four of the five outlets
// report that the logbooks were backdated; the fifth (Fährblog) does not,
// and only that outlet's row says so. Only Nordufer Zeitung reports the
// insurer.
func TestRun_StoryComparison_omissions(t *testing.T) {
	const example = "../examples/seewind-2026"
	set, err := LoadRules(RuleSource{Dir: testutil.HermeticRulesDir(t), Stories: example})
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	cfg := Config{Input: testutil.CopyDir(t, example), DB: filepath.Join(out, "s.db"), Out: filepath.Join(out, "reports"), Workers: 2, Now: fixedNow}
	if _, err := Run(context.Background(), cfg, set); err != nil {
		t.Fatal(err)
	}
	logs := cellsOf(t, cfg.Out, "claim", "backdated_logs")
	if len(logs) != 5 {
		t.Fatalf("backdated_logs cells for %d articles, want 5", len(logs))
	}
	if got := filesWhere(logs, func(r map[string]string) bool { return r["state"] == "stated" }); len(got) != 4 {
		t.Errorf("articles stating backdated_logs %v, want 4", got)
	}
	omitted := filesWhere(logs, func(r map[string]string) bool { return r["note"] != "" })
	if !cmp.Equal(omitted, []string{"05_faehrblog.txt"}) {
		t.Errorf("articles with a note on backdated_logs %v, want only 05_faehrblog.txt", omitted)
	}
	if r := logs["05_faehrblog.txt"]; r["state"] != "not_stated" || r["note"] != "reported by 4 of 5 outlets; not here" || r["outlet"] != "Fährblog" {
		t.Errorf("Fährblog's backdated_logs cell %v, want not_stated, reported by 4 of 5 outlets; not here", r)
	}
	if r := logs["01_kurier.txt"]; r["evidence"] != "rückdatiert" || r["line"] != "5" {
		t.Errorf("Lindsee-Kurier's backdated_logs cell %v, want the evidence rückdatiert on line 5", r)
	}

	insurer := cellsOf(t, cfg.Out, "claim", "insurer")
	if got := filesWhere(insurer, func(r map[string]string) bool { return r["state"] == "stated" }); !cmp.Equal(got, []string{"03_nordufer.txt"}) {
		t.Errorf("articles stating insurer %v, want only 03_nordufer.txt", got)
	}
	if r := insurer["03_nordufer.txt"]; r["note"] != "only here (1 of 5 outlets)" {
		t.Errorf("Nordufer Zeitung's insurer note %q, want only here", r["note"])
	}
	// A claim one outlet states is no omission of the others.
	if got := filesWhere(insurer, func(r map[string]string) bool { return r["state"] == "not_stated" && r["note"] != "" }); len(got) != 0 {
		t.Errorf("insurer omissions %v, want none (1 of 5 outlets is no majority)", got)
	}
	for _, claim := range []string{"no_inspection", "former_captain"} {
		if got := filesWhere(cellsOf(t, cfg.Out, "claim", claim), func(r map[string]string) bool { return r["state"] != "stated" }); len(got) != 0 {
			t.Errorf("%s not stated by %v, want every outlet to state it", claim, got)
		}
	}
}

// A result stored without story notes (before schema 11) is not reused for
// an article about a story: the next run scores it again, so that its
// comparison has its cells; the run after reuses it.
func TestRun_StoryComparison_notesMissingRescored(t *testing.T) {
	input := copySeeds(t)
	out := t.TempDir()
	cfg := Config{Input: input, DB: filepath.Join(out, "s.db"), Out: filepath.Join(out, "reports"), Workers: 2, Now: fixedNow}
	set := builtinRules(t)
	if _, err := Run(context.Background(), cfg, set); err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open("sqlite3", cfg.DB) // the driver store registers
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`UPDATE results SET story_notes = ''`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	for i, wantReused := range []int{0, 5} {
		sum, err := Run(context.Background(), cfg, set)
		if err != nil {
			t.Fatal(err)
		}
		if sum.Run.Reused != wantReused {
			t.Errorf("run %d: %d articles reused, want %d", i+2, sum.Run.Reused, wantReused)
		}
		denial := cellsOf(t, cfg.Out, "denial", "")
		if got := filesWhere(denial, func(r map[string]string) bool { return r["state"] == "" }); len(got) != 0 || len(denial) != 5 {
			t.Errorf("run %d: denial cells without a state: %v", i+2, got)
		}
	}
}
