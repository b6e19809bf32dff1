package store

import (
	"context"
	"slices"
	"testing"
	"time"
)

// A database of schema version 5 upgrades with its runs' reports counted as
// written; a run committed after is pending until its reports are recorded.
func TestDB_Open_upgradeToReportsState(t *testing.T) {
	ctx := context.Background()
	old, path := atVersion(t, 5)
	res, err := old.db.ExecContext(ctx, `INSERT INTO runs (started, ended, status, input, rule_set_hash, articles, findings)
		VALUES (?, ?, 'succeeded', '/in', 'abc', 0, 0)`, formatTime(t0), formatTime(t0.Add(time.Minute)))
	if err != nil {
		t.Fatal(err)
	}
	runV5, _ := res.LastInsertId()
	if err := old.Close(); err != nil {
		t.Fatal(err)
	}

	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if got := userVersionOf(t, db); got != SchemaVersion {
		t.Errorf("user_version = %d, want %d", got, SchemaVersion)
	}
	if state, _, err := db.ReportsState(ctx, runV5); err != nil || state != ReportsWritten {
		t.Errorf("run stored by version 5: reports %q, %v; want written", state, err)
	}
	ids, err := db.RunsWithoutReports(ctx)
	if err != nil || len(ids) != 0 {
		t.Errorf("RunsWithoutReports after the upgrade = %v, %v; want none", ids, err)
	}

	a := writeRun(t, db, testRun(t0.Add(time.Hour)), nil, nil, nil, nil)
	b := writeRun(t, db, testRun(t0.Add(2*time.Hour)), nil, nil, nil, nil)
	if state, _, err := db.ReportsState(ctx, a); err != nil || state != ReportsPending {
		t.Errorf("run just committed: reports %q, %v; want pending", state, err)
	}
	if ids, err := db.RunsWithoutReports(ctx); err != nil || !slices.Equal(ids, []int64{a, b}) {
		t.Errorf("RunsWithoutReports = %v, %v; want [%d %d]", ids, err, a, b)
	}
	if err := db.ReportsFailed(ctx, a, "no space left on device"); err != nil {
		t.Fatal(err)
	}
	if err := db.ReportsWritten(ctx, b); err != nil {
		t.Fatal(err)
	}
	if state, reason, err := db.ReportsState(ctx, a); err != nil || state != ReportsFailed || reason != "no space left on device" {
		t.Errorf("failed reports: %q %q %v", state, reason, err)
	}
	if ids, err := db.RunsWithoutReports(ctx); err != nil || !slices.Equal(ids, []int64{a}) {
		t.Errorf("RunsWithoutReports = %v, %v; want [%d]", ids, err, a)
	}
	r, err := db.Run(ctx, a)
	if err != nil || r.Error != "no space left on device" {
		t.Errorf("run %d error = %q, %v", a, r.Error, err)
	}
	if err := db.ReportsWritten(ctx, a); err != nil {
		t.Fatal(err)
	}
	if r, _ := db.Run(ctx, a); r.Error != "" {
		t.Errorf("after the reports are written, error = %q", r.Error)
	}
	if err := db.ReportsWritten(ctx, 999); err == nil {
		t.Error("ReportsWritten of a run that does not exist: no error")
	}
}
