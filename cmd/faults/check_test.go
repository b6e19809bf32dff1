package main

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sourcescore/job"
	"sourcescore/reports"
	"sourcescore/rules"
)

// goodFolder writes a complete report folder of run id with the checker's
// headers and one row of that run in each file.
func goodFolder(t *testing.T, c *checker, out string, id int64) string {
	t.Helper()
	dir := reports.Dir(out, id)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if !c.workbook {
		t.Fatal("the checker expects no workbook in a report folder")
	}
	w, err := reports.NewRunWriter(t.TempDir(), id, reports.Options{})
	if err != nil {
		t.Fatal(err)
	}
	written, err := w.Commit()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(written, reports.WorkbookFile), filepath.Join(dir, reports.WorkbookFile)); err != nil {
		t.Fatal(err)
	}
	for name, header := range c.headers {
		row := make([]string, len(header))
		row[0] = "7"
		data := strings.Join(header, ",") + "\n" + strings.Join(row, ",") + "\n"
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestCheckFolder(t *testing.T) {
	c, err := newChecker()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{reports.ArticleScoresFile, reports.FindingsFile, reports.OutletScoresFile,
		reports.RuleScoresFile, reports.SkippedFile, reports.TrendFile} {
		if len(c.headers[name]) == 0 || c.headers[name][0] != "run_id" {
			t.Errorf("%s: header %q; want one that starts with run_id", name, c.headers[name])
		}
	}
	out := t.TempDir()
	dir := goodFolder(t, c, out, 7)
	if p := c.checkFolder(dir, 7); len(p) != 0 {
		t.Fatalf("a complete folder: %q; want no problem", p)
	}

	broken := map[string]func(dir string) error{
		"a file missing": func(dir string) error { return os.Remove(filepath.Join(dir, reports.FindingsFile)) },
		"only a temporary file": func(dir string) error {
			return os.Rename(filepath.Join(dir, reports.TrendFile), filepath.Join(dir, "."+reports.TrendFile+".tmp-1"))
		},
		"an empty file": func(dir string) error { return os.WriteFile(filepath.Join(dir, reports.SkippedFile), nil, 0o644) },
		"no workbook":   func(dir string) error { return os.Remove(filepath.Join(dir, reports.WorkbookFile)) },
		"a cut workbook": func(dir string) error {
			return os.Truncate(filepath.Join(dir, reports.WorkbookFile), 100)
		},
		"only a temporary workbook": func(dir string) error {
			return os.Rename(filepath.Join(dir, reports.WorkbookFile), filepath.Join(dir, "."+reports.WorkbookFile+".tmp-1"))
		},
		"a cut row": func(dir string) error {
			return os.WriteFile(filepath.Join(dir, reports.OutletScoresFile), []byte("run_id,outlet\n7,\"Nord"), 0o644)
		},
		"another header": func(dir string) error {
			return os.WriteFile(filepath.Join(dir, reports.ArticleScoresFile), []byte("run_id,x\n7,1\n"), 0o644)
		},
		"a row of another run": func(dir string) error {
			f, err := os.OpenFile(filepath.Join(dir, reports.RuleScoresFile), os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				return err
			}
			defer f.Close()
			_, err = f.WriteString("6" + strings.Repeat(",", len(c.headers[reports.RuleScoresFile])-1) + "\n")
			return err
		},
	}
	for what, breakIt := range broken {
		dir := goodFolder(t, c, t.TempDir(), 7)
		if err := breakIt(dir); err != nil {
			t.Fatal(err)
		}
		if p := c.checkFolder(dir, 7); len(p) == 0 {
			t.Errorf("%s: no problem found", what)
		}
	}
}

func TestTempFiles(t *testing.T) {
	out := t.TempDir()
	dir := reports.Dir(out, 3)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{filepath.Join(dir, reports.FindingsFile), filepath.Join(dir, "."+reports.FindingsFile+".tmp-abc"),
		filepath.Join(out, ".latest.tmp-xyz"), filepath.Join(dir, reports.WorkbookFile), filepath.Join(dir, "."+reports.WorkbookFile+".tmp-1")} {
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := tempFiles(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Errorf("temporary files: %q; want the .tmp- report files and latest link", got)
	}
}

// checkOut on a database with no run must not pass: it needs a succeeded
// run, and on a missing database it fails.
func TestCheckOut_NoDatabase(t *testing.T) {
	c, err := newChecker()
	if err != nil {
		t.Fatal(err)
	}
	if p, err := c.checkOut(context.Background(), filepath.Join(t.TempDir(), "none.db"), t.TempDir()); err == nil && len(p) == 0 {
		t.Error("a missing database passed the check")
	}
}

// checkOut passes on what a real run leaves, and fails once its folder
// loses a file, latest points elsewhere or a temporary file is left.
func TestCheckOut_RealRun(t *testing.T) {
	c, err := newChecker()
	if err != nil {
		t.Fatal(err)
	}
	set, err := rules.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	run := func() (string, string) {
		tmp := t.TempDir()
		cfg := job.Config{Input: filepath.Join("..", "..", "seeds"), DB: filepath.Join(tmp, "s.db"), Out: filepath.Join(tmp, "out"),
			Workers: 2, Log: slog.New(slog.DiscardHandler)}
		for range 2 {
			if _, err := job.Run(context.Background(), cfg, set); err != nil {
				t.Fatal(err)
			}
		}
		return cfg.DB, cfg.Out
	}
	ctx := context.Background()
	db, out := run()
	if p, err := c.checkOut(ctx, db, out); err != nil || len(p) != 0 {
		t.Fatalf("after two real runs: %q, %v; want no problem", p, err)
	}
	broken := map[string]func(out string) error{
		"run 1 lost a file": func(out string) error { return os.Remove(filepath.Join(reports.Dir(out, 1), reports.TrendFile)) },
		"latest on run 1": func(out string) error {
			link := filepath.Join(out, reports.LatestLink)
			if err := os.Remove(link); err != nil {
				return err
			}
			return os.Symlink("run-1", link)
		},
		"a temporary file": func(out string) error {
			return os.WriteFile(filepath.Join(reports.Dir(out, 2), "."+reports.FindingsFile+".tmp-x"), nil, 0o600)
		},
	}
	for what, breakIt := range broken {
		db, out := run()
		if err := breakIt(out); err != nil {
			t.Fatal(err)
		}
		if p, err := c.checkOut(ctx, db, out); err == nil && len(p) == 0 {
			t.Errorf("%s: no problem found", what)
		}
	}
}
