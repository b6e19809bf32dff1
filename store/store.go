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
	"sync"
	"time"

	"github.com/mattn/go-sqlite3" // also registers the "sqlite3" driver

	"sourcescore"
)

// connOptions are applied by the driver to every new connection. PRAGMAs are
// per connection, so they must live in the DSN and not in a one-off Exec.
// The page cache is 8 MiB a connection: a run uses three or more at once (the
// writer's transaction, a reader per worker for reused results), a run's
// writes are mostly appends, and reused results are read once, so a larger
// cache mostly holds memory (64 MiB: a rerun of 20,000 articles peaked at
// 232 MB instead of 94 MB, no faster).
const connOptions = "_journal_mode=WAL&_busy_timeout=5000&_foreign_keys=on&_txlock=immediate&_cache_size=-8192"

// DB is an open sourcescore database. It is safe for concurrent use, but
// SQLite allows one writer at a time: write runs from one goroutine.
type DB struct {
	db       *sql.DB
	path     string
	readOnly bool // opened by OpenReadOnly

	storedOnce sync.Once
	stored     *sql.Stmt // reads one article of a run with its details (Stored)
	storedErr  error
}

// Open opens the database at path, creating the file and its parent folder
// when they do not exist, and migrates its schema to the latest version. A
// database whose schema is newer than this program knows is refused with an
// error that matches sourcescore.ErrConfig.
func Open(ctx context.Context, path string) (*DB, error) {
	db, err := openRaw(ctx, path)
	if err != nil {
		return nil, err
	}
	if err := migrate(ctx, db.db, len(migrations)); err != nil {
		db.db.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	return db, nil
}

// CheckPath refuses a database path that names a folder, with an error
// matching sourcescore.ErrConfig that says what to give instead.
func CheckPath(path string) error {
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return fmt.Errorf("database %s is a folder, not a database file (%w): give a file, e.g. --db %s",
			path, sourcescore.ErrConfig, filepath.Join(path, "sourcescore.db"))
	}
	return nil
}

// openRaw opens path with the connection options but without migrating.
func openRaw(ctx context.Context, path string) (*DB, error) {
	if path == "" {
		return nil, fmt.Errorf("open store: empty path")
	}
	if err := CheckPath(path); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	if err := setPageSize(ctx, path); err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	sdb, err := sql.Open("sqlite3", dsn(path))
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	if err := sdb.PingContext(ctx); err != nil {
		sdb.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	return &DB{db: sdb, path: path}, nil
}

// PageSize is the page size of the databases Open creates: 64 KiB, the
// largest SQLite has, rather than its default of 4 KiB. An article's
// results row (its rule scores and findings, as JSON) is about 9 KB; with
// 4 KiB pages each row is a chain of overflow pages, every one written
// twice (to the WAL, then by the checkpoint) and read page by page when a
// rerun reuses it. Measured on the bench corpus of 20,000 articles with
// its manifest (make bench; the binaries before and after in turn, five
// rounds), the run's store stage went from 2.26–2.81 to 1.77–2.24 s and a
// rerun's from 0.34–0.54 to 0.25–0.38 s, for a file of the same size (191
// and 189 MB; 32 KiB pages measured alike, 16 KiB made it 244 MB). A database created with another
// page size keeps it: it works the same, its writes cost more.
const PageSize = 65536

// setPageSize gives the database at path PageSize when it does not exist
// yet or is empty: the page size is fixed by the first write, which
// connOptions' journal mode makes as a connection opens. A database with
// pages is left as it is (SQLite ignores the pragma then too), and so is a
// path that cannot be read: opening it says why.
func setPageSize(ctx context.Context, path string) error {
	if fi, err := os.Stat(path); err != nil && !errors.Is(err, fs.ErrNotExist) || err == nil && fi.Size() > 0 {
		return nil
	}
	sdb, err := sql.Open("sqlite3", dsnWith(path, "_busy_timeout=5000"))
	if err != nil {
		return err
	}
	defer sdb.Close()
	_, err = sdb.ExecContext(ctx, fmt.Sprintf("PRAGMA page_size = %d; PRAGMA journal_mode = WAL", PageSize))
	return err
}

// dsn builds a file: URI for path, so that characters such as '?', '#' or
// '%' in the path cannot be taken for options.
func dsn(path string) string { return dsnWith(path, connOptions) }

// dsnWith is dsn with other options.
func dsnWith(path, options string) string {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	u := url.URL{Path: filepath.ToSlash(path)}
	return "file:" + u.EscapedPath() + "?" + options
}

// Path returns the database file path as given to Open.
func (db *DB) Path() string { return db.path }

// Close closes the database. Commit or roll back any RunTx first.
func (db *DB) Close() error {
	if db.stored != nil {
		db.stored.Close()
	}
	if err := db.db.Close(); err != nil {
		return fmt.Errorf("close store %s: %w", db.path, err)
	}
	return nil
}

// timeLayout is RFC 3339 in UTC with all nine fractional digits kept, so
// that stored times sort as text in time order (time.RFC3339Nano trims
// trailing zeros, and "05Z" sorts after "05.5Z"). time.RFC3339Nano parses it.
const timeLayout = "2006-01-02T15:04:05.000000000Z07:00"

// formatTime formats t in UTC with timeLayout, the one format the database
// holds times in. The zero time is stored as NULL.
func formatTime(t time.Time) sql.NullString {
	if t.IsZero() {
		return sql.NullString{}
	}
	return sql.NullString{String: t.UTC().Format(timeLayout), Valid: true}
}

// parseTime reads what formatTime wrote; NULL gives the zero time.
func parseTime(s sql.NullString) (time.Time, error) {
	if !s.Valid {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s.String)
	if err != nil {
		return time.Time{}, fmt.Errorf("parse time %q: %w", s.String, err)
	}
	return t.UTC(), nil
}

// dateLayout is how publication dates are stored.
const dateLayout = "2006-01-02"

// formatDate stores a publication date as YYYY-MM-DD, or NULL when unknown.
func formatDate(t time.Time) sql.NullString {
	if t.IsZero() {
		return sql.NullString{}
	}
	return sql.NullString{String: t.UTC().Format(dateLayout), Valid: true}
}

// parseDate reads what formatDate wrote, as midnight UTC.
func parseDate(s sql.NullString) (time.Time, error) {
	if !s.Valid {
		return time.Time{}, nil
	}
	t, err := time.Parse(dateLayout, s.String)
	if err != nil {
		return time.Time{}, fmt.Errorf("parse date %q: %w", s.String, err)
	}
	return t, nil
}

// SQLiteVersion returns the version of the SQLite library built in.
func SQLiteVersion() string {
	v, _, _ := sqlite3.Version()
	return v
}
