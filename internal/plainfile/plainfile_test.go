package plainfile

import (
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
	"sourcescore/internal/fifotest"
	"syscall"
	"testing"
)

// A named pipe with no writer is refused at once, by path and in a root,
// as are a device, a socket and a folder; a regular file opens.
func TestOpen_kinds(t *testing.T) {
	dir := t.TempDir()
	fifotest.Mkfifo(t, filepath.Join(dir, "pipe.txt"))
	l, err := net.Listen("unix", filepath.Join(dir, "sock.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if err := os.Mkdir(filepath.Join(dir, "folder.txt"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "plain.txt"), []byte("Text"), 0o644); err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	for _, tt := range []struct{ name, kind string }{
		{"pipe.txt", "a named pipe"},
		{"sock.txt", "a socket"},
		{"folder.txt", "a folder"},
		{"/dev/zero", "a device"},
		{"plain.txt", ""},
	} {
		opens := map[string]func() (*os.File, os.FileInfo, error){
			"Open": func() (*os.File, os.FileInfo, error) {
				p := tt.name
				if !filepath.IsAbs(p) {
					p = filepath.Join(dir, p)
				}
				return Open(p)
			},
		}
		if !filepath.IsAbs(tt.name) {
			opens["OpenIn"] = func() (*os.File, os.FileInfo, error) { return OpenIn(root, tt.name) }
		}
		for how, open := range opens {
			t.Run(how+" "+tt.name, func(t *testing.T) {
				var f *os.File
				var fi os.FileInfo
				var err error
				fifotest.Within(t, how+" of "+tt.name, func() { f, fi, err = open() })
				if tt.kind == "" {
					if err != nil || !fi.Mode().IsRegular() {
						t.Fatalf("%s = %v, %v; want a regular file", how, fi, err)
					}
					f.Close()
					return
				}
				var nr *NotRegularError
				if !errors.As(err, &nr) || nr.Kind != tt.kind {
					t.Fatalf("%s = %v, %v; want a *NotRegularError for %s", how, f, err, tt.kind)
				}
			})
		}
	}
}

// Read stops at the limit, whatever the file says of its size: what it
// takes from a source that never ends is the limit and one byte.
func TestRead_bounded(t *testing.T) {
	endless := &counting{r: zeros{}}
	_, err := Read(endless, 0, 1000) // size 0, as /dev/zero and /proc files report
	var tl *TooLargeError
	if !errors.As(err, &tl) || tl.Limit != 1000 {
		t.Fatalf("Read of an endless source = %v, want a *TooLargeError with limit 1000", err)
	}
	if endless.n != 1001 {
		t.Errorf("Read took %d bytes of an endless source, want 1001", endless.n)
	}

	// A size over the limit is refused before anything is read.
	big := &counting{r: zeros{}}
	if _, err := Read(big, 300<<20, 8<<20); !errors.As(err, &tl) || tl.Size != 300<<20 {
		t.Fatalf("Read of 300 MiB = %v, want a *TooLargeError of 300 MiB", err)
	}
	if big.n != 0 {
		t.Errorf("Read took %d bytes of a file whose size is over the limit, want 0", big.n)
	}

	// Up to the limit, every byte; a size of 0 is read on to the end.
	for _, tt := range []struct{ n, size, limit int64 }{
		{0, 0, 10}, {10, 10, 10}, {5000, 0, 0}, {5000, 5000, 0}, {700, 0, 700}, {100_000, 100_000, 100_000},
	} {
		src := &counting{r: io.LimitReader(zeros{}, tt.n)}
		b, err := Read(src, tt.size, tt.limit)
		if err != nil || int64(len(b)) != tt.n {
			t.Errorf("Read(%d bytes, size %d, limit %d) = %d bytes, %v; want them all", tt.n, tt.size, tt.limit, len(b), err)
		}
	}
	if _, err := Read(&counting{r: io.LimitReader(zeros{}, 11)}, 0, 10); !errors.As(err, &tl) {
		t.Errorf("Read of 11 bytes with limit 10 = %v, want a *TooLargeError", err)
	}
}

// ReadFile of a sparse 300 MiB file with an 8 MiB limit is refused from
// its size; a file within the limit is read whole.
func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.txt")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(300 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	var tl *TooLargeError
	if _, err := ReadFile(big, 8<<20); !errors.As(err, &tl) || tl.Size != 300<<20 {
		t.Errorf("ReadFile(300 MiB, 8 MiB) = %v, want a *TooLargeError", err)
	}
	small := filepath.Join(dir, "small.txt")
	if err := os.WriteFile(small, []byte("Grüße\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if b, err := ReadFile(small, 8<<20); err != nil || string(b) != "Grüße\n" {
		t.Errorf("ReadFile(small) = %q, %v", b, err)
	}
}

func TestTransient(t *testing.T) {
	for _, tt := range []struct {
		err  error
		want bool
	}{
		{&os.PathError{Op: "open", Path: "x", Err: syscall.EMFILE}, true},
		{&os.PathError{Op: "open", Path: "x", Err: syscall.ENFILE}, true},
		{syscall.EINTR, true},
		{&os.PathError{Op: "read", Path: "x", Err: syscall.EAGAIN}, true},
		{&os.PathError{Op: "open", Path: "x", Err: syscall.EACCES}, false},
		{&os.PathError{Op: "open", Path: "x", Err: syscall.ENOENT}, false},
		{errors.New("too many open files"), false}, // text is not parsed
	} {
		if got := Transient(tt.err); got != tt.want {
			t.Errorf("Transient(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
}

// zeros is an endless source of zero bytes.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// counting counts the bytes read through it.
type counting struct {
	r io.Reader
	n int64
}

func (c *counting) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
