package ingest

import (
	"io/fs"
	"time"
)

// A file's state is what a later run compares to know, without reading
// the file, that its bytes are the ones an earlier run read: the device
// and inode it was read through, its size, and the times of its last
// change of content (mtime) and of anything about it (ctime), to the
// nanosecond. Writing to a file changes its mtime and ctime; replacing it
// (an editor's save, a rename over it) changes its inode; setting its
// mtime back (touch -d, cp -p, tar, rsync -t) changes its ctime, which
// nothing but the system's clock can set. So an unchanged state means
// unchanged bytes, as git's index and rsync's quick check take it.
//
// The times are the file system's clock at its own granularity (a tick of
// the kernel's coarse clock; two seconds on FAT), so a file written again
// within the same tick as the state was taken would keep it. A state is
// therefore only taken when both times lie more than SettleTime before
// the moment it is taken: a file changed moments before it is read has no
// state, and the next run reads it and compares its hash, as it does
// where no state can be taken (another system, a .jsonl line).

// SettleTime is how long a file must be left alone before its state is
// trusted: longer than any file system's time granularity (FAT's is two
// seconds).
const SettleTime = 3 * time.Second

// State returns file's state (see above) as the next run will compare it,
// or "" when none can be trusted: a .jsonl line, a file changed within
// SettleTime, a file larger than the article size limit (it is not to be
// read, and the reader says why), one that cannot be opened (the reader
// says why), or a system without inode and change times. It opens the
// file and does not read it.
func (s *Source) State(file string) string {
	if _, ok := s.lines[file]; ok {
		return ""
	}
	f, fi, err := s.openArticle(file)
	if err != nil {
		return ""
	}
	defer f.Close()
	return s.stateOf(fi)
}

// stateOf is the state of an opened file whose fstat is fi.
func (s *Source) stateOf(fi fs.FileInfo) string {
	if fi.Size() > s.lim.ArticleBytes {
		return ""
	}
	return fileState(fi, time.Now())
}
