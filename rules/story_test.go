package rules

import (
	"slices"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"sourcescore"
)

// ferryStory is an invented story file for the tests.
const ferryStory = `story:
  id: ferry-2025
  title: A ferry operator is said to have skipped safety drills
  match:
    all:
      - [Fjordlinie]
      - [Hafenamt, Harbour Office]
  accused: {name: Fjordlinie, aliases: [Fjordlinie]}
  facts:
    - {id: report, date: 2025-02-11, cues: [berichtete, reported]}
`

func storiesFolder(files map[string]string) Folder {
	fsys := fstest.MapFS{}
	for name, body := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(body)}
	}
	return Folder{FS: fsys, Name: "mystories"}
}

func TestLoad_StoriesFolderAddsAStory(t *testing.T) {
	base, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	set, err := Builtin(storiesFolder(map[string]string{"ferry.yaml": ferryStory}))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"ferry-2025", "musk-putin-2024"}, set.StoryIDs()); diff != "" {
		t.Errorf("stories (-want +got):\n%s", diff)
	}
	st := set.Story("ferry-2025")
	if st == nil || st.File != "mystories/ferry.yaml" || st.Line != 2 || st.Column != 7 {
		t.Errorf("story position: %+v, want mystories/ferry.yaml:2:7", st)
	}
	if set.Source != "builtin + mystories" {
		t.Errorf("source %q", set.Source)
	}
	if set.Hash == base.Hash {
		t.Error("adding a story left the set's hash as it was")
	}
	if len(set.Files) != len(base.Files)+1 {
		t.Errorf("files: %d, want the built-in %d and the story file", len(set.Files), len(base.Files))
	}
	again, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	if again.Hash != base.Hash {
		t.Error("the built-in set's hash depends on an earlier load")
	}
	a := &sourcescore.Article{File: "x.txt", Body: "Die Fjordlinie soll Übungen ausgelassen haben, teilte das Hafenamt mit.", Meta: sourcescore.Metadata{Language: "de"}}
	a.Text = a.Body
	if got := set.Matching(a); len(got) != 1 || got[0].ID != "ferry-2025" {
		t.Errorf("Matching: %v, want ferry-2025", got)
	}
	if res := set.Apply(a); res.Story != "ferry-2025" || !res.StoryInferred {
		t.Errorf("Apply: story %q (inferred %v), want ferry-2025 recognised from the text", res.Story, res.StoryInferred)
	}
}

func TestLoad_StoriesFolderErrors(t *testing.T) {
	dup := `# the same id as the built-in story
story:
  id: musk-putin-2024
  match: {all: [[Musk]]}
  facts: [{id: x, date: 2024-10-24, cues: [x]}]
`
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{
			name:  "a story id the set has already",
			files: map[string]string{"dup.yaml": dup},
			want: []string{
				`mystories/dup.yaml:3:7: duplicate story id "musk-putin-2024"`,
				"\ttry: rename it; the first is at builtin/stories/musk-putin-2024.yaml:5:7",
			},
		},
		{
			name:  "two added files with one id",
			files: map[string]string{"a.yaml": ferryStory, "b.yaml": ferryStory},
			want: []string{
				`mystories/b.yaml:2:7: duplicate story id "ferry-2025"`,
				"\ttry: rename it; the first is at mystories/a.yaml:2:7",
			},
		},
		{
			name:  "rules in a stories folder",
			files: map[string]string{"r.yaml": ferryStory + "rules: []\nstorys: {}\n"},
			want: []string{
				`mystories/r.yaml:11:1: section "rules" in a stories folder`,
				"\ttry: keep only story: sections in a stories folder; rules, scoring and boilerplate belong in the rules folder (--rules)",
				`mystories/r.yaml:12:1: section "storys" in a stories folder`,
				"\ttry: story",
			},
		},
		{
			name:  "no story files",
			files: map[string]string{"notes.txt": "x"},
			want: []string{
				"mystories: no story files (*.yaml) found",
				"\ttry: put story files (story: id: ..., match: ..., facts: ...) in the folder, or leave --stories out",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Builtin(storiesFolder(tt.files))
			if err == nil {
				t.Fatal("loaded")
			}
			if diff := cmp.Diff(tt.want, errorLines(t, err)); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
}

// TestWithPlurals: a story's English match words match their plurals too;
// names, plurals and short words are left as they are.
func TestWithPlurals(t *testing.T) {
	got := withPlurals([]string{"cyber attack", "breach", "spy", "day", "fax", "hackers", "Ministry of Defence", "MoD", "leak", "ab"})
	want := []string{"cyber attack", "breach", "spy", "day", "fax", "hackers", "Ministry of Defence", "MoD", "leak", "ab",
		"cyber attacks", "breaches", "spies", "days", "faxes", "leaks"}
	if !slices.Equal(got, want) {
		t.Errorf("withPlurals = %q, want %q", got, want)
	}
}

// TestWithNounGenitives: a phrase that ends in a capitalised German noun or
// name matches its genitive in -s too; lower-case words (withPlurals' job),
// words that end in s, ß, x or z or in a capital letter are left alone.
func TestWithNounGenitives(t *testing.T) {
	got := withNounGenitives([]string{"Europäischen Parlament", "Kreml", "Untersuchungsrichter", "Katars", "Bundespräsident", "MEP", "Bestechung", "leak", "Prinz", "Strauß", "Kreml "})
	want := []string{"Europäischen Parlament", "Kreml", "Untersuchungsrichter", "Katars", "Bundespräsident", "MEP", "Bestechung", "leak", "Prinz", "Strauß", "Kreml ",
		"Europäischen Parlaments", "Kremls", "Untersuchungsrichters", "Bundespräsidents", "Bestechungs"}
	if !slices.Equal(got, want) {
		t.Errorf("withNounGenitives = %q, want %q", got, want)
	}
}

// TestWithDativePlurals: a phrase ending in a capitalised word in -er, -el
// or -e matches its form in -n too ("mit Trojanern", "die Drohnen"); other
// endings, lower-case and English-cased words of another shape, acronyms and
// short words are left alone.
func TestWithDativePlurals(t *testing.T) {
	got := withDativePlurals([]string{"Trojaner", "russische Drohne", "Hacker", "Spionage", "Agent", "hacker", "MEPer", "Ole", "Trojanern", "Behörde "})
	want := []string{"Trojaner", "russische Drohne", "Hacker", "Spionage", "Agent", "hacker", "MEPer", "Ole", "Trojanern", "Behörde ",
		"russische Drohnen", "Hackern", "Spionagen", "Behörden"}
	if !slices.Equal(got, want) {
		t.Errorf("withDativePlurals = %q, want %q", got, want)
	}
}

// TestWithIngForms: an English word in lower case of four letters or
// more gets its -ing form; a plural, an -ing or -ed form, a short word, a
// capitalised name and German do not.
func TestWithIngForms(t *testing.T) {
	got := withIngForms([]string{"car bomb", "explode", "hacking", "attacks", "killed", "spy", "Novichok", "Anschlag", "Sprengsatz"})
	want := []string{"car bomb", "explode", "hacking", "attacks", "killed", "spy", "Novichok", "Anschlag", "Sprengsatz", "car bombing", "exploding"}
	if !slices.Equal(got, want) {
		t.Errorf("withIngForms = %q, want %q", got, want)
	}
}

// TestDefiniteHeads: a match phrase that is a noun after a word saying
// which gets its head noun after the articles and demonstratives of its
// language; a single word, a head in capitals (English) or in lower case
// (German), a head of fewer than four letters and one with digits get
// none.
func TestDefiniteHeads(t *testing.T) {
	got := definiteHeads([][]string{{"M23-Rebellen", "car bomb", "Crocus City Hall", "Kerch", "M23", "gas leak", "Boeing-737", "EU-Amt", "oil spill"},
		{"sound cannon", "Wagner-Söldner"}})
	var want []string
	for _, det := range germanDefinite {
		want = append(want, det+" Rebellen")
	}
	for _, h := range []string{"bomb", "leak", "spill"} {
		for _, det := range englishDefinite {
			want = append(want, det+" "+h)
		}
	}
	for _, det := range englishDefinite {
		want = append(want, det+" cannon")
	}
	for _, det := range germanDefinite {
		want = append(want, det+" Söldner")
	}
	if !slices.Equal(got, want) {
		t.Errorf("definiteHeads = %q, want %q", got, want)
	}
}

// TestWithAdjectiveForms: a German adjective in -sch before a capitalised
// noun gets its other endings; English, a lone adjective, a noun and an
// adjective before a word in lower case do not.
func TestWithAdjectiveForms(t *testing.T) {
	got := withAdjectiveForms([]string{"chinesisches Außenministerium", "Regierung in Peking", "Chinese government", "russische",
		"US-amerikanische Regierung", "russischen staatlichen Medien", "Deutsche Bahn"})
	want := []string{"chinesisches Außenministerium", "Regierung in Peking", "Chinese government", "russische",
		"US-amerikanische Regierung", "russischen staatlichen Medien", "Deutsche Bahn",
		"chinesische Außenministerium", "chinesischen Außenministerium", "chinesischer Außenministerium", "chinesischem Außenministerium",
		"US-amerikanischen Regierung", "US-amerikanisches Regierung", "US-amerikanischer Regierung", "US-amerikanischem Regierung"}
	if !slices.Equal(got, want) {
		t.Errorf("withAdjectiveForms = %q, want %q", got, want)
	}
}
