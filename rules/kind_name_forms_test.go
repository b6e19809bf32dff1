package rules

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestNameForms_Variants(t *testing.T) {
	list := filepath.Join(t.TempDir(), "words")
	if err := os.WriteFile(list, []byte("Bank\nbahn\nmusk\nmask\nKommissar\nVizepräsident\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	rule := `rules:
  - {id: translation.nv, family: translation, kind: name_forms, variants: true, severity: warning, weight: 1,
     description: d, message: M, swaps: [[v, w]], ignore: [Am, Montag, Sonntag], wordlists: ["` + list + `", /nonexistent/list]}
`
	set, err := loadFiles(t, map[string]string{"s.yaml": minimalScoring, "r.yaml": rule})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, text string
		want       []string
	}{
		{"first name garbled", "Elon Musk kam. Ilon Musk ging. Elon Musk blieb.", []string{"Ilon Musk"}},
		{"surname garbled, the rarer form is the variant", "Asma Assad und Asma Asad. Asma Assad.", []string{"Asma Asad"}},
		{"transliteration swap", "Dmitri Peskow sagte das. Peskov widersprach. Peskow lachte.", []string{"Peskov"}},
		{"inflection is no variant", "Wladimir Putin und Putins Sprecher, Wladimir Putins Plan.", nil},
		{"ignored words", "Am Montag und Am Sonntag.", nil},
		{"two common words are no name", "Deutsche Bank und Deutsche Bahn.", nil},
		{"one common word is still a name part", "Elon Musk und Elon Mask.", nil},
		{"short parts are left alone", "Joe Biden und Jon Biden.", nil},
		{"a compound ending in a common word is that word misspelt", "EU-Kommissar Oliver kam. EU-Kommisar Oliver ging.", nil},
		{"a compound ending in no common word is a name", "Groß-Marlin Oliver kam. Groß-Merlin Oliver ging.", []string{"Groß-Merlin Oliver"}},
		{"swap needs a letter pair of the list", "Peskow und Peskoz.", nil},
		{"the feminine of a listed word with a letter left out is that word misspelt", "Die Vizepräsidentin Ines kam. Die Vizpräsidentin Ines ging.", nil},
		{"so is a listed word with a letter left out", "Der Vizepräsident Ines kam. Der Vizpräsident Ines ging.", nil},
		{"a long name with a letter left out is a name written two ways", "Ivanovskiy Oleg kam. Ivanovsky Oleg ging. Ivanovskiy Oleg blieb.", []string{"Ivanovsky Oleg"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := findingsOf(set.Apply(article(tc.text, "de", "", "")), "translation.nv", 0)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
		})
	}
	res := set.Apply(article("Elon Musk", "de", "", ""))
	if note := ruleScore(t, res, "translation.nv").Note; note != "no name written two ways (word lists /nonexistent/list not found: ignore list only)" {
		t.Errorf("note = %q", note)
	}
}

func TestNameForms_Foreign(t *testing.T) {
	set, err := loadFiles(t, map[string]string{"s.yaml": minimalScoring, "r.yaml": `rules:
  - {id: translation.nf, family: translation, kind: name_forms, severity: warning, weight: 1,
     description: d, message: M, min_length: 4, endings: [ov, ev], forms: [Dmitry]}
`})
	if err != nil {
		t.Fatal(err)
	}
	got := findingsOf(set.Apply(article("Dmitry Peskov und Sergej Lawrow trafen Medvedev in Kiev; Dmitryk und das Dev-Team.", "de", "", "")), "translation.nf", 0)
	if diff := cmp.Diff([]string{"Dmitry", "Peskov", "Medvedev"}, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

func TestEditDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b  string
		limit int
		want  int
	}{
		{"elon", "ilon", 2, 1}, {"assad", "asad", 2, 1}, {"kitten", "sitting", 3, 3}, {"kitten", "sitting", 2, 3}, {"", "abc", 5, 3}, {"abc", "abc", 1, 0},
	} {
		if got := editDistance([]rune(tc.a), []rune(tc.b), tc.limit); got != tc.want {
			t.Errorf("editDistance(%q, %q, %d) = %d, want %d", tc.a, tc.b, tc.limit, got, tc.want)
		}
	}
}
