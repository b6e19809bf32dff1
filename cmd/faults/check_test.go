package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sourcescore/reports"
)

// goodFolder writes a complete report folder of run id with the checker's
// headers and one row of that run in each file.
func goodFolder(t *testing.T, c *checker, out string, id int64) string {
	t.Helper()
	dir := reports.Dir(out, id)
	if err := os.MkdirAll(dir, 0o755); err != nil {
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
		filepath.Join(out, ".latest.tmp-xyz")} {
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := tempFiles(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Errorf("temporary files: %q; want the .tmp- report file and latest link", got)
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
