package store

import (
	"context"
	"fmt"
	"strings"
)

// Check runs SQLite's integrity check over the whole database file and
// checks that every stored article's details are valid JSON. It returns nil
// when the file is sound, or an error listing what is wrong.
func (db *DB) Check(ctx context.Context) error {
	rows, err := db.db.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return fmt.Errorf("check %s: %w", db.path, err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			return fmt.Errorf("check %s: %w", db.path, err)
		}
		problems = append(problems, p)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("check %s: %w", db.path, err)
	}
	if len(problems) != 1 || problems[0] != "ok" {
		return fmt.Errorf("check %s: %s", db.path, strings.Join(problems, "; "))
	}
	// The details of every stored article are JSON the views can read.
	var bad int64
	err = db.db.QueryRowContext(ctx, `SELECT count(*) FROM results
		WHERE NOT (json_valid(families) AND json_valid(rules) AND json_valid(findings) AND json_valid(caps))`).Scan(&bad)
	if err != nil {
		return fmt.Errorf("check %s: %w", db.path, err)
	}
	if bad > 0 {
		return fmt.Errorf("check %s: %d results rows hold details that are not valid JSON", db.path, bad)
	}
	return nil
}
