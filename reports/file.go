package reports

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// ErrExists is returned by WriteFile for a file that exists when it may
// not be replaced.
var ErrExists = errors.New("file exists")

// WriteFile writes data to path atomically: a temporary file in the same
// folder (made when missing), synced, made 0644, then moved into place,
// so a reader never sees half a file. With replace unset an existing file
// is never replaced, not even one that appears while writing: the error
// wraps ErrExists.
func WriteFile(path string, data []byte, replace bool) error {
	if !replace {
		if _, err := os.Lstat(path); err == nil {
			return ErrExists
		} else if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	fail := func(err error) error {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		return fail(err)
	}
	if err := tmp.Chmod(0o644); err != nil { // CreateTemp makes it 0600
		return fail(err)
	}
	if err := tmp.Sync(); err != nil {
		return fail(err)
	}
	if err := tmp.Close(); err != nil {
		return fail(err)
	}
	if replace {
		if err := os.Rename(tmp.Name(), path); err != nil {
			os.Remove(tmp.Name())
			return err
		}
		return nil
	}
	// Link fails when the file appeared meanwhile: never replace it. A
	// file system without hard links falls back to a rename.
	err = os.Link(tmp.Name(), path)
	switch {
	case errors.Is(err, fs.ErrExist):
		os.Remove(tmp.Name())
		return ErrExists
	case err == nil:
		return os.Remove(tmp.Name())
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}
