package rules

import (
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"sourcescore"
)

func TestWordSequence(t *testing.T) {
	set, err := loadFiles(t, map[string]string{"s.yaml": minimalScoring, "r.yaml": `rules:
  - id: translation.ws
    family: translation
    kind: word_sequence
    severity: warning
    weight: 1
    description: d
    message: M
    sequences:
      - ['lower,?', [The, Of], lower]
      - ['lower;', [This], lower]
      - [caps, cap]
`})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text string
		want []string
	}{
		{"met after The meeting", []string{"after The meeting"}},
		{"met after, The meeting", []string{"after, The meeting"}},
		{"it was new; This was old", []string{"new; This was"}},
		{"it was new, This was old", nil},                               // the third sequence needs a semicolon
		{"met after. The meeting", nil},                                 // a full stop ends the sequence
		{"met after The Meeting", nil},                                  // the last word must be lower-case
		{"met After The meeting", nil},                                  // and the first
		{"met after\nThe meeting", nil},                                 // one line only
		{"met after  The  meeting ok", []string{"after  The  meeting"}}, // several spaces
		{"USA Today and NATO x", []string{"USA Today"}},
		{"über The größte", []string{"über The größte"}},
	}
	for _, tc := range tests {
		if got := findingsOf(set.Apply(article(tc.text, "de", "", "")), "translation.ws", 0); !cmp.Equal(got, tc.want) {
			t.Errorf("%q: findings %q, want %q", tc.text, got, tc.want)
		}
	}
}

// The anchored walk (only around the sequences' exact words) finds what
// trying every sequence at every word finds.
func TestWordSequence_AnchoredSameAsAll(t *testing.T) {
	set := builtin(t)
	texts := []string{
		"Der Rat beschloss, zu verschieben Es wurde vertagt; after The meeting, und THE Guardian reported it; This was new.",
		"ä Die x über Die neue — „Die alte“ verschieben, Während der Nacht\nEs wurde",
		"zu verschieben  Es\twurde  , Die der die DIE Die",
	}
	for _, s := range seedArticles(t) {
		texts = append(texts, string(s))
	}
	checked := 0
	for _, r := range set.Rules {
		ws, ok := r.check.(*wordSequence)
		if !ok || !ws.anchored {
			continue
		}
		checked++
		for _, text := range texts {
			compareAnchored(t, ws, text)
		}
	}
	if checked < 2 {
		t.Fatalf("%d anchored word_sequence rules in the built-in set, want casing_en and sentence_boundary", checked)
	}
}

func compareAnchored(t *testing.T, ws *wordSequence, text string) {
	t.Helper()
	var all, anchored [][2]int
	d := newDoc(article(text, "de", "", ""), nil, sourcescore.LowerSameLength(text), nil)
	defer d.release()
	ws.applyAll(d, func(s, e int) { all = append(all, [2]int{s, e}) })
	ws.applyAnchored(d, func(s, e int) { anchored = append(anchored, [2]int{s, e}) })
	if diff := cmp.Diff(all, anchored); diff != "" {
		t.Errorf("%s on %q (-all +anchored):\n%s", ws.spec.ID, text, diff)
	}
}

func FuzzWordSequence(f *testing.F) {
	f.Add("zu verschieben Es wurde; after The meeting, und THE Guardian")
	f.Add("x, Die y\nä Es ö")
	set, err := Builtin()
	if err != nil {
		f.Fatal(err)
	}
	var rules []*wordSequence
	for _, r := range set.Rules {
		if ws, ok := r.check.(*wordSequence); ok && ws.anchored {
			rules = append(rules, ws)
		}
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		for _, ws := range rules {
			compareAnchored(t, ws, text)
		}
	})
}
