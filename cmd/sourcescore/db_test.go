package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sourcescore"
	"sourcescore/store"
)

// TestReadOnlyCommands_whileARunWrites holds a run's write transaction open
// in another connection, with rows written, while the read-only commands
// run: none waits for it (they took the write lock to migrate, and failed
// with "database is locked" after 5 s).
func TestReadOnlyCommands_whileARunWrites(t *testing.T) {
	_, db := scoredSeeds(t)
	ctx := context.Background()
	w, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	tx, err := w.BeginRun(ctx, sourcescore.Run{Input: "elsewhere"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if err := tx.AddSkipped(ctx, sourcescore.Skipped{File: "x.txt", Reason: "empty"}); err != nil {
		t.Fatal(err)
	}

	out := t.TempDir()
	for _, args := range [][]string{
		{"explain", "--db", db, "000_b1e9ed358f7a1a99.txt"},
		{"history", "The National Times", "--db", db},
		{"diff", "--db", db, "--out", out, "1", "1"},
		{"report", "--db", db, "--out", out},
		{"history", "--db", db, "The National Times"},
		{"db", "check", "--db", db},
	} {
		code, stdout, stderr := run(t, args...)
		if code != exitOK || stdout == "" {
			t.Errorf("%s while a run writes: exit %d\n%s%s", strings.Join(args, " "), code, stdout, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "run-1", "article_scores.csv")); err != nil {
		t.Errorf("report wrote no article_scores.csv: %v", err)
	}
	// The writer was never disturbed.
	if err := tx.Commit(ctx, sourcescore.Run{}); err != nil {
		t.Fatalf("the writer's commit: %v", err)
	}
}

func TestDBCheck(t *testing.T) {
	_, db := scoredSeeds(t)
	code, stdout, stderr := run(t, "db", "check", "--db", db)
	if code != exitOK || stdout != db+": ok\n" || stderr != "" {
		t.Errorf("db check of a sound database: exit %d\n%s%s", code, stdout, stderr)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"db"}, "sourcescore: db needs a command (see sourcescore db --help)\n"},
		{[]string{"db", "fix"}, "sourcescore: unknown db command \"fix\" (see sourcescore db --help)\n"},
		{[]string{"db", "check", "extra"}, "sourcescore: db check takes no arguments, got \"extra\" (the database goes in --db)\n"},
		{[]string{"db", "check", "--db", filepath.Join(t.TempDir(), "none.db")}, "does not exist\n\ttry: sourcescore run, or --db FILE\n"},
	} {
		code, _, stderr := run(t, c.args...)
		if code != exitUsage || !strings.HasSuffix(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 ending %q", c.args, code, stderr, c.want)
		}
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(db), "none.db")); err == nil {
		t.Error("db check created the missing database")
	}
	code, stdout, _ = run(t, "db", "check", "--help")
	if code != exitOK || !strings.Contains(stdout, "sourcescore db check [flags]") || !strings.Contains(stdout, ".recover") {
		t.Errorf("db check --help: exit %d\n%s", code, stdout)
	}
}
