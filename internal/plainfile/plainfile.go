// Package plainfile opens files that are meant to be plain files (articles,
// manifests, rule files) so that no open can block and nothing but a
// regular file is ever read.
//
// Opening a named pipe for reading waits for a writer, and reading a
// character device such as /dev/zero never ends. Open therefore opens with
// O_NONBLOCK (which makes the open of a pipe return at once), checks with
// fstat what it opened, and closes anything that is not a regular file,
// returning a *NotRegularError that names what it was. Read reads at most a
// given number of bytes, so a huge file costs no more than the limit.
package plainfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
)

// NotRegularError says that a path names something other than a regular
// file.
type NotRegularError struct {
	Path string // as given to Open
	Kind string // what it is: "a named pipe", "a device", "a socket", "a folder", ...
}

// Error returns "PATH is not a regular file (KIND)".
func (e *NotRegularError) Error() string {
	return fmt.Sprintf("%s is not a regular file (%s)", e.Path, e.Kind)
}

// TooLargeError says that a file holds more bytes than the reader's limit.
type TooLargeError struct {
	Size  int64 // the size fstat gave, or Limit+1 when the file grew past the limit while it was read
	Limit int64 // the limit in bytes
}

// Error returns "larger than LIMIT bytes".
func (e *TooLargeError) Error() string {
	return fmt.Sprintf("%d bytes, more than the limit of %d", e.Size, e.Limit)
}

// Kind describes a file mode in a few words: "a regular file", "a named
// pipe", "a device", "a socket", "a folder", "a symbolic link" or "not a
// regular file".
func Kind(m fs.FileMode) string {
	switch {
	case m.IsRegular():
		return "a regular file"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeDevice != 0, m&fs.ModeCharDevice != 0:
		return "a device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m.IsDir():
		return "a folder"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	}
	return "not a regular file"
}

// Open opens the file at path for reading as Open in a root does, following
// symbolic links wherever they lead.
func Open(path string) (*os.File, fs.FileInfo, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|openFlags, 0)
	return check(f, err, path, func() (fs.FileInfo, error) { return os.Stat(path) })
}

// OpenIn opens name, a path relative to root, for reading without
// blocking and returns it with what fstat says of it. Symbolic links are
// followed only while they stay inside root (os.Root's rule). Anything
// but a regular file is closed again and gives a *NotRegularError; a
// socket, which cannot be opened at all, gives one too.
func OpenIn(root *os.Root, name string) (*os.File, fs.FileInfo, error) {
	f, err := root.OpenFile(name, os.O_RDONLY|openFlags, 0)
	return check(f, err, name, func() (fs.FileInfo, error) { return root.Stat(name) })
}

// check finishes Open and OpenIn: the type of what was opened.
func check(f *os.File, err error, name string, stat func() (fs.FileInfo, error)) (*os.File, fs.FileInfo, error) {
	if err != nil {
		if errors.Is(err, syscall.ENXIO) {
			// open(2) of a socket fails with ENXIO; say what it is.
			if fi, serr := stat(); serr == nil && !fi.Mode().IsRegular() {
				return nil, nil, &NotRegularError{Path: name, Kind: Kind(fi.Mode())}
			}
		}
		return nil, nil, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	if !fi.Mode().IsRegular() {
		f.Close()
		return nil, nil, &NotRegularError{Path: name, Kind: Kind(fi.Mode())}
	}
	return f, fi, nil
}

// Read reads f, a regular file of size bytes (as fstat gave it), to its
// end, but never more than limit+1 bytes: a file larger than limit gives a
// *TooLargeError, without reading when size already says so. limit <= 0
// means no limit. The buffer is sized once from size, and reading stops
// once size bytes are in (no read is spent to find the end of a file that
// did not grow); a size of 0, as /proc files report, is read on to the end.
func Read(f io.Reader, size, limit int64) ([]byte, error) {
	if limit > 0 && size > limit {
		return nil, &TooLargeError{Size: size, Limit: limit}
	}
	ceiling := int64(-1) // the most bytes the buffer may hold; -1: no ceiling
	if limit > 0 {
		ceiling = limit + 1 // one more, so that a file over the limit is seen
	}
	capped := func(n int64) int64 {
		if ceiling >= 0 && n > ceiling {
			return ceiling
		}
		return n
	}
	buf := make([]byte, 0, capped(max(size+1, 512)))
	for {
		if len(buf) == cap(buf) {
			if ceiling >= 0 && int64(len(buf)) >= ceiling {
				return nil, &TooLargeError{Size: int64(len(buf)), Limit: limit}
			}
			grown := make([]byte, len(buf), capped(2*int64(cap(buf))))
			copy(grown, buf)
			buf = grown
		}
		n, err := f.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if size > 0 && int64(len(buf)) >= size && len(buf) < cap(buf) {
			break
		}
	}
	if limit > 0 && int64(len(buf)) > limit {
		return nil, &TooLargeError{Size: int64(len(buf)), Limit: limit}
	}
	return buf, nil
}

// ReadFile opens path with Open and reads it with Read.
func ReadFile(path string, limit int64) ([]byte, error) {
	f, fi, err := Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Read(f, fi.Size(), limit)
}

// Transient reports whether err is one that may pass if the same call is
// tried again a moment later: too many open files (in the process or the
// system), an interrupted call, or a resource that is momentarily
// unavailable.
func Transient(err error) bool {
	for _, e := range []syscall.Errno{syscall.EMFILE, syscall.ENFILE, syscall.EINTR, syscall.EAGAIN} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}
