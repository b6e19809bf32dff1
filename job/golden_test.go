package job

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/ from this run")

// TestRun_SeedsGolden compares the reports of a run over seeds/ with
// testdata/seeds/*.golden, byte for byte. A change of rules or engine that
// moves any score or finding shows here as a diff; when it is intended, run
// `go test ./job/ -run Golden -update` and review the diff in git.
// trend.csv's rule_set, the hash of the whole rule set, is written as
// <rule set>: it changes with any byte of any rule file, a comment too, which
// no score shows.
func TestRun_SeedsGolden(t *testing.T) {
	sum, cfg := runSeeds(t, copySeeds(t), 2)
	if len(sum.Run.RuleSetHash) != 64 {
		t.Fatalf("rule set hash %q", sum.Run.RuleSetHash)
	}
	for _, name := range []string{"article_scores.csv", "rule_scores.csv", "findings.csv", "outlet_scores.csv", "skipped.csv", "trend.csv", "story_comparison.csv"} {
		got, err := os.ReadFile(filepath.Join(cfg.Out, "latest", name))
		if err != nil {
			t.Fatal(err)
		}
		got = bytes.ReplaceAll(got, []byte(","+sum.Run.RuleSetHash+","), []byte(",<rule set>,"))
		golden := filepath.Join("testdata", "seeds", name+".golden")
		if *update {
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run with -update to create it)", err)
		}
		if diff := cmp.Diff(string(want), string(got)); diff != "" {
			t.Errorf("%s differs from %s (-want +got):\n%s", name, golden, diff)
		}
	}
}
