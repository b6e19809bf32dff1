//go:build testhooks

package job

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// hold, in a binary built with -tags testhooks only, waits before a worker
// reads the article file of the input folder while a named pipe FILE.hold
// lies beside it: it reads the pipe to its end (the open waits for a
// writer). The process tests use it to hold a run in the middle of its
// articles, every article before it written into the run's transaction,
// until they let it go on. The run also calls it with its output folder
// and "committed" (after the database commit, before the report files get
// their final names) and "renamed" (after the report folder is in place
// and latest moved, before the reports are recorded as written): a named
// pipe <out>/committed.hold or <out>/renamed.hold holds it there. (Articles that are named pipes are skipped
// without a wait, so they cannot serve; production builds have no hold,
// see hold.go.)
func hold(input, file string) {
	p := filepath.Join(input, filepath.FromSlash(file)) + ".hold"
	fi, err := os.Lstat(p)
	if err != nil || fi.Mode()&fs.ModeNamedPipe == 0 {
		return
	}
	f, err := os.Open(p)
	if err != nil {
		return
	}
	io.Copy(io.Discard, f)
	f.Close()
}
