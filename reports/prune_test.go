package reports

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestPruneRuns(t *testing.T) {
	tests := []struct {
		name    string
		runs    []int64
		latest  string // target of latest; "" for none
		keep    int
		removed []int64
	}{
		{"keep newest two", []int64{1, 2, 3, 4, 5}, "run-5", 2, []int64{1, 2, 3}},
		{"by id, not by name order", []int64{9, 10, 100, 2}, "run-100", 1, []int64{2, 9, 10}},
		{"never the one latest points at", []int64{1, 2, 3, 4, 5}, "run-2", 2, []int64{1, 3}},
		{"no latest", []int64{1, 2, 3}, "", 1, []int64{1, 2}},
		{"keep zero keeps all", []int64{1, 2, 3}, "run-3", 0, nil},
		{"keep negative keeps all", []int64{1, 2, 3}, "run-3", -1, nil},
		{"keep more than there are", []int64{1, 2}, "run-2", 5, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := t.TempDir()
			for _, id := range tt.runs {
				if err := os.MkdirAll(Dir(out, id), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(Dir(out, id), SkippedFile), []byte("run_id,file,reason\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			// Entries that are not run folders are never touched.
			others := []string{"notes", "run-x", "run-07", "run-0"}
			for _, name := range others {
				if err := os.Mkdir(filepath.Join(out, name), 0o755); err != nil {
					t.Fatal(err)
				}
			}
			if err := os.WriteFile(filepath.Join(out, "run-1.csv"), nil, 0o644); err != nil {
				t.Fatal(err)
			}
			if tt.latest != "" {
				if err := os.Symlink(tt.latest, filepath.Join(out, LatestLink)); err != nil {
					t.Fatal(err)
				}
			}

			got, err := PruneRuns(out, tt.keep)
			if err != nil {
				t.Fatalf("PruneRuns: %v", err)
			}
			var want []string
			for _, id := range tt.removed {
				want = append(want, Dir(out, id))
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("removed (-want +got):\n%s", diff)
			}
			for _, dir := range want {
				if _, err := os.Stat(dir); !os.IsNotExist(err) {
					t.Errorf("%s still there", dir)
				}
			}
			for _, name := range append(others, "run-1.csv") {
				if _, err := os.Stat(filepath.Join(out, name)); err != nil {
					t.Errorf("%s was touched: %v", name, err)
				}
			}
			if tt.latest != "" {
				if _, err := os.Stat(filepath.Join(out, LatestLink, SkippedFile)); err != nil {
					t.Errorf("latest no longer resolves: %v", err)
				}
			}
		})
	}
}

func TestPruneRuns_committed(t *testing.T) {
	out := t.TempDir()
	for id := int64(1); id <= 4; id++ {
		writeRun(t, out, id, Options{}, newSample())
	}
	got, err := PruneRuns(out, 2)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{Dir(out, 1), Dir(out, 2)}, got); diff != "" {
		t.Errorf("removed (-want +got):\n%s", diff)
	}
	if got := readLatest(t, out); got != "run-4" {
		t.Errorf("latest -> %q, want run-4", got)
	}
}
