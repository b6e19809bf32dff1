package store

import (
	"context"
	"fmt"
	"strings"
)

// Check runs SQLite's integrity check over the whole database file. It
// returns nil when the file is sound, or an error listing what is wrong.
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
	if len(problems) == 1 && problems[0] == "ok" {
		return nil
	}
	return fmt.Errorf("check %s: %s", db.path, strings.Join(problems, "; "))
}
