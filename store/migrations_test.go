package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"sourcescore"
)

func TestSchemaVersion(t *testing.T) {
	if SchemaVersion != len(migrations) {
		t.Errorf("SchemaVersion = %d, but there are %d migrations", SchemaVersion, len(migrations))
	}
}

func TestDB_Open(t *testing.T) {
	tests := []struct {
		name string
		path string // relative to a temporary folder
	}{
		{"new file in new folders", "a/b/c/sourcescore.db"},
		{"characters a DSN would misread", "we?ird #dir%41/x.db"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), tt.path)
			db, err := Open(context.Background(), path)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if _, err := os.Stat(path); err != nil {
				t.Errorf("database file: %v", err)
			}
			if got := userVersionOf(t, db); got != SchemaVersion {
				t.Errorf("user_version = %d, want %d", got, SchemaVersion)
			}

			var got []string
			rows, err := db.db.Query(`SELECT name FROM sqlite_schema WHERE type = 'table'
				AND name NOT LIKE 'sqlite_%' ORDER BY name`)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			for rows.Next() {
				var n string
				if err := rows.Scan(&n); err != nil {
					t.Fatal(err)
				}
				got = append(got, n)
			}
			want := []string{"articles", "family_scores", "findings", "outlet_scores", "rule_scores",
				"run_rule_files", "runs", "skipped_files"}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("tables (-want +got):\n%s", diff)
			}
		})
	}
}

// TestDB_Open_connectionSettings checks that every pooled connection, not
// just the first, gets the DSN settings.
func TestDB_Open_connectionSettings(t *testing.T) {
	db := openTestDB(t)
	ctx := context.Background()
	var conns []interface{ Close() error }
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	for i := 0; i < 3; i++ {
		conn, err := db.db.Conn(ctx) // held open, so each is a different connection
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, conn)
		for _, p := range []struct{ pragma, want string }{
			{"journal_mode", "wal"},
			{"busy_timeout", "5000"},
			{"foreign_keys", "1"},
		} {
			var got string
			if err := conn.QueryRowContext(ctx, "PRAGMA "+p.pragma).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != p.want {
				t.Errorf("connection %d: PRAGMA %s = %s, want %s", i, p.pragma, got, p.want)
			}
		}
	}
}

// TestDB_Open_upgrade builds databases at every older schema version that
// can hold a run, stores a run, and checks Open upgrades them in place.
func TestDB_Open_upgrade(t *testing.T) {
	ctx := context.Background()
	for from := SchemaVersion - 1; from >= 1; from-- {
		t.Run(fmt.Sprintf("from v%d", from), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "old.db")
			old, err := openRaw(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			if err := migrate(ctx, old.db, from); err != nil {
				t.Fatal(err)
			}
			if got := userVersionOf(t, old); got != from {
				t.Fatalf("old database at version %d, want %d", got, from)
			}
			// A run as the first schema stored it.
			res, err := old.db.Exec(`INSERT INTO runs (started, ended, status, input, rule_set_hash, articles, skipped, findings)
				VALUES ('2024-01-02T03:04:05.5Z', '2024-01-02T03:05:00Z', 'succeeded', '/in', 'abc', 7, 1, 30)`)
			if err != nil {
				t.Fatal(err)
			}
			id, _ := res.LastInsertId()
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
			got, err := db.Run(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			want := sourcescore.Run{
				ID: id, Status: sourcescore.RunSucceeded, Input: "/in", RuleSetHash: "abc",
				Articles: 7, Skipped: 1, Findings: 30,
				Started: mustTime(t, "2024-01-02T03:04:05.5Z"), Ended: mustTime(t, "2024-01-02T03:05:00Z"),
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("run after upgrade (-want +got):\n%s", diff)
			}
			// What the later steps added works.
			if files, err := db.RuleFiles(ctx, id); err != nil || len(files) != 0 {
				t.Errorf("RuleFiles after upgrade = %v, %v; want none", files, err)
			}
			tx, err := db.BeginRun(ctx, testRun(t0), nil)
			if err != nil {
				t.Fatal(err)
			}
			defer tx.Rollback()
			if err := tx.AddArticle(ctx, testScore(1, 2, 1)); err != nil {
				t.Fatal(err)
			}
			if err := tx.SetReused(ctx, 1); err != nil {
				t.Fatal(err)
			}
			if err := tx.Commit(ctx, testRun(t0)); err != nil {
				t.Fatal(err)
			}
			if r, err := db.Run(ctx, tx.ID()); err != nil || r.Reused != 1 {
				t.Errorf("run written after upgrade: %+v, %v; want 1 reused", r, err)
			}
		})
	}
}

func TestDB_Open_futureSchema(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "future.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.db.Exec("PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
	db.Close()

	db, err = Open(ctx, path)
	if err == nil {
		db.Close()
		t.Fatal("Open of a database from the future succeeded")
	}
	if !errors.Is(err, sourcescore.ErrConfig) {
		t.Errorf("error %q does not match ErrConfig", err)
	}
	want := "open store " + path + ": configuration error: database schema version 99 is newer than version 3 this program knows; use a newer sourcescore or another database"
	if err.Error() != want {
		t.Errorf("error:\n got %s\nwant %s", err, want)
	}

	raw, err := openRaw(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if got := userVersionOf(t, raw); got != 99 {
		t.Errorf("refused database changed to version %d", got)
	}
}

func TestMigrate_badTarget(t *testing.T) {
	raw, err := openRaw(context.Background(), filepath.Join(t.TempDir(), "x.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if err := migrate(context.Background(), raw.db, SchemaVersion+1); err == nil {
		t.Error("migrate past the last version succeeded")
	}
}
