package ingest

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/encoding/charmap"

	"sourcescore"
)

// misread returns what UTF-8 text s looks like after someone read its bytes
// as code page cm and saved the result as UTF-8: the mojibake of a real page.
func misread(t *testing.T, s string, cm *charmap.Charmap) string {
	t.Helper()
	out, err := cm.NewDecoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestParse_RepairsMojibake(t *testing.T) {
	const clean = "Berlin (dpa) - Die Regierung wies die Vorwürfe zurück.\n" +
		"„Das ist völlig erfunden“, sagte ein Sprecher am Dienstag – über Moskau…\n" +
		"Straße, Äußerung, Größe: 5 €."
	for _, tt := range []struct {
		name  string
		cm    *charmap.Charmap
		pages string
	}{
		{"windows-1252", charmap.Windows1252, "windows-1252"},
		{"windows-1251", charmap.Windows1251, "windows-1251"},
		{"code page 437", charmap.CodePage437, "code page 437"},
		{"code page 850", charmap.CodePage850, "code page 850"},
		{"code page 852", charmap.CodePage852, "code page 852"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			raw := misread(t, clean, tt.cm)
			if raw == clean {
				t.Fatal("the test text did not change when misread")
			}
			a, err := Parse("x.txt", []byte(raw), nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			want := clean
			if a.Text != want {
				t.Fatalf("Text =\n%s\nwant\n%s", a.Text, want)
			}
			if !strings.Contains(a.Repaired, tt.pages) {
				t.Errorf("Repaired = %q, want it to name %s", a.Repaired, tt.pages)
			}
			// Positions are those of the file as it is, mojibake and all.
			for _, w := range []string{"zurück", "sagte", "Moskau", "Größe", "€"} {
				off := strings.Index(a.Text, w)
				if off < 0 {
					t.Fatalf("%q not in Text", w)
				}
				line := strings.Count(a.Text[:off], "\n")
				rawLine := strings.Split(raw, "\n")[line]
				// The column in the file is where the misread word
				// begins, counted in runes.
				idx := strings.Index(rawLine, misread(t, w, tt.cm))
				if idx < 0 {
					t.Fatalf("%q misread is not in line %q", w, rawLine)
				}
				want := sourcescore.Position{Line: line + 1, Column: len([]rune(rawLine[:idx])) + 1}
				if diff := cmp.Diff(want, a.Position(off)); diff != "" {
					t.Errorf("Position(%q) (-want +got):\n%s", w, diff)
				}
			}
		})
	}
}

func TestParse_RepairsMojibakeBesideNFD(t *testing.T) {
	// A line misread as windows-1252 that also holds a decomposed umlaut:
	// both are put right, and the columns go back to the file's.
	raw := misread(t, "Vorwürfe zurückgewiesen", charmap.Windows1252) + " von Ko\u0308ln aus, sagte er"
	a, err := Parse("x.txt", []byte(raw), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := "Vorwürfe zurückgewiesen von Köln aus, sagte er"; a.Text != want {
		t.Fatalf("Text = %q, want %q", a.Text, want)
	}
	off := strings.Index(a.Text, "sagte")
	want := sourcescore.Position{Line: 1, Column: len([]rune(raw[:strings.Index(raw, "sagte")])) + 1}
	if diff := cmp.Diff(want, a.Position(off)); diff != "" {
		t.Errorf("Position(sagte) (-want +got):\n%s", diff)
	}
}

func TestParse_LeavesTextThatIsNoMojibake(t *testing.T) {
	for _, text := range []string{
		// ß or Ä right before a closing quote, a dash or a no-break space:
		// in windows-1252 the bytes of other characters, but real German.
		"Er schrieb „Gruß“ und „Maß“, dann „Spaß“ – so hieß es.",
		"Die Tasten Ä\u00a0und Ö\u00a0fehlen, sagte er über die „ÄÖÜ“-Tastatur.",
		// Polish and Czech names, French and Portuguese words.
		"Łódź, Dvořák, Wałęsa, Škoda; São Paulo, ação, Ça va, Curaçao, Øresund.",
		// One sequence alone is not enough to repair a text.
		"Der Name Ã¼ wird hier als Beispiel zitiert.",
		// Russian in its own letters, with guillemets after capitals.
		"Der Dienst «СВР» und der «ГРУ» wiesen das zurück: «Это ложь», sagte Пётр Фёдоров.",
		// Box drawing.
		"├── Ordner\n│   └── Datei\n└── Ende",
	} {
		a, err := Parse("x.txt", []byte(text), nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		if a.Text != text || a.Repaired != "" {
			t.Errorf("Parse changed %q into %q (%s)", text, a.Text, a.Repaired)
		}
	}
}
