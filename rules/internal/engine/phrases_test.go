package engine

import (
	"testing"

	"sourcescore"
)

// TestPhraseSet_apostrophes: a phrase written with either apostrophe finds
// the text's other one too, on its own and through an engine's scanner,
// and the match names the phrase as listed.
func TestPhraseSet_apostrophes(t *testing.T) {
	phrases := []string{"Donetsk People's Republic", "can’t accept", "Kremlin"}
	body := "The Donetsk People’s Republic said Moscow can't accept it; the Donetsk People's Republic, the Kremlin."
	lower := sourcescore.LowerSameLength(body)
	want := []struct {
		text    string
		pattern int
	}{{"Donetsk People’s Republic", 0}, {"can't accept", 1}, {"Donetsk People's Republic", 0}, {"Kremlin", 2}}
	check := func(name string, got []Match) {
		t.Helper()
		if len(got) != len(want) {
			t.Fatalf("%s: %d matches %v, want %d", name, len(got), got, len(want))
		}
		for i, m := range got {
			if body[m.Start:m.End] != want[i].text || m.Pattern != want[i].pattern {
				t.Errorf("%s: match %d is %q (phrase %d), want %q (phrase %d)", name, i, body[m.Start:m.End], m.Pattern, want[i].text, want[i].pattern)
			}
		}
	}
	check("Find", NewPhraseSet(phrases).Find(lower))
	var b Builder
	ps := b.Phrases(phrases)
	e := b.Build()
	var txt Text
	txt.Reset(e, body, lower, nil)
	check("FindPhrases", txt.FindPhrases(ps))
}
