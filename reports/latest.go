package reports

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// parseRunDir returns the id of a run folder name "run-<id>", or false.
// Only the canonical spelling counts ("run-7", not "run-07").
func parseRunDir(name string) (int64, bool) {
	s, ok := strings.CutPrefix(name, "run-")
	if !ok {
		return 0, false
	}
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id < 1 || strconv.FormatInt(id, 10) != s {
		return 0, false
	}
	return id, true
}

// latestRun returns the run latest points at, if it is a symlink to a run
// folder of outDir.
func latestRun(outDir string) (int64, bool) {
	target, err := os.Readlink(filepath.Join(outDir, LatestLink))
	if err != nil || filepath.Base(target) != target {
		return 0, false
	}
	return parseRunDir(target)
}

// pointLatest points outDir/latest at run-<id> with a relative symlink,
// unless it already points at an existing run folder with a higher id. The
// link is replaced atomically: a temporary symlink is renamed over it.
// Nothing is followed: symlink(2) fails on a name that exists (a symlink
// planted there included: another random name is tried) and rename(2)
// replaces the link latest itself, never its target.
func pointLatest(outDir string, runID int64) error {
	if cur, ok := latestRun(outDir); ok && cur > runID {
		// Lstat: a symlink planted as that run folder holds nothing back.
		if fi, err := os.Lstat(Dir(outDir, cur)); err == nil && fi.IsDir() {
			return nil
		}
	}
	link := filepath.Join(outDir, LatestLink)
	target := runDirName(runID)
	var tmp string
	for tries := 0; ; tries++ {
		tmp = filepath.Join(outDir, "."+LatestLink+".tmp-"+strconv.FormatUint(rand.Uint64(), 36))
		err := os.Symlink(target, tmp)
		if err == nil {
			break
		}
		if !errors.Is(err, os.ErrExist) || tries == 100 {
			return fmt.Errorf("point latest at %s: %w", target, err)
		}
	}
	if err := os.Rename(tmp, link); err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("point latest at %s: %w", target, err)
	}
	if err := syncDir(outDir); err != nil {
		return fmt.Errorf("sync output folder: %w", err)
	}
	return nil
}

// syncDir fsyncs a folder, so that renames in it survive a crash.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	if err := d.Sync(); err != nil {
		_ = d.Close()
		return err
	}
	return d.Close()
}

// PruneRuns removes all run-<id> folders of outDir but the newest keep of
// them by id, and never the one latest points at. It returns the folders it
// removed, oldest first (also those removed before an error). keep <= 0
// keeps every run. Other entries of outDir are left alone.
func PruneRuns(outDir string, keep int) ([]string, error) {
	if keep <= 0 {
		return nil, nil
	}
	entries, err := os.ReadDir(outDir)
	if err != nil {
		return nil, fmt.Errorf("prune runs: %w", err)
	}
	var ids []int64
	for _, e := range entries {
		if id, ok := parseRunDir(e.Name()); ok && e.IsDir() {
			ids = append(ids, id)
		}
	}
	if len(ids) <= keep {
		return nil, nil
	}
	slices.Sort(ids)
	latest, hasLatest := latestRun(outDir)
	var removed []string
	for _, id := range ids[:len(ids)-keep] {
		if hasLatest && id == latest {
			continue
		}
		dir := Dir(outDir, id)
		if err := os.RemoveAll(dir); err != nil {
			return removed, fmt.Errorf("prune runs: remove %s: %w", dir, err)
		}
		removed = append(removed, dir)
	}
	return removed, nil
}
