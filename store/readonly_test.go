package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sourcescore"
)

func TestOpenReadOnly_whileARunWrites(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "sourcescore.db")
	w, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	writeRun(t, w, testRun(t0), nil, []*sourcescore.ArticleScore{testScore(1, 3, 2)}, nil, nil)

	// A second run holds the write lock, with rows written, until the end
	// of the test.
	tx, err := w.BeginRun(ctx, testRun(t0.Add(1)), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	for i := 2; i < 50; i++ {
		if err := tx.AddArticle(ctx, testScore(i, 3, 2)); err != nil {
			t.Fatal(err)
		}
	}

	// The reader works beside it: it takes no write lock and waits for none.
	r, err := OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatalf("read-only open while a run writes: %v", err)
	}
	defer r.Close()
	if !r.ReadOnly() || r.Path() != path {
		t.Errorf("ReadOnly() = %v, Path() = %q", r.ReadOnly(), r.Path())
	}
	runs, err := r.Runs(ctx, 0)
	if err != nil || len(runs) != 1 || runs[0].Status != sourcescore.RunSucceeded {
		t.Fatalf("runs read while a run writes: %+v, %v; want the one committed run", runs, err)
	}
	if scores, err := r.ArticleScores(ctx, runs[0].ID); err != nil || len(scores) != 1 {
		t.Errorf("articles of run %d: %d (%v), want 1", runs[0].ID, len(scores), err)
	}
	if err := r.Check(ctx); err != nil {
		t.Errorf("Check while a run writes: %v", err)
	}
	// It cannot write, even by mistake.
	if _, err := r.RecordFailedRun(ctx, testRun(t0)); err == nil {
		t.Error("a read-only database took a write")
	}
	if err := tx.Commit(ctx, testRun(t0.Add(1))); err != nil {
		t.Fatalf("the writer's commit after the reads: %v", err)
	}
}

func TestOpenReadOnly_readOnlyFile(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "sourcescore.db")
	w, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	writeRun(t, w, testRun(t0), nil, []*sourcescore.ArticleScore{testScore(1, 3, 2)}, nil, nil)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o444); err != nil {
		t.Fatal(err)
	}
	r, err := OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatalf("read-only open of a 0444 file: %v", err)
	}
	if runs, err := r.Runs(ctx, 0); err != nil || len(runs) != 1 {
		t.Errorf("runs: %+v, %v", runs, err)
	}
	if err := r.Check(ctx); err != nil {
		t.Error(err)
	}
	r.Close()
	after, _ := os.ReadFile(path)
	if string(before) != string(after) {
		t.Error("a read-only open changed the database file")
	}
	if _, err := os.Stat(path + ".lock"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a lock file beside the database: %v", err)
	}
}

func TestOpenReadOnly_refusals(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()

	missing := filepath.Join(dir, "none", "sourcescore.db")
	if _, err := OpenReadOnly(ctx, missing); !errors.Is(err, ErrMissing) {
		t.Errorf("missing database: %v, want ErrMissing", err)
	}
	if _, err := os.Stat(filepath.Dir(missing)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the read-only open created the folder: %v", err)
	}

	// An older schema is not migrated by a reader.
	old := filepath.Join(dir, "old.db")
	raw, err := openRaw(ctx, old)
	if err != nil {
		t.Fatal(err)
	}
	if err := migrate(ctx, raw.db, 3); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	_, err = OpenReadOnly(ctx, old)
	if !errors.Is(err, sourcescore.ErrConfig) || !strings.Contains(err.Error(), fmt.Sprintf("schema version 3 is older than version %d", SchemaVersion)) {
		t.Errorf("older schema: %v", err)
	}
	raw, err = openRaw(ctx, old)
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := userVersion(ctx, raw.db); v != 3 {
		t.Errorf("schema version %d after a read-only open, want 3 (untouched)", v)
	}
	raw.Close()

	// A file that is not a database.
	junk := filepath.Join(dir, "junk.db")
	if err := os.WriteFile(junk, []byte(strings.Repeat("not a database\n", 300)), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenReadOnly(ctx, junk); !IsCorrupt(err) {
		t.Errorf("a file that is not a database: %v, want a corrupt error", err)
	}
}
