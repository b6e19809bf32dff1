package rules

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestGate_SameMatchesAsUngated: gating changes speed, never results.
func TestGate_SameMatchesAsUngated(t *testing.T) {
	set := builtin(t)
	for _, text := range seedArticles(t) {
		a := article(string(text), "de", "2024-10-25", "")
		gated := set.Apply(a)
		saved := set.eng
		set.eng = saved.WithoutGate() // every regex on the whole body
		whole := set.Apply(a)
		set.eng = saved
		if diff := cmp.Diff(whole.Findings, gated.Findings); diff != "" {
			t.Errorf("gated findings differ (-whole +gated):\n%s", diff)
		}
	}
}
