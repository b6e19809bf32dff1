// Command faults is the kill matrix of `make faults`: it runs `sourcescore
// run` over a synthetic corpus of a few thousand articles and kills it with
// SIGKILL at random moments (a seeded RNG; the delays spread over a whole
// run's measured duration), with a fresh database or one that goes on from
// trial to trial; where strace is installed, also at chosen system calls
// (writes and syncs of the database's WAL, each rename of the report
// commit). After each kill it runs `sourcescore db check` and a normal run
// (which repairs what the killed one left), then checks that every
// succeeded run has its complete report folder, latest points at the newest
// one and no temporary file is left. Every step has a deadline: a step that
// passes it is a hang. It prints a summary and exits 1 on any failure.
//
//	go run ./cmd/faults -bin bin/sourcescore -trials 30
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"sourcescore"
	"sourcescore/internal/corpus"
	"sourcescore/reports"
	"sourcescore/store"
)

func main() {
	bin := flag.String("bin", "bin/sourcescore", "the sourcescore `binary` to kill")
	seeds := flag.String("seeds", "seeds", "seed articles whose paragraphs make the corpus")
	work := flag.String("work", filepath.Join(os.TempDir(), "sourcescore-faults"), "working `folder` (emptied first)")
	n := flag.Int("n", 3000, "articles in the corpus")
	trials := flag.Int("trials", 30, "random SIGKILL trials")
	seed := flag.Uint64("seed", 0, "random seed of the kill delays; 0 picks one (it is printed)")
	deadline := flag.Duration("deadline", 3*time.Minute, "longest a step may take before it counts as a hang")
	useStrace := flag.Bool("strace", true, "also kill at chosen system calls when strace is installed")
	flag.Parse()
	if *seed == 0 {
		*seed = uint64(time.Now().UnixNano())
	}
	f := &faults{bin: *bin, work: *work, deadline: *deadline, out: os.Stdout}
	failed, err := f.matrix(*seeds, *n, *trials, *seed, *useStrace)
	if err != nil {
		fmt.Fprintln(os.Stderr, "faults:", err)
		os.Exit(1)
	}
	if failed > 0 {
		os.Exit(1)
	}
}

// faults runs the trials.
type faults struct {
	bin, work string
	deadline  time.Duration
	out       io.Writer
	check     *checker
	corpus    string
}

// Moments at which a kill can land, as the database and output folder
// show them afterwards.
const (
	creatingDB   = "creating the database" // the new database's schema is not complete
	beforeCommit = "before the commit"     // no new succeeded run
	afterCommit  = "after the commit"      // a new succeeded run, its folder not yet in place
	afterRename  = "after the rename"      // its folder in place and latest moved, not yet recorded
	afterRecord  = "after the record"      // its reports recorded as written; killed before it exited
	notReached   = "ended before the kill" // the run ended on its own
)

var moments = []string{creatingDB, beforeCommit, afterCommit, afterRename, afterRecord, notReached}

// trial is one kill and what followed.
type trial struct {
	name     string
	moment   string
	failures []string
}

func (f *faults) matrix(seeds string, n, trials int, seed uint64, useStrace bool) (int, error) {
	var err error
	if f.check, err = newChecker(); err != nil {
		return 0, fmt.Errorf("report headers: %w", err)
	}
	if err := os.RemoveAll(f.work); err != nil {
		return 0, err
	}
	f.corpus = filepath.Join(f.work, "corpus")
	if _, err := corpus.Generate(f.corpus, corpus.Options{Seeds: seeds, N: n, Seed: 1}); err != nil {
		return 0, err
	}
	// One run's duration, fresh and over an unchanged folder, bounds the
	// random delays.
	probe := f.dir("probe")
	fresh, err := f.timedRun(probe)
	if err != nil {
		return 0, err
	}
	again, err := f.timedRun(probe)
	if err != nil {
		return 0, err
	}
	fmt.Fprintf(f.out, "sourcescore faults: %d articles; a run takes %.2f s on a fresh database, %.2f s over an unchanged folder\n",
		n, fresh.Seconds(), again.Seconds())
	fmt.Fprintf(f.out, "random kills: %d trials, seed %d (go run ./cmd/faults -seed %d repeats the delays)\n\n", trials, seed, seed)

	rng := rand.New(rand.NewPCG(seed, 0))
	var done []trial
	report := func(t trial) {
		done = append(done, t)
		status := "ok"
		if len(t.failures) > 0 {
			status = "FAILED: " + strings.Join(t.failures, "; ")
		}
		fmt.Fprintf(f.out, "%-44s %-22s %s\n", t.name, t.moment, status)
	}
	goingOn := f.dir("continuing")
	for i := range trials {
		// Even trials start a fresh database; odd ones go on with one
		// database and output folder, which holds every earlier trial's runs.
		dir, kind, span := f.dir(fmt.Sprintf("random-%d", i+1)), "fresh", fresh
		if i%2 == 1 {
			dir, kind, span = goingOn, "continuing", again
		}
		delay := time.Duration(rng.Int64N(int64(span + span/10)))
		t := f.trial(fmt.Sprintf("random %d: %s, SIGKILL at %.3f s", i+1, kind, delay.Seconds()), dir,
			func(ctx context.Context, args []string) *exec.Cmd { return exec.CommandContext(ctx, f.bin, args...) }, delay)
		report(t)
	}
	randomTrials := len(done)

	if useStrace {
		if st, err := exec.LookPath("strace"); err != nil {
			fmt.Fprintln(f.out, "\nstrace is not installed: no kills at chosen system calls.")
		} else {
			fmt.Fprintln(f.out, "\nkills at chosen system calls (strace -e inject=...:signal=KILL), fresh database each:")
			for _, sc := range syscallKills() {
				dir := f.dir("strace-" + sc.slug)
				wal := filepath.Join(dir, "s.db-wal")
				t := f.trial("at "+sc.name, dir, func(ctx context.Context, args []string) *exec.Cmd {
					return exec.CommandContext(ctx, st, append(sc.args(wal), append([]string{f.bin}, args...)...)...)
				}, 0)
				report(t)
			}
		}
	}

	// The summary.
	count := map[string]int{}
	failed := 0
	for _, t := range done {
		count[t.moment]++
		if len(t.failures) > 0 {
			failed++
		}
	}
	fmt.Fprintln(f.out)
	tw := tabwriter.NewWriter(f.out, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "trials\t%d\t(%d random, %d at system calls)\n", len(done), randomTrials, len(done)-randomTrials)
	for _, m := range moments {
		label := "killed " + m
		if m == notReached {
			label = "not killed: the run " + m
		}
		fmt.Fprintf(tw, "%s\t%d\t\n", label, count[m])
	}
	fmt.Fprintf(tw, "failures\t%d\t(0 expected)\n", failed)
	if err := tw.Flush(); err != nil {
		return failed, err
	}
	return failed, nil
}

// dir makes a fresh folder under the working folder.
func (f *faults) dir(name string) string {
	d := filepath.Join(f.work, name)
	_ = os.MkdirAll(d, 0o755)
	return d
}

func runArgs(corpusDir, dir string) []string {
	return []string{"run", "--input", corpusDir, "--db", filepath.Join(dir, "s.db"), "--out", filepath.Join(dir, "out")}
}

// timedRun runs the job to its end and returns how long it took.
func (f *faults) timedRun(dir string) (time.Duration, error) {
	start := time.Now()
	res := f.step(exec.Command(f.bin, runArgs(f.corpus, dir)...), 0)
	if res.err != nil {
		return 0, fmt.Errorf("run: %v\n%s", res.err, res.output)
	}
	return time.Since(start), nil
}

// result is how a step ended.
type result struct {
	killed bool   // by SIGKILL (ours or strace's)
	hang   bool   // it passed the deadline and was killed for it
	err    error  // how it failed; nil when it exited 0
	output string // its stdout and stderr
}

// step runs cmd; after delay (if positive) it sends the process SIGKILL.
// A process still running at the deadline is killed and counted as a hang.
func (f *faults) step(cmd *exec.Cmd, delay time.Duration) result {
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	if err := cmd.Start(); err != nil {
		return result{err: err}
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	var kill <-chan time.Time
	if delay > 0 {
		kill = time.After(delay)
	}
	timeout := time.After(f.deadline)
	var res result
	for {
		select {
		case err := <-exited:
			res.err, res.output = err, buf.String()
			var ee *exec.ExitError
			if errors.As(err, &ee) {
				if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL || ee.ExitCode() == 128+int(syscall.SIGKILL) {
					res.killed = true
				}
			}
			return res
		case <-kill:
			_ = cmd.Process.Signal(syscall.SIGKILL)
			kill = nil
		case <-timeout:
			res.hang = true
			_ = cmd.Process.Signal(syscall.SIGKILL)
			timeout = nil
		}
	}
}

// trial runs the job in dir (started by start, killed after delay when it
// is positive), then db check and a normal run, then checks the invariants.
func (f *faults) trial(name, dir string, start func(context.Context, []string) *exec.Cmd, delay time.Duration) trial {
	t := trial{name: name}
	fail := func(format string, a ...any) { t.failures = append(t.failures, fmt.Sprintf(format, a...)) }
	ctx := context.Background()
	db, out := filepath.Join(dir, "s.db"), filepath.Join(dir, "out")
	before, err := newestRun(ctx, db)
	if err != nil {
		fail("read the database before the kill: %v", err)
		return t
	}
	res := f.step(start(ctx, runArgs(f.corpus, dir)), delay)
	if res.hang {
		fail("the killed run hung past %s", f.deadline)
	}
	if res.err != nil && !res.killed {
		fail("the run failed without being killed: %v\n%s", res.err, res.output)
	}
	if res.killed {
		t.moment, err = f.moment(ctx, db, out, before)
		if err != nil {
			fail("read the database after the kill: %v", err)
		}
	} else {
		t.moment = notReached
	}
	// db check refuses a database that is not there or whose creation was
	// killed (exit 2: it does not create or upgrade one); the next run
	// creates or finishes it.
	check := f.step(exec.Command(f.bin, "db", "check", "--db", db), 0)
	if check.hang || check.err != nil && t.moment != creatingDB {
		fail("db check after the kill: %v (hang: %v)\n%s", check.err, check.hang, check.output)
	}
	repair := f.step(exec.Command(f.bin, runArgs(f.corpus, dir)...), 0)
	if repair.hang || repair.err != nil {
		fail("the run after the kill: %v (hang: %v)\n%s", repair.err, repair.hang, repair.output)
	}
	check = f.step(exec.Command(f.bin, "db", "check", "--db", db), 0)
	if check.hang || check.err != nil {
		fail("db check after the run after the kill: %v (hang: %v)\n%s", check.err, check.hang, check.output)
	}
	problems, err := f.check.checkOut(ctx, db, out)
	if err != nil {
		fail("check: %v", err)
	}
	t.failures = append(t.failures, problems...)
	return t
}

// newestRun returns the id of the newest run in the database; 0 when there
// is no database yet.
func newestRun(ctx context.Context, path string) (int64, error) {
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return 0, nil
	}
	db, err := store.OpenReadOnly(ctx, path)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	runs, err := db.Runs(ctx, 1)
	if err != nil || len(runs) == 0 {
		return 0, err
	}
	return runs[0].ID, nil
}

// moment says where the kill of a run landed, from what it left: the runs
// newer than before in the database, their reports' state and folder.
func (f *faults) moment(ctx context.Context, path, out string, before int64) (string, error) {
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return creatingDB, nil
	}
	db, err := store.OpenReadOnly(ctx, path)
	if errors.Is(err, sourcescore.ErrConfig) && strings.Contains(err.Error(), "schema") {
		return creatingDB, nil // no schema yet, or one migration short
	}
	if err != nil {
		return "", err
	}
	defer db.Close()
	runs, err := db.Runs(ctx, 0)
	if err != nil {
		return "", err
	}
	for _, r := range runs {
		if r.ID <= before || r.Status != sourcescore.RunSucceeded {
			continue
		}
		state, _, err := db.ReportsState(ctx, r.ID)
		if err != nil {
			return "", err
		}
		if state == store.ReportsWritten {
			return afterRecord, nil
		}
		target, _ := os.Readlink(filepath.Join(out, reports.LatestLink))
		if len(f.check.checkFolder(reports.Dir(out, r.ID), r.ID)) == 0 && target == filepath.Base(reports.Dir(out, r.ID)) {
			return afterRename, nil
		}
		return afterCommit, nil
	}
	return beforeCommit, nil
}

// syscallKill is a kill at the when-th call of a system call, by strace.
type syscallKill struct {
	name, slug string
	args       func(wal string) []string // strace's arguments before the command
}

// syscallKills are the chosen moments: the first and the 100th write of the
// database's WAL, its first three syncs, and each rename of the report commit
// (the six report files, then latest).
func syscallKills() []syscallKill {
	var ks []syscallKill
	inject := func(name, slug string, calls string, when int, onWAL bool) {
		ks = append(ks, syscallKill{name: name, slug: slug, args: func(wal string) []string {
			a := []string{"-f", "-qq", "-o", "/dev/null"}
			if onWAL {
				a = append(a, "-P", wal)
			}
			return append(a, "-e", "trace="+calls, "-e", "inject="+calls+":signal=KILL:when="+strconv.Itoa(when))
		}})
	}
	for _, w := range []int{1, 100} {
		inject(fmt.Sprintf("WAL write %d", w), fmt.Sprintf("walwrite-%d", w), "pwrite64,write", w, true)
	}
	for w := 1; w <= 3; w++ {
		inject(fmt.Sprintf("WAL sync %d", w), fmt.Sprintf("walsync-%d", w), "fsync,fdatasync", w, true)
	}
	for w := 1; w <= 7; w++ {
		what := fmt.Sprintf("rename %d (a report file)", w)
		if w == 7 {
			what = "rename 7 (latest)"
		}
		inject(what, fmt.Sprintf("rename-%d", w), "rename,renameat,renameat2", w, false)
	}
	return ks
}
