//go:build linux

package ingest

import (
	"io/fs"
	"strconv"
	"syscall"
	"time"
)

// fileState is fi's state, taken at now, or "" when it has none to trust
// (see State).
func fileState(fi fs.FileInfo, now time.Time) string {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return ""
	}
	mtime := time.Unix(int64(st.Mtim.Sec), int64(st.Mtim.Nsec))
	ctime := time.Unix(int64(st.Ctim.Sec), int64(st.Ctim.Nsec))
	settled := now.Add(-SettleTime)
	if !mtime.Before(settled) || !ctime.Before(settled) {
		return ""
	}
	b := make([]byte, 0, 96)
	b = strconv.AppendUint(b, uint64(st.Dev), 10)
	b = append(b, ':')
	b = strconv.AppendUint(b, uint64(st.Ino), 10)
	b = append(b, ':')
	b = strconv.AppendInt(b, int64(st.Size), 10)
	b = append(b, ':')
	b = strconv.AppendInt(b, mtime.UnixNano(), 10)
	b = append(b, ':')
	b = strconv.AppendInt(b, ctime.UnixNano(), 10)
	return string(b)
}
