package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sourcescore"
)

func TestDB_Check(t *testing.T) {
	ctx := context.Background()
	db := openTestDB(t)
	writeRun(t, db, testRun(t0), nil, nil, nil, nil)
	if err := db.Check(ctx); err != nil {
		t.Errorf("Check of a sound database: %v", err)
	}

	// An index page overwritten with zeros: the index no longer matches
	// its table.
	path := filepath.Join(t.TempDir(), "broken.db")
	broken, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	tx, err := broken.BeginRun(ctx, testRun(t0), nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 200; i++ {
		if err := tx.AddArticle(ctx, testScore(i, 40, 40)); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(ctx, testRun(t0)); err != nil {
		t.Fatal(err)
	}
	var page, pageSize int64
	if err := broken.db.QueryRow(`SELECT rootpage FROM sqlite_schema WHERE name = 'run_articles_result'`).Scan(&page); err != nil {
		t.Fatal(err)
	}
	if err := broken.db.QueryRow(`PRAGMA page_size`).Scan(&pageSize); err != nil {
		t.Fatal(err)
	}
	if err := broken.Close(); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt(make([]byte, pageSize), (page-1)*pageSize); err != nil {
		t.Fatal(err)
	}
	f.Close()
	broken, err = Open(ctx, path) // opening reads no index
	if err != nil {
		t.Fatal(err)
	}
	defer broken.Close()
	if err := broken.Check(ctx); err == nil {
		t.Error("Check of a database with a zeroed index page found nothing")
	}
}

func TestDB_Check_details(t *testing.T) {
	ctx := context.Background()
	db := openTestDB(t)
	writeRun(t, db, testRun(t0), nil, []*sourcescore.ArticleScore{testScore(1, 3, 2), testScore(2, 3, 2)}, nil, nil)
	err := db.Check(ctx)
	if err != nil {
		t.Fatalf("Check of a sound database: %v", err)
	}
	if _, err := db.db.ExecContext(ctx, `UPDATE results SET findings = '[["x",' WHERE id = 2`); err != nil {
		t.Fatal(err)
	}
	err = db.Check(ctx)
	var ce *CheckError
	if !errors.As(err, &ce) || !errors.Is(err, ErrMalformed) || len(ce.Problems) != 1 ||
		!strings.HasPrefix(ce.Problems[0], "results row 2 (article ") || !strings.Contains(ce.Problems[0], "details do not parse: findings:") {
		t.Errorf("Check with broken details: %v", err)
	}
	// A row whose parent run is gone: the foreign key check names it.
	// (PRAGMAs hold per connection: both statements go through one.)
	conn, err := db.db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(ctx, `PRAGMA foreign_keys = OFF`); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(ctx, `INSERT INTO skipped_files (run_id, file, reason) VALUES (99, 'x.txt', 'empty')`); err != nil {
		t.Fatal(err)
	}
	conn.Close()
	err = db.Check(ctx)
	if !errors.As(err, &ce) || len(ce.Problems) != 2 || !strings.HasPrefix(ce.Problems[0], "skipped_files row ") ||
		!strings.HasSuffix(ce.Problems[0], " refers to a missing row of runs") {
		t.Errorf("Check with an orphan row: %v", err)
	}
}
