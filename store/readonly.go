package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"

	"github.com/mattn/go-sqlite3"

	"sourcescore"
)

// readOnlyOptions open a connection that never writes the database file:
// mode=ro, no journal_mode PRAGMA (setting WAL is a write), no immediate
// transactions (BEGIN IMMEDIATE takes the write lock). A WAL reader does not
// wait for a writer, so a read-only command works while a run writes; the
// busy timeout only covers the moment a reader waits for another connection
// to rebuild the WAL index after a crash.
const readOnlyOptions = "mode=ro&_busy_timeout=5000&_cache_size=-8192"

// ErrMissing is the error of OpenReadOnly on a database file that does not
// exist: a read-only open never creates one.
var ErrMissing = errors.New("database does not exist")

// OpenReadOnly opens the existing database at path for reading only: it
// creates no file or folder, applies no migration and never writes the
// database (no WAL checkpoint either), so it works while a run writes, on a
// read-only file and on a read-only file system. A missing file gives an
// error matching ErrMissing; a schema other than SchemaVersion gives one
// matching sourcescore.ErrConfig (an older one needs a writing command such
// as run to migrate it first).
func OpenReadOnly(ctx context.Context, path string) (*DB, error) {
	if path == "" {
		return nil, fmt.Errorf("open store: empty path")
	}
	if err := CheckPath(path); err != nil {
		return nil, err
	}
	if _, err := os.Stat(path); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("open store %s: %w", path, ErrMissing)
		}
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	db, err := openReadOnly(ctx, path, false)
	if err != nil && isCantOpen(err) && !walPresent(path) {
		// A WAL database in a folder this process cannot write, with no
		// -wal or -shm file beside it: SQLite can create no shared-memory
		// index, so it refuses to open. With no -wal file nobody is
		// writing it (a writer would need that folder too), so the file
		// is read as immutable.
		db, err = openReadOnly(ctx, path, true)
	}
	if err != nil {
		return nil, err
	}
	v, err := userVersion(ctx, db.db)
	if err != nil {
		db.db.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	switch {
	case v > SchemaVersion:
		db.db.Close()
		return nil, fmt.Errorf("open store %s: %w: database schema version %d is newer than version %d this program knows; use a newer sourcescore or another database",
			path, sourcescore.ErrConfig, v, SchemaVersion)
	case v == 0:
		db.db.Close()
		return nil, fmt.Errorf("open store %s: %w: not a sourcescore database (no schema)", path, sourcescore.ErrConfig)
	case v < SchemaVersion:
		db.db.Close()
		return nil, fmt.Errorf("open store %s: %w: database schema version %d is older than version %d; a read-only command does not upgrade it\n\ttry: sourcescore run (it upgrades the database), or sourcescore db check",
			path, sourcescore.ErrConfig, v, SchemaVersion)
	}
	return db, nil
}

// openReadOnly opens path read-only, immutable when asked, and pings it.
func openReadOnly(ctx context.Context, path string, immutable bool) (*DB, error) {
	abs := path
	if a, err := filepath.Abs(path); err == nil {
		abs = a
	}
	u := url.URL{Path: filepath.ToSlash(abs)}
	d := "file:" + u.EscapedPath() + "?" + readOnlyOptions
	if immutable {
		d += "&immutable=1"
	}
	sdb, err := sql.Open("sqlite3", d)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	// The first statement reads the schema: a file that is not a database
	// fails here, not at the first query.
	if _, err := sdb.ExecContext(ctx, "SELECT count(*) FROM sqlite_schema"); err != nil {
		sdb.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	return &DB{db: sdb, path: path, readOnly: true}, nil
}

// walPresent reports whether the -wal or -shm file of path exists.
func walPresent(path string) bool {
	for _, s := range []string{"-wal", "-shm"} {
		if _, err := os.Lstat(path + s); err == nil {
			return true
		}
	}
	return false
}

// isCantOpen reports whether err is SQLite's "unable to open database file"
// or a read-only refusal of the shared-memory index.
func isCantOpen(err error) bool {
	var se sqlite3.Error
	if !errors.As(err, &se) {
		return false
	}
	return se.Code == sqlite3.ErrCantOpen || se.Code == sqlite3.ErrReadonly
}

// ReadOnly reports whether db was opened by OpenReadOnly.
func (db *DB) ReadOnly() bool { return db.readOnly }
