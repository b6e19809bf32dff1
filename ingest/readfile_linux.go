package ingest

import (
	"io"
	"io/fs"
	"os"
	"syscall"
)

// readFile returns the bytes of the file at path, as os.ReadFile does, with
// fewer system calls for a regular file: one open, one fstat, one read into
// a buffer one byte longer than the size fstat gives (a regular file that
// fills less of it is at its end, so no second read looks for the end), one
// close. os.ReadFile also stats the file when opening it and reads again
// until a read returns nothing. A file that has grown past the fstat size
// by the time of the read fills the buffer and is read on to its end; one
// that grows after that read is not. A file that is not regular, or claims
// to be empty (as those in /proc do), is read to its end from the same open
// file, as os.ReadFile reads it. Errors are *fs.PathError values
// holding the same syscall.Errno os.ReadFile would give.
func readFile(path string) ([]byte, error) {
	var fd int
	var err error
	for {
		fd, err = syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil || st.Mode&syscall.S_IFMT != syscall.S_IFREG || st.Size <= 0 || int64(int(st.Size)) != st.Size {
		// Read on from the descriptor already open: opening a named pipe
		// again would wait for a writer that may have come and gone.
		f := os.NewFile(uintptr(fd), path)
		defer f.Close()
		return io.ReadAll(f)
	}
	defer syscall.Close(fd)
	size := int(st.Size)
	buf := make([]byte, size+1)
	n := 0
	for {
		m, err := syscall.Read(fd, buf[n:])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: path, Err: err}
		}
		if m <= 0 {
			return buf[:n], nil // at the end
		}
		n += m
		if n == len(buf) { // the file grew: read on
			buf = append(buf, make([]byte, 512)...)
			buf = buf[:cap(buf)]
			continue
		}
		if n >= size {
			return buf[:n], nil // a short read past the size fstat gave
		}
	}
}
