package store

import (
	"context"
	"fmt"
)

// The state of a succeeded run's report folder (runs.reports).
const (
	ReportsWritten = ""        // the folder is complete and latest pointed at it (and every run stored before schema 6)
	ReportsPending = "pending" // the run is committed; its folder is not yet known to be in place
	ReportsFailed  = "failed"  // writing the folder failed; runs.error says why
)

// ReportsWritten records that run id's report folder is complete.
func (db *DB) ReportsWritten(ctx context.Context, id int64) error {
	return db.setReports(ctx, id, ReportsWritten, "")
}

// ReportsFailed records that writing run id's report folder failed, and why.
func (db *DB) ReportsFailed(ctx context.Context, id int64, reason string) error {
	return db.setReports(ctx, id, ReportsFailed, reason)
}

func (db *DB) setReports(ctx context.Context, id int64, state, reason string) error {
	res, err := db.db.ExecContext(ctx, `UPDATE runs SET reports = ?, error = ? WHERE id = ? AND status = 'succeeded'`,
		state, reason, id)
	if err != nil {
		return fmt.Errorf("record reports of run %d: %w", id, err)
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return fmt.Errorf("record reports of run %d: no succeeded run with that id (%d rows, %v)", id, n, err)
	}
	return nil
}

// ReportsState returns the state of run id's report folder: ReportsWritten,
// ReportsPending or ReportsFailed, and the reason of a failure.
func (db *DB) ReportsState(ctx context.Context, id int64) (state, reason string, err error) {
	err = db.db.QueryRowContext(ctx, `SELECT reports, iif(reports = 'failed', error, '') FROM runs WHERE id = ?`, id).
		Scan(&state, &reason)
	if err != nil {
		return "", "", fmt.Errorf("read reports state of run %d: %w", id, err)
	}
	return state, reason, nil
}

// RunsWithoutReports returns the succeeded runs whose report folder is not
// known to be written (pending or failed), oldest first.
func (db *DB) RunsWithoutReports(ctx context.Context) ([]int64, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT id FROM runs WHERE status = 'succeeded' AND reports <> '' ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("list runs without reports: %w", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("list runs without reports: %w", err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list runs without reports: %w", err)
	}
	return ids, nil
}
