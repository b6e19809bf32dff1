package engine

import (
	"math/rand/v2"
	"strings"
	"testing"

	"sourcescore"
)

// TestLiteralSet_Present: Present reports exactly the literals
// strings.Contains finds, overlapping and nested ones included, on random
// texts over a small alphabet (where literals occur often and overlap).
func TestLiteralSet_Present(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	word := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteByte("ab |ä"[rng.IntN(5)])
		}
		return b.String()
	}
	for trial := range 500 {
		lits := make([]string, 1+rng.IntN(8))
		for i := range lits {
			lits[i] = word(1 + rng.IntN(5))
		}
		set := NewLiteralSet(lits)
		if set == nil {
			t.Fatalf("trial %d: no set for %q", trial, lits)
		}
		text := word(rng.IntN(200))
		got := make([]bool, len(lits))
		set.Present(text, got)
		for i, l := range lits {
			if want := strings.Contains(text, l); got[i] != want {
				t.Fatalf("trial %d: literal %q in %q: got %v, want %v", trial, l, text, got[i], want)
			}
		}
	}
}

func TestNewLiteralSet_none(t *testing.T) {
	if NewLiteralSet(nil) != nil {
		t.Error("a set of no literals: want nil")
	}
	if NewLiteralSet([]string{"a", ""}) != nil {
		t.Error("an empty literal occurs everywhere: want nil (the caller searches)")
	}
}

// TestBoilerplateGate: a rule may cut when one of its literals occurs in
// the text, and always when its filter has none.
func TestBoilerplateGate(t *testing.T) {
	rules := []sourcescore.CutRule{
		{Name: "newsletter", StartFilter: sourcescore.LineFilter{Literals: []string{"newsletter", "abonnieren sie"}}},
		{Name: "no literal", StartFilter: sourcescore.LineFilter{MaxLen: 20}},
		{Name: "menu", StartFilter: sourcescore.LineFilter{Literals: []string{"|"}}},
	}
	gate := BoilerplateGate(rules)
	if gate == nil {
		t.Fatal("no gate")
	}
	for _, c := range []struct {
		text string
		want []bool
	}{
		{"ein text ohne werbung.", []bool{false, true, false}},
		{"jetzt abonnieren sie unseren dienst", []bool{true, true, false}},
		{"start | region | sport", []bool{false, true, true}},
		{"", []bool{false, true, false}},
	} {
		may := make([]bool, len(rules))
		may[0] = true // stale: the gate sets every entry
		gate(c.text, may)
		for i := range may {
			if may[i] != c.want[i] {
				t.Errorf("%q: rule %q may cut = %v, want %v", c.text, rules[i].Name, may[i], c.want[i])
			}
		}
	}
	if BoilerplateGate(nil) != nil {
		t.Error("no rules: want no gate")
	}
}
