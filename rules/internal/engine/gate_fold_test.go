package engine

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func TestFoldNeeds(t *testing.T) {
	for _, c := range []struct {
		expr     string
		skipHead bool
		want     [][]string
		odd      string
	}{
		// The part after the head, matched regardless of case; its k
		// folds to the Kelvin sign, which keeps its own lower case.
		{`(?i)\b(?:wies|nannte)\b(?:[^.!?]|\d\.){0,80}\bzurück\b`, true, [][]string{{"zurück"}}, "\u212a"},
		// A common beginning is a part of its own: the rest of the head is
		// needed too.
		{`(?i)\b(?:wies|weist)\b.{0,80}\bzurück\b`, true, [][]string{{"eist", "ies"}, {"zurück"}}, "\u017f\u212a"},
		{`(?i)\bsagte\b.{0,40}\b(?:Unsinn|Lüge)`, true, [][]string{{"lüge", "unsinn"}}, "\u017f"},
		// ß folds to ẞ, whose lower case is longer.
		{`(?i)\bnannte\b.{0,40}\bStraße`, true, [][]string{{"straße"}}, "\u017f\u1e9e"},
		// Parts matched as written are neededLiterals' own.
		{`(?i:called)\s+it\s+(?:nonsense|fake)`, false, [][]string{{"called"}}, ""},
		// Too short, or not a few literals: none.
		{`(?i)\bwies\b.{0,80}\bab\b`, true, nil, ""},
		{`(?i)\bwies\b\p{L}+`, true, nil, ""},
	} {
		got, odd := foldNeeds(c.expr, c.skipHead)
		if diff := cmp.Diff(c.want, got); diff != "" || odd != c.odd {
			t.Errorf("foldNeeds(%q): odd %+q, want %+q; (-want +got):\n%s", c.expr, odd, c.odd, diff)
		}
	}
}

// TestFoldNeeds_SameMatches: the built-in regexes with fold needs find
// what they find without them, in text with and without runes that fold
// to a literal's letters but keep their own lower case.
func TestFoldNeeds_SameMatches(t *testing.T) {
	set := builtin(t)
	n := 0
	for _, gr := range set.gate.regexes {
		if len(gr.foldNeeds) > 0 {
			n++
		}
	}
	if n < 3 {
		t.Fatalf("%d built-in regexes with fold needs, want the denial patterns among them", n)
	}
	texts := []string{
		"Moskau wies die Vorwürfe zurück; der Kreml weist das zurüc\u212a. Er wies es ZURÜCK.",
		"Der Kreml nannte den Bericht falsch. Moskau nennt das Unsinn, Peskow calls it fake and called it \u017fpeculation.",
		"Er bezeichnete das als Lüge, NANNTE es haltlos; sie nannten es fal\u017fch.",
		"The ministry called the report false, described it as baseless and labelled it a lie; it calls that ridiculou\u017f.",
		"Only Russia had the means; nur Russland hatte die Mittel. Only they has the capabilitie\u017f.",
		"Kiew wies die Anschuldigungen von sich. Er weist es von \u017fich.",
	}
	for _, seed := range seedArticles(t) {
		texts = append(texts, string(seed))
	}
	for _, text := range texts {
		checkFold(t, set, text)
	}
}

func checkFold(t *testing.T, set *builtinSet, text string) {
	t.Helper()
	for _, gr := range set.gate.regexes {
		if len(gr.foldNeeds) == 0 {
			continue
		}
		plain := *gr
		plain.foldNeeds = nil
		want := plain.FindAll(set.text(text))
		if diff := cmp.Diff(want, gr.FindAll(set.text(text))); diff != "" {
			t.Errorf("%s on %.60q (-without fold needs +with):\n%s", gr.re, text, diff)
		}
	}
}

func FuzzFoldNeeds(f *testing.F) {
	f.Add("Moskau wies die Vorwürfe zurüc\u212a; sie nannten es fal\u017fch.")
	f.Add("The ministry called the report false and " + strings.Repeat("x", 100) + " calls it fake.")
	set := builtin(f)
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		checkFold(t, set, text)
	})
}
