package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"sourcescore/analysis"
	"sourcescore/internal/testutil"
)

// compare on the seeds: the matrix with one row per outlet, 002 the only
// one without the denial, 000's wrong election date, 004 without a
// publication date; the consensus of each fact; the same as JSON.
func TestCompare_Seeds(t *testing.T) {
	_, db := scoredSeeds(t)
	code, out, stderr := run(t, "compare", "--db", db)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.HasPrefix(out, "Story musk-putin-2024: 5 articles from 5 outlets (run 1 of ") {
		t.Errorf("heading:\n%s", out)
	}
	rows := map[string]string{}
	for _, line := range strings.Split(out, "\n") {
		if m := regexp.MustCompile(`\s(00\d)_[0-9a-f]+\.txt\s`).FindStringSubmatch(line); m != nil {
			rows[m[1]] = line
		}
	}
	if len(rows) != 5 {
		t.Fatalf("matrix rows for %d seeds, want 5:\n%s", len(rows), out)
	}
	for seed, line := range rows {
		if got, want := strings.Contains(line, " missing "), seed == "002" || seed == "004"; got != want {
			// 002's denial and 004's publication date are missing.
			t.Errorf("seed %s: a missing cell %v, want %v:\n%s", seed, got, want, line)
		}
		if got, want := strings.Contains(line, "wrong: "), seed == "000"; got != want {
			t.Errorf("seed %s: a wrong date %v, want %v:\n%s", seed, got, want, line)
		}
	}
	for _, s := range []string{
		"ddbnews.org         002_b69c8368de298335.txt  2024-12-03  missing ",
		"(unknown)           004_10c273515bf542bd.txt  missing     reported 32:37 (sentence 24 of 34)",
		"wrong: 2024-11-15 5:325",
		"us_election     2024-11-05  2024-11-05 by 2 of 3 outlets giving one  differ: Báo Dân trí 2024-11-15 (5:325)",
		"Claims: the story file lists none",
	} {
		if !strings.Contains(out, s) {
			t.Errorf("output lacks %q:\n%s", s, out)
		}
	}

	// The same story by name, and as JSON.
	if code, one, _ := run(t, "compare", "musk-putin-2024", "--db", db); code != exitOK || one != out {
		t.Errorf("compare musk-putin-2024: exit %d, not the same output:\n%s", code, one)
	}
	code, js, stderr := run(t, "compare", "--db", db, "--run", "1", "--format", "json")
	if code != exitOK {
		t.Fatalf("--format json: exit %d: %s", code, stderr)
	}
	var doc []analysis.StoryComparison
	decodeJSON(t, js, &doc)
	if len(doc) != 1 || doc[0].Story != "musk-putin-2024" || doc[0].Outlets != 5 || len(doc[0].Articles) != 5 {
		t.Fatalf("document: %+v", doc)
	}
	var missing, wrong, noDate []string
	for _, a := range doc[0].Articles {
		if a.Denial.State == "missing" {
			missing = append(missing, a.File[:3])
		}
		for _, f := range a.Facts {
			if f.Fact == "us_election" && f.State == "wrong" {
				wrong = append(wrong, a.File[:3]+" "+f.Given)
			}
		}
		if a.Published == "" {
			noDate = append(noDate, a.File[:3])
		}
		if a.Score == nil || !a.Noted || a.NamedShare == nil {
			t.Errorf("%s: score %v, noted %v, named share %v; want all", a.File, a.Score, a.Noted, a.NamedShare)
		}
	}
	if diff := cmp.Diff([]string{"002", "000 2024-11-15", "004"}, append(append(missing, wrong...), noDate...)); diff != "" {
		t.Errorf("missing denial, wrong election date, no publication date (-want +got):\n%s", diff)
	}
	if f := doc[0].Facts[2]; f.Fact != "us_election" || f.Consensus != "2024-11-05" || f.Agree != 2 || !cmp.Equal(f.Differ, []string{"Báo Dân trí"}) {
		t.Errorf("election consensus %+v, want 2024-11-05 by 2, Báo Dân trí differs", f)
	}

	// A story the run has no article of.
	code, _, stderr = run(t, "compare", "--db", db, "musk-putin-2025")
	if code != exitUsage || !strings.Contains(stderr, `run 1 has no article about story "musk-putin-2025"`) || !strings.Contains(stderr, "try: musk-putin-2024") {
		t.Errorf("unknown story: exit %d, %s", code, stderr)
	}
}

// compare on examples/seewind-2026 (run with its story file): the claims
// and the one omission, in the terminal and as JSON.
func TestCompare_Omissions(t *testing.T) {
	example := testutil.CopyDir(t, "../../examples/seewind-2026")
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	if code, _, stderr := run(t, "run", "--input", example, "--stories", example, "--rules", builtinRulesDir(t), "--db", db,
		"--out", filepath.Join(dir, "reports"), "--quiet"); code != exitOK {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	code, out, stderr := run(t, "compare", "--db", db)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, s := range []string{
		"  2 backdated_logs  4 of 5  the logbooks were backdated",
		"Omissions and claims only one outlet states\n" +
			"  Fährblog (05_faehrblog.txt): backdated_logs: reported by 4 of 5 outlets; not here\n" +
			"  Nordufer Zeitung (03_nordufer.txt): insurer: only here (1 of 5 outlets)\n",
		"1,3; omits 2",
		"1,2,3,4!",
	} {
		if !strings.Contains(out, s) {
			t.Errorf("output lacks %q:\n%s", s, out)
		}
	}
	_, js, _ := run(t, "compare", "--db", db, "--format", "json", "seewind-2026")
	var doc []analysis.StoryComparison
	decodeJSON(t, js, &doc)
	if len(doc) != 1 || len(doc[0].Claims) != 4 {
		t.Fatalf("document: %+v", doc)
	}
	if c := doc[0].Claims[1]; c.Claim != "backdated_logs" || len(c.StatedBy) != 4 || !cmp.Equal(c.OmittedBy, []string{"Fährblog"}) {
		t.Errorf("backdated_logs: %+v, want stated by 4, omitted by Fährblog", c)
	}
}
