package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"sourcescore"
)

// A database Open creates has PageSize pages; one that exists keeps its
// own, and both work.
func TestOpen_pageSize(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	pageSize := func(db *DB) int {
		t.Helper()
		var n int
		if err := db.db.QueryRowContext(ctx, "PRAGMA page_size").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	fresh := filepath.Join(dir, "sub", "new.db")
	db, err := Open(ctx, fresh)
	if err != nil {
		t.Fatal(err)
	}
	writeRun(t, db, testRun(t0), nil, []*sourcescore.ArticleScore{testScore(1, 3, 2)}, nil, nil)
	if got := pageSize(db); got != PageSize {
		t.Errorf("new database: page size %d, want %d", got, PageSize)
	}
	var mode string
	if err := db.db.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("new database: journal mode %q (%v), want wal", mode, err)
	}
	db.Close()

	// An existing database made with SQLite's default page size.
	old := filepath.Join(dir, "old.db")
	raw, err := sql.Open("sqlite3", "file:"+old+"?_journal_mode=WAL")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.ExecContext(ctx, "CREATE TABLE x (y)"); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	db, err = Open(ctx, old)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	writeRun(t, db, testRun(t0), nil, []*sourcescore.ArticleScore{testScore(1, 3, 2)}, nil, nil)
	if got := pageSize(db); got != 4096 {
		t.Errorf("existing database: page size %d, want its own 4096", got)
	}
	if err := db.Check(ctx); err != nil {
		t.Errorf("existing database: %v", err)
	}
}
