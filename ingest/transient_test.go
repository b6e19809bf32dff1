package ingest

import (
	"errors"
	"os"
	"runtime"
	"runtime/debug"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"sourcescore"
	"sourcescore/internal/fifotest"
)

// exhaustFiles lowers the process's limit of open files and opens
// /dev/null until no file may be opened any more (EMFILE), for real. It
// returns a function that closes those files again; the limit is put back
// at the end of the test.
//
// Files that earlier tests left open are closed by their finalizers
// whenever the garbage collector runs, and one closed while the files are
// exhausted frees a descriptor (a flaky "ReadBytes out of files = <nil>"
// in CI): so it collects first, waits until the finalizers queued then
// have run, and keeps the collector off until the test ends.
func exhaustFiles(t *testing.T) (release func()) {
	t.Helper()
	settleFinalizers(t)
	gc := debug.SetGCPercent(-1)
	t.Cleanup(func() { debug.SetGCPercent(gc) })
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		t.Skipf("no file limit here: %v", err)
	}
	open, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skipf("cannot count open files: %v", err)
	}
	low := lim
	low.Cur = uint64(len(open) + 32)
	if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &low); err != nil {
		t.Skipf("cannot lower the file limit: %v", err)
	}
	t.Cleanup(func() { syscall.Setrlimit(syscall.RLIMIT_NOFILE, &lim) })
	var hoard []*os.File
	release = func() {
		for _, f := range hoard {
			f.Close()
		}
		hoard = nil
	}
	t.Cleanup(release)
	for {
		f, err := os.Open(os.DevNull)
		if errors.Is(err, syscall.EMFILE) {
			return release
		}
		if err != nil {
			t.Fatal(err)
		}
		hoard = append(hoard, f)
	}
}

// settleFinalizers runs the garbage collector and waits until the
// finalizers it queued have run: finalizers run one after another, so a
// sentinel's, queued by the same collection, runs after or among them;
// twice, for files found only by the second collection.
func settleFinalizers(t *testing.T) {
	t.Helper()
	for range 2 {
		done := make(chan struct{})
		sentinel := new([64]byte)
		runtime.SetFinalizer(sentinel, func(*[64]byte) { close(done) })
		sentinel = nil
		runtime.GC()
		select {
		case <-done:
		case <-time.After(fifotest.Patience):
			t.Fatal("finalizers did not run")
		}
	}
}

// Out of file descriptors, a read is tried again with growing pauses and
// then fails as what it is, too many open files, not as a bad article:
// the run must fail rather than count the file as skipped.
func TestSource_ReadBytes_tooManyOpenFiles(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.txt": "Ein Artikel."})
	s := openSource(t, dir, Limits{})
	var pauses []time.Duration
	pause = func(d time.Duration) { pauses = append(pauses, d) }
	t.Cleanup(func() { pause = time.Sleep })

	exhaustFiles(t)
	_, err := s.ReadBytes("a.txt")
	if !errors.Is(err, syscall.EMFILE) || errors.Is(err, sourcescore.ErrBadArticle) || errors.Is(err, sourcescore.ErrConfig) {
		t.Fatalf("ReadBytes out of files = %v, want EMFILE, neither a bad article nor a configuration error", err)
	}
	want := []time.Duration{10 * time.Millisecond, 20 * time.Millisecond, 40 * time.Millisecond, 80 * time.Millisecond, 160 * time.Millisecond}
	if diff := cmp.Diff(want, pauses); diff != "" {
		t.Errorf("pauses (-want +got):\n%s", diff)
	}
}

// When files are free again after a pause, the read succeeds.
func TestSource_ReadBytes_tooManyOpenFilesPasses(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.txt": "Ein Artikel."})
	s := openSource(t, dir, Limits{})
	release := exhaustFiles(t)
	tries := 0
	pause = func(time.Duration) { tries++; release() }
	t.Cleanup(func() { pause = time.Sleep })
	b, err := s.ReadBytes("a.txt")
	if err != nil || string(b) != "Ein Artikel." || tries != 1 {
		t.Errorf("ReadBytes = %q, %v after %d pauses; want the text after one", b, err, tries)
	}
}

// Listing the folder out of file descriptors fails the same way, and is
// not a problem of the input (exit 1, not 2).
func TestOpen_tooManyOpenFiles(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.txt": "Text", "sub/b.txt": "Text"})
	pause = func(time.Duration) {}
	t.Cleanup(func() { pause = time.Sleep })
	exhaustFiles(t)
	_, err := Open(dir, Limits{})
	if !errors.Is(err, syscall.EMFILE) || errors.Is(err, sourcescore.ErrConfig) {
		t.Fatalf("Open out of files = %v, want EMFILE and no ErrConfig", err)
	}
}
