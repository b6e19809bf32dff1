package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestReport(t *testing.T) {
	db, out := threeRuns(t)
	for _, id := range []string{"1", "2", "3"} {
		again := t.TempDir()
		code, stdout, stderr := run(t, "report", "--run", id, "--db", db, "--out", again)
		if code != exitOK || !strings.Contains(stdout, "reports written to "+filepath.Join(again, "run-"+id)) {
			t.Fatalf("report --run %s: exit %d\n%s%s", id, code, stdout, stderr)
		}
		// The files the run wrote, byte for byte. threeRuns changed
		// 002's file before run 3: report.html of runs 1 and 2 says that it
		// cannot show that text any more, and is otherwise the same.
		want, got := reportsIn(t, filepath.Join(out, "run-"+id)), reportsIn(t, filepath.Join(again, "run-"+id))
		if id != "3" {
			textGone(t, want, got)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("run %s written again (-run +report):\n%s", id, diff)
		}
	}

	// The latest run by default, with spreadsheet options.
	again := t.TempDir()
	code, stdout, stderr := run(t, "report", "--db", db, "--out", again, "--csv-delimiter", ";", "--csv-bom")
	if code != exitOK || !strings.HasPrefix(stdout, "Run 3 ") {
		t.Fatalf("report: exit %d\n%s%s", code, stdout, stderr)
	}
	b, err := os.ReadFile(filepath.Join(again, "run-3", "outlet_scores.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(b), "\xEF\xBB\xBFrun_id;outlet;story;articles;not_scored;score;grade;previous_score;delta;rule_set_changed\n") || !strings.Contains(string(b), ";58,6;") {
		t.Errorf("outlet_scores.csv for Excel:\n%s", b)
	}

	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"report", "--db", db, "--run", "9"}, "run 9 is not in " + db},
		{[]string{"report", "--db", db, "--run", "-2"}, "--run -2"},
		{[]string{"report", "--db", db, "--trend-runs", "0"}, "--trend-runs 0"},
		{[]string{"report", "--db", db, "--csv-delimiter", "|"}, `--csv-delimiter "|"`},
		{[]string{"report", "--db", db, "3"}, "report takes no arguments"},
	} {
		code, _, stderr := run(t, tt.args...)
		if code != exitUsage || !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: exit %d, stderr:\n%s\nwant 2 and %q", tt.args, code, stderr, tt.want)
		}
	}
}

// textGone checks that report.html written again from the database says
// that it cannot show a text whose file changed since the run, where the
// run's own report.html showed it, and takes both out of the comparison.
func textGone(t *testing.T, want, got map[string]string) {
	t.Helper()
	const note = "The text is not shown: the file has changed since the run (its SHA-256 differs)"
	if strings.Contains(want["report.html"], note) || !strings.Contains(got["report.html"], note) {
		t.Errorf("report.html: the run's says %q: %v; the one written again: %v", note,
			strings.Contains(want["report.html"], note), strings.Contains(got["report.html"], note))
	}
	delete(want, "report.html")
	delete(got, "report.html")
}

// reportsIn reads every CSV file of a run folder, and its report.html.
func reportsIn(t testing.TB, dir string) map[string]string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.csv"))
	if err != nil || len(files) != 7 {
		t.Fatalf("%s holds %d CSV files (%v), want 7", dir, len(files), err)
	}
	m := map[string]string{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		m[filepath.Base(f)] = string(b)
	}
	b, err := os.ReadFile(filepath.Join(dir, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	m["report.html"] = string(b)
	return m
}
