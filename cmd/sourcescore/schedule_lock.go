package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/gofrs/flock"
)

// The lock beside the database. SQLite lets one writer in at a time, but a
// run is one long transaction: two sourcescore processes on one database
// would wait on each other (or time out) and score the same input twice.
// So `run` holds <db>.lock for its run and `schedule` for its whole life;
// a second process is refused at once. The lock is an flock(2) on the open
// file, so the kernel releases it when the process ends, however it ends:
// a stale lock file on disk locks nothing.
//
// The holder writes who it is into the file and empties it when it lets
// go. A lock taken over a file that still names a holder follows a process
// that ended without letting go (killed, or the machine stopped) in the
// middle of its work: the database is then checked before it is used.

// exitLocked is the exit code of a command refused because another
// sourcescore process holds the database's lock: nothing was done, and
// trying again later is right.
const exitLocked = 3

// lockPath is the lock file of database db.
func lockPath(db string) string { return db + ".lock" }

// lockedError is the refusal: another process holds the lock.
type lockedError struct {
	db, path string
	holder   string // what the lock file says about its holder; may be ""
}

func (e lockedError) Error() string {
	held := ""
	if e.holder != "" {
		held = ", held by " + e.holder
	}
	return fmt.Sprintf("database %s locked by another sourcescore (lock file %s%s); nothing was done\n"+
		"\ttry: again when that run is over; a schedule holds the lock until it stops", e.db, e.path, held)
}

// dbLock is a held lock.
type dbLock struct {
	f           *flock.Flock
	interrupted string // the holder the file still named when taken: a process that ended holding it; "" after a clean release
}

// lockDB takes the lock of database db for command, or returns a
// lockedError when another process holds it. It creates the database's
// folder when needed, as opening the database would.
func lockDB(db, command string) (*dbLock, error) {
	if err := os.MkdirAll(filepath.Dir(db), 0o755); err != nil {
		return nil, fmt.Errorf("lock database %s: %w", db, err)
	}
	path := lockPath(db)
	f := flock.New(path, flock.SetFlag(os.O_CREATE|os.O_RDWR), flock.SetPermissions(0o644))
	ok, err := f.TryLock()
	if err != nil {
		return nil, fmt.Errorf("lock database %s (lock file %s): %w", db, path, err)
	}
	if !ok {
		b, _ := os.ReadFile(path)
		return nil, lockedError{db: db, path: path, holder: strings.TrimSpace(string(b))}
	}
	// Who held it last: a clean release leaves the file empty.
	prev, _ := os.ReadFile(path)
	// Say who holds it, for the next process refused. The lock is the
	// flock, not these words: a failure to write them does not matter.
	holder := fmt.Sprintf("pid %d (sourcescore %s) since %s", os.Getpid(), command, time.Now().UTC().Format(time.RFC3339))
	_ = os.WriteFile(path, []byte(holder+"\n"), 0o644)
	return &dbLock{f: f, interrupted: strings.TrimSpace(string(prev))}, nil
}

// release empties the lock file (the holder let go cleanly) and gives the
// lock up.
func (l *dbLock) release() error {
	_ = os.Truncate(l.f.Path(), 0)
	return l.f.Unlock()
}
