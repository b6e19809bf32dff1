package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"sourcescore"
	"sourcescore/reports"
	"sourcescore/store"
)

// checker checks what a run leaves behind against what the reports package
// writes: the file names and headers are taken from a report folder of an
// empty run written by reports.RunWriter itself, so they follow the package.
type checker struct {
	headers  map[string][]string // CSV report file name → its header row
	workbook bool                // the folder holds reports.WorkbookFile too
}

// newChecker writes the report folder of an empty run into a temporary
// folder and keeps each file's header.
func newChecker() (*checker, error) {
	tmp, err := os.MkdirTemp("", "faults-headers-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	w, err := reports.NewRunWriter(tmp, 1, reports.Options{})
	if err != nil {
		return nil, err
	}
	dir, err := w.Commit()
	if err != nil {
		return nil, err
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	c := &checker{headers: map[string][]string{}}
	for _, e := range entries {
		if e.Name() == reports.WorkbookFile {
			c.workbook = true
			continue
		}
		if !strings.HasSuffix(e.Name(), ".csv") {
			continue // report.html: a page, not a table
		}
		recs, err := readCSV(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		if len(recs) != 1 {
			return nil, fmt.Errorf("%s of an empty run has %d rows, want its header only", e.Name(), len(recs))
		}
		c.headers[e.Name()] = recs[0]
	}
	if len(c.headers) == 0 {
		return nil, fmt.Errorf("an empty run's report folder %s holds no file", dir)
	}
	return c, nil
}

// readCSV parses a whole CSV file; every row must have as many fields as
// the first.
func readCSV(path string) ([][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	recs, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return recs, nil
}

// checkFolder returns what is wrong with the report folder of run id: a
// file missing, not parsing as CSV, with another header, or with a row of
// another run, or a workbook missing, cut or of another run.
func (c *checker) checkFolder(dir string, id int64) []string {
	var problems []string
	if c.workbook {
		if err := reports.CheckWorkbook(filepath.Join(dir, reports.WorkbookFile), id); err != nil {
			problems = append(problems, fmt.Sprintf("run %d: %v", id, err))
		}
	}
	names := make([]string, 0, len(c.headers))
	for name := range c.headers {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		want := c.headers[name]
		recs, err := readCSV(filepath.Join(dir, name))
		if err != nil {
			problems = append(problems, fmt.Sprintf("run %d: %v", id, err))
			continue
		}
		if len(recs) == 0 || !slices.Equal(recs[0], want) {
			got := []string(nil)
			if len(recs) > 0 {
				got = recs[0]
			}
			problems = append(problems, fmt.Sprintf("run %d: %s: header %q, want %q", id, name, got, want))
			continue
		}
		if want[0] != "run_id" {
			continue
		}
		for i, rec := range recs[1:] {
			if rec[0] != strconv.FormatInt(id, 10) {
				problems = append(problems, fmt.Sprintf("run %d: %s: row %d is of run %q", id, name, i+2, rec[0]))
				break
			}
		}
	}
	return problems
}

// checkOut returns what breaks the invariants of a database and its output
// folder once a run has repaired them: every succeeded run has a complete
// report folder and is recorded as written, latest points at the newest
// succeeded run's folder, and no temporary report file or latest link is
// left under out.
func (c *checker) checkOut(ctx context.Context, dbPath, out string) ([]string, error) {
	db, err := store.OpenReadOnly(ctx, dbPath)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	runs, err := db.Runs(ctx, 0)
	if err != nil {
		return nil, err
	}
	pending, err := db.RunsWithoutReports(ctx)
	if err != nil {
		return nil, err
	}
	var problems []string
	for _, id := range pending {
		problems = append(problems, fmt.Sprintf("run %d: reports not recorded as written after the repair run", id))
	}
	var newest int64
	for _, r := range runs {
		if r.Status != sourcescore.RunSucceeded {
			continue
		}
		newest = max(newest, r.ID)
		problems = append(problems, c.checkFolder(reports.Dir(out, r.ID), r.ID)...)
	}
	if newest == 0 {
		problems = append(problems, "no succeeded run in the database")
	} else if target, err := os.Readlink(filepath.Join(out, reports.LatestLink)); err != nil {
		problems = append(problems, fmt.Sprintf("latest: %v", err))
	} else if want := filepath.Base(reports.Dir(out, newest)); target != want {
		problems = append(problems, fmt.Sprintf("latest points at %q, want %q (the newest succeeded run)", target, want))
	}
	stale, err := tempFiles(out)
	if err != nil {
		return nil, err
	}
	for _, p := range stale {
		problems = append(problems, "temporary file left: "+p)
	}
	return problems, nil
}

// tempFiles lists the temporary report files (CSV and workbook) and latest
// links under out.
func tempFiles(out string) ([]string, error) {
	var found []string
	err := filepath.WalkDir(out, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		n := d.Name()
		if strings.Contains(n, ".csv.tmp-") || strings.Contains(n, ".xlsx.tmp-") || strings.HasPrefix(n, "."+reports.LatestLink+".tmp-") {
			found = append(found, path)
		}
		return nil
	})
	return found, err
}
