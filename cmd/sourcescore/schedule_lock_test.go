package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLockDB_SymlinkedPaths: a database reached through a symlink to the
// file, a symlinked folder or a dangling symlink (the file not created yet)
// takes the same lock as through its real path, so a second writer is
// refused whichever path it is given.
func TestLockDB_SymlinkedPaths(t *testing.T) {
	for _, tc := range []struct {
		name   string
		create bool                                  // whether real.db exists
		link   func(t *testing.T, dir string) string // makes the other path, returns it
	}{
		{"link to the file", true, func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "link.db")
			mustSymlink(t, "data/real.db", p)
			return p
		}},
		{"dangling link to a file not created yet", false, func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "link.db")
			mustSymlink(t, "data/real.db", p)
			return p
		}},
		{"linked folder", false, func(t *testing.T, dir string) string {
			mustSymlink(t, "data", filepath.Join(dir, "alias"))
			return filepath.Join(dir, "alias", "real.db")
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			real := filepath.Join(dir, "data", "real.db")
			if err := os.MkdirAll(filepath.Dir(real), 0o755); err != nil {
				t.Fatal(err)
			}
			if tc.create {
				if err := os.WriteFile(real, nil, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			other := tc.link(t, dir)
			first, err := lockDB(real, "run")
			if err != nil {
				t.Fatalf("lock %s: %v", real, err)
			}
			defer first.release()
			second, err := lockDB(other, "run")
			var le lockedError
			if !errors.As(err, &le) {
				if second != nil {
					second.release()
				}
				t.Fatalf("lock %s while %s is locked: err %v, want a lockedError", other, real, err)
			}
			if !strings.Contains(le.holder, "(sourcescore run)") {
				t.Errorf("refusal names holder %q, want the first holder", le.holder)
			}
		})
	}
}

// TestLockDB_SymlinkedLockFile: a symlink planted as <db>.lock is refused
// with a clear error; its target is neither created nor written, and no
// lock is held.
func TestLockDB_SymlinkedLockFile(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	victim := filepath.Join(dir, "victim.txt")
	if err := os.WriteFile(victim, []byte("keep me\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "created-through-link")
	for target, want := range map[string]string{victim: "keep me\n", missing: ""} {
		if err := os.Remove(db + ".lock"); err != nil && !errors.Is(err, os.ErrNotExist) {
			t.Fatal(err)
		}
		mustSymlink(t, target, db+".lock")
		l, err := lockDB(db, "run")
		if err == nil {
			l.release()
			t.Fatalf("lock through a symlinked lock file to %s: no error", target)
		}
		if !errors.Is(err, errLockSymlink) || !strings.Contains(err.Error(), "lock file "+db+".lock") {
			t.Errorf("lock through a symlinked lock file: %v\nwant errLockSymlink naming the lock file", err)
		}
		b, rerr := os.ReadFile(target)
		if want == "" {
			if !errors.Is(rerr, os.ErrNotExist) {
				t.Errorf("%s created through the symlink (%v)", target, rerr)
			}
		} else if string(b) != want {
			t.Errorf("%s written through the symlink: %q", target, b)
		}
	}
}

func mustSymlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}
