package reports

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// CleanStale removes the temporary files and folders dead writers left in
// the output folder, and nothing else: not a file of another name, not a
// committed run, not what a symlink points at.
func TestCleanStale(t *testing.T) {
	out := t.TempDir()
	outside := t.TempDir() // a folder a planted symlink points into
	s := newSample()
	committed := writeRun(t, out, 1, Options{}, s)

	plant := func(path, data string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	// Stale: a run folder holding only temporary files, temporary files
	// beside final ones, a temporary latest link, an empty run folder.
	plant(filepath.Join(out, "run-2", ".findings.csv.tmp-123"), "half a row")
	plant(filepath.Join(out, "run-2", ".article_scores.csv.tmp-456"), "half")
	plant(filepath.Join(committed, ".rule_scores.csv.tmp-789"), "half")
	plant(filepath.Join(committed, "."+WorkbookFile+".tmp-321"), "PK half a zip")
	plant(filepath.Join(committed, "excelize-4242"), "a spilled sheet")
	plant(filepath.Join(committed, "."+HTMLFile+".tmp-654"), "<!DOCTYPE html><p>half")
	if err := os.Symlink("run-1", filepath.Join(out, ".latest.tmp-abc")); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(out, "run-3"), 0o755); err != nil {
		t.Fatal(err)
	}
	// To keep: files of other names, in and beside run folders, a folder
	// not named as a run, and a symlinked run folder pointing outside
	// with a temporary-looking file in its target.
	keep := []string{
		filepath.Join(out, "notes.txt"),
		filepath.Join(out, ".notes.csv.tmp-keep", "x"), // a folder, not a temporary file
		filepath.Join(out, "run-04", ".findings.csv.tmp-1"),
		filepath.Join(out, "other", ".findings.csv.tmp-1"),
		filepath.Join(committed, "my-notes.csv"),
		filepath.Join(outside, ".findings.csv.tmp-1"),
	}
	for _, p := range keep {
		plant(p, "keep")
	}
	if err := os.Symlink(outside, filepath.Join(out, "run-5")); err != nil {
		t.Fatal(err)
	}

	removed, err := CleanStale(out)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		filepath.Join(out, ".latest.tmp-abc"),
		filepath.Join(committed, ".rule_scores.csv.tmp-789"),
		filepath.Join(committed, "."+HTMLFile+".tmp-654"),
		filepath.Join(committed, "."+WorkbookFile+".tmp-321"),
		filepath.Join(committed, "excelize-4242"),
		filepath.Join(out, "run-2", ".article_scores.csv.tmp-456"),
		filepath.Join(out, "run-2", ".findings.csv.tmp-123"),
		filepath.Join(out, "run-2"),
		filepath.Join(out, "run-3"),
	}
	slices.Sort(removed)
	slices.Sort(want)
	if !slices.Equal(removed, want) {
		t.Errorf("removed\n%q\nwant\n%q", removed, want)
	}
	for _, p := range want {
		if _, err := os.Lstat(p); !os.IsNotExist(err) {
			t.Errorf("%s is still there (%v)", p, err)
		}
	}
	for _, p := range append(keep, filepath.Join(out, "run-5"), filepath.Join(out, LatestLink)) {
		if _, err := os.Lstat(p); err != nil {
			t.Errorf("%s was removed: %v", p, err)
		}
	}
	if got := finalFiles(t, committed); len(got) != len(allOutputs) {
		t.Errorf("committed run folder holds %q", got)
	}

	// Nothing left to clean, and a missing output folder is fine.
	if removed, err := CleanStale(out); err != nil || len(removed) != 0 {
		t.Errorf("second clean: %q, %v", removed, err)
	}
	if removed, err := CleanStale(filepath.Join(out, "missing")); err != nil || len(removed) != 0 {
		t.Errorf("missing folder: %q, %v", removed, err)
	}
}
