package rules

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"sourcescore"
)

// A named pipe among the rule files (zz.yaml, or a word list) would make a
// plain open wait for a writer forever, before any rule loads and while
// the run's lock is held. LoadDir refuses it at once with a clear error.
func TestLoadDir_namedPipe(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, BuiltinFS()); err != nil {
		t.Fatal(err)
	}
	pipe := filepath.Join(dir, "zz.yaml")
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	words := filepath.Join(t.TempDir(), "words")
	if err := syscall.Mkfifo(words, 0o644); err != nil {
		t.Fatal(err)
	}
	// Free an open stuck on either pipe when the test ends.
	t.Cleanup(func() {
		for _, p := range []string{pipe, words} {
			if w, err := os.OpenFile(p, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
				w.Close()
			}
		}
	})
	os.WriteFile(filepath.Join(dir, "glued.yaml"), []byte(`rules:
  - {id: translation.g, family: translation, kind: glued_words, weight: 1, severity: warning, description: d, message: m,
     safe_suffixes: [sind], suffixes: [und], wordlist: "`+words+`"}
`), 0o644)

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var err error
	done := make(chan struct{})
	go func() {
		defer close(done)
		_, err = LoadDir(dir)
	}()
	select {
	case <-done:
	case <-ctx.Done():
		t.Fatalf("LoadDir blocked on a named pipe: %v", ctx.Err())
	}
	var list ErrorList
	if !errors.As(err, &list) || !errors.Is(err, sourcescore.ErrConfig) {
		t.Fatalf("LoadDir = %v, want an ErrorList", err)
	}
	want := pipe + ": not a regular file (a named pipe): it is not read\n" +
		"\ttry: a rule file must be a plain file; remove it or rename it to end in something other than .yaml"
	if err.Error() != want {
		t.Errorf("LoadDir:\n%s\nwant\n%s", err, want)
	}
}
