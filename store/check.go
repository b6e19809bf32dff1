package store

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/mattn/go-sqlite3"
)

// ErrMalformed matches the errors of a damaged database file: a CheckError,
// and (through IsCorrupt) SQLite's "database disk image is malformed" and
// "file is not a database".
var ErrMalformed = errors.New("database is malformed")

// RecoverHint is what to do about a damaged database.
const RecoverHint = "try: restore the database from a backup, or rescue what is readable into a new file with " +
	"sqlite3's .recover or .dump (sourcescore db check --help shows how); sourcescore db check lists what is wrong"

// CheckError lists what DB.Check found wrong with a database.
type CheckError struct {
	Path     string   // the database file
	Problems []string // one line each, at most maxProblems of each check
}

func (e *CheckError) Error() string {
	// SQLite's integrity check gives lines of several lines.
	lines := strings.ReplaceAll(strings.Join(e.Problems, "\n"), "\n", "\n\t")
	return fmt.Sprintf("database %s is malformed:\n\t%s", e.Path, lines)
}

// Unwrap makes a CheckError match ErrMalformed.
func (e *CheckError) Unwrap() error { return ErrMalformed }

// IsCorrupt reports whether err says that a database file is damaged: a
// CheckError, or SQLite's "database disk image is malformed" or "file is not
// a database".
func IsCorrupt(err error) bool {
	if errors.Is(err, ErrMalformed) {
		return true
	}
	var se sqlite3.Error
	if !errors.As(err, &se) {
		return false
	}
	return se.Code == sqlite3.ErrCorrupt || se.Code == sqlite3.ErrNotADB
}

// maxProblems bounds the lines each check contributes: a badly damaged file
// gives thousands, and the first ones are enough to know.
const maxProblems = 20

// Check checks the whole database: SQLite's integrity check (every page,
// every index against its table), its foreign key check, and that the
// details of every stored article (family scores, rule scores, findings,
// caps) parse as the queries read them. It returns nil when the file is
// sound, a *CheckError listing the problems when it is not, or another
// error when the check itself could not run. It only reads, so it works on
// a database opened with OpenReadOnly, also while a run writes.
func (db *DB) Check(ctx context.Context) error {
	var problems []string
	// 1. Pages and indexes.
	lines, err := db.pragmaLines(ctx, fmt.Sprintf("PRAGMA integrity_check(%d)", maxProblems))
	if err != nil {
		problems = append(problems, "integrity check: "+err.Error())
	} else if len(lines) != 1 || lines[0] != "ok" {
		problems = append(problems, lines...)
	}
	// 2. Foreign keys: every row's parent is there.
	fks, err := db.foreignKeyProblems(ctx)
	if err != nil {
		problems = append(problems, "foreign key check: "+err.Error())
	}
	problems = append(problems, fks...)
	// 3. Every stored article's details parse.
	bad, err := db.detailProblems(ctx)
	if err != nil {
		problems = append(problems, "reading the stored details: "+err.Error())
	}
	problems = append(problems, bad...)
	if len(problems) > 0 {
		return &CheckError{Path: db.path, Problems: problems}
	}
	return nil
}

// pragmaLines runs a PRAGMA that returns one text column.
func (db *DB) pragmaLines(ctx context.Context, pragma string) ([]string, error) {
	rows, err := db.db.QueryContext(ctx, pragma)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// foreignKeyProblems runs PRAGMA foreign_key_check.
func (db *DB) foreignKeyProblems(ctx context.Context) ([]string, error) {
	rows, err := db.db.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	n := 0
	for rows.Next() {
		var (
			table, parent string
			rowid         *int64
			fk            int64
		)
		if err := rows.Scan(&table, &rowid, &parent, &fk); err != nil {
			return out, err
		}
		n++
		if len(out) < maxProblems {
			row := "a row"
			if rowid != nil {
				row = fmt.Sprintf("row %d", *rowid)
			}
			out = append(out, fmt.Sprintf("%s %s refers to a missing row of %s", table, row, parent))
		}
	}
	if n > len(out) {
		out = append(out, fmt.Sprintf("... %d foreign key problems in all", n))
	}
	return out, rows.Err()
}

// detailProblems parses the details of every results row.
func (db *DB) detailProblems(ctx context.Context) ([]string, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT id, article_id, families, rules, findings, caps, story_notes FROM results ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	n := 0
	for rows.Next() {
		var (
			id      int64
			article string
			d       details
		)
		if err := rows.Scan(&id, &article, &d[0], &d[1], &d[2], &d[3], &d[4]); err != nil {
			return out, err
		}
		var perr error
		if _, err := parseFamilies(d[0]); err != nil {
			perr = err
		} else if _, err := parseRules(d[1]); err != nil {
			perr = err
		} else if _, err := parseFindings(d[2]); err != nil {
			perr = err
		} else if _, err := parseCaps(d[3]); err != nil {
			perr = err
		} else if _, err := decodeNotes(d[4]); err != nil {
			perr = err
		}
		if perr != nil {
			n++
			if len(out) < maxProblems {
				out = append(out, fmt.Sprintf("results row %d (article %s): details do not parse: %v", id, article, perr))
			}
		}
	}
	if n > len(out) {
		out = append(out, fmt.Sprintf("... %d results rows whose details do not parse", n))
	}
	return out, rows.Err()
}
