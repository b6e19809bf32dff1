package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sourcescore/reports"
)

// TestRun_reportFolderOfAnotherDatabase follows issue 13's finding: a run
// with one database, then a run of another database with the same --out,
// whose run 1 used to be written over the first one's run-1. It is refused
// (exit 2, naming --out) before anything is written; run-1 is left as it
// was; with its own --out the second database runs. A moved database keeps
// its folder; a copy of it does not get it.
func TestRun_reportFolderOfAnotherDatabase(t *testing.T) {
	input, rulesDir, dir := seedsCopy(t), builtinRulesDir(t), t.TempDir()
	out := filepath.Join(dir, "reports")
	first, other := filepath.Join(dir, "first.db"), filepath.Join(dir, "other.db")
	runWith := func(db, out string) (int, string, string) {
		return run(t, "run", "--input", input, "--rules", rulesDir, "--db", db, "--out", out, "--log-format", "json")
	}
	if code, _, stderr := runWith(first, out); code != exitOK {
		t.Fatalf("first run: exit %d: %s", code, stderr)
	}
	claim, err := os.ReadFile(filepath.Join(out, reports.ClaimFile))
	if err != nil || !strings.Contains(string(claim), "database: "+first+"\n") {
		t.Fatalf("%s after the first run: %q, %v; want the database's path", reports.ClaimFile, claim, err)
	}
	before, err := os.ReadFile(filepath.Join(out, "run-1", "article_scores.csv"))
	if err != nil {
		t.Fatal(err)
	}

	code, stdout, stderr := runWith(other, out)
	if code != exitUsage {
		t.Fatalf("run of another database into the same folder: exit %d, want 2\n%s%s", code, stdout, stderr)
	}
	for _, want := range []string{"report folder " + out + " belongs to database " + first, "not to " + other,
		"\ttry: --out with a folder of its own, e.g. --out " + filepath.Join(dir, "other-reports")} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	after, err := os.ReadFile(filepath.Join(out, "run-1", "article_scores.csv"))
	if err != nil || string(after) != string(before) {
		t.Errorf("run-1 of the first database changed by the refused run (%v)", err)
	}
	if _, err := os.Stat(filepath.Join(out, "run-2")); err == nil {
		t.Error("the refused run wrote a run folder")
	}

	// With a folder of its own.
	if code, _, stderr := runWith(other, filepath.Join(dir, "other-reports")); code != exitOK {
		t.Fatalf("other database, own folder: exit %d: %s", code, stderr)
	}
	// report --run of the other database is refused the same way.
	if code, _, stderr := run(t, "report", "--db", other, "--out", out, "--run", "1"); code != exitUsage || !strings.Contains(stderr, "belongs to database") {
		t.Errorf("report of run 1 of the other database into the first one's folder: exit %d, want 2: %s", code, stderr)
	}

	// A copy of the first database is another database's history from now on.
	data, err := os.ReadFile(first)
	if err != nil {
		t.Fatal(err)
	}
	copied := filepath.Join(dir, "copy.db")
	if err := os.WriteFile(copied, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runWith(copied, out); code != exitUsage || !strings.Contains(stderr, "is a copy of it") {
		t.Errorf("a copy of the database into the original's folder: exit %d, want 2: %s", code, stderr)
	}
	// A moved database keeps its folder.
	moved := filepath.Join(dir, "moved.db")
	if err := os.Rename(first, moved); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runWith(moved, out); code != exitOK {
		t.Errorf("the moved database into its folder: exit %d: %s", code, stderr)
	}
	if claim, _ := os.ReadFile(filepath.Join(out, reports.ClaimFile)); !strings.Contains(string(claim), "database: "+moved+"\n") {
		t.Errorf("%s after the move: %q", reports.ClaimFile, claim)
	}
}
