package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // CRON_TZ= works where the system has no zone files (containers)

	"github.com/robfig/cron/v3"
	"github.com/spf13/pflag"

	"sourcescore/job"
)

const scheduleExamples = `  sourcescore schedule --cron '@every 15m' --input /srv/articles --rules /srv/rules
  sourcescore schedule --cron '0 * * * *' --run-now --log-format json   # hourly on the hour (UTC), and once now
  sourcescore schedule --cron 'CRON_TZ=Europe/Berlin 30 6 * * 1-5' --keep-reports 30
  sourcescore schedule --cron '@daily' --grace 5m --db /var/lib/sourcescore/sourcescore.db

SPEC is five fields, minute hour day-of-month month day-of-week, in UTC unless
it starts with CRON_TZ=Zone (then mind the hour skipped and the hour repeated
when daylight saving time changes); or @hourly, @daily, @weekly, @monthly,
@yearly, @every DURATION.

Each tick runs what 'sourcescore run' runs: the rule files (and --stories) are
loaded again (a rule set that does not load, or a manifest naming a story the
set does not have, fails that run, recorded with its errors, and the schedule
goes on), and articles unchanged since the last successful run
reuse their results. A tick that finds the previous run still going is
skipped. SIGINT, SIGTERM or SIGHUP: no new run starts, a run in progress has
--grace to finish and is then cancelled, rolled back and recorded as
cancelled (a second signal cancels it at once); exit 0. The lock file
<db>.lock keeps every other sourcescore off the database while the schedule
runs (exit 3 for them). At start the schedule checks the database as
'sourcescore db check' does, and refuses to start on a malformed one (exit 1).
`

// cronParser reads SPEC: five fields, descriptors and CRON_TZ=, as cron.ParseStandard.
var cronParser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// cronHint is what every bad SPEC suggests.
const cronHint = `try: --cron '*/15 * * * *' (minute hour day-of-month month day-of-week), '@hourly' or '@every 10m'`

// parseCron checks SPEC and returns its schedule. The parser panics on some
// specs (a CRON_TZ= with nothing after it, robfig/cron#554), so it runs
// under recover: every bad spec is a usage error.
func parseCron(spec string) (sched cron.Schedule, err error) {
	bad := func(why string) error {
		return usageError{fmt.Sprintf("--cron %q: %s\n\t%s", spec, why, cronHint)}
	}
	if strings.TrimSpace(spec) == "" {
		return nil, usageError{"schedule needs --cron SPEC, e.g. --cron '@hourly'\n\t" + cronHint}
	}
	if zone, ok := cutZone(spec); ok {
		switch {
		case strings.HasSuffix(zone, "="):
			return nil, bad(fmt.Sprintf("%s needs a time zone name, e.g. --cron 'CRON_TZ=Europe/Berlin 0 6 * * *'", zone))
		case !strings.Contains(strings.TrimSpace(spec), " "):
			return nil, bad(fmt.Sprintf("the time zone %s needs a schedule after it, e.g. --cron '%s 0 6 * * *'", zone, zone))
		}
	}
	defer func() {
		if r := recover(); r != nil {
			sched, err = nil, bad(fmt.Sprintf("not a schedule (%v)", r))
		}
	}()
	sched, err = cronParser.Parse(spec)
	if err != nil {
		return nil, bad(err.Error())
	}
	body := spec
	if strings.HasPrefix(body, "TZ=") || strings.HasPrefix(body, "CRON_TZ=") {
		body = strings.TrimSpace(body[strings.IndexByte(body, ' '):]) // the parser found the space
	}
	if d, ok := strings.CutPrefix(body, "@every "); ok {
		if dur, err := time.ParseDuration(strings.TrimSpace(d)); err == nil && dur <= 0 {
			return nil, bad("the interval must be positive")
		}
	}
	if sched.Next(time.Now()).IsZero() {
		return nil, bad("it never fires (no such date)")
	}
	return sched, nil
}

// cutZone returns the CRON_TZ=Zone or TZ=Zone that spec begins with.
func cutZone(spec string) (string, bool) {
	s := strings.TrimSpace(spec)
	if !strings.HasPrefix(s, "TZ=") && !strings.HasPrefix(s, "CRON_TZ=") {
		return "", false
	}
	zone, _, _ := strings.Cut(s, " ")
	return zone, true
}

func cmdSchedule(fs *pflag.FlagSet) runner {
	var f runFlags
	f.register(fs)
	spec := fs.String("cron", "", "when to run (`SPEC`): five cron fields (UTC unless CRON_TZ=Zone comes first), or @hourly, @daily, @every 10m ...")
	runNow := fs.Bool("run-now", false, "also run once at start (like a tick: skipped while a run is going)")
	grace := fs.Duration("grace", 30*time.Second, "on SIGINT, SIGTERM or SIGHUP, how long a run in progress may take to finish before it is cancelled and rolled back")
	return func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
		// A bad SPEC is refused before anything else is looked at.
		sched, err := parseCron(*spec)
		if err != nil {
			return err
		}
		if len(args) > 0 {
			return usageError{fmt.Sprintf("schedule takes no arguments, got %q (the input folder goes in --input)", args[0])}
		}
		if *grace < 0 {
			return usageError{fmt.Sprintf("--grace %v: use 0 (cancel at once) or more", *grace)}
		}
		cfg, err := f.config(stderr)
		if err != nil {
			return err
		}
		// What can be checked at start is: a rule set or input folder that is
		// wrong now is refused now. Later, a broken rule set fails only its
		// runs.
		rs, err := f.limits.source(f.rulesDir, f.storiesDir)
		if err != nil {
			return err
		}
		if _, err := job.LoadRules(rs); err != nil {
			return fmt.Errorf("rules not loaded:\n%w", err)
		}
		if fi, err := os.Stat(cfg.Input); err != nil || !fi.IsDir() {
			return usageError{fmt.Sprintf("--input %s: no such folder", cfg.Input)}
		}
		lock, err := lockDB(cfg.DB, "schedule")
		if err != nil {
			return err
		}
		defer lock.release()
		// A schedule runs unattended for days: it starts on a sound database.
		if err := job.CheckDatabase(ctx, cfg, "schedule start"); err != nil {
			return err
		}

		s := &scheduler{run: func(ctx context.Context) { job.RunUnattended(ctx, cfg, rs) }, log: cfg.Log}
		return s.serve(ctx, sched, scheduleAttrs(*spec, cfg, *runNow, *grace), *runNow, *grace)
	}
}

// scheduleAttrs are the log attributes of the schedule's start.
func scheduleAttrs(spec string, cfg job.Config, runNow bool, grace time.Duration) []any {
	return []any{"cron", spec, "input", cfg.Input, "db", cfg.DB, "lock", lockPath(cfg.DB), "out", cfg.Out,
		"run_now", runNow, "grace", grace.String()}
}

// scheduler runs a job on a cron schedule, one run at a time, and stops
// gracefully.
type scheduler struct {
	run func(ctx context.Context) // one run; it logs its own outcome
	log *slog.Logger

	runCtx   context.Context // what runs get: cancelled only when the grace period is over
	mu       sync.Mutex
	stopping bool           // no run may start any more
	running  int            // runs going
	active   sync.WaitGroup // runs going
}

// stopCause is why a stopping schedule cancels its run, as the failed
// run's record says. It is a context.Canceled.
type stopCause string

func (c stopCause) Error() string        { return string(c) }
func (c stopCause) Is(target error) bool { return target == context.Canceled }

// serve runs s.run on sched until ctx is done, then stops: no new run
// starts, a run in progress has grace to finish before its context is
// cancelled, and serve returns once no run is left.
func (s *scheduler) serve(ctx context.Context, sched cron.Schedule, attrs []any, runNow bool, grace time.Duration) error {
	runCtx, cancelRuns := context.WithCancelCause(context.WithoutCancel(ctx))
	defer cancelRuns(nil)
	s.runCtx = runCtx

	// One job value for the ticks and --run-now alike, so that both pass
	// through the same SkipIfStillRunning guard and the same Recover
	// (entry.Job.Run would bypass them, robfig/cron#551). Recover goes
	// inside the guard: SkipIfStillRunning gives its token back without a
	// defer, so a panic passing through it would leave every later tick
	// skipped (TestScheduler_panicDoesNotStopIt).
	cl := cronLogger{s.log}
	tick := cron.NewChain(cron.SkipIfStillRunning(cl), cron.Recover(cl)).Then(cron.FuncJob(s.tick))
	c := cron.New(cron.WithLocation(time.UTC), cron.WithLogger(cl))
	id := c.Schedule(sched, tick)
	c.Start()
	s.log.Info("schedule started", append(attrs, "next", c.Entry(id).Next.UTC().Format(time.RFC3339))...)
	if runNow {
		go tick.Run()
	}

	<-ctx.Done()
	s.mu.Lock()
	s.stopping = true
	running := s.running
	s.mu.Unlock()
	s.log.Info("stopping: no new run starts", "running", running, "grace", grace.String())
	c.Stop() // stops the ticks; it never cancels a run (robfig/cron#249)
	done := make(chan struct{})
	go func() {
		s.active.Wait()
		close(done)
	}()
	again := make(chan os.Signal, 1)
	signal.Notify(again, stopSignals...)
	defer signal.Stop(again)
	timer := time.NewTimer(grace)
	defer timer.Stop()
	select {
	case <-done:
	// Cancel, then say so: whoever reads the log line may rely on the run
	// being cancelled already (the process tests feed a waiting run then).
	case <-timer.C:
		cancelRuns(stopCause(fmt.Sprintf("the schedule is stopping and the run did not finish within the grace period (%v)", grace)))
		s.log.Warn("grace period over: cancelling the run in progress; its transaction is rolled back", "grace", grace.String())
		<-done
	case sig := <-again:
		cancelRuns(stopCause(fmt.Sprintf("the schedule is stopping at once (second signal, %v)", sig)))
		s.log.Warn("second signal: cancelling the run in progress; its transaction is rolled back", "signal", sig.String())
		<-done
	}
	s.log.Info("schedule stopped")
	return nil
}

// tick runs the job once, unless the schedule is stopping.
func (s *scheduler) tick() {
	s.mu.Lock()
	if s.stopping {
		s.mu.Unlock()
		s.log.Info("tick not run: the schedule is stopping")
		return
	}
	s.active.Add(1)
	s.running++
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.running--
		s.mu.Unlock()
		s.active.Done()
	}()
	s.run(s.runCtx)
}

// cronLogger passes the cron library's messages to slog: its routine
// messages at debug level, a skipped tick at info, a panic at error.
type cronLogger struct{ log *slog.Logger }

func (l cronLogger) Info(msg string, keysAndValues ...any) {
	if msg == "skip" {
		l.log.Info("tick skipped: the previous run is still going")
		return
	}
	l.log.Debug("cron "+msg, keysAndValues...)
}

func (l cronLogger) Error(err error, msg string, keysAndValues ...any) {
	if msg == "panic" {
		msg = "run panicked"
	}
	l.log.Error(msg, append([]any{"error", fmt.Sprint(err)}, keysAndValues...)...)
}

var _ cron.Logger = cronLogger{}
