package engine

import (
	"math/rand/v2"
	"slices"
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
		text  string
		want  []bool
		lines [][]int
	}{
		{"ein text ohne werbung.", []bool{false, true, false}, [][]int{nil, nil, nil}},
		{"jetzt abonnieren sie unseren dienst", []bool{true, true, false}, [][]int{{0}, nil, nil}},
		{"start | region | sport", []bool{false, true, true}, [][]int{nil, nil, {0}}},
		{"", []bool{false, true, false}, [][]int{nil, nil, nil}},
		// The lines, each once, in order, whichever literal stands there.
		{"text\nnewsletter | a\n\nabonnieren sie den newsletter\n| x | y", []bool{true, true, true}, [][]int{{1, 3}, nil, {1, 4}}},
	} {
		may, lines := make([]bool, len(rules)), make([][]int, len(rules))
		may[0], lines[1] = true, []int{7} // stale: the gate sets every entry
		gate(c.text, may, lines)
		for i := range may {
			if may[i] != c.want[i] || !slices.Equal(lines[i], c.lines[i]) {
				t.Errorf("%q: rule %q may cut = %v on lines %v, want %v on %v", c.text, rules[i].Name, may[i], lines[i], c.want[i], c.lines[i])
			}
		}
	}
	if BoilerplateGate(nil) != nil {
		t.Error("no rules: want no gate")
	}
}
