package ingest

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// readFile gives what os.ReadFile gives: the same bytes, or an error with
// the same text and the same *fs.PathError inside.
func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{"empty.txt": ""}
	for _, n := range []int{1, 511, 512, 513, 4096, 100_000} {
		files[strings.Repeat("x", n%7+1)+".txt"] = strings.Repeat("Grüße\n", n/7+1)[:n]
	}
	writeFiles(t, dir, files)
	paths := []string{filepath.Join(dir, "gone.txt"), dir, "/proc/self/cmdline"}
	for name := range files {
		paths = append(paths, filepath.Join(dir, name))
	}
	for _, p := range paths {
		got, err := readFile(p)
		want, wantErr := os.ReadFile(p)
		if (err == nil) != (wantErr == nil) || err != nil && err.Error() != wantErr.Error() {
			t.Errorf("readFile(%s): error %v, want %v", p, err, wantErr)
			continue
		}
		if err != nil {
			var pe, wantPE *fs.PathError
			if !errors.As(err, &pe) || !errors.As(wantErr, &wantPE) || pe.Err != wantPE.Err {
				t.Errorf("readFile(%s): error %#v, want %#v", p, err, wantErr)
			}
			continue
		}
		if p == "/proc/self/cmdline" {
			continue // another process, other bytes; it must only be read
		}
		if !bytes.Equal(got, want) {
			t.Errorf("readFile(%s) = %d bytes, want %d", p, len(got), len(want))
		}
	}
}
