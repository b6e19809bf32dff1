package main

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"sourcescore"
	"sourcescore/internal/corpus"
	"sourcescore/store"
)

// TestDB_Processes runs the real binary against real database files: read
// only, damaged, and under signals.
func TestDB_Processes(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs it")
	}
	bin := filepath.Join(t.TempDir(), "sourcescore")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	t.Run("a read-only database in a read-only folder", func(t *testing.T) { t.Parallel(); testReadOnlyFolder(t, bin) })
	t.Run("a database with two pages of garbage", func(t *testing.T) { t.Parallel(); testCorrupted(t, bin) })
	t.Run("SIGHUP cancels a run and records it", func(t *testing.T) { t.Parallel(); testRunSignal(t, bin, syscall.SIGHUP) })
	t.Run("SIGTERM cancels a run and records it", func(t *testing.T) { t.Parallel(); testRunSignal(t, bin, syscall.SIGTERM) })
	t.Run("SIGHUP stops a schedule", func(t *testing.T) { t.Parallel(); testScheduleHangup(t, bin) })
	t.Run("SIGTERM while the database opens", func(t *testing.T) { t.Parallel(); testSignalAtOpen(t, bin) })
}

// generated is a workspace whose input is a generated corpus of n articles.
func generated(t testing.TB, n int) workspace {
	w := newWorkspace(t)
	w.input = t.TempDir()
	if _, err := corpus.Generate(w.input, corpus.Options{Seeds: "../../seeds", N: n, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	return w
}

func testReadOnlyFolder(t *testing.T, bin string) {
	w := newWorkspace(t)
	if code, stdout, stderr := runProc(t, bin, w.args("run")...); code != 0 {
		t.Fatalf("run: exit %d\n%s%s", code, stdout, stderr)
	}
	// The database alone, in a folder of its own: 0444 in a 0555 folder.
	dir, err := os.MkdirTemp("", "sourcescore-ro-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755); os.RemoveAll(dir) })
	db := filepath.Join(dir, "sourcescore.db")
	data, err := os.ReadFile(w.db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(w.db + "-wal"); err == nil {
		t.Fatalf("%s-wal left after the run: the copy would miss what it holds", w.db)
	}
	if err := os.WriteFile(db, data, 0o444); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(db, 0o444); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	out, err := os.MkdirTemp("", "sourcescore-ro-out-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(out) })
	os.Chmod(out, 0o777)

	// root writes anywhere: the commands then run as nobody, for whom the
	// folder and the file are read-only as for any user.
	// The binary, where nobody can run it.
	binDir, err := os.MkdirTemp("", "sourcescore-bin-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(binDir) })
	os.Chmod(binDir, 0o755)
	exe, err := os.ReadFile(bin)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(binDir, "sourcescore"), exe, 0o755); err != nil {
		t.Fatal(err)
	}
	asUser := func(prog string, args ...string) (int, string, string) {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), patience)
		defer cancel()
		cmd := exec.CommandContext(ctx, prog, args...)
		if os.Geteuid() == 0 {
			cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
		}
		var stdout, stderr strings.Builder
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return ee.ExitCode(), stdout.String(), stderr.String()
		} else if err != nil {
			t.Fatal(err)
		}
		return 0, stdout.String(), stderr.String()
	}
	// The proof that the folder is read-only for the commands below.
	if code, _, _ := asUser("touch", filepath.Join(dir, "x")); code == 0 {
		t.Fatal("a file could be created in the read-only folder")
	}
	for _, args := range [][]string{
		{"explain", "--db", db, "000_b1e9ed358f7a1a99.txt"},
		{"history", "--db", db, "The National Times"},
		{"diff", "--db", db, "--out", out, "1", "1"},
		{"report", "--db", db, "--out", out},
		{"db", "check", "--db", db},
	} {
		code, stdout, stderr := asUser(filepath.Join(binDir, "sourcescore"), args...)
		if code != 0 || stdout == "" {
			t.Errorf("%s on a read-only database: exit %d\n%s%s", strings.Join(args, " "), code, stdout, stderr)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		names := []string{}
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("the read-only folder holds %v, want the database alone", names)
	}
	if after, _ := os.ReadFile(db); string(after) != string(data) {
		t.Error("the database file changed")
	}
	if _, err := os.Stat(filepath.Join(out, "run-1", "article_scores.csv")); err != nil {
		t.Errorf("report wrote no article_scores.csv: %v", err)
	}
}

// corrupt writes n bytes of random garbage into the middle of file, from
// the start of a page, as a failing disk or a stray write would: whole
// pages, headers and all, which SQLite itself finds damaged. (Garbage
// inside one page may hit one row's text only: db check finds that, and a
// run scores the article again, as TestRun_StoredResultsUnreadable shows.)
func corrupt(t testing.TB, file string, n int) {
	t.Helper()
	fi, err := os.Stat(file)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Size() < int64(4*n) {
		t.Fatalf("%s has %d bytes: too small to damage its middle", file, fi.Size())
	}
	f, err := os.OpenFile(file, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	// The same garbage every time, so that the same pages are hit.
	junk := make([]byte, n)
	rng := rand.New(rand.NewPCG(12, 2026))
	for i := range junk {
		junk[i] = byte(rng.Uint32())
	}
	if _, err := f.WriteAt(junk, fi.Size()/2/store.PageSize*store.PageSize); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

func testCorrupted(t *testing.T, bin string) {
	w := generated(t, 400)
	for i := 0; i < 2; i++ {
		if code, stdout, stderr := runProc(t, bin, w.args("run")...); code != 0 {
			t.Fatalf("run: exit %d\n%s%s", code, stdout, stderr)
		}
	}
	corrupt(t, w.db, 2*store.PageSize)

	malformed := func(what string, code int, stderr string) {
		t.Helper()
		if code != exitFailed || !strings.Contains(stderr, "malformed") || !strings.Contains(stderr, store.RecoverHint) {
			t.Errorf("%s on a damaged database: exit %d, want 1 with the problem and the hint; stderr:\n%s", what, code, stderr)
		}
	}
	code, stdout, stderr := runProc(t, bin, "db", "check", "--db", w.db)
	malformed("db check", code, stderr)
	t.Logf("db check:\n%s", stderr)
	if !strings.HasPrefix(stderr, "sourcescore: database "+w.db+" is malformed:\n\t") || stdout != "" {
		t.Errorf("db check: stdout %q, stderr:\n%s", stdout, stderr)
	}
	code, _, stderr = runProc(t, bin, "report", "--db", w.db, "--out", t.TempDir(), "--run", "1")
	malformed("report --run 1", code, stderr)
	code, _, stderr = runProc(t, bin, w.args("schedule", "--cron", "@hourly", "--run-now")...)
	malformed("schedule", code, stderr)
	code, _, stderr = runProc(t, bin, w.args("run")...)
	malformed("run", code, stderr)
	t.Logf("run:\n%s", stderr)

	// After a sourcescore that ended holding the lock (the file still
	// names it, as a killed process leaves it), run checks the database
	// first, and fails on what the check found.
	if err := os.WriteFile(lockPath(w.db), []byte("pid 4242 (sourcescore run) since 2026-12-03T10:00:00Z\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = runProc(t, bin, w.args("run")...)
	malformed("run after an interrupted one", code, stderr)
	if !strings.Contains(stderr, `"msg":"checking the database"`) || !strings.Contains(stderr, "pid 4242 (sourcescore run)") ||
		!strings.Contains(stderr, "sourcescore: database "+w.db+" is malformed:\n\t") || strings.Contains(stderr, `"msg":"run started"`) {
		t.Errorf("run after an interrupted one: not stopped by the check; stderr:\n%s", stderr)
	}
}

// testRunSignal stops a run in the middle of writing with sig: the run is
// rolled back, recorded as cancelled, and the process says so and exits 1.
func testRunSignal(t *testing.T, bin string, sig syscall.Signal) {
	const n = 1000
	w := generated(t, n)
	p := startProc(t, bin, w.args("run")...)
	p.waitFor("the run's start", func(e event) bool { return e.msg() == "run started" })
	p.signal(sig)
	failed := p.waitFor("the run's end", func(e event) bool { return e.msg() == "run failed" || e.msg() == "run finished" })
	code := p.exitCode()
	if failed.msg() != "run failed" || failed.str("outcome") != "cancelled" {
		t.Fatalf("after %v: %v; want the run failed as cancelled; log:\n%s", sig, failed, p.logText())
	}
	if code != exitFailed || !strings.Contains(p.logText(), "sourcescore: run cancelled: ") {
		t.Errorf("exit %d, want 1 with \"run cancelled\"; log:\n%s", code, p.logText())
	}
	runs, db := runsOf(t, w.db)
	// The error names the signal (Go's signal.NotifyContext gives it as
	// the cause).
	if len(runs) != 1 || runs[0].Status != sourcescore.RunFailed || !strings.HasPrefix(runs[0].Error, "run cancelled: ") ||
		!strings.Contains(runs[0].Error, sig.String()) {
		t.Fatalf("runs = %+v, want the one run, failed as cancelled by %q", runs, sig.String())
	}
	if scores, err := db.ArticleScores(context.Background(), runs[0].ID); err != nil || len(scores) != 0 {
		t.Errorf("the cancelled run has %d articles stored (%v)", len(scores), err)
	}
	// It let go of the lock cleanly: the next run does not check the
	// database as after a killed one.
	code, stdout, stderr := runProc(t, bin, w.args("run")...)
	if code != 0 || strings.Contains(stderr, "checking the database") {
		t.Errorf("the run after: exit %d\n%s%s", code, stdout, stderr)
	}
}

func testScheduleHangup(t *testing.T, bin string) {
	w := newWorkspace(t)
	if code, stdout, stderr := runProc(t, bin, w.args("run")...); code != 0 {
		t.Fatalf("run: exit %d\n%s%s", code, stdout, stderr)
	}
	p := startProc(t, bin, w.args("schedule", "--cron", "@hourly", "--run-now")...)
	p.waitFor("the first run", finished(func(event) bool { return true }))
	p.signal(syscall.SIGHUP)
	p.waitFor("the stop", func(e event) bool { return e.msg() == "schedule stopped" })
	if code := p.exitCode(); code != 0 {
		t.Fatalf("exit %d after SIGHUP, want 0; log:\n%s", code, p.logText())
	}
	if !strings.Contains(p.logText(), `"msg":"database checked: ok"`) {
		t.Errorf("the schedule did not check the database at start; log:\n%s", p.logText())
	}
}

// testSignalAtOpen sends SIGTERM while the run opens the database: another
// connection holds SQLite's write lock, so the run waits there, its own
// lock taken, until the test lets go once the run logs the signal. The run is recorded
// as cancelled, not lost.
func testSignalAtOpen(t *testing.T, bin string) {
	w := newWorkspace(t)
	if code, stdout, stderr := runProc(t, bin, w.args("run")...); code != 0 {
		t.Fatalf("run: exit %d\n%s%s", code, stdout, stderr)
	}
	ctx := context.Background()
	holder, err := store.Open(ctx, w.db)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	tx, err := holder.BeginRun(ctx, sourcescore.Run{Input: "elsewhere"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	p := startProc(t, bin, w.args("run")...)
	// The run holds its lock (it wrote its pid into the lock file) and
	// is opening the database, which waits for the write lock.
	pid := fmt.Sprintf("pid %d (sourcescore run)", p.cmd.Process.Pid)
	deadline := time.Now().Add(patience)
	for {
		b, _ := os.ReadFile(lockPath(w.db))
		if strings.Contains(string(b), pid) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the run took no lock within %v; log:\n%s", patience, p.logText())
		}
		time.Sleep(2 * time.Millisecond)
	}
	p.signal(syscall.SIGTERM)
	// Let go of the write lock only once the run has taken the signal
	// (its context cancelled): released before that, the run could open
	// the database and finish before the signal reached it.
	p.waitFor("the stop request", func(e event) bool { return e.msg() == "stop requested" })
	tx.Rollback()
	code := p.exitCode()
	if code != exitFailed || !strings.Contains(p.logText(), "sourcescore: run cancelled: ") {
		t.Fatalf("exit %d, want 1 with \"run cancelled\"; log:\n%s", code, p.logText())
	}
	runs, _ := runsOf(t, w.db)
	if len(runs) != 2 || runs[1].Status != sourcescore.RunFailed || !strings.HasPrefix(runs[1].Error, "run cancelled: ") {
		t.Errorf("runs = %+v, want the second one failed as cancelled", runs)
	}
}
