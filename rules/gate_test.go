package rules

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestRequiredLiterals(t *testing.T) {
	tests := map[string][]string{
		`(?i:laut|gemäß) (?P<source>[^.]{2,120})`:     {"gemäß ", "laut "},
		`(?P<s>(?:\p{L}+ ){1,5})(?:said|says|told)\b`: {"said", "says", "told"},
		`\b(Herr|Herrn|Frau)\s+\p{Lu}\p{L}+`:          {"frau", "herr", "herrn"},
		`\b(wies|weist)\b[^.!?]{0,80}\bzurück\b`:      {"zurück"},
		`\p{L}*[ăđ]\p{L}*`:                            {"ă", "đ"},
		`[0-9]+ Euro`:                                 {" euro"},
		`ab|c`:                                        nil,
		`x{0,3}`:                                      nil,
	}
	for expr, want := range tests {
		if diff := cmp.Diff(want, requiredLiterals(expr)); diff != "" {
			t.Errorf("requiredLiterals(%q) (-want +got):\n%s", expr, diff)
		}
	}
}

// TestGate_SameMatchesAsUngated: gating changes speed, never results.
func TestGate_SameMatchesAsUngated(t *testing.T) {
	set := builtin(t)
	for _, text := range seedArticles(t) {
		a := article(string(text), "de", "2024-10-25", "")
		gated := set.Apply(a)
		saved := set.gate
		set.gate = nil // every regex on the whole body
		whole := set.Apply(a)
		set.gate = saved
		if diff := cmp.Diff(whole.Findings, gated.Findings); diff != "" {
			t.Errorf("gated findings differ (-whole +gated):\n%s", diff)
		}
	}
}
