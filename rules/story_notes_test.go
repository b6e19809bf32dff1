package rules

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"sourcescore"
)

// withBuiltin adds the built-in rule files to m, so that a story file in it
// loads with the rules that read it.
func withBuiltin(t *testing.T, m fstest.MapFS) fstest.MapFS {
	t.Helper()
	files, _ := fs.Glob(BuiltinFS(), "*.yaml")
	for _, p := range files {
		data, err := fs.ReadFile(BuiltinFS(), p)
		if err != nil {
			t.Fatal(err)
		}
		m[p] = &fstest.MapFile{Data: data}
	}
	return m
}

// TestStory_Claims: a story file's key claims are refused at their
// position, with a hint, when one has no id, an id used before, no cues,
// or an unknown key; all of them at once.
func TestStory_Claims(t *testing.T) {
	head := "story:\n  id: s\n  match: {all: [[a]]}\n  accused: {name: x, aliases: [x]}\n" +
		"  facts:\n    - {id: r, type: report, date: 2025-01-01}\n  claims:\n"
	tests := []struct {
		name, claims string
		want         []string // the error's lines; nil loads
	}{
		{"valid", "    - {id: c1, description: one, cues: [eins, one]}\n    - {id: c2, cues: [zwei]}\n", nil},
		{"no id", "    - {description: one, cues: [eins]}\n", []string{
			"t/s.yaml:8:8: claim 1 has no id",
			"\ttry: add id: a-short-slug (it names the claim in the story comparison)"}},
		{"id twice", "    - {id: c1, cues: [eins]}\n    - {id: c1, cues: [zwei]}\n", []string{
			`t/s.yaml:9:12: claim id "c1" is used twice`,
			"\ttry: give each claim its own id"}},
		{"no cues, and blank cues", "    - {id: c1}\n    - {id: c2, cues: [' ']}\n", []string{
			`t/s.yaml:8:8: claim "c1" has no cues`,
			"\ttry: list the phrases that state it (cues: [...]); any one of them is enough",
			`t/s.yaml:9:8: claim "c2" has no cues`,
			"\ttry: list the phrases that state it (cues: [...]); any one of them is enough"}},
		{"unknown key", "    - {id: c1, cue: [eins]}\n", []string{`t/s.yaml:8:16: unknown key "cue"`, "\ttry: cues"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(withBuiltin(t, fstest.MapFS{"s.yaml": {Data: []byte(head + tt.claims)}}), "t")
			if tt.want == nil {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil {
				t.Fatal("loaded; want an error")
			}
			var got []string
			for _, line := range strings.Split(err.Error(), "\n") {
				if strings.Contains(line, "s.yaml") || strings.HasPrefix(line, "\ttry:") {
					got = append(got, line)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("error lines (-want +got):\n%s\nwhole error:\n%v", diff, err)
			}
		})
	}
}

// TestApply_StoryNotes: Apply records what an article of the toll story
// says: the denial where it stands, the primary source, each fact with
// the date given (the wrong one when two are given), and nothing for an
// article about no story.
func TestApply_StoryNotes(t *testing.T) {
	set := tollRules(t)
	text := "Das Magazin Nordlicht berichtete am 4. März, Aldorias Verkehrsministerium habe Mautdaten geschönt.\n" +
		"Ministeriumssprecherin Lea Born wies den Bericht am 5. März als Unsinn zurück.\n" +
		"Die Anhörung am 27. März soll öffentlich sein.\n"
	res := set.Apply(article(text, "de", "2025-03-06", "aldoria-tolls-2025"))
	n := res.Notes
	if n == nil {
		t.Fatal("no notes for an article about the story")
	}
	if n.Story != "aldoria-tolls-2025" || n.Denial.State != sourcescore.DenialReported || n.Denial.Where.Line != 2 ||
		n.Denial.Sentence != 2 || n.Denial.Sentences != 3 || n.Denial.Rule != "denial.missing" {
		t.Errorf("denial %+v, want reported on line 2, sentence 2 of 3, by denial.missing", n.Denial)
	}
	if n.Primary.Evidence != "Nordlicht" || n.Primary.Line != 1 || n.Primary.Column != 13 {
		t.Errorf("primary source %+v, want Nordlicht at 1:13", n.Primary)
	}
	var states []string
	for _, f := range n.Facts {
		states = append(states, f.Fact+" "+f.State+" "+f.Given+" "+f.Where.Evidence)
	}
	want := []string{"report right 2025-03-04 4. März", "denial right 2025-03-05 5. März", "hearing wrong 2025-03-27 27. März"}
	if diff := cmp.Diff(want, states); diff != "" {
		t.Errorf("facts (-want +got):\n%s", diff)
	}
	if n.Translation != sourcescore.TranslationUnlikely || n.Sourcing == nil {
		t.Errorf("translation %q, sourcing %v; want unlikely and counts", n.Translation, n.Sourcing)
	}

	if res := set.Apply(article("Das Wetter bleibt am Wochenende sonnig und warm, sagte ein Meteorologe.", "de", "2025-03-06", "")); res.Notes != nil {
		t.Errorf("notes %+v for an article about no story", res.Notes)
	}
}
