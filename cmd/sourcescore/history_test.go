package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"sourcescore/internal/testutil"
)

// threeRuns scores a copy of the seeds three times into one database, with
// ddbnews.org's article given the Kremlin's denial before the third.
func threeRuns(t testing.TB) (db, out string) {
	t.Helper()
	input, rulesDir := seedsCopy(t), testutil.HermeticRulesDir(t)
	dir := t.TempDir()
	db, out = filepath.Join(dir, "s.db"), filepath.Join(dir, "reports")
	for i := 0; i < 3; i++ {
		if i == 2 {
			path := filepath.Join(input, "002_b69c8368de298335.txt")
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			b = append(b, "\nDer Kreml wies den Bericht des Wall Street Journal am Freitag als falsche Informationen zurück.\n"...)
			if err := os.WriteFile(path, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		code, stdout, stderr := run(t, "run", "--input", input, "--rules", rulesDir, "--db", db, "--out", out, "--log-format", "json")
		if code != exitOK {
			t.Fatalf("run %d: exit %d: %s", i+1, code, stderr)
		}
		if i == 1 && !strings.Contains(stdout, "5 of the articles unchanged since run 1: their results reused, 0 scored afresh") {
			t.Errorf("second run's summary does not say what it reused:\n%s", stdout)
		}
	}
	return db, out
}

// rowsOf reads the table rows printed after the header line that starts
// with header, each split into its cells.
func rowsOf(t testing.TB, out, header string) [][]string {
	t.Helper()
	_, table, ok := strings.Cut(out, header)
	if !ok {
		t.Fatalf("no table %q in:\n%s", header, out)
	}
	var rows [][]string
	for _, line := range strings.Split(strings.TrimSpace(table), "\n")[1:] {
		rows = append(rows, regexp.MustCompile(`\s{2,}`).Split(strings.TrimSpace(line), -1))
	}
	return rows
}

func TestHistory(t *testing.T) {
	db, _ := threeRuns(t)

	code, out, stderr := run(t, "history", "ddbnews.org", "--db", db)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.HasPrefix(out, "ddbnews.org: 3 successful runs in "+db+"\n") {
		t.Errorf("heading:\n%s", out)
	}
	var got [][]string
	for _, r := range rowsOf(t, out, "RUN") {
		// The last cell is the rule set, the same for the three runs.
		if set := r[len(r)-1]; !regexp.MustCompile(`^[0-9a-f]{12}$`).MatchString(set) {
			t.Errorf("run %s: rule set %q, want 12 hex digits and no mark", r[0], set)
		}
		got = append(got, []string{r[0], r[2], r[3], r[4], strings.Join(r[5:len(r)-1], "")})
	}
	if strings.Contains(out, "*") {
		t.Errorf("one rule set, yet a change is marked:\n%s", out)
	}
	// Cells: run, articles, score, grade, change (started left out: the clock).
	want := [][]string{{"1", "1", "58.6", "D", ""}, {"2", "1", "58.6", "D", "0.0"}}
	if diff := cmp.Diff(want, got[:2]); diff != "" {
		t.Errorf("first two runs (-want +got):\n%s", diff)
	}
	if third := got[2]; third[0] != "3" || !strings.HasPrefix(third[4], "+") || third[2] == "58.6" {
		t.Errorf("third run %v: want a higher score, the change with a +", third)
	}

	// --limit, with the flag after the outlet or before it.
	for _, args := range [][]string{{"history", "--limit", "1", "--db", db, "ddbnews.org"}, {"history", "ddbnews.org", "--limit", "1", "--db", db}} {
		code, out, _ := run(t, args...)
		if rows := rowsOf(t, out, "RUN"); code != exitOK || len(rows) != 1 || rows[0][0] != "3" || !strings.Contains(out, "the last 1 shown") {
			t.Errorf("%v: exit %d:\n%s", args, code, out)
		}
	}
}

func TestHistory_Errors(t *testing.T) {
	db, _ := threeRuns(t)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"history", "--db", db}, "history takes one outlet"},
		{[]string{"history", "--db", db, "a", "b"}, "history takes one outlet"},
		{[]string{"history", "--db", db, "--limit", "-1", "taz"}, "--limit -1"},
		{[]string{"history", "--db", db, "ddbnews.com"}, "no successful run in " + db + " scored outlet \"ddbnews.com\"\n\ttry: \"ddbnews.org\""},
		{[]string{"history", "--db", db, "Frankfurter Allgemeine"}, "try: one of \"(unknown)\", \"AUTOHAUS\", \"Báo Dân trí\", \"The National Times\", \"ddbnews.org\""},
		{[]string{"history", "--db", filepath.Join(t.TempDir(), "none.db"), "taz"}, "does not exist"},
	}
	for _, tt := range tests {
		code, _, stderr := run(t, tt.args...)
		if code != exitUsage || !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: exit %d, stderr:\n%s\nwant 2 and %q", tt.args, code, stderr, tt.want)
		}
	}
}

// TestHistory_ruleSetChanged follows the README's tuning loop on one
// database: a run with the built-in rules, one after a weight was raised,
// one more with the same tuned rules. The second run's move is the rules':
// history prints each run's rule set and marks the change, and the second
// run's outlet_scores.csv and trend.csv say rule_set_changed yes; the third
// compares like with like again.
func TestHistory_ruleSetChanged(t *testing.T) {
	input, builtin := seedsCopy(t), testutil.HermeticRulesDir(t)
	tuned := filepath.Join(t.TempDir(), "myrules")
	if err := os.CopyFS(tuned, os.DirFS(builtin)); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(tuned, "sourcing.yaml")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// Raise sourcing.vague_only's weight from 1 to 3, as the README does.
	re := regexp.MustCompile(`(?m)(id: sourcing\.vague_only\n(?:.*\n)*?\s+weight: )1\n`)
	if !re.Match(b) {
		t.Fatalf("no weight 1 of sourcing.vague_only in %s", path)
	}
	if err := os.WriteFile(path, re.ReplaceAll(b, []byte("${1}3\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	db, out := filepath.Join(dir, "s.db"), filepath.Join(dir, "reports")
	for i, rulesDir := range []string{builtin, tuned, tuned} {
		if code, _, stderr := run(t, "run", "--input", input, "--rules", rulesDir, "--db", db, "--out", out, "--log-format", "json"); code != exitOK {
			t.Fatalf("run %d: exit %d: %s", i+1, code, stderr)
		}
	}

	code, stdout, stderr := run(t, "history", "ddbnews.org", "--db", db)
	if code != exitOK {
		t.Fatalf("history: exit %d: %s", code, stderr)
	}
	rows := rowsOf(t, strings.Split(stdout, "\n\n*")[0], "RUN")
	if len(rows) != 3 {
		t.Fatalf("history rows %q", rows)
	}
	if !strings.Contains(stdout, "RULE SET") || !strings.HasSuffix(rows[1][len(rows[1])-1], "* rule set changed") ||
		strings.Contains(strings.Join(rows[0], " ")+strings.Join(rows[2], " "), "*") || rows[0][len(rows[0])-1] == rows[2][len(rows[2])-1] {
		t.Errorf("history: want the rule set of each run and the change marked on run 2 only:\n%s", stdout)
	}
	if !strings.Contains(stdout, "\n* the rule set changed since the outlet's run before") {
		t.Errorf("history lacks the note on the mark:\n%s", stdout)
	}

	changed := func(run int, file string) map[string]string {
		got := map[string]string{}
		for _, r := range testutil.ReadCSV(t, filepath.Join(out, "run-"+strconv.Itoa(run), file)) {
			if file == "trend.csv" {
				got[r["outlet"]+" run "+r["trend_run_id"]] = r["rule_set_changed"]
			} else if r["story"] == "(all stories)" {
				got[r["outlet"]] = r["rule_set_changed"]
			}
		}
		return got
	}
	if got := changed(2, "outlet_scores.csv")["ddbnews.org"]; got != "yes" {
		t.Errorf("run 2 outlet_scores.csv: ddbnews.org rule_set_changed %q, want yes", got)
	}
	if got := changed(3, "outlet_scores.csv")["ddbnews.org"]; got != "no" {
		t.Errorf("run 3 outlet_scores.csv: ddbnews.org rule_set_changed %q, want no", got)
	}
	trend := changed(3, "trend.csv")
	want := map[string]string{"ddbnews.org run 1": "", "ddbnews.org run 2": "yes", "ddbnews.org run 3": "no"}
	for k, v := range want {
		if trend[k] != v {
			t.Errorf("run 3 trend.csv: %s rule_set_changed %q, want %q", k, trend[k], v)
		}
	}
}
