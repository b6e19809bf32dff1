package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"sourcescore/store"
)

// report --repair writes again, byte for byte, the folder of a run whose
// reports failed, records them as written and removes stale temporary
// files; it leaves every other file alone.
func TestReport_repair(t *testing.T) {
	db, out := threeRuns(t)
	want := reportsIn(t, filepath.Join(out, "run-2"))
	d, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.ReportsFailed(context.Background(), 2, "write findings.csv: no space left on device"); err != nil {
		t.Fatal(err)
	}
	d.Close()
	if err := os.RemoveAll(filepath.Join(out, "run-2")); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(out, "run-3", ".findings.csv.tmp-42")
	keep := filepath.Join(out, "run-3", "notes.txt")
	for _, p := range []string{stale, keep} {
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	code, stdout, stderr := run(t, "report", "--repair", "--db", db, "--out", out)
	if code != exitOK || !strings.Contains(stdout, "Run 2: reports written again to "+filepath.Join(out, "run-2")) ||
		!strings.Contains(stdout, "Removed 1 temporary report files") {
		t.Fatalf("report --repair: exit %d\n%s%s", code, stdout, stderr)
	}
	got := reportsIn(t, filepath.Join(out, "run-2"))
	textGone(t, want, got) // threeRuns changed 002 after run 2
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("run 2 written again (-run +repair):\n%s", diff)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("stale temporary file: %v", err)
	}
	if _, err := os.Stat(keep); err != nil {
		t.Errorf("another file was removed: %v", err)
	}
	if target, err := os.Readlink(filepath.Join(out, "latest")); err != nil || target != "run-3" {
		t.Errorf("latest -> %q, %v; want run-3 still", target, err)
	}
	d, err = store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	if state, _, err := d.ReportsState(context.Background(), 2); err != nil || state != store.ReportsWritten {
		t.Errorf("run 2's reports: %q, %v; want written", state, err)
	}
	d.Close()

	code, stdout, stderr = run(t, "report", "--repair", "--db", db, "--out", out)
	if code != exitOK || !strings.Contains(stdout, "Nothing to repair") {
		t.Errorf("second report --repair: exit %d\n%s%s", code, stdout, stderr)
	}
	code, _, stderr = run(t, "report", "--repair", "--run", "2", "--db", db, "--out", out)
	if code != exitUsage || !strings.Contains(stderr, "--repair") {
		t.Errorf("report --repair --run 2: exit %d\n%s", code, stderr)
	}
	code, _, stderr = run(t, "report", "--repair", "--db", filepath.Join(t.TempDir(), "none.db"), "--out", out)
	if code == exitOK {
		t.Errorf("report --repair on a missing database: exit 0\n%s", stderr)
	}
}
