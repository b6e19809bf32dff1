package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"sourcescore"
)

// migrations are the schema steps, in order: migrations[i] brings a database
// from PRAGMA user_version i to i+1. Steps are never edited once shipped;
// changes go into a new step at the end, so an older database upgrades in
// place.
//
// Times are RFC 3339 text in UTC with nine fractional digits (timeLayout); publication dates are
// YYYY-MM-DD text, NULL when unknown. Child rows of an article keep their
// insertion order through their INTEGER PRIMARY KEY.
var migrations = []string{
	// 1: base schema.
	`
CREATE TABLE runs (
	id            INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused, reports cite it
	started       TEXT    NOT NULL,
	ended         TEXT,                              -- NULL while running
	status        TEXT    NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
	input         TEXT    NOT NULL DEFAULT '',
	rule_set_hash TEXT    NOT NULL DEFAULT '',
	articles      INTEGER NOT NULL DEFAULT 0,
	skipped       INTEGER NOT NULL DEFAULT 0,
	findings      INTEGER NOT NULL DEFAULT 0,
	error         TEXT    NOT NULL DEFAULT ''
);

CREATE TABLE articles (
	run_id       INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
	article_id   TEXT    NOT NULL,
	file         TEXT    NOT NULL,
	content_hash TEXT    NOT NULL DEFAULT '',
	outlet       TEXT    NOT NULL DEFAULT '',
	url          TEXT    NOT NULL DEFAULT '',
	published    TEXT,                     -- YYYY-MM-DD, NULL when unknown
	language     TEXT    NOT NULL DEFAULT '',
	story        TEXT    NOT NULL DEFAULT '',
	inferred     TEXT    NOT NULL DEFAULT '', -- comma-separated field names
	words        INTEGER NOT NULL DEFAULT 0,
	score        REAL    NOT NULL,
	grade        TEXT    NOT NULL DEFAULT '',
	PRIMARY KEY (run_id, article_id)
);
CREATE INDEX articles_run_file ON articles (run_id, file, article_id);

CREATE TABLE family_scores (
	id         INTEGER PRIMARY KEY,
	run_id     INTEGER NOT NULL,
	article_id TEXT    NOT NULL,
	family     TEXT    NOT NULL,
	score      REAL    NOT NULL,
	weight     REAL    NOT NULL,
	scored     INTEGER NOT NULL,
	note       TEXT    NOT NULL DEFAULT '',
	FOREIGN KEY (run_id, article_id) REFERENCES articles (run_id, article_id) ON DELETE CASCADE
);
CREATE INDEX family_scores_article ON family_scores (run_id, article_id);

CREATE TABLE rule_scores (
	id         INTEGER PRIMARY KEY,
	run_id     INTEGER NOT NULL,
	article_id TEXT    NOT NULL,
	rule_id    TEXT    NOT NULL,
	family     TEXT    NOT NULL,
	score      REAL    NOT NULL,
	weight     REAL    NOT NULL,
	applied    INTEGER NOT NULL,
	note       TEXT    NOT NULL DEFAULT '',
	FOREIGN KEY (run_id, article_id) REFERENCES articles (run_id, article_id) ON DELETE CASCADE
);
CREATE INDEX rule_scores_article ON rule_scores (run_id, article_id);

CREATE TABLE findings (
	id          INTEGER PRIMARY KEY,
	run_id      INTEGER NOT NULL,
	article_id  TEXT    NOT NULL,
	rule_id     TEXT    NOT NULL,
	family      TEXT    NOT NULL,
	severity    TEXT    NOT NULL CHECK (severity IN ('info', 'warning', 'error')),
	message     TEXT    NOT NULL DEFAULT '',
	evidence    TEXT    NOT NULL DEFAULT '',
	line        INTEGER NOT NULL DEFAULT 0,  -- 0 for findings about absence
	col         INTEGER NOT NULL DEFAULT 0,  -- 0 for findings about absence
	byte_offset INTEGER NOT NULL DEFAULT -1, -- in the normalised text; -1 for findings about absence
	FOREIGN KEY (run_id, article_id) REFERENCES articles (run_id, article_id) ON DELETE CASCADE
);
CREATE INDEX findings_article ON findings (run_id, article_id);

CREATE TABLE outlet_scores (
	run_id   INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
	outlet   TEXT    NOT NULL,
	articles INTEGER NOT NULL,
	score    REAL    NOT NULL,
	grade    TEXT    NOT NULL DEFAULT '',
	PRIMARY KEY (run_id, outlet)
);

CREATE TABLE skipped_files (
	id     INTEGER PRIMARY KEY,
	run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
	file   TEXT    NOT NULL,
	reason TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX skipped_files_run ON skipped_files (run_id);
`,
	// 2: the rule files each run used, and indexes for run listings and
	// for an article's history across runs.
	`
CREATE TABLE run_rule_files (
	run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
	path   TEXT    NOT NULL,
	hash   TEXT    NOT NULL,
	PRIMARY KEY (run_id, path)
);
CREATE INDEX runs_status_started ON runs (status, started);
CREATE INDEX articles_article_run ON articles (article_id, run_id);
`,
	// 3: how many articles of a run reused the stored results of an
	// earlier run instead of being scored again, and an index for an
	// outlet's history across runs.
	`
ALTER TABLE runs ADD COLUMN reused INTEGER NOT NULL DEFAULT 0;
CREATE INDEX outlet_scores_outlet ON outlet_scores (outlet, run_id);
`,
}

// SchemaVersion is the schema version (PRAGMA user_version) this program
// migrates databases to.
const SchemaVersion = 3

// migrate brings the database to schema version target, one step per
// transaction. The version is read inside each step's (immediate)
// transaction, so two processes opening the same file at once do not apply a
// step twice.
func migrate(ctx context.Context, db *sql.DB, target int) error {
	if target < 0 || target > len(migrations) {
		return fmt.Errorf("migrate to version %d: only versions 0 to %d exist", target, len(migrations))
	}
	for {
		done, err := migrateStep(ctx, db, target)
		if err != nil {
			return err
		}
		if done {
			return nil
		}
	}
}

// migrateStep applies the step after the database's current version, unless
// that version is already target. It reports whether target was reached.
func migrateStep(ctx context.Context, db *sql.DB, target int) (done bool, err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("migrate: begin: %w", err)
	}
	defer func() {
		if rerr := tx.Rollback(); rerr != nil && !errors.Is(rerr, sql.ErrTxDone) && err == nil {
			err = fmt.Errorf("migrate: rollback: %w", rerr)
		}
	}()

	v, err := userVersion(ctx, tx)
	if err != nil {
		return false, err
	}
	if v > len(migrations) {
		return false, fmt.Errorf("%w: database schema version %d is newer than version %d this program knows; use a newer sourcescore or another database",
			sourcescore.ErrConfig, v, len(migrations))
	}
	if v >= target {
		return true, nil
	}
	if _, err := tx.ExecContext(ctx, migrations[v]); err != nil {
		return false, fmt.Errorf("migrate to version %d: %w", v+1, err)
	}
	// PRAGMA takes no parameters; v+1 is an int we computed.
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", v+1)); err != nil {
		return false, fmt.Errorf("migrate to version %d: set user_version: %w", v+1, err)
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("migrate to version %d: commit: %w", v+1, err)
	}
	return v+1 >= target, nil
}

// queryer is what *sql.DB, *sql.Conn and *sql.Tx have in common.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// userVersion reads PRAGMA user_version.
func userVersion(ctx context.Context, q queryer) (int, error) {
	var v int
	if err := q.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	return v, nil
}
