package reports

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"sourcescore"
)

func f64(v float64) *float64 { return &v }

// diffSample has a row of each shape: the rule set, an article that moved
// with the rule behind it, a finding with formula-like evidence, a removed
// article and an outlet.
var diffSample = []DiffRow{
	{Change: "rule_set", Detail: "e5b69c86 -> 1a2b3c4d"},
	{Change: "rule_file_changed", RuleFile: "translation.yaml", Detail: "830e95f1 -> 5b3c2d1e"},
	{Change: "article_moved", ArticleID: "46048996130dd922", File: "000.txt", Outlet: "Báo Dân trí",
		Old: f64(86.1234), New: f64(84.04), Points: f64(-2.0834), OldGrade: "B", NewGrade: "B"},
	{Change: "rule", ArticleID: "46048996130dd922", File: "000.txt", Outlet: "Báo Dân trí", RuleID: "translation.honorific",
		RuleRow: true, Old: f64(0.42712), New: f64(0.42712), Points: f64(-2.0834), OldWeight: f64(2), NewWeight: f64(6.5)},
	{Change: "finding_added", ArticleID: "46048996130dd922", File: "000.txt", Outlet: "Báo Dân trí", RuleID: "sourcing.vague_only",
		Severity: "warning", Evidence: "=HYPERLINK(\"x\")", Line: 3, Column: 14, Detail: "-- Anzeige --"},
	{Change: "article_removed", ArticleID: "8615042d5e45d0e1", File: "004.txt", Outlet: sourcescore.UnknownOutlet,
		Old: f64(88.6), OldGrade: "B"},
	{Change: "outlet_moved", Outlet: "Báo Dân trí", Old: f64(86.1234), New: f64(84.04), Points: f64(-2.0834), OldGrade: "B", NewGrade: "B"},
}

func TestWriteDiff(t *testing.T) {
	tests := []struct {
		name  string
		opt   Options
		comma rune
		want  [][]string
	}{
		{"default", Options{}, ',', [][]string{
			{"run_a", "run_b", "change", "article_id", "file", "outlet", "rule_id", "rule_file", "old_score", "new_score", "points",
				"old_grade", "new_grade", "old_weight", "new_weight", "severity", "evidence", "line", "column", "detail"},
			{"1", "2", "rule_set", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "e5b69c86 -> 1a2b3c4d"},
			{"1", "2", "rule_file_changed", "", "", "", "", "translation.yaml", "", "", "", "", "", "", "", "", "", "", "", "830e95f1 -> 5b3c2d1e"},
			{"1", "2", "article_moved", "46048996130dd922", "000.txt", "Báo Dân trí", "", "", "86.1", "84.0", "-2.1", "B", "B", "", "", "", "", "", "", ""},
			{"1", "2", "rule", "46048996130dd922", "000.txt", "Báo Dân trí", "translation.honorific", "", "0.427", "0.427", "-2.08", "", "", "2", "6.5", "", "", "", "", ""},
			{"1", "2", "finding_added", "46048996130dd922", "000.txt", "Báo Dân trí", "sourcing.vague_only", "", "", "", "", "", "", "", "", "warning", "'=HYPERLINK(\"x\")", "3", "14", "'-- Anzeige --"},
			{"1", "2", "article_removed", "8615042d5e45d0e1", "004.txt", "(unknown)", "", "", "88.6", "", "", "B", "", "", "", "", "", "", "", ""},
			{"1", "2", "outlet_moved", "", "", "Báo Dân trí", "", "", "86.1", "84.0", "-2.1", "B", "B", "", "", "", "", "", "", ""},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "new")
			path, err := WriteDiff(dir, 1, 2, diffSample, tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			if path != filepath.Join(dir, "diff-1-2.csv") {
				t.Errorf("path %s, want %s", path, filepath.Join(dir, "diff-1-2.csv"))
			}
			if diff := cmp.Diff(tt.want, readCSV(t, path, tt.comma)); diff != "" {
				t.Errorf("diff-1-2.csv (-want +got):\n%s", diff)
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != 1 {
				t.Errorf("%d files in the folder, want only the report (no temporary file left)", len(entries))
			}
		})
	}
}

func TestWriteDiff_excel(t *testing.T) {
	path, err := WriteDiff(t.TempDir(), 3, 4, diffSample, Options{Delimiter: ';', BOM: true, DecimalComma: true})
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte(bom+"run_a;run_b;change;")) {
		t.Errorf("no BOM and ';' header: %q", data[:40])
	}
	recs := readCSV(t, path, ';')
	got := map[string][]string{}
	for _, name := range []string{"old_score", "points", "new_weight"} {
		got[name] = column(t, recs, name)
	}
	want := map[string][]string{
		"old_score":  {"", "", "86,1", "0,427", "", "88,6", "86,1"},
		"points":     {"", "", "-2,1", "-2,08", "", "", "-2,1"},
		"new_weight": {"", "", "", "6,5", "", "", ""},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("decimal commas (-want +got):\n%s", diff)
	}
}

func TestWriteDiff_noRows(t *testing.T) {
	path, err := WriteDiff(t.TempDir(), 1, 1, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if recs := readCSV(t, path, ','); len(recs) != 1 || recs[0][0] != "run_a" {
		t.Errorf("an empty diff is %v, want the header alone", recs)
	}
}

func TestWriteDiff_errors(t *testing.T) {
	dir := t.TempDir()
	if _, err := WriteDiff(dir, 1, 2, diffSample, Options{Delimiter: '"'}); !errors.Is(err, sourcescore.ErrConfig) {
		t.Errorf("delimiter '\"': error %v, want ErrConfig", err)
	}
	// A folder where the report goes: the rename fails, nothing is left.
	if err := os.Mkdir(filepath.Join(dir, DiffFile(1, 2)), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := WriteDiff(dir, 1, 2, diffSample, Options{}); err == nil {
		t.Error("WriteDiff over a folder succeeded")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("%d entries left in the folder, want only the folder in the way", len(entries))
	}
	// The previous report survives a failed write.
	prev := t.TempDir()
	path, err := WriteDiff(prev, 1, 2, diffSample[:1], Options{})
	if err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)
	bad := append([]DiffRow{}, diffSample...)
	bad = append(bad, DiffRow{Change: "article_moved", Old: f64(nan())})
	if _, err := WriteDiff(prev, 1, 2, bad, Options{}); err == nil {
		t.Error("a NaN score was written")
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Error("a failed write changed the previous report")
	}
	if entries, _ := os.ReadDir(prev); len(entries) != 1 {
		t.Errorf("%d entries after a failed write, want the previous report alone", len(entries))
	}
}

func nan() float64 { z := 0.0; return z / z }
