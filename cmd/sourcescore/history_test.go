package main

import (
	"os"
	"path/filepath"
	"regexp"
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
		got = append(got, []string{r[0], r[2], r[3], r[4], strings.Join(r[5:], "")})
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
