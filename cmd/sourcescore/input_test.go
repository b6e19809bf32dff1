package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"sourcescore/internal/corpus"
	"sourcescore/internal/testutil"
)

func TestRun_InputLimitFlags(t *testing.T) {
	for _, flag := range []string{"--max-article-bytes", "--max-manifest-bytes", "--max-manifest-rows"} {
		code, _, stderr := run(t, "run", flag, "0")
		if code != exitUsage || !strings.Contains(stderr, flag+" 0: use 1 or more") {
			t.Errorf("run %s 0: exit %d, stderr %q; want 2 and the flag named", flag, code, stderr)
		}
	}
	// The seeds are 2 to 7 KB: with a limit of 4,000 bytes the larger are
	// skipped rows, each with its reason, and the run succeeds.
	out := t.TempDir()
	code, stdout, stderr := run(t, "run", "--input", seedsCopy(t), "--db", filepath.Join(out, "s.db"),
		"--out", filepath.Join(out, "r"), "--max-article-bytes", "4000")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	n := strings.Count(stdout, ", more than the article size limit of 3.9 KiB (4000 bytes) (--max-article-bytes)\n")
	if n == 0 || !strings.Contains(stdout, "skipped 001_19431bf1eb7bd27f.txt: too large: 6.2 KiB (6313 bytes)") {
		t.Errorf("stdout does not list the large seeds as too large:\n%s", stdout)
	}
	for _, row := range testutil.ReadCSV(t, filepath.Join(out, "r", "latest", "skipped.csv")) {
		if !strings.HasPrefix(row["reason"], "too large: ") {
			t.Errorf("skipped.csv: %v", row)
		}
	}
	// A manifest over its row limit is refused with its line (exit 2).
	in := seedsCopy(t)
	code, _, stderr = run(t, "run", "--input", in, "--db", filepath.Join(out, "s2.db"), "--out", filepath.Join(out, "r2"), "--max-manifest-rows", "3")
	if code != exitUsage || !strings.Contains(stderr, "manifest.csv:5:1: more than 3 rows, the manifest's row limit\n\ttry: ") {
		t.Errorf("--max-manifest-rows 3: exit %d, stderr:\n%s", code, stderr)
	}
}

// TestRun_TooManyOpenFiles runs the real binary with 20 file descriptors
// and 8 workers over 1,000 articles (the reliability audit's case: 556 of
// 4,993 articles were skipped as "unreadable: too many open files" and the
// run succeeded). Running out of descriptors is no fault of an article:
// the run either reads every article (the retries found a free
// descriptor) or fails with exit 1 and says why; it never skips one for
// that.
func TestRun_TooManyOpenFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs it")
	}
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh to lower the file limit with ulimit")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "sourcescore")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	input := filepath.Join(dir, "in")
	if _, err := corpus.Generate(input, corpus.Options{Seeds: "../../seeds", N: 1000, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	cmd := exec.Command(sh, "-c", `ulimit -n 20 && exec "$0" "$@"`, bin, "run", "--input", input,
		"--db", filepath.Join(out, "s.db"), "--out", filepath.Join(out, "r"), "--workers", "8")
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		if !strings.HasPrefix(stdout.String(), "Run 1: 1000 articles scored, 0 skipped") {
			t.Errorf("exit 0, but not every article was scored:\n%s", stdout.String())
		}
	case errors.As(err, &exit) && exit.ExitCode() == exitFailed:
		if !strings.Contains(stderr.String(), "too many open files (still failing after 6 tries; the run stops rather than skip the file)") {
			t.Errorf("exit 1 without the reason:\n%s", stderr.String())
		}
	default:
		t.Fatalf("%v\nstdout:\n%s\nstderr:\n%s", err, stdout.String(), stderr.String())
	}
	if strings.Contains(stdout.String(), "too many open files") {
		t.Errorf("an article was skipped for too many open files:\n%s", stdout.String())
	}
	if skipped, err := os.ReadFile(filepath.Join(out, "r", "latest", "skipped.csv")); err == nil && strings.Contains(string(skipped), "too many open files") {
		t.Errorf("skipped.csv counts too many open files against an article:\n%s", skipped)
	}
	t.Logf("exit %v; stderr ends:\n%s", err, tail(stderr.String(), 3))
}

// tail returns the last n lines of s.
func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// An article whose file has become a named pipe since the run is
// explained without its text, at once: reading it again must not wait
// for a writer.
func TestExplain_TextBecamePipe(t *testing.T) {
	input, db := scoredSeeds(t)
	path := filepath.Join(input, seed002)
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	t.Cleanup(func() { // free a read stuck on the pipe, should there be one
		if w, err := os.OpenFile(path, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			w.Close()
		}
	})
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var stdout, stderr bytes.Buffer
	code := -1
	done := make(chan struct{})
	go func() {
		defer close(done)
		code = Run(ctx, []string{"explain", "--db", db, seed002}, &stdout, &stderr)
	}()
	select {
	case <-done:
	case <-ctx.Done():
		t.Fatalf("explain blocked on a named pipe: %v", ctx.Err())
	}
	if code != exitOK || !strings.Contains(stdout.String(), "is not a regular file (a named pipe); evidence shown without its line") {
		t.Errorf("exit %d; output:\n%s%s", code, stdout.String(), stderr.String())
	}
}
