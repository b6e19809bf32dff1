package ingest

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestReadFile_pipe reads a named pipe whose writer writes and is gone
// before the reader is done: the bytes must come from the one open
// (opening the pipe again would wait for a writer forever).
func TestReadFile_pipe(t *testing.T) {
	path := filepath.Join(t.TempDir(), "pipe.txt")
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	go func() {
		w, err := os.OpenFile(path, os.O_WRONLY, 0) // waits for the reader
		if err != nil {
			return
		}
		w.WriteString("Der Kreml wies den Bericht zurück.\n")
		w.Close()
	}()
	type result struct {
		b   []byte
		err error
	}
	done := make(chan result, 1)
	go func() {
		b, err := readFile(path)
		done <- result{b, err}
	}()
	select {
	case r := <-done:
		if r.err != nil || string(r.b) != "Der Kreml wies den Bericht zurück.\n" {
			t.Errorf("readFile of a pipe = %q, %v", r.b, r.err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("readFile of a pipe whose writer is gone did not return")
	}
}
