package rules

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"sourcescore"
)

// TestTypography_MinHits: fewer hits than min_hits count for nothing, and
// say so in the note; a bad min_hits is refused at its line:column.
func TestTypography_MinHits(t *testing.T) {
	set, err := loadFiles(t, map[string]string{"scoring.yaml": minimalScoring, "r.yaml": `rules:
  - {id: translation.t, family: translation, kind: typography, weight: 1, severity: warning, description: d, message: m,
     space_before: ":,", min_hits: 2, per_hit: 0.2}
`})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text  string
		want  []string
		score float64
		note  string
	}{
		{"Er kam nicht, hieß es.", nil, 1, "0 hits"},
		{"Er kam nicht , hieß es.", nil, 1, "1 hits, fewer than 2: none counted"},
		{"Quelle : Agenturen. Er kam nicht , hieß es.", []string{"Quelle :", "nicht ,"}, 0.6, "2 hits, 2 counted"},
	}
	for _, tt := range tests {
		res := set.Apply(article(tt.text, "de", "", ""))
		rs := ruleScore(t, res, "translation.t")
		if diff := cmp.Diff(tt.want, findingsOf(res, "translation.t", sourcescore.SeverityWarning)); diff != "" {
			t.Errorf("%q findings (-want +got):\n%s", tt.text, diff)
		}
		if rs.Score != tt.score || rs.Note != tt.note {
			t.Errorf("%q: score %v note %q, want %v %q", tt.text, rs.Score, rs.Note, tt.score, tt.note)
		}
	}

	for _, bad := range []struct{ param, want string }{
		{"min_hits: -1", "rules/r.yaml:2:151: min_hits -1 is out of range"},
	} {
		_, err = loadFiles(t, map[string]string{"scoring.yaml": minimalScoring, "r.yaml": `rules:
  - {id: translation.t, family: translation, kind: typography, weight: 1, severity: warning, description: d, message: m, space_before: ":", ` + bad.param + `}
`})
		if err == nil {
			t.Fatalf("%s loaded without error", bad.param)
		}
		if diff := cmp.Diff([]string{bad.want, "\ttry: a count of 1 or more"}, errorLines(t, err)); diff != "" {
			t.Errorf("errors (-want +got):\n%s", diff)
		}
	}
}

// TestBetweenCapitals: a match between two capitalised words, spaces only
// between, is part of a name or title.
func TestBetweenCapitals(t *testing.T) {
	tests := []struct {
		text, match string
		want        bool
	}{
		{"Die Denkfabrik (Institute for the Study of War) schrieb.", "for the", true},
		{"Die Bank of the West.", "of the", true},
		{"Das Treffen will be geheim.", "will be", false},                 // lower case after
		{"Musk hat according to Bericht Kontakt.", "according to", false}, // lower case before
		{"Krieg. For the Record sagte er.", "For the", false},             // punctuation before
		{"Erst Kontakt for the", "for the", false},                        // the text ends
		{"Ein Über-Kontakt for the Kreml.", "for the", true},              // a hyphenated word before
	}
	for _, tt := range tests {
		i := strings.Index(tt.text, tt.match)
		if got := betweenCapitals(tt.text, i, i+len(tt.match)); got != tt.want {
			t.Errorf("%q in %q: %v, want %v", tt.match, tt.text, got, tt.want)
		}
	}
}

// TestHeadsList: a publication's name followed by a comma or a conjunction
// heads a list, where German drops the articles.
func TestHeadsList(t *testing.T) {
	for text, want := range map[string]bool{
		"von „Spiegel“, ZDF und BR":     true,
		"mit Spiegel und Zeit":          true,
		"von Spiegel sowie dem ZDF":     true,
		"von Spiegel berichtet":         false,
		"von „Spiegel“ kam der Bericht": false,
		"von Spiegel":                   false,
	} {
		lower := strings.ToLower(text)
		end := strings.Index(lower, "spiegel") + len("spiegel")
		if got := headsList(lower, end); got != want {
			t.Errorf("%q: %v, want %v", text, got, want)
		}
	}
}

// TestTypography_NamesListed: a space before a comma between two
// capitalised words (a byline whose links were stripped) counts for
// nothing; before a comma after a lower-case word, or before a full stop,
// it still counts.
func TestTypography_NamesListed(t *testing.T) {
	set := typographyRules(t, `
  - {id: translation.t, family: translation, kind: typography, weight: 1, severity: warning, description: d, message: m,
     space_before: ".,", per_hit: 0.2}
`)
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"By Anna Berg , Ivo Klein , Lea Roth\nThe minister left.", nil},
		{"The minister left , Berg said. The talks ended in Minsk .", []string{"left ,", "Minsk ."}},
		{"Berg , the minister, left.", []string{"Berg ,"}},
	} {
		res := set.Apply(article(tt.text, "en", "", ""))
		if diff := cmp.Diff(tt.want, findingsOf(res, "translation.t", sourcescore.SeverityWarning)); diff != "" {
			t.Errorf("%q findings (-want +got):\n%s", tt.text, diff)
		}
	}
}

// TestTypography_DoubledStop: a sentence closed twice counts from its last
// word to the second stop, with a closing quotation mark, a bracket or a
// space before the first stop; an ellipsis set with spaces, a one-letter
// abbreviation and a single stop do not. With lower_after_stop as well, a
// doubled stop is one hit, not two.
func TestTypography_DoubledStop(t *testing.T) {
	set := typographyRules(t, `
  - {id: translation.t, family: translation, kind: typography, weight: 1, severity: warning, description: d, message: m,
     doubled_stop: true, per_hit: 0.2}
  - {id: translation.u, family: translation, kind: typography, weight: 1, severity: warning, description: d, message: m,
     doubled_stop: true, lower_after_stop: true, per_hit: 0.2}
`)
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"The port stays closed, said the harbour master. .\nThe ferries wait.", []string{"master. ."}},
		{"He wrote it on the app. . The post is gone, they said “in anger” . .", []string{"app. .", "anger” . ."}},
		{"The port (near Oslo).  . It closed.", []string{"Oslo).  ."}},
		{"The port stays closed . . . for now. The ferries wait... and wait.", nil},
		{"The firm is in the U.S. . It closed. Then it opened.", nil},
		{". . The port closed.", nil},
	} {
		res := set.Apply(article(tt.text, "en", "", ""))
		for _, id := range []string{"translation.t", "translation.u"} {
			if diff := cmp.Diff(tt.want, findingsOf(res, id, sourcescore.SeverityWarning)); diff != "" {
				t.Errorf("%s %q findings (-want +got):\n%s", id, tt.text, diff)
			}
		}
	}
}

// typographyRules loads the rules given (YAML list items) with a minimal
// scoring file.
func typographyRules(t *testing.T, items string) *Set {
	t.Helper()
	set, err := loadFiles(t, map[string]string{"scoring.yaml": minimalScoring, "r.yaml": "rules:" + items})
	if err != nil {
		t.Fatal(err)
	}
	return set
}
