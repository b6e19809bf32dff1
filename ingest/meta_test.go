package ingest

import (
	"strings"
	"testing"
	"time"
)

// TestInferHead covers the head lines inferHead reads a date and an outlet
// from, and those it skips without splitting them (no year in them).
func TestInferHead(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	long := strings.Repeat("Der Minister sprach lange – über Häfen, Fähren und Zölle - und nichts davon war neu. ", 40)
	tests := []struct {
		name, text, outlet string
		published          time.Time
	}{
		{"outlet and date", "Nordkurier • 26/10/2024\nText.", "Nordkurier", day(2024, 10, 26)},
		{"date and time", "Titel\n25.10.2024 09:58 Uhr\nText.", "", day(2024, 10, 25)},
		{"month name", "Titel\n3. Dezember 2024\nText.", "", day(2024, 12, 3)},
		{"English", "Title\nOctober 25, 2024 at 9:58 am\nText.", "", day(2024, 10, 25)},
		{"in a long line", long + "Berlin - 25.10.2024 - " + long + "\nText.", "", day(2024, 10, 25)},
		{"domain only", "ddbnews.org\nTitel\nText ohne Datum.", "ddbnews.org", time.Time{}},
		{"no year", "Titel\nAm 25.10. sprach er\n" + long, "", time.Time{}},
		{"year not alone", "Titel\nIm Jahr 2024 sprach er - lange\nText.", "", time.Time{}},
		{"five digits", "Titel\n25.10.20245\nText.", "", time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := inferHead(tt.text)
			if h.outlet != tt.outlet || !h.published.Equal(tt.published) {
				t.Errorf("inferHead = %q, %v; want %q, %v", h.outlet, h.published, tt.outlet, tt.published)
			}
		})
	}
}

func TestHasFourDigits(t *testing.T) {
	for s, want := range map[string]bool{"": false, "123": false, "1 234": false, "2024": true, "a12345b": true, "12.2024": true, "١٢٣٤": false} {
		if got := hasFourDigits(s); got != want {
			t.Errorf("hasFourDigits(%q) = %v, want %v", s, got, want)
		}
	}
}
