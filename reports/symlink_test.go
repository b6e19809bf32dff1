package reports

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// elsewhere is a folder outside the output folder, as a symlink planted in
// it would point at; it must stay empty.
func elsewhere(t *testing.T) string {
	t.Helper()
	return t.TempDir()
}

func assertEmpty(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		t.Errorf("%s written through a symlink", filepath.Join(dir, e.Name()))
	}
}

// TestRunWriter_Commit_symlinkedRunDir: a symlink planted as run-<id>
// before the run is never written through: the rows are dropped, Commit
// fails with ErrRunDirNotFolder and a clear reason, latest does not move,
// and Abort leaves the symlink alone.
func TestRunWriter_Commit_symlinkedRunDir(t *testing.T) {
	for _, target := range []string{"outside", "run-1"} {
		t.Run(target, func(t *testing.T) {
			out := t.TempDir()
			writeRun(t, out, 1, Options{}, newSample())
			victim := elsewhere(t)
			if target == "outside" {
				target = victim
			} else {
				victim = Dir(out, 1) // another run's folder, beside it
			}
			before, _ := os.ReadDir(victim)
			if err := os.Symlink(target, Dir(out, 2)); err != nil {
				t.Fatal(err)
			}
			w, err := NewRunWriter(out, 2, Options{})
			if err != nil {
				t.Fatalf("NewRunWriter: %v (want the refusal at Commit)", err)
			}
			addAll(t, w, newSample())
			dir, err := w.Commit()
			if !errors.Is(err, ErrRunDirNotFolder) || dir != "" {
				t.Fatalf("Commit through a symlinked run folder: %q, %v; want ErrRunDirNotFolder", dir, err)
			}
			want := "run folder " + Dir(out, 2) + " is a symlink (to " + target + ")"
			if !strings.Contains(err.Error(), want) {
				t.Errorf("error %q\nwant it to say %q", err, want)
			}
			if err := w.Abort(); err != nil {
				t.Errorf("Abort: %v", err)
			}
			if fi, err := os.Lstat(Dir(out, 2)); err != nil || fi.Mode()&os.ModeSymlink == 0 {
				t.Errorf("planted symlink not left alone: %v", err)
			}
			after, _ := os.ReadDir(victim)
			if len(after) != len(before) {
				t.Errorf("%s: %d entries before, %d after: written through the symlink", victim, len(before), len(after))
			}
			if got := readLatest(t, out); got != "run-1" {
				t.Errorf("latest -> %q, want run-1", got)
			}
		})
	}
}

// TestRunWriter_Commit_runDirReplaced: a run folder replaced by a symlink
// while the run writes (moved away, a link in its place) is not renamed
// into: Commit fails.
func TestRunWriter_Commit_runDirReplaced(t *testing.T) {
	out := t.TempDir()
	w, err := NewRunWriter(out, 3, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	addAll(t, w, newSample())
	moved := filepath.Join(elsewhere(t), "moved")
	if err := os.Rename(Dir(out, 3), moved); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(moved, Dir(out, 3)); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Commit(); !errors.Is(err, ErrRunDirNotFolder) {
		t.Fatalf("Commit into a run folder replaced by a symlink: %v, want ErrRunDirNotFolder", err)
	}
	for _, name := range allOutputs {
		if _, err := os.Lstat(filepath.Join(moved, name)); err == nil {
			t.Errorf("%s renamed into place through the symlink", name)
		}
	}
}

// TestRunWriter_Commit_latestSymlinkOutside: latest planted as a symlink
// to a folder outside is replaced (the link itself), its target untouched.
func TestRunWriter_Commit_latestSymlinkOutside(t *testing.T) {
	out := t.TempDir()
	victim := elsewhere(t)
	if err := os.Symlink(victim, filepath.Join(out, LatestLink)); err != nil {
		t.Fatal(err)
	}
	writeRun(t, out, 4, Options{}, newSample())
	if got := readLatest(t, out); got != "run-4" {
		t.Errorf("latest -> %q, want run-4", got)
	}
	assertEmpty(t, victim)
}

// TestRunWriter_Commit_latestHeldBySymlink: a symlink planted as a run
// folder with a higher id does not keep latest from moving forward.
func TestRunWriter_Commit_latestHeldBySymlink(t *testing.T) {
	out := t.TempDir()
	writeRun(t, out, 1, Options{}, newSample())
	if err := os.Symlink(elsewhere(t), Dir(out, 99)); err != nil {
		t.Fatal(err)
	}
	tmp := filepath.Join(out, ".latest.tmp-planted")
	if err := os.Symlink("run-99", tmp); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, filepath.Join(out, LatestLink)); err != nil {
		t.Fatal(err)
	}
	writeRun(t, out, 2, Options{}, newSample())
	if got := readLatest(t, out); got != "run-2" {
		t.Errorf("latest -> %q, want run-2 (run-99 is a planted symlink, not a run folder)", got)
	}
}
