package ingest

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

// Texts of the kind the tool reads, dense with what windows-1252 writes
// with bytes from 0x80 up: umlauts, ß, typographic quotes and dashes.
var legacyTexts = map[string]string{
	"german": "Bürgermeisterin Jördis Kühn äußerte sich am Dienstag zur Lage im Rathaus.\n" +
		"„Wir prüfen die Vorwürfe gründlich“, sagte sie – und fügte hinzu: „Größere Änderungen sind nicht geplant.“\n" +
		"Die Gemeinde hatte zuvor über Gebühren für Straßenreinigung und Müllabfuhr beraten.\n",
	"german dense": "Größe, Übermaß, Äußerung, Süßwaren, Bärenhöhle, Öltürme, Grüße, Füße, Maß, Gefäß, " +
		"Röhre, Fähre, Söhne, Mühe, Bäume, Flüsse, Schlösser, Prüfung, Schärfe, Bößkörbe, Ärger, Ödnis.\n",
	"english": "The council’s spokesperson said the report was “incomplete” and asked for more time — " +
		"a request the committee’s chair called ‘reasonable’. The café near the town hall stayed closed.\n",
	"guillemets": "»Das ist eine Frage der Zuständigkeit«, erklärte der Sprecher des Ministeriums. " +
		"Er verwies auf ‚ältere Absprachen‘ zwischen den Behörden… Näheres sei noch offen.\n",
}

// Real-looking German and English text passes whether it is written in
// UTF-8 or windows-1252; so do long ones and short ones.
func TestParse_legacyTextIsText(t *testing.T) {
	enc := charmap.Windows1252.NewEncoder()
	for name, text := range legacyTexts {
		for _, n := range []int{1, 40} {
			long := strings.Repeat(text, n)
			cp, err := enc.String(long)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			for encName, raw := range map[string]string{"utf-8": long, "windows-1252": cp} {
				a, err := Parse("x.txt", []byte(raw), nil, nil)
				if err != nil {
					t.Errorf("%s ×%d in %s: %v", name, n, encName, err)
					continue
				}
				if a.Text != long {
					t.Errorf("%s ×%d in %s: not decoded back to the text", name, n, encName)
				}
			}
		}
	}
}

// Random bytes from 0x80 up are not an article: 20 KB of them were once
// scored as a 4,761-word article (windows-1252 gives every such byte a
// character, most of them letters). Random bytes of every printable kind
// are not one either.
func TestParse_highByteNoise(t *testing.T) {
	r := rand.New(rand.NewPCG(12, 2024))
	high := make([]byte, 20<<10)
	for i := range high {
		high[i] = byte(0x80 + r.IntN(0x80))
	}
	mixed := make([]byte, 20<<10)
	for i := range mixed {
		mixed[i] = byte(0x20 + r.IntN(0xE0)) // no control bytes below 0x20
		if mixed[i] == 0x7f {
			mixed[i] = ' '
		}
	}
	for name, raw := range map[string][]byte{
		"high bytes":               high,
		"high bytes after a BOM":   append([]byte("\xEF\xBB\xBF"), high...),
		"printable and high bytes": mixed,
		"a short burst":            high[:200],
	} {
		a, err := Parse("x.txt", raw, nil, nil)
		var bad *BadArticleError
		if !errors.As(err, &bad) || !strings.HasPrefix(bad.Reason, "binary file (") {
			words := 0
			if a != nil {
				words = a.Words
			}
			t.Errorf("%s: Parse = %d words, %v; want a binary file", name, words, err)
		}
	}
}

// noiseReason's reason says what it counted.
func TestNoiseReason(t *testing.T) {
	raw := []byte(strings.Repeat("\xe4\xf6\xfc ", 20) + strings.Repeat("Text ", 20))
	want := "binary file (60 of its 140 characters other than white space are bytes that are neither ASCII nor UTF-8)"
	if got := noiseReason(raw); got != want {
		t.Errorf("noiseReason = %q, want %q", got, want)
	}
	// Fewer than minNoise such bytes cannot tell.
	if got := noiseReason([]byte("\xc4\xd6\xdc\xdf")); got != "" {
		t.Errorf("noiseReason of four umlauts = %q, want none", got)
	}
}
