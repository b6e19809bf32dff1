package reports

import (
	"path/filepath"
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
				previous: tt.previous,
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
