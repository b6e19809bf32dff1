package reports

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"sourcescore"
)

// ClaimFile is the file in an output folder that says which database the
// folder's run folders belong to: run-1 of one database is not run-1 of
// another, so one folder holds the reports of one database only.
const ClaimFile = "sourcescore-database.txt"

// The keys of ClaimFile's lines.
const (
	claimPathKey = "database: "
	claimIDKey   = "database_id: "
)

// OtherDatabaseError is the refusal of an output folder that belongs to
// another database than the one about to write it. It matches
// sourcescore.ErrConfig: the user must choose another folder (--out).
type OtherDatabaseError struct {
	Out      string // the output folder
	Owner    string // the database the folder belongs to, as ClaimFile records it
	OwnerID  string // its id
	Database string // the database refused
	ID       string // its id
}

// Error says whose folder it is and what to do.
func (e *OtherDatabaseError) Error() string {
	what := fmt.Sprintf("belongs to database %s (id %s), not to %s (id %s)", e.Owner, e.OwnerID, e.Database, e.ID)
	if e.OwnerID == e.ID {
		what = fmt.Sprintf("belongs to database %s; %s is a copy of it (the same id %s), whose runs go their own way", e.Owner, e.Database, e.ID)
	}
	base := strings.TrimSuffix(filepath.Base(e.Database), filepath.Ext(e.Database))
	return fmt.Sprintf("report folder %s %s (see %s): refused, the runs of two databases would overwrite each other's run folders (run-1, run-2, ...)\n\ttry: --out with a folder of its own, e.g. --out %s",
		e.Out, what, filepath.Join(e.Out, ClaimFile), filepath.Join(filepath.Dir(e.Database), base+"-reports"))
}

// Unwrap makes the error match sourcescore.ErrConfig.
func (e *OtherDatabaseError) Unwrap() error { return sourcescore.ErrConfig }

// Claim makes sure that the output folder outDir belongs to the database
// at dbPath whose id (store's DB.ID) is dbID, and records it there when it
// does not say so yet. A folder without ClaimFile (new, or written before
// folders were claimed) is claimed for it: the file is written with the
// database's resolved path and id. A folder claimed by a database of
// another id, or by another file of the same id (a copy) that still
// exists, is refused with an *OtherDatabaseError. A folder claimed by this
// database at a path where it is no longer (the file was moved) is
// claimed again with the new path.
func Claim(outDir, dbPath, dbID string) error {
	write, abs, err := checkClaim(outDir, dbPath, dbID)
	if err != nil || !write {
		return err
	}
	file := filepath.Join(outDir, ClaimFile)
	_, statErr := os.Lstat(file)
	err = WriteFile(file, claimText(abs, dbID), statErr == nil)
	if errors.Is(err, ErrExists) {
		return Claim(outDir, dbPath, dbID) // another process claimed it meanwhile: check again
	}
	if err != nil {
		return fmt.Errorf("claim report folder %s: %w", outDir, err)
	}
	return nil
}

// CheckClaim is Claim without writing anything: it returns the
// *OtherDatabaseError Claim would, or nil when the folder is the
// database's or no one's (also when it does not exist).
func CheckClaim(outDir, dbPath, dbID string) error {
	_, _, err := checkClaim(outDir, dbPath, dbID)
	return err
}

// checkClaim is CheckClaim; write says whether ClaimFile must be written
// (missing, or the database moved), abs is the database's resolved path.
func checkClaim(outDir, dbPath, dbID string) (write bool, abs string, err error) {
	if dbID == "" {
		return false, "", errors.New("claim report folder: empty database id")
	}
	if abs, err = resolve(dbPath); err != nil {
		return false, "", fmt.Errorf("claim report folder %s: %w", outDir, err)
	}
	file := filepath.Join(outDir, ClaimFile)
	data, err := os.ReadFile(file)
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
		return true, abs, nil
	}
	if err != nil {
		return false, "", fmt.Errorf("claim report folder %s: %w", outDir, err)
	}
	owner, ownerID, err := parseClaim(data)
	if err != nil {
		return false, "", fmt.Errorf("%w: %s: %v\n\ttry: remove the file if the folder holds the reports of %s only", sourcescore.ErrConfig, file, err, abs)
	}
	refused := &OtherDatabaseError{Out: outDir, Owner: owner, OwnerID: ownerID, Database: abs, ID: dbID}
	switch {
	case ownerID != dbID:
		return false, "", refused
	case owner == abs:
		return false, abs, nil
	}
	if ownerPath, err := resolve(owner); err == nil {
		if same, _ := sameFile(ownerPath, abs); same {
			return false, abs, nil // another name of the same file
		}
		if _, err := os.Stat(ownerPath); err == nil {
			return false, "", refused // a copy
		}
	}
	return true, abs, nil // the database was moved: the folder follows it
}

// resolve returns path made absolute, with symlinks resolved when it
// exists.
func resolve(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		return r, nil
	}
	return abs, nil
}

// sameFile reports whether a and b name the same existing file.
func sameFile(a, b string) (bool, error) {
	fa, err := os.Stat(a)
	if err != nil {
		return false, err
	}
	fb, err := os.Stat(b)
	if err != nil {
		return false, err
	}
	return os.SameFile(fa, fb), nil
}

// claimText is the content of ClaimFile.
func claimText(path, id string) []byte {
	return []byte("# The run folders here belong to this sourcescore database; another database's runs are refused here.\n" +
		claimPathKey + path + "\n" + claimIDKey + id + "\n")
}

// parseClaim reads the database path and id of ClaimFile's content.
func parseClaim(data []byte) (path, id string, err error) {
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := sc.Text()
		if v, ok := strings.CutPrefix(line, claimPathKey); ok {
			path = v
		} else if v, ok := strings.CutPrefix(line, claimIDKey); ok {
			id = strings.TrimSpace(v)
		}
	}
	if path == "" || id == "" {
		return "", "", fmt.Errorf("no %q and %q lines", strings.TrimSpace(claimPathKey), strings.TrimSpace(claimIDKey))
	}
	return path, id, nil
}
