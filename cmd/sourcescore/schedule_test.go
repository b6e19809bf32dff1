package main

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestParseCron(t *testing.T) {
	from := time.Date(2026, 3, 28, 23, 59, 30, 0, time.UTC) // a Saturday
	tests := []struct {
		spec     string
		wantNext time.Time // in UTC
		wantErr  string    // part of the usage error; "" for none
	}{
		{"*/15 * * * *", time.Date(2026, 3, 29, 0, 0, 0, 0, time.UTC), ""},
		{"30 6 * * 1-5", time.Date(2026, 3, 30, 6, 30, 0, 0, time.UTC), ""},
		{"@hourly", time.Date(2026, 3, 29, 0, 0, 0, 0, time.UTC), ""},
		{"@every 10m", from.Add(10 * time.Minute), ""},
		// Berlin changes to summer time on 29 March 2026: 06:30 CEST is 04:30 UTC.
		{"CRON_TZ=Europe/Berlin 30 6 * * *", time.Date(2026, 3, 29, 4, 30, 0, 0, time.UTC), ""},
		{"TZ=America/New_York @daily", time.Date(2026, 3, 29, 4, 0, 0, 0, time.UTC), ""},
		{"", time.Time{}, "schedule needs --cron SPEC"},
		{"* * * *", time.Time{}, "expected exactly 5 fields, found 4"},
		{"0 * * * * *", time.Time{}, "expected exactly 5 fields, found 6"}, // no seconds field
		{"60 * * * *", time.Time{}, "end of range (60) above maximum (59)"},
		{"@fortnightly", time.Time{}, "unrecognized descriptor"},
		{"@every 0s", time.Time{}, "the interval must be positive"},
		{"@every -5m", time.Time{}, "the interval must be positive"},
		{"0 0 30 2 *", time.Time{}, "it never fires"},
		{"CRON_TZ=Nowhere/Land * * * * *", time.Time{}, "unknown time zone Nowhere/Land"},
		// The parser panics on these (robfig/cron#554).
		{"CRON_TZ=UTC", time.Time{}, "the time zone CRON_TZ=UTC needs a schedule after it, e.g. --cron 'CRON_TZ=UTC 0 6 * * *'"},
		{" TZ=UTC  ", time.Time{}, "the time zone TZ=UTC needs a schedule after it"},
		{"TZ=", time.Time{}, "TZ= needs a time zone name"},
	}
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			sched, err := parseCron(tt.spec)
			if tt.wantErr != "" {
				var ue usageError
				if !errors.As(err, &ue) || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("parseCron(%q) = %v, want a usage error saying %q", tt.spec, err, tt.wantErr)
				}
				if tt.spec != "" && !strings.Contains(err.Error(), "\ttry: --cron") {
					t.Errorf("error has no hint: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			// As the schedule runs it: the clock in UTC.
			if got := sched.Next(from).UTC(); !got.Equal(tt.wantNext) {
				t.Errorf("next after %v = %v, want %v", from, got, tt.wantNext)
			}
		})
	}
}

// TestSchedule_refusedAtStart: what is wrong at start exits 2 before the
// database, its folder or its lock file are touched.
func TestSchedule_refusedAtStart(t *testing.T) {
	brokenRules := t.TempDir()
	if code, _, stderr := run(t, "rules", "init", brokenRules); code != exitOK {
		t.Fatalf("rules init: %s", stderr)
	}
	path := filepath.Join(brokenRules, "denial.yaml")
	data, _ := os.ReadFile(path)
	os.WriteFile(path, bytes.Replace(data, []byte("    weight: 1"), []byte("    wieght: 1"), 1), 0o644)

	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no spec", nil, "schedule needs --cron SPEC"},
		{"a zone without a schedule", []string{"--cron", "CRON_TZ=Europe/Berlin"}, `--cron "CRON_TZ=Europe/Berlin": the time zone CRON_TZ=Europe/Berlin needs a schedule after it`},
		{"six fields", []string{"--cron", "0 0 * * * *"}, "expected exactly 5 fields"},
		{"bad spec beats bad flags", []string{"--cron", "nonsense", "--workers", "-3"}, `--cron "nonsense"`},
		{"negative grace", []string{"--cron", "@hourly", "--grace", "-1s"}, "--grace -1s"},
		{"bad trend runs", []string{"--cron", "@hourly", "--trend-runs", "0"}, "--trend-runs 0"},
		{"bad keep", []string{"--cron", "@hourly", "--keep-reports", "-1"}, "--keep-reports -1"},
		{"arguments", []string{"--cron", "@hourly", "articles/"}, "schedule takes no arguments"},
		{"broken rules", []string{"--cron", "@hourly", "--rules", brokenRules}, `unknown key "wieght"`},
		{"missing input", []string{"--cron", "@hourly", "--input", "/nonexistent/articles"}, "--input /nonexistent/articles: no such folder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "state")
			db := filepath.Join(dir, "s.db")
			args := append([]string{"schedule", "--input", seedsCopy(t), "--db", db, "--out", filepath.Join(dir, "r")}, tt.args...)
			code, _, stderr := run(t, args...)
			if code != exitUsage || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, stderr:\n%s\nwant 2 and %q", code, stderr, tt.want)
			}
			if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("the refused schedule touched %s: %v", dir, err)
			}
		})
	}
}

// everyTick is a cron schedule firing every few milliseconds, for
// in-process tests of the scheduler.
type everyTick struct{}

func (everyTick) Next(t time.Time) time.Time { return t.Add(5 * time.Millisecond) }

// TestScheduler_panicDoesNotStopIt: a run that panics is recovered by the
// chain, logged, and the schedule goes on with the next tick.
func TestScheduler_panicDoesNotStopIt(t *testing.T) {
	var (
		mu    sync.Mutex
		calls int
		log   syncBuffer
	)
	third := make(chan struct{})
	s := &scheduler{log: slog.New(slog.NewTextHandler(&log, nil)), run: func(context.Context) {
		mu.Lock()
		calls++
		n := calls
		mu.Unlock()
		if n == 3 {
			close(third)
		}
		if n == 1 {
			panic("rule engine exploded")
		}
	}}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- s.serve(ctx, everyTick{}, nil, false, time.Minute) }()
	select {
	case <-third:
	case <-time.After(patience):
		t.Fatal("no third run after a panicking first")
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	out := log.String()
	for _, want := range []string{`msg="run panicked" error="rule engine exploded"`, `msg="schedule stopped"`} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %q:\n%s", want, out)
		}
	}
}

// TestScheduler_oneRunAtATime: ticks that come while a run is going are
// skipped, --run-now included, and a stop waits for the run.
func TestScheduler_oneRunAtATime(t *testing.T) {
	var (
		mu              sync.Mutex
		running, maxRun int
		runs            int
	)
	release := make(chan struct{})
	started := make(chan struct{}, 100)
	var log syncBuffer
	s := &scheduler{log: slog.New(slog.NewTextHandler(&log, nil)), run: func(context.Context) {
		mu.Lock()
		running++
		runs++
		maxRun = max(maxRun, running)
		mu.Unlock()
		started <- struct{}{}
		<-release
		mu.Lock()
		running--
		mu.Unlock()
	}}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- s.serve(ctx, everyTick{}, nil, true, time.Minute) }()
	<-started
	// Let ticks come and be skipped while the first run holds on.
	for !strings.Contains(log.String(), "tick skipped") {
		time.Sleep(time.Millisecond)
	}
	cancel()
	for !strings.Contains(log.String(), "stopping: no new run starts") {
		time.Sleep(time.Millisecond)
	}
	select {
	case err := <-done:
		t.Fatalf("serve returned (%v) while a run was going", err)
	default:
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if maxRun != 1 || runs != 1 {
		t.Errorf("%d runs, at most %d at once; want 1 and 1", runs, maxRun)
	}
}

// syncBuffer is a buffer several goroutines write and read.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestSchedule_Help(t *testing.T) {
	for _, args := range [][]string{{"schedule", "--help"}, {"history", "--help"}, {"report", "--help"}} {
		code, out, _ := run(t, args...)
		if code != exitOK {
			t.Errorf("%v: exit %d", args, code)
		}
		for _, want := range []string{"Usage:", "Flags:", "Examples:", "sourcescore " + args[0] + " "} {
			if !strings.Contains(out, want) {
				t.Errorf("%v: help lacks %q", args, want)
			}
		}
	}
	_, out, _ := run(t, "--help")
	for _, want := range []string{"schedule ", "history ", "report ", "3 database locked"} {
		if !strings.Contains(out, want) {
			t.Errorf("top-level help lacks %q", want)
		}
	}
}
