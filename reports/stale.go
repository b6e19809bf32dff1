package reports

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// CleanStale removes what writers of earlier runs left in outDir when their
// process died: the hidden temporary report files (.NAME.csv.tmp-*, .report.xlsx.tmp-*) (and the sheets excelize spilled, excelize-*) in its
// run-<id> folders, a run folder that this leaves empty, and temporary latest
// links (.latest.tmp-*). An empty run folder goes too. It returns the paths it removed. Only names this
// package creates are touched: other files, folders named otherwise, and a
// run folder or entry that is a symlink (whose target may lie outside
// outDir) are left alone, and nothing is followed. A missing outDir is no
// error.
//
// It must not run while another writer writes into outDir: the run holds
// the database's lock when it calls it.
func CleanStale(outDir string) ([]string, error) {
	entries, err := os.ReadDir(outDir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("clean stale reports: %w", err)
	}
	var removed []string
	var errs []error
	remove := func(p string) {
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
			return
		}
		removed = append(removed, p)
	}
	for _, e := range entries {
		name := e.Name()
		switch {
		case strings.HasPrefix(name, "."+LatestLink+".tmp-") && e.Type()&fs.ModeSymlink != 0:
			remove(filepath.Join(outDir, name))
		case e.Type().IsDir(): // ReadDir does not follow symlinks: a linked folder is not a dir here
			if _, ok := parseRunDir(name); !ok {
				continue
			}
			dir := filepath.Join(outDir, name)
			files, err := os.ReadDir(dir)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			left := len(files)
			for _, f := range files {
				if isTempReport(f) {
					remove(filepath.Join(dir, f.Name()))
					left--
				}
			}
			if left == 0 {
				remove(dir) // empty, or held only temporary files
			}
		}
	}
	if len(errs) > 0 {
		return removed, fmt.Errorf("clean stale reports: %w", errors.Join(errs...))
	}
	return removed, nil
}

// isTempReport reports whether e, in a run folder, is a temporary report
// file as createCSV and writeBook name it: a regular file
// ".<report>.csv.tmp-<random>", ".report.xlsx.tmp-<random>" or
// ".report.html.tmp-<random>", or a sheet
// excelize spilled to "excelize-<random>" (newWorkbook).
func isTempReport(e fs.DirEntry) bool {
	n := e.Name()
	return e.Type().IsRegular() && (strings.HasPrefix(n, ".") && (strings.Contains(n, ".csv.tmp-") || strings.Contains(n, ".xlsx.tmp-") || strings.Contains(n, ".html.tmp-")) ||
		strings.HasPrefix(n, "excelize-"))
}
