package ingest

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// TestState: a file's state is taken only once it has been left alone for
// SettleTime; then it is the same however often it is taken and whether
// the file is read or not, and a write, a replacement or an mtime set
// back each change it. A .jsonl line and a file over the size limit have
// none.
func TestState(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("file states are taken on Linux only; elsewhere every file is read")
	}
	dir := t.TempDir()
	write := func(name, text string) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	a := write("a.txt", "Erster Text.")
	write("b.txt", "Zweiter Text, etwas länger als der erste.")
	write("c.jsonl", `{"text": "Ein Text in einer Zeile."}`+"\n")
	src, err := Open(dir, Limits{ArticleBytes: 20})
	if err != nil {
		t.Fatal(err)
	}
	// stateAt is file's state as if taken at now.
	stateAt := func(file string, now time.Time) string {
		t.Helper()
		f, fi, err := src.open(file, false)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		return fileState(fi, now)
	}
	later := func() time.Time { return time.Now().Add(SettleTime + time.Second) }

	if got := src.State("a.txt"); got != "" {
		t.Errorf("state of a file written just now = %q, want none", got)
	}
	if _, got, err := src.ReadState("a.txt"); err != nil || got != "" {
		t.Errorf("ReadState of a file written just now: state %q, %v; want none", got, err)
	}
	s1 := stateAt("a.txt", later())
	if s1 == "" || stateAt("a.txt", later()) != s1 {
		t.Fatalf("state of a settled file = %q, then %q; want one state", s1, stateAt("a.txt", later()))
	}
	if got := src.State("b.txt"); got != "" {
		t.Errorf("state of a file over the size limit = %q, want none", got)
	}
	if got := src.State("c.jsonl:1"); got != "" {
		t.Errorf("state of a .jsonl line = %q, want none", got)
	}

	// The same size, the mtime set back: the ctime tells.
	fi, err := os.Stat(a)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(20 * time.Millisecond) // past the clock tick the file was written in
	write("a.txt", "Erster Test.")
	if err := os.Chtimes(a, fi.ModTime(), fi.ModTime()); err != nil {
		t.Fatal(err)
	}
	s2 := stateAt("a.txt", later())
	if s2 == "" || s2 == s1 {
		t.Errorf("after a write with the mtime set back: state %q, was %q; want another", s2, s1)
	}
	// Replaced by a rename: another inode.
	write("a.new", "Erster Test.")
	if err := os.Rename(filepath.Join(dir, "a.new"), a); err != nil {
		t.Fatal(err)
	}
	if s3 := stateAt("a.txt", later()); s3 == "" || s3 == s2 {
		t.Errorf("after a rename over it: state %q, was %q; want another", s3, s2)
	}
}
