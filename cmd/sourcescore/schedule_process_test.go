package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"sourcescore"
	"sourcescore/internal/corpus"
	"sourcescore/internal/testutil"
	"sourcescore/store"
)

// patience bounds every wait of the process tests. It guards against a
// hang; no test asserts how long anything takes.
const patience = 2 * time.Minute

// TestSchedule_Processes runs the real binary, built once here, as
// processes that get real signals: what cron, systemd or Kubernetes see.
func TestSchedule_Processes(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs it")
	}
	bin := filepath.Join(t.TempDir(), "sourcescore")
	// -tags testhooks: a run waits before an article beside which a named
	// pipe FILE.hold lies (see job/hold_testhooks.go), so that a test can
	// hold it in the middle.
	if out, err := exec.Command("go", "build", "-tags", "testhooks", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	t.Run("ticks while articles and rules change", func(t *testing.T) { t.Parallel(); testScheduleTicks(t, bin) })
	t.Run("a second process is refused", func(t *testing.T) { t.Parallel(); testScheduleLock(t, bin) })
	t.Run("broken rule file between ticks", func(t *testing.T) { t.Parallel(); testScheduleBrokenRules(t, bin) })
	t.Run("stop: the run finishes within the grace period", func(t *testing.T) { t.Parallel(); testScheduleGrace(t, bin) })
	t.Run("stop: the run is cancelled when the grace period is over", func(t *testing.T) { t.Parallel(); testScheduleGraceOver(t, bin) })
	t.Run("kill -9 in the middle of writing", func(t *testing.T) { t.Parallel(); testRunKilled(t, bin) })
	t.Run("kill -9 after the database commit", func(t *testing.T) { t.Parallel(); testRunKilledAfterCommit(t, bin, "committed") })
	t.Run("kill -9 after the report folder is in place", func(t *testing.T) { t.Parallel(); testRunKilledAfterCommit(t, bin, "renamed") })
}

// event is one line of a JSON log.
type event map[string]any

func (e event) msg() string { s, _ := e["msg"].(string); return s }

func (e event) str(key string) string { s, _ := e[key].(string); return s }

func (e event) num(key string) int { f, _ := e[key].(float64); return int(f) }

// finished matches the log line of a successful run that pred accepts.
func finished(pred func(e event) bool) func(event) bool {
	return func(e event) bool { return e.msg() == "run finished" && pred(e) }
}

// proc is a sourcescore process with its stderr log read line by line.
type proc struct {
	t      testing.TB
	cmd    *exec.Cmd
	events chan event // the JSON lines of its log
	stdout bytes.Buffer
	mu     sync.Mutex
	log    strings.Builder // all of stderr so far
	exited chan struct{}
	err    error // Wait's error, once exited
}

// startProc starts bin with args.
func startProc(t testing.TB, bin string, args ...string) *proc {
	t.Helper()
	p := &proc{t: t, cmd: exec.Command(bin, args...), events: make(chan event, 100000), exited: make(chan struct{})}
	p.cmd.Stdout = &p.stdout
	stderr, err := p.cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			line := sc.Bytes()
			p.mu.Lock()
			p.log.Write(line)
			p.log.WriteByte('\n')
			p.mu.Unlock()
			var e event
			if json.Unmarshal(line, &e) == nil {
				p.events <- e
			}
		}
		close(p.events)
		p.err = p.cmd.Wait()
		close(p.exited)
	}()
	t.Cleanup(func() {
		select {
		case <-p.exited:
		default:
			p.cmd.Process.Kill()
			<-p.exited
		}
	})
	return p
}

// logText is the process's stderr so far.
func (p *proc) logText() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.log.String()
}

// waitFor reads the log until a line matches, and returns it.
func (p *proc) waitFor(what string, match func(event) bool) event {
	p.t.Helper()
	timer := time.NewTimer(patience)
	defer timer.Stop()
	for {
		select {
		case e, ok := <-p.events:
			if !ok {
				p.t.Fatalf("the process ended before %s; its log:\n%s", what, p.logText())
			}
			if match(e) {
				return e
			}
		case <-timer.C:
			p.t.Fatalf("no %s within %v; the log:\n%s", what, patience, p.logText())
		}
	}
}

// signal sends sig to the process.
func (p *proc) signal(sig os.Signal) {
	p.t.Helper()
	if err := p.cmd.Process.Signal(sig); err != nil {
		p.t.Fatal(err)
	}
}

// exitCode waits for the process to end and returns its exit code.
func (p *proc) exitCode() int {
	p.t.Helper()
	select {
	case <-p.exited:
	case <-time.After(patience):
		p.t.Fatalf("the process did not end within %v; its log:\n%s", patience, p.logText())
	}
	var ee *exec.ExitError
	if errors.As(p.err, &ee) {
		return ee.ExitCode()
	}
	if p.err != nil {
		p.t.Fatal(p.err)
	}
	return 0
}

// runProc runs bin to its end and returns its exit code and outputs.
func runProc(t testing.TB, bin string, args ...string) (int, string, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), patience)
	defer cancel()
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		return ee.ExitCode(), stdout.String(), stderr.String()
	case err != nil:
		t.Fatal(err)
	}
	return 0, stdout.String(), stderr.String()
}

// writeAtomically writes a file as an editor that saves safely does: a
// hidden temporary file (ingest skips hidden files), then a rename.
func writeAtomically(t testing.TB, path string, data []byte) {
	t.Helper()
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".tmp")
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

// workspace is an input folder (a copy of the seeds), a rule folder (the
// built-in rules without word lists) and where the database and reports go.
type workspace struct{ input, rules, db, out string }

func newWorkspace(t testing.TB) workspace {
	dir := t.TempDir()
	return workspace{input: seedsCopy(t), rules: testutil.HermeticRulesDir(t),
		db: filepath.Join(dir, "db", "sourcescore.db"), out: filepath.Join(dir, "reports")}
}

// args are the run flags of the workspace, then more.
func (w workspace) args(command string, more ...string) []string {
	return append([]string{command, "--input", w.input, "--rules", w.rules, "--db", w.db, "--out", w.out,
		"--log-format", "json", "--workers", "2"}, more...)
}

// seedFile is the path of the seed whose name starts with prefix.
func seedFile(t testing.TB, input, prefix string) string {
	t.Helper()
	m, _ := filepath.Glob(filepath.Join(input, prefix+"*.txt"))
	if len(m) != 1 {
		t.Fatalf("no single %s*.txt in %s", prefix, input)
	}
	return m[0]
}

// runsOf reads every run of a database, oldest first.
func runsOf(t testing.TB, path string) ([]sourcescore.Run, *store.DB) {
	t.Helper()
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("the database does not open: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Check(context.Background()); err != nil {
		t.Error(err)
	}
	runs, err := db.Runs(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	for i, j := 0, len(runs)-1; i < j; i, j = i+1, j-1 {
		runs[i], runs[j] = runs[j], runs[i]
	}
	return runs, db
}

func testScheduleTicks(t *testing.T, bin string) {
	w := newWorkspace(t)
	p := startProc(t, bin, w.args("schedule", "--cron", "@every 1s")...)
	check := func(e event, articles, reused int) {
		t.Helper()
		if e.num("articles") != articles || e.num("reused") != reused || e.num("scored") != articles-reused {
			t.Errorf("run %d: %d articles, %d reused, %d scored; want %d, %d, %d",
				e.num("run"), e.num("articles"), e.num("reused"), e.num("scored"), articles, reused, articles-reused)
		}
	}
	always := func(event) bool { return true }

	first := p.waitFor("a first run", finished(always))
	check(first, 5, 0)
	check(p.waitFor("a run with nothing changed", finished(always)), 5, 5)

	// An article arrives: only it is scored.
	seed, err := os.ReadFile(seedFile(t, w.input, "000"))
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(w.input, "neu"), 0o755)
	writeAtomically(t, filepath.Join(w.input, "neu", "005_kopie.txt"), append(seed, "\nNachtrag der Redaktion.\n"...))
	check(p.waitFor("a run with the new article", finished(func(e event) bool { return e.num("articles") == 6 })), 6, 5)

	// A rule file changes: everything is scored again, once.
	scoring := filepath.Join(w.rules, "scoring.yaml")
	b, err := os.ReadFile(scoring)
	if err != nil {
		t.Fatal(err)
	}
	writeAtomically(t, scoring, append(b, "\n# tuned by the desk\n"...))
	changed := p.waitFor("a run with the changed rules", finished(func(e event) bool { return e.str("rule_set") != first.str("rule_set") }))
	check(changed, 6, 0)
	check(p.waitFor("a run after it", finished(func(e event) bool { return e.num("run") > changed.num("run") })), 6, 6)

	// An article is removed: it leaves the reports.
	removed := seedFile(t, w.input, "001")
	if err := os.Remove(removed); err != nil {
		t.Fatal(err)
	}
	last := p.waitFor("a run without the removed article", finished(func(e event) bool { return e.num("articles") == 5 }))
	check(last, 5, 5)

	p.signal(syscall.SIGTERM)
	p.waitFor("the stop", func(e event) bool { return e.msg() == "schedule stopped" })
	if code := p.exitCode(); code != 0 {
		t.Fatalf("exit %d after SIGTERM, want 0; log:\n%s", code, p.logText())
	}

	// The database: runs in order, none overlapping another, every reused
	// count what the stored articles say it must be.
	runs, db := runsOf(t, w.db)
	if len(runs) < 6 {
		t.Fatalf("%d runs stored, want at least 6", len(runs))
	}
	ctx := context.Background()
	var prev *sourcescore.Run
	var prevArticles map[string]store.StoredArticle
	for i := range runs {
		r := runs[i]
		if r.Status != sourcescore.RunSucceeded {
			t.Errorf("run %d: %s (%s), want succeeded", r.ID, r.Status, r.Error)
			continue
		}
		articles, err := db.StoredArticles(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := 0
		if prev != nil {
			if r.Started.Before(prev.Ended) || r.ID <= prev.ID {
				t.Errorf("run %d (started %v) overlaps or precedes run %d (ended %v)", r.ID, r.Started, prev.ID, prev.Ended)
			}
			if r.RuleSetHash == prev.RuleSetHash {
				for id, a := range articles {
					b, ok := prevArticles[id]
					if ok && b.Score.Article.ContentHash == a.Score.Article.ContentHash && b.Score.Article.File == a.Score.Article.File {
						want++
						// A reused article shares the earlier run's stored results.
						if a.Result != b.Result {
							t.Errorf("run %d: unchanged %s stored again as results %d (run %d has %d)", r.ID, a.Score.Article.File, a.Result, prev.ID, b.Result)
						}
					}
				}
			}
		}
		if r.Articles != len(articles) || r.Reused != want {
			t.Errorf("run %d: %d articles stored as %d, %d reused; want %d reused", r.ID, len(articles), r.Articles, r.Reused, want)
		}
		prev, prevArticles = &runs[i], articles
	}
	if got := strings.Count(p.logText(), `"msg":"run finished"`); got != len(runs) {
		t.Errorf("%d runs logged as finished, %d stored", got, len(runs))
	}
	latest, err := os.ReadFile(filepath.Join(w.out, "latest", "article_scores.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(latest), filepath.Base(removed)) || !strings.Contains(string(latest), "neu/005_kopie.txt") {
		t.Errorf("the latest reports after the removal:\n%s", latest)
	}
}

// lockRefusal is the message of a command refused by the lock of p.
func lockRefusal(db string, holder *proc, command string) string {
	return fmt.Sprintf("sourcescore: database %s locked by another sourcescore (lock file %s.lock, held by pid %d (sourcescore %s)",
		db, db, holder.cmd.Process.Pid, command)
}

func testScheduleLock(t *testing.T, bin string) {
	w := newWorkspace(t)

	// A schedule holds the database from its start, between runs too.
	sched := startProc(t, bin, w.args("schedule", "--cron", "@every 1h")...)
	sched.waitFor("the start", func(e event) bool { return e.msg() == "schedule started" })
	for _, args := range [][]string{w.args("run"), w.args("schedule", "--cron", "@hourly", "--run-now")} {
		code, _, stderr := runProc(t, bin, args...)
		if code != exitLocked || !strings.Contains(stderr, lockRefusal(w.db, sched, "schedule")) {
			t.Errorf("%s beside a schedule: exit %d, stderr:\n%s\nwant %d and %q", args[0], code, stderr, exitLocked, lockRefusal(w.db, sched, "schedule"))
		}
	}
	sched.signal(syscall.SIGINT)
	if code := sched.exitCode(); code != 0 {
		t.Fatalf("schedule: exit %d after SIGINT, want 0; log:\n%s", code, sched.logText())
	}
	if runs, _ := runsOf(t, w.db); len(runs) != 0 {
		t.Errorf("the refused commands left runs: %+v", runs)
	}

	// A run holds it for its run: one article has a hold pipe nobody
	// writes yet, so the run waits in the middle until the test lets it
	// finish.
	pipe := holdArticle(t, w.input)
	run := startProc(t, bin, w.args("run")...)
	writer := pipeReader(t, pipe)
	code, _, stderr := runProc(t, bin, w.args("schedule", "--cron", "@hourly")...)
	if code != exitLocked || !strings.Contains(stderr, lockRefusal(w.db, run, "run")) {
		t.Errorf("schedule beside a run: exit %d, stderr:\n%s", code, stderr)
	}
	feed(t, writer, seedFile(t, w.input, "000"))
	if code := run.exitCode(); code != 0 || !strings.Contains(run.stdout.String(), "6 articles scored") {
		t.Fatalf("run: exit %d, stdout:\n%s\nlog:\n%s", code, run.stdout.String(), run.logText())
	}
	os.Remove(pipe)
	os.Remove(strings.TrimSuffix(pipe, ".hold"))

	// Free again.
	if code, _, stderr := runProc(t, bin, w.args("run")...); code != 0 {
		t.Errorf("run after the others ended: exit %d:\n%s", code, stderr)
	}
}

// pipeReader waits until a run has opened the named pipe for reading (a
// worker is stuck on it), and returns the pipe's writing end.
func pipeReader(t testing.TB, pipe string) *os.File {
	t.Helper()
	deadline := time.Now().Add(patience)
	for {
		// Without a reader, a non-blocking open for writing fails (ENXIO).
		f, err := os.OpenFile(pipe, os.O_WRONLY|syscall.O_NONBLOCK, 0)
		if err == nil {
			return f
		}
		if !errors.Is(err, syscall.ENXIO) {
			t.Fatal(err)
		}
		if time.Now().After(deadline) {
			t.Fatalf("nobody opened %s within %v", pipe, patience)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// feed writes the text of file into the pipe w and closes it: the run
// reading it gets an article and goes on.
func feed(t testing.TB, w *os.File, file string) {
	t.Helper()
	text, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(text); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

func testScheduleBrokenRules(t *testing.T, bin string) {
	w := newWorkspace(t)
	p := startProc(t, bin, w.args("schedule", "--cron", "@every 1s")...)
	good := p.waitFor("a first run", finished(func(event) bool { return true }))

	path := filepath.Join(w.rules, "denial.yaml")
	text, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	broken := bytes.Replace(text, []byte("    weight: 1"), []byte("    wieght: 1"), 1)
	if bytes.Equal(broken, text) {
		t.Fatal("denial.yaml has no '    weight: 1' to break")
	}
	writeAtomically(t, path, broken)
	positioned := regexp.MustCompile(`denial\.yaml:\d+:5: unknown key "wieght"\n\ttry: weight`)
	fail := p.waitFor("a failed run", func(e event) bool { return e.msg() == "run failed" })
	if !positioned.MatchString(fail.str("error")) {
		t.Errorf("the failed run's log does not point at the typo: %q", fail.str("error"))
	}
	writeAtomically(t, path, text)
	fixed := p.waitFor("a run after the fix", finished(func(e event) bool { return e.num("run") > fail.num("run") }))
	if fixed.num("reused") != 5 || fixed.str("rule_set") != good.str("rule_set") {
		t.Errorf("run after the fix: %d reused, rule set %s; want 5 reused with rule set %s", fixed.num("reused"), fixed.str("rule_set"), good.str("rule_set"))
	}
	p.signal(syscall.SIGTERM)
	if code := p.exitCode(); code != 0 {
		t.Fatalf("exit %d after SIGTERM, want 0; log:\n%s", code, p.logText())
	}

	runs, _ := runsOf(t, w.db)
	var failedRun *sourcescore.Run
	for i, r := range runs {
		if int(r.ID) == fail.num("run") {
			failedRun = &runs[i]
			if i+1 == len(runs) || runs[i+1].Status != sourcescore.RunSucceeded {
				t.Errorf("the run after the failed one is not a success: %+v", runs[i+1:])
			}
		}
	}
	if failedRun == nil {
		t.Fatalf("failed run %d is not stored: %+v", fail.num("run"), runs)
	}
	if failedRun.Status != sourcescore.RunFailed || !positioned.MatchString(failedRun.Error) || !strings.HasPrefix(failedRun.Error, "rules not loaded:") {
		t.Errorf("failed run stored as %+v; want failed with the positioned error", failedRun)
	}
}

// pipeWorkspace is a workspace whose input ends with an article held by a
// named pipe, so that a run over it waits in the middle, every other
// article written into its transaction, until the test feeds the pipe.
func pipeWorkspace(t testing.TB) (workspace, string) {
	w := newWorkspace(t)
	return w, holdArticle(t, w.input)
}

// holdArticle adds to input the article zz_pipe.txt (a copy of seed 000)
// and the named pipe zz_pipe.txt.hold beside it, which holds a run before
// it reads the article (in a binary built with -tags testhooks) until the
// pipe is fed; it returns the pipe.
func holdArticle(t testing.TB, input string) string {
	t.Helper()
	article := filepath.Join(input, "zz_pipe.txt")
	text, err := os.ReadFile(seedFile(t, input, "000"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(article, text, 0o644); err != nil {
		t.Fatal(err)
	}
	pipe := article + ".hold"
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Fatal(err)
	}
	return pipe
}

func testScheduleGrace(t *testing.T, bin string) {
	w, pipe := pipeWorkspace(t)
	p := startProc(t, bin, w.args("schedule", "--cron", "@every 1s", "--run-now", "--grace", "10m")...)
	writer := pipeReader(t, pipe) // the run-now run is stuck on the pipe
	// --run-now went through the same guard as the ticks: they are skipped.
	p.waitFor("a skipped tick", func(e event) bool { return e.msg() == "tick skipped: the previous run is still going" })
	p.signal(syscall.SIGTERM)
	if stop := p.waitFor("the stop", func(e event) bool { return e.msg() == "stopping: no new run starts" }); stop.num("running") != 1 {
		t.Errorf("stopping with %d runs going, want 1", stop.num("running"))
	}
	feed(t, writer, seedFile(t, w.input, "000"))
	done := p.waitFor("the run's end", func(e event) bool { return e.msg() == "run finished" || e.msg() == "run failed" })
	if done.msg() != "run finished" || done.num("articles") != 6 {
		t.Errorf("the run in progress at SIGTERM: %v; want it finished with 6 articles", done)
	}
	p.waitFor("the end of the schedule", func(e event) bool { return e.msg() == "schedule stopped" })
	if code := p.exitCode(); code != 0 {
		t.Fatalf("exit %d, want 0; log:\n%s", code, p.logText())
	}
	runs, _ := runsOf(t, w.db)
	if len(runs) != 1 || runs[0].Status != sourcescore.RunSucceeded || runs[0].Articles != 6 {
		t.Errorf("runs = %+v, want the one run, succeeded with 6 articles", runs)
	}
}

func testScheduleGraceOver(t *testing.T, bin string) {
	w, pipe := pipeWorkspace(t)
	p := startProc(t, bin, w.args("schedule", "--cron", "@hourly", "--run-now", "--grace", "0s")...)
	writer := pipeReader(t, pipe) // the run-now run is stuck on the pipe
	p.signal(syscall.SIGTERM)
	p.waitFor("the cancellation", func(e event) bool { return strings.HasPrefix(e.msg(), "grace period over") })
	feed(t, writer, seedFile(t, w.input, "000")) // the cancelled run notices once its read returns
	done := p.waitFor("the run's end", func(e event) bool { return e.msg() == "run finished" || e.msg() == "run failed" })
	if done.msg() != "run failed" || done.str("outcome") != "cancelled" {
		t.Errorf("the run in progress: %v; want it failed as cancelled", done)
	}
	if code := p.exitCode(); code != 0 {
		t.Fatalf("exit %d, want 0; log:\n%s", code, p.logText())
	}
	runs, db := runsOf(t, w.db)
	if len(runs) != 1 || runs[0].Status != sourcescore.RunFailed ||
		runs[0].Error != "run cancelled: the schedule is stopping and the run did not finish within the grace period (0s)" {
		t.Fatalf("runs = %+v, want the one run, failed as cancelled", runs)
	}
	// Rolled back: nothing of it is stored, though every other article was
	// written into its transaction.
	if scores, err := db.ArticleScores(context.Background(), runs[0].ID); err != nil || len(scores) != 0 {
		t.Errorf("the cancelled run has %d articles stored (%v)", len(scores), err)
	}
	if _, err := os.Stat(filepath.Join(w.out, "latest")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the cancelled run left reports: %v", err)
	}
}

func testRunKilled(t *testing.T, bin string) {
	const n = 1000
	w := newWorkspace(t)
	w.input = t.TempDir()
	if _, err := corpus.Generate(w.input, corpus.Options{Seeds: "../../seeds", N: n, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	p := startProc(t, bin, w.args("run")...)

	// Kill it once it is writing: a report file has rows on disk, and every
	// row of it is also in the run's open transaction.
	deadline := time.Now().Add(patience)
	for {
		tmps, _ := filepath.Glob(filepath.Join(w.out, "run-*", ".findings.csv.tmp-*"))
		if len(tmps) == 1 {
			if fi, err := os.Stat(tmps[0]); err == nil && fi.Size() >= 64<<10 {
				break
			}
		}
		select {
		case <-p.exited:
			t.Fatalf("the run ended before it could be killed (use a larger corpus); log:\n%s", p.logText())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("the run wrote no findings within %v; log:\n%s", patience, p.logText())
		}
		time.Sleep(2 * time.Millisecond)
	}
	p.signal(syscall.SIGKILL)
	if code := p.exitCode(); code != -1 {
		t.Fatalf("exit %d, want -1 (killed)", code)
	}

	// The database opens, passes its integrity check and holds whole runs
	// only: the killed run's transaction is gone.
	runs, db := runsOf(t, w.db)
	for _, r := range runs {
		if r.Status == sourcescore.RunRunning {
			t.Errorf("run %d is stored as running", r.ID)
		}
		if r.Status == sourcescore.RunSucceeded {
			scores, err := db.ArticleScores(context.Background(), r.ID)
			if err != nil || len(scores) != r.Articles || r.Articles != n {
				t.Errorf("run %d stored with %d of its %d articles (%v)", r.ID, len(scores), r.Articles, err)
			}
		}
	}

	// The next run works (the lock died with the process) and leaves no
	// temporary file of the killed one behind.
	code, stdout, stderr := runProc(t, bin, w.args("run")...)
	if code != 0 || !strings.Contains(stdout, fmt.Sprintf("%d articles scored", n)) {
		t.Fatalf("next run: exit %d\n%s\n%s", code, stdout, stderr)
	}
	// It found the killed run's name in the lock file, and checked the
	// database before writing.
	if !strings.Contains(stderr, `"msg":"checking the database"`) || !strings.Contains(stderr, `"msg":"database checked: ok"`) {
		t.Errorf("the run after a killed one did not check the database; its log:\n%s", stderr)
	}
	if tmps, _ := filepath.Glob(filepath.Join(w.out, "run-*", ".*.tmp-*")); len(tmps) != 0 {
		t.Errorf("temporary files left: %v", tmps)
	}
	runs, _ = runsOf(t, w.db)
	if last := runs[len(runs)-1]; last.Status != sourcescore.RunSucceeded || last.Articles != n {
		t.Errorf("last run %+v, want succeeded with %d articles", last, n)
	}
}
