package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
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

// lockPath is the lock file of database db: <db>.lock beside the file the
// path db leads to once its symlinks are resolved, so that every path to
// one database (a symlink, a symlinked folder, a relative path) takes one
// lock. A db or folder that cannot be resolved yet keeps its path as given.
func lockPath(db string) string { return resolveDB(db) + ".lock" }

// resolveDB is db with its symlinks resolved: the file when it exists,
// the target of a dangling symlink (the file SQLite would create through
// it), else db's resolved folder joined with its name.
func resolveDB(db string) string {
	p := db
	for range 40 { // a longer chain is a loop; SQLite would fail on it too
		if r, err := filepath.EvalSymlinks(p); err == nil {
			return r
		}
		target, err := os.Readlink(p)
		if err != nil {
			break // not a symlink: a file not created yet
		}
		if !filepath.IsAbs(target) {
			target = filepath.Join(filepath.Dir(p), target)
		}
		p = target
	}
	if dir, err := filepath.EvalSymlinks(filepath.Dir(p)); err == nil {
		return filepath.Join(dir, filepath.Base(p))
	}
	return db
}

// errLockSymlink is why a lock file that is a symlink is refused: opening
// it would create or write its target (any file the process may write).
var errLockSymlink = errors.New("the lock file is a symlink; refused, a lock file is never followed\n\ttry: remove the symlink (the lock is the flock on the file, not the file)")

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
	fh          *os.File // the lock file, opened without following a symlink, for the holder's words
	interrupted string   // the holder the file still named when taken: a process that ended holding it; "" after a clean release
}

// lockDB takes the lock of database db for command, or returns a
// lockedError when another process holds it. It creates the database's
// folder when needed, as opening the database would.
func lockDB(db, command string) (*dbLock, error) {
	if err := os.MkdirAll(filepath.Dir(db), 0o755); err != nil {
		return nil, fmt.Errorf("lock database %s: %w", db, err)
	}
	path := lockPath(db)
	// O_NOFOLLOW: a symlink planted as the lock file is refused (ELOOP),
	// never opened, created or written through.
	f := flock.New(path, flock.SetFlag(os.O_CREATE|os.O_RDWR|syscall.O_NOFOLLOW), flock.SetPermissions(0o644))
	ok, err := f.TryLock()
	if errors.Is(err, syscall.ELOOP) {
		return nil, fmt.Errorf("lock database %s (lock file %s): %w", db, path, errLockSymlink)
	}
	if err != nil {
		return nil, fmt.Errorf("lock database %s (lock file %s): %w", db, path, err)
	}
	if !ok {
		holder := ""
		if fh, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NOFOLLOW, 0); err == nil {
			b, _ := io.ReadAll(io.LimitReader(fh, 4096))
			fh.Close()
			holder = strings.TrimSpace(string(b))
		}
		return nil, lockedError{db: db, path: path, holder: holder}
	}
	// The holder's words go through a handle of our own (flock keeps its
	// own), opened without following and checked to be the locked file.
	fh, err := os.OpenFile(path, os.O_RDWR|syscall.O_NOFOLLOW, 0)
	if err == nil {
		if err = sameFile(fh, f); err != nil {
			fh.Close()
		}
	}
	if err != nil {
		_ = f.Unlock()
		if errors.Is(err, syscall.ELOOP) {
			err = errLockSymlink
		}
		return nil, fmt.Errorf("lock database %s (lock file %s): %w", db, path, err)
	}
	// Who held it last: a clean release leaves the file empty.
	prev, _ := io.ReadAll(io.LimitReader(fh, 4096))
	// Say who holds it, for the next process refused. The lock is the
	// flock, not these words: a failure to write them does not matter.
	holder := fmt.Sprintf("pid %d (sourcescore %s) since %s", os.Getpid(), command, time.Now().UTC().Format(time.RFC3339))
	if fh.Truncate(0) == nil {
		_, _ = fh.WriteAt([]byte(holder+"\n"), 0)
	}
	return &dbLock{f: f, fh: fh, interrupted: strings.TrimSpace(string(prev))}, nil
}

// sameFile says why fh is not the file f locked, or nil.
func sameFile(fh *os.File, f *flock.Flock) error {
	a, err := fh.Stat()
	if err != nil {
		return err
	}
	b, err := f.Stat()
	if err != nil {
		return err
	}
	if !os.SameFile(a, b) {
		return errors.New("the lock file was replaced while it was taken")
	}
	return nil
}

// release empties the lock file (the holder let go cleanly) and gives the
// lock up.
func (l *dbLock) release() error {
	_ = l.fh.Truncate(0)
	_ = l.fh.Close()
	return l.f.Unlock()
}
