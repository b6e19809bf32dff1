package reports

import (
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"

	"sourcescore"
)

func TestRunWriter_AddOutlets_previous(t *testing.T) {
	tests := []struct {
		name      string
		opt       Options
		score     float64
		previous  map[string]float64
		wantPrev  string
		wantDelta string
	}{
		{"first run of the outlet", Options{}, 73.44, nil, "", ""},
		{"other outlets only", Options{}, 73.44, map[string]float64{"Bote": 50}, "", ""},
		{"unchanged", Options{}, 73.44, map[string]float64{"taz": 73.44}, "73.4", "0.0"},
		{"up", Options{}, 80, map[string]float64{"taz": 73.44}, "73.4", "6.6"},
		{"down", Options{}, 60.5, map[string]float64{"taz": 73.44}, "73.4", "-12.9"},
		{"change hidden by rounding shows none", Options{}, 73.44, map[string]float64{"taz": 73.41}, "73.4", "0.0"},
		{"change made by rounding shows", Options{}, 73.46, map[string]float64{"taz": 73.44}, "73.4", "0.1"},
		{"tiny drop is no negative zero", Options{}, 73.43, map[string]float64{"taz": 73.44}, "73.4", "0.0"},
		{"previous zero", Options{}, 12.3, map[string]float64{"taz": 0}, "0.0", "12.3"},
		{"decimal comma", Options{Delimiter: ';', DecimalComma: true}, 60.5, map[string]float64{"taz": 73.44}, "73,4", "-12,9"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := sample{
				outlets:  []sourcescore.OutletScore{{Outlet: "taz", Articles: 1, Score: tt.score, Grade: "B"}},
				previous: map[string]Previous{},
			}
			for name, v := range tt.previous {
				s.previous[name] = Previous{Score: v}
			}
			dir := writeRun(t, t.TempDir(), 2, tt.opt, s)
			comma := tt.opt.Delimiter
			if comma == 0 {
				comma = ','
			}
			recs := readCSV(t, filepath.Join(dir, OutletScoresFile), comma)
			got := []string{column(t, recs, "previous_score")[0], column(t, recs, "delta")[0]}
			if diff := cmp.Diff([]string{tt.wantPrev, tt.wantDelta}, got); diff != "" {
				t.Errorf("previous_score, delta (-want +got):\n%s", diff)
			}
		})
	}
}

// TestRunWriter_AddOutlets_ruleSetChanged: a delta from a score of
// another rule set is marked, one of the same rule set is marked as such,
// and without a previous score the cell is empty.
func TestRunWriter_AddOutlets_ruleSetChanged(t *testing.T) {
	s := sample{
		outlets: []sourcescore.OutletScore{
			{Outlet: "Anzeiger", Articles: 1, Score: 60, Grade: "C"},
			{Outlet: "Bote", Articles: 1, Score: 62.1, Grade: "C"},
			{Outlet: "Chronik", Articles: 1, Score: 70, Grade: "B"},
			{Outlet: "Chronik", Story: "wahl", Articles: 1, Score: 70, Grade: "B"},
		},
		previous: map[string]Previous{"Anzeiger": {Score: 60}, "Bote": {Score: 60, RuleSetChanged: true}, "Chronik": {Score: 70, RuleSetChanged: true}},
	}
	dir := writeRun(t, t.TempDir(), 2, Options{}, s)
	recs := readCSV(t, filepath.Join(dir, OutletScoresFile), ',')
	want := map[string][]string{
		"delta":            {"0.0", "2.1", "0.0", ""},
		"rule_set_changed": {"no", "yes", "yes", ""},
	}
	for col, w := range want {
		if diff := cmp.Diff(w, column(t, recs, col)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", col, diff)
		}
	}
}

// TestNewRunWriter_staleTempFiles: the temporary files a killed writer of
// the same run left are removed; other files are not.
func TestNewRunWriter_staleTempFiles(t *testing.T) {
	out := t.TempDir()
	dir := Dir(out, 4)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{".findings.csv.tmp-123", ".trend.csv.tmp-9", "notes.txt"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	writeRun(t, out, 4, Options{}, newSample())
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	want := append(append([]string(nil), allOutputs...), "notes.txt")
	sort.Strings(want)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("run folder (-want +got):\n%s", diff)
	}
}
