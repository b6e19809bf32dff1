package main

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/pflag"
)

const dbExamples = `  sourcescore db check                       # the default database, out/sourcescore.db
  sourcescore db check --db /srv/news/sourcescore.db

check reads the whole database: SQLite's integrity check (every page, every
index against its table), its foreign key check, and the details (family
scores, rule scores, findings, caps) of every stored article, parsed as the
other commands read them. It prints "ok" and exits 0, or lists the problems
and exits 1. It only reads (the database opens read-only, without the lock),
so it works while a run writes. schedule runs the same check when it starts,
and run when the previous sourcescore on the database ended without letting
go of its lock (killed in the middle of its work).

A malformed database: restore it from a backup, or rescue what is readable
into a new file with sqlite3's .recover (it keeps the schema version):
  sqlite3 out/sourcescore.db .recover | sqlite3 rescued.db
  sourcescore db check --db rescued.db
The sqlite3 of Debian 12 (3.40) fails .recover with "SQL logic error" on a
sourcescore database, sound or not; .dump works there, but the schema version
must be added after it:
  (sqlite3 out/sourcescore.db .dump; echo 'PRAGMA user_version = %d;') | sqlite3 rescued.db
Then move the damaged file away (with its -wal and -shm files) and put
rescued.db in its place; runs whose rows were lost are gone from it.
`

func cmdDBCheck(fs *pflag.FlagSet) runner {
	path := fs.String("db", "out/sourcescore.db", "SQLite database `file`")
	return func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
		if len(args) > 0 {
			return usageError{fmt.Sprintf("db check takes no arguments, got %q (the database goes in --db)", args[0])}
		}
		db, err := openExistingDB(ctx, *path)
		if err != nil {
			return err
		}
		defer db.Close()
		if err := db.Check(ctx); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s: ok\n", *path)
		return nil
	}
}
