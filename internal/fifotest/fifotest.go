// Package fifotest helps tests that make sure nothing blocks on a named
// pipe: it makes pipes that are released when the test ends, and runs a
// function with a deadline. It imports nothing of the module, so that any
// package's tests may use it.
package fifotest

import (
	"context"
	"os"
	"syscall"
	"testing"
	"time"
)

// Patience bounds every wait for something that might block. It guards
// against a hang; no test asserts how long anything takes.
const Patience = 30 * time.Second

// Mkfifo makes a named pipe at path (the test is skipped where there are
// none), and at the end of the test opens it for writing once, so that a
// read stuck waiting for a writer (the bug such tests catch) returns and
// the test binary can exit.
func Mkfifo(t testing.TB, path string) {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	t.Cleanup(func() {
		if w, err := os.OpenFile(path, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			w.Close()
		}
	})
}

// Within runs f and fails the test when it has not returned within
// Patience: f blocked.
func Within(t testing.TB, what string, f func()) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), Patience)
	defer cancel()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-ctx.Done():
		t.Fatalf("%s blocked: %v", what, ctx.Err())
	}
}
