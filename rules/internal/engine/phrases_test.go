package engine

import (
	"slices"
	"testing"

	"sourcescore"
)

// TestPhraseSet_spellings: a phrase finds its other spellings too (either
// apostrophe; ß and the Swiss ss, both ways), on its own and through an
// engine's scanner, and the match names the phrase as listed; a word that
// only looks alike ("Strassen" for "Straße") is not found.
func TestPhraseSet_spellings(t *testing.T) {
	type hit struct {
		text    string
		pattern int
	}
	cases := []struct {
		name    string
		phrases []string
		body    string
		want    []hit
	}{
		{"apostrophes", []string{"Donetsk People's Republic", "can’t accept", "Kremlin"},
			"The Donetsk People’s Republic said Moscow can't accept it; the Donetsk People's Republic, the Kremlin.",
			[]hit{{"Donetsk People’s Republic", 0}, {"can't accept", 1}, {"Donetsk People's Republic", 0}, {"Kremlin", 2}}},
		{"ß and ss", []string{"heißt es", "Aussenministerium", "mutmaßlich", "Straße"},
			"Das Aussenministerium, so heisst es, sei mutmasslich informiert; das Außenministerium schwieg. Strassen und die Straße.",
			[]hit{{"Aussenministerium", 1}, {"heisst es", 0}, {"mutmasslich", 2}, {"Außenministerium", 1}, {"Straße", 3}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			lower := sourcescore.LowerSameLength(c.body)
			check := func(name string, got []Match) {
				t.Helper()
				if len(got) != len(c.want) {
					t.Fatalf("%s: %d matches %v, want %d", name, len(got), got, len(c.want))
				}
				for i, m := range got {
					if c.body[m.Start:m.End] != c.want[i].text || m.Pattern != c.want[i].pattern {
						t.Errorf("%s: match %d is %q (phrase %d), want %q (phrase %d)", name, i, c.body[m.Start:m.End], m.Pattern, c.want[i].text, c.want[i].pattern)
					}
				}
			}
			check("Find", NewPhraseSet(c.phrases).Find(lower))
			ps, txt := throughEngine(c.phrases, c.body, lower)
			check("FindPhrases", txt.FindPhrases(ps))
		})
	}
}

// throughEngine builds an engine of the phrases alone and readies a Text
// of body under it: its FindPhrases goes through the engine's scanner.
func throughEngine(phrases []string, body, lower string) (*PhraseSet, *Text) {
	var b Builder
	ps := b.Phrases(phrases)
	e := b.Build()
	txt := new(Text)
	txt.Reset(e, body, lower, nil)
	return ps, txt
}

// TestPhraseSet_acronyms: a phrase written as an acronym in capitals
// matches where the text writes it with a capital, not where the text has
// it all in lower case (a word of the language: German "bis", English
// "us"), through an engine's scanner and without one; a phrase written in
// lower case or of several words keeps matching in any case.
func TestPhraseSet_acronyms(t *testing.T) {
	phrases := []string{"BIS", "US", "NATO", "dpa", "M23", "EU-Kommission"}
	body := "Der BIS warnte vom 6. bis 9. Juni; the US told us; Nato und nato; DPA und dpa; m23; die eu-kommission. Efe."
	lower := sourcescore.LowerSameLength(body)
	want := []string{"BIS", "US", "Nato", "DPA", "dpa", "m23", "eu-kommission"}
	check := func(name string, got []Match) {
		t.Helper()
		var texts []string
		for _, m := range got {
			texts = append(texts, body[m.Start:m.End])
		}
		if !slices.Equal(texts, want) {
			t.Errorf("%s: %q, want %q", name, texts, want)
		}
	}
	var alone Text
	alone.Reset(nil, body, lower, nil)
	check("without an engine", alone.FindPhrases(NewPhraseSet(phrases)))
	ps, txt := throughEngine(phrases, body, lower)
	check("FindPhrases", txt.FindPhrases(ps))
	check("FindPhrases again", txt.FindPhrases(ps))
	for _, tc := range []struct {
		phrase string
		want   capsRule
	}{{"BIS", notLower}, {"U.S.", notLower}, {"M23", anyCase}, {"RDF", notLower}, {"AfD", anyCase}, {"US Army", anyCase}, {"A", anyCase}} {
		if got := capsOf(tc.phrase); got != tc.want {
			t.Errorf("capsOf(%q) = %d, want %d", tc.phrase, got, tc.want)
		}
	}
}
