package ingest

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/unicode/norm"

	"sourcescore"
)

// utf16Bytes encodes s as UTF-16 with a BOM.
func utf16Bytes(s string, order binary.AppendByteOrder) []byte {
	out := order.AppendUint16(nil, 0xFEFF)
	for _, u := range utf16.Encode([]rune(s)) {
		out = order.AppendUint16(out, u)
	}
	return out
}

func TestParse_Position(t *testing.T) {
	tests := []struct {
		name string
		raw  []byte
		find string // NFC text to find in Article.Text (first occurrence)
		want sourcescore.Position
	}{
		{"utf8", []byte("Grüße aus Köln"), "Köln", sourcescore.Position{Line: 1, Column: 11}},
		{"nfd word after umlaut", []byte("Gru\u0308ße aus Ko\u0308ln"), "aus", sourcescore.Position{Line: 1, Column: 8}},
		{"nfd second umlaut", []byte("Gru\u0308ße aus Ko\u0308ln"), "Köln", sourcescore.Position{Line: 1, Column: 12}},
		{"nfd inside word", []byte("Gru\u0308ße aus Ko\u0308ln"), "ln", sourcescore.Position{Line: 1, Column: 15}},
		{"nfd end of line", []byte("Gru\u0308ße\nzwei"), "zwei", sourcescore.Position{Line: 2, Column: 1}},
		{"bom", []byte("\xEF\xBB\xBFÄrger über Putin"), "Putin", sourcescore.Position{Line: 1, Column: 12}},
		{"crlf", []byte("Titel\r\n\r\nÄrger über Putin\r\n"), "Putin", sourcescore.Position{Line: 3, Column: 12}},
		{"lone cr", []byte("Titel\rÄrger über Putin"), "Putin", sourcescore.Position{Line: 2, Column: 12}},
		{"cp1252 quotes and umlauts", []byte("\x84Gr\xfc\xdfe\x93 aus K\xf6ln, sagt er \xe4rgerlich"), "Köln", sourcescore.Position{Line: 1, Column: 13}},
		{"cp1252 after ä", []byte("\x84Gr\xfc\xdfe\x93 aus K\xf6ln, sagt er \xe4rgerlich"), "ärgerlich", sourcescore.Position{Line: 1, Column: 27}},
		{"cp1252 crlf", []byte("Titel\r\n\xe4 \x84Putin\x93"), "Putin", sourcescore.Position{Line: 2, Column: 4}},
		{"utf16le", utf16Bytes("Titel\r\nÄrger über Putin", binary.LittleEndian), "Putin", sourcescore.Position{Line: 2, Column: 12}},
		{"utf16be", utf16Bytes("Titel\r\nÄrger über Putin", binary.BigEndian), "Putin", sourcescore.Position{Line: 2, Column: 12}},
		{"bom nfd crlf", []byte("\xEF\xBB\xBFZeile eins\r\nA\u0308rger u\u0308ber Putin\r\n"), "Putin", sourcescore.Position{Line: 2, Column: 14}},
		{"bom nfd crlf umlaut", []byte("\xEF\xBB\xBFZeile eins\r\nA\u0308rger u\u0308ber Putin\r\n"), "über", sourcescore.Position{Line: 2, Column: 8}},
		{"astral character", []byte("😀 Putin"), "Putin", sourcescore.Position{Line: 1, Column: 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Parse("x.txt", tt.raw, nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			if !norm.NFC.IsNormalString(a.Text) || strings.ContainsRune(a.Text, '\r') || strings.HasPrefix(a.Text, "\uFEFF") {
				t.Errorf("Text %q is not NFC with \\n line ends and no BOM", a.Text)
			}
			off := strings.Index(a.Text, tt.find)
			if off < 0 {
				t.Fatalf("%q not in Text %q", tt.find, a.Text)
			}
			if diff := cmp.Diff(tt.want, a.Position(off)); diff != "" {
				t.Errorf("Position(%d) (-want +got):\n%s", off, diff)
			}
		})
	}
}

func TestParse_Boilerplate(t *testing.T) {
	ads := cutRule("ads", `^-- Anzeige --$`, "", false, false)
	tests := []struct {
		name  string
		text  string
		rules []sourcescore.CutRule
		cut   []int // 1-based lines blank in Body
	}{
		{
			name:  "line rule, trimmed",
			text:  "Titel\n-- Anzeige --\nText eins.\n  -- Anzeige --\t\nText zwei.",
			rules: []sourcescore.CutRule{ads},
			cut:   []int{2, 4},
		},
		{
			name:  "to the end",
			text:  "Titel\nText.\nEmpfohlen\nArtikel A\n\nArtikel B\n",
			rules: []sourcescore.CutRule{cutRule("recommended", `^Empfohlen$`, "", true, false)},
			cut:   []int{3, 4, 5, 6, 7},
		},
		{
			name:  "until",
			text:  "Titel\nMehr zum Thema:\nLink A\nLink B\n\nText geht weiter.\nEnde",
			rules: []sourcescore.CutRule{cutRule("more", `^Mehr zum Thema:?$`, `^Text`, false, false)},
			cut:   []int{2, 3, 4, 5},
		},
		{
			name:  "until never found runs to the end",
			text:  "Text\nMehr zum Thema\nA\nB",
			rules: []sourcescore.CutRule{cutRule("more", `^Mehr zum Thema$`, `^Nie$`, false, false)},
			cut:   []int{2, 3, 4},
		},
		{
			name:  "until, twice",
			text:  "A\nTeilen\nx\nweiter\nTeilen\ny\nweiter",
			rules: []sourcescore.CutRule{cutRule("share", `^Teilen$`, `^weiter$`, false, false)},
			cut:   []int{2, 3, 5, 6},
		},
		{
			name:  "until on the next line",
			text:  "A\nTeilen\nweiter\nB",
			rules: []sourcescore.CutRule{cutRule("share", `^Teilen$`, `^weiter$`, false, false)},
			cut:   []int{2},
		},
		{
			name:  "block matched twice, and a second block",
			text:  "Newsletter\nNewsletter bestellen\n\nText\n\nx\nNewsletter",
			rules: []sourcescore.CutRule{cutRule("newsletter", `^Newsletter`, "", false, true)},
			cut:   []int{1, 2, 6, 7},
		},
		{
			name:  "block",
			text:  "Text eins.\n\nNewsletter\nJetzt anmelden und nichts verpassen.\nDatenschutz\n\nText zwei.",
			rules: []sourcescore.CutRule{cutRule("newsletter", `^Jetzt anmelden`, "", false, true)},
			cut:   []int{3, 4, 5},
		},
		{
			name:  "empty lines never match",
			text:  "A\n\n   \nB",
			rules: []sourcescore.CutRule{cutRule("empty", `^\s*$`, "", true, false)},
			cut:   nil,
		},
		{
			name:  "rules add up; multibyte lines blank byte for byte",
			text:  "Ärger – Anzeige ✓\nText\n-- Anzeige --\nEmpfohlen für Sie\nmehr",
			rules: []sourcescore.CutRule{ads, cutRule("badge", `✓$`, "", false, false), cutRule("rec", `^Empfohlen`, "", true, false)},
			cut:   []int{1, 3, 4, 5},
		},
		{
			name: "no rules",
			text: "-- Anzeige --\nText",
			cut:  nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Parse("x.txt", []byte(tt.text), nil, &sourcescore.Boilerplate{Rules: tt.rules})
			if err != nil {
				t.Fatal(err)
			}
			if a.Text != tt.text {
				t.Errorf("Text = %q, want the input intact", a.Text)
			}
			if len(a.Body) != len(a.Text) || !utf8.ValidString(a.Body) {
				t.Fatalf("Body %q: not the same length as Text or not UTF-8", a.Body)
			}
			if want := sourcescore.LowerSameLength(a.Body); a.Lower != want {
				t.Errorf("Lower = %q, want %q", a.Lower, want)
			}
			bp := &sourcescore.Boilerplate{Rules: tt.rules}
			textLines, bodyLines := strings.Split(a.Text, "\n"), strings.Split(a.Body, "\n")
			var cut []int
			for i, c := range cutLines(textLines, sourcescore.LowerSameLength(a.Text), bp) {
				want := textLines[i]
				if c {
					cut = append(cut, i+1)
					want = strings.Repeat(" ", len(textLines[i]))
				}
				if bodyLines[i] != want {
					t.Errorf("Body line %d = %q, want %q", i+1, bodyLines[i], want)
				}
			}
			if diff := cmp.Diff(tt.cut, cut); diff != "" {
				t.Errorf("cut lines (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParse_bad(t *testing.T) {
	tests := []struct {
		name   string
		raw    string
		reason string
	}{
		{"empty", "", reasonEmpty},
		{"whitespace", " \r\n\t\f\n", reasonEmpty},
		{"bom only", "\xEF\xBB\xBF \n", reasonEmpty},
		{"utf16 bom only", "\xFF\xFE", reasonEmpty},
		{"nul", "Text\x00", "binary file (it holds a NUL character)"},
		{"png", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (it holds a NUL character)"},
		{"controls", "\x01\x02\x03 Kontrollzeichen", "binary file (3 of the first 19 characters are control characters)"},
		{"all boilerplate", "-- Anzeige --\n\n-- Anzeige --", reasonAllCut},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("x.txt", []byte(tt.raw), nil, seedBoilerplate())
			var be *BadArticleError
			if !errors.Is(err, sourcescore.ErrBadArticle) || !errors.As(err, &be) {
				t.Fatalf("Parse = %v, want a *BadArticleError", err)
			}
			if be.Reason != tt.reason {
				t.Errorf("Reason = %q, want %q", be.Reason, tt.reason)
			}
		})
	}
	// Some control characters in a text are no reason to reject it.
	ok := "Seite 1\fSeite 2 mit \x1b einem Escape und \x07 einer Glocke, sonst aber viel Text."
	if _, err := Parse("x.txt", []byte(ok), nil, nil); err != nil {
		t.Errorf("Parse(%q) = %v, want no error", ok, err)
	}
}

func TestParse_metadata(t *testing.T) {
	german := strings.Repeat("Der Kreml hat den Bericht über die Gespräche zwischen dem Unternehmer und dem Präsidenten zurückgewiesen. ", 4)
	english := strings.Repeat("The Kremlin has rejected the report about the conversations between the businessman and the president. ", 4)
	tests := []struct {
		name string
		text string
		m    *ManifestEntry
		want sourcescore.Metadata
	}{
		{
			name: "outlet before a date",
			text: "Titel\nBáo Dân trí•26/10/2024\nText",
			want: sourcescore.Metadata{Outlet: "Báo Dân trí", Published: date(2024, 10, 26), Inferred: []string{"outlet", "published"}},
		},
		{
			name: "date first, time, separator",
			text: "-- Anzeige --\nTitel\n25.10.2024 09:58 Uhr | Lesezeit: 2 min\nText",
			want: sourcescore.Metadata{Published: date(2024, 10, 25), Inferred: []string{"published"}},
		},
		{
			name: "German month, bare domain",
			text: "3. Dezember 2024\n\nddbnews.org\n\nText",
			want: sourcescore.Metadata{Outlet: "ddbnews.org", Published: date(2024, 12, 3), Inferred: []string{"outlet", "published"}},
		},
		{
			name: "German abbreviated month, middle dot",
			text: "Spiegel Online · 25. Okt. 2024\nText",
			want: sourcescore.Metadata{Outlet: "Spiegel Online", Published: date(2024, 10, 25), Inferred: []string{"outlet", "published"}},
		},
		{
			name: "English month first",
			text: "The Times - October 25, 2024\nText",
			want: sourcescore.Metadata{Outlet: "The Times", Published: date(2024, 10, 25), Inferred: []string{"outlet", "published"}},
		},
		{
			name: "English day first, en dash",
			text: "25 October 2024 – 10:30\nText",
			want: sourcescore.Metadata{Published: date(2024, 10, 25), Inferred: []string{"published"}},
		},
		{
			name: "ISO date alone",
			text: "Titel\n2024-10-25\nText",
			want: sourcescore.Metadata{Published: date(2024, 10, 25), Inferred: []string{"published"}},
		},
		{
			name: "a byline is no outlet",
			text: "Von Max Muster | 25.10.2024\nText",
			want: sourcescore.Metadata{Published: date(2024, 10, 25), Inferred: []string{"published"}},
		},
		{
			name: "date inside a sentence is not taken",
			text: "Stand: 25.10.2024\nAm 25.10.2024 sagte er nein.",
		},
		{
			name: "no such day",
			text: "31.02.2024\nText",
		},
		{
			name: "too far down",
			text: "1\n2\n3\n4\n5\n6\n25.10.2024\nfoto.jpg",
		},
		{
			name: "a file name is no domain",
			text: "foto.jpg\nText",
		},
		{
			name: "the manifest wins; what it lacks is inferred",
			text: "Báo Dân trí•26/10/2024\n" + german,
			m:    &ManifestEntry{File: "x.txt", Outlet: "Dan Tri", Story: "s"},
			want: sourcescore.Metadata{Outlet: "Dan Tri", Published: date(2024, 10, 26), Language: "de", Story: "s", Inferred: []string{"published", "language"}},
		},
		{
			name: "manifest language kept",
			text: german,
			m:    &ManifestEntry{File: "x.txt", Language: "en"},
			want: sourcescore.Metadata{Language: "en"},
		},
		{
			name: "English detected",
			text: english,
			want: sourcescore.Metadata{Language: "en", Inferred: []string{"language"}},
		},
		{
			name: "too short to detect",
			text: "Der Kreml hat den Bericht zurückgewiesen.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Parse("x.txt", []byte(tt.text), tt.m, nil)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, a.Meta); diff != "" {
				t.Errorf("Meta (-want +got):\n%s", diff)
			}
			// The metadata outlives the article: what was inferred from
			// the text is a copy, never a substring that keeps it alive.
			if o := a.Meta.Outlet; o != "" && (within(o, a.Text) || within(o, a.Body)) {
				t.Errorf("outlet %q points into the article's text", o)
			}
		})
	}
}

// within reports whether s's bytes lie inside t's.
func within(s, t string) bool {
	p, lo := uintptr(unsafe.Pointer(unsafe.StringData(s))), uintptr(unsafe.Pointer(unsafe.StringData(t)))
	return s != "" && p >= lo && p < lo+uintptr(len(t))
}

func TestParse_words(t *testing.T) {
	tests := []struct {
		text string
		want int
	}{
		{`US-Präsident Trump sagt: "Nein" – 2024 war's.`, 6},
		{"a - b", 2},
		{"Gru\u0308ße", 1},
		{"  ...  \n", 0},
	}
	for _, tt := range tests {
		if got := countWords(tt.text); got != tt.want {
			t.Errorf("countWords(%q) = %d, want %d", tt.text, got, tt.want)
		}
	}
	a, err := Parse("x.txt", []byte("Eins zwei\n-- Anzeige --\ndrei"), nil, seedBoilerplate())
	if err != nil {
		t.Fatal(err)
	}
	if a.Words != 3 {
		t.Errorf("Words = %d, want 3 (boilerplate not counted)", a.Words)
	}
}

// FuzzParse checks that any bytes give an article whose body, text and
// positions agree, or a bad-article error.
//
// The seed corpus is small pieces of the seed articles (the head of each,
// where the metadata is inferred, and its paragraphs), never a whole
// article: each new input the fuzzer finds interesting is minimised, at a
// cost that grows with the square of its length (Go's minimiser tries
// removing every run of bytes), for up to a minute; inputs grown from
// whole 6 KB articles kept the fuzzer minimising instead of fuzzing, and
// `make fuzz` ran some 20 inputs in 20 seconds.
func FuzzParse(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join("..", "seeds", "*.txt"))
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		for _, piece := range fuzzPieces(string(b)) {
			f.Add([]byte(piece))
		}
	}
	for _, s := range []string{
		"", "\xEF\xBB\xBF", "\xFF\xFEa\x00", "\xFE\xFF\x00a\x00", "a\r\rb\r\n", "Gru\u0308ße\r\nKo\u0308ln",
		"\x84Gr\xfc\xdfe\x93", "e" + strings.Repeat("\u0301", 40) + "x", "\u0344\u0958\uFB2C",
		"-- Anzeige --\nText\nEmpfohlen\nx", "Báo Dân trí•26/10/2024\nText",
	} {
		f.Add([]byte(s))
	}
	bp := seedBoilerplate()
	bp.Rules = append(bp.Rules,
		cutRule("more", `^Mehr`, `^Text`, false, false),
		cutRule("block", `Newsletter`, "", false, true),
		cutRule("rec", `^Empfohlen$`, "", true, false))
	f.Fuzz(func(t *testing.T, raw []byte) {
		a, err := Parse("x.txt", raw, nil, bp)
		if err != nil {
			if !errors.Is(err, sourcescore.ErrBadArticle) {
				t.Fatalf("Parse error %v does not wrap ErrBadArticle", err)
			}
			return
		}
		if len(a.Body) != len(a.Text) {
			t.Fatalf("len(Body) = %d, len(Text) = %d", len(a.Body), len(a.Text))
		}
		if !utf8.ValidString(a.Text) || !utf8.ValidString(a.Body) {
			t.Fatal("Text or Body is not valid UTF-8")
		}
		if strings.Count(a.Body, "\n") != strings.Count(a.Text, "\n") {
			t.Fatal("Body and Text have different line breaks")
		}
		prev := sourcescore.Position{}
		for off := 0; off <= len(a.Text); off++ {
			p := a.Position(off)
			if p.Line < 1 || p.Column < 1 || p.Line > a.Lines.Lines() {
				t.Fatalf("Position(%d) = %v", off, p)
			}
			if off < len(a.Text) && !utf8.RuneStart(a.Text[off]) {
				continue
			}
			if p.Line == prev.Line && p.Column < prev.Column {
				t.Fatalf("Position(%d) = %v goes back from %v", off, p, prev)
			}
			prev = p
		}
	})
}

// maxFuzzPiece is the longest seed FuzzParse takes from an article.
const maxFuzzPiece = 400

// fuzzPieces cuts an article into seeds for FuzzParse: its first lines
// and each paragraph, each at most maxFuzzPiece bytes (cut at a line end
// where there is one).
func fuzzPieces(s string) []string {
	var out []string
	add := func(p string) {
		if len(p) > maxFuzzPiece {
			p = p[:maxFuzzPiece]
			if i := strings.LastIndexByte(p, '\n'); i > 0 {
				p = p[:i+1]
			}
			p = strings.ToValidUTF8(p, "")
		}
		if strings.TrimSpace(p) != "" {
			out = append(out, p)
		}
	}
	add(s)
	for para := range strings.SplitSeq(s, "\n\n") {
		add(para)
	}
	return out
}

func BenchmarkParse(b *testing.B) {
	paths, err := filepath.Glob(filepath.Join("..", "seeds", "*.txt"))
	if err != nil || len(paths) == 0 {
		b.Fatal("no seeds")
	}
	var raws [][]byte
	size := 0
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		raws = append(raws, raw)
		size += len(raw)
	}
	manifest := &ManifestEntry{Outlet: "O", Published: date(2024, 10, 25), Language: "de"}
	for _, bc := range []struct {
		name string
		m    *ManifestEntry
		bp   *sourcescore.Boilerplate
	}{
		{"detect language", nil, seedBoilerplate()},
		{"manifest language", manifest, seedBoilerplate()},
		{"manifest language filtered boilerplate", manifest, filteredBoilerplate()},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for b.Loop() {
				for i, raw := range raws {
					if _, err := Parse(paths[i], raw, bc.m, bc.bp); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

// countWordsByRune is countWords as it was written first, classifying every
// rune with isWordRune: the reference for countWords's ASCII table.
func countWordsByRune(s string) int {
	n := 0
	in := false
	for i, r := range s {
		if isWordRune(r) {
			if !in {
				n++
				in = true
			}
			continue
		}
		if in && isJoiner(r) {
			next, _ := utf8.DecodeRuneInString(s[i+utf8.RuneLen(r):])
			if isWordRune(next) {
				continue
			}
		}
		in = false
	}
	return n
}

// FuzzCountWords checks countWords against countWordsByRune, on the seed
// articles and every ASCII byte among others.
func FuzzCountWords(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join("..", "seeds", "*.txt"))
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	var ascii strings.Builder
	for c := range utf8.RuneSelf {
		ascii.WriteString("a" + string(rune(c)) + "b ")
	}
	for _, s := range []string{
		ascii.String(), "", "-", "a-", "-a", "a--b", "don't", "don’t", "a\u2010b", "a\u2011b", "a-\u0308",
		"Gru\u0308ße", "x\xffy", "a-\xff", "\xe2\x80", "ẞ İ ǅ 1٣ ₂ ½", "a\u00a0b", "US-Präsident", "٣-٤",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := countWords(s), countWordsByRune(s); got != want {
			t.Errorf("countWords(%q) = %d, want %d", s, got, want)
		}
	})
}

// Every control character binaryReason counts is one mayHoldControl sees,
// alone and between other text.
func TestMayHoldControl(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		counted := unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r' && r != '\f'
		if !counted {
			continue
		}
		if s := string(r); !mayHoldControl(s) || !mayHoldControl("Grüße\u00a0«"+s+"»") {
			t.Errorf("mayHoldControl misses %U", r)
		}
	}
	for _, s := range []string{"", "Grüße\t\n\r\f aus Köln\u00a0«»°", "\xc2", "x\xc2\xa0"} {
		if mayHoldControl(s) {
			t.Errorf("mayHoldControl(%q) = true, want false", s)
		}
	}
}

// binaryReasonByRune is binaryReason without mayHoldControl: the reference.
func binaryReasonByRune(s string) string {
	if strings.IndexByte(s, 0) >= 0 {
		return "binary file (it holds a NUL character)"
	}
	window := s
	if len(window) > binaryWindow {
		window = window[:binaryWindow]
	}
	var runes, controls int
	for _, r := range window {
		runes++
		switch r {
		case '\t', '\n', '\r', '\f':
			continue
		}
		if unicode.IsControl(r) {
			controls++
		}
	}
	if runes > 0 && float64(controls) > maxControlShare*float64(runes) {
		return fmt.Sprintf("binary file (%d of the first %d characters are control characters)", controls, runes)
	}
	return ""
}

func FuzzBinaryReason(f *testing.F) {
	for _, s := range []string{
		"", "text", "a\x01b", "\x01\x02\x03 abc", "\u0085\u0085 ab", "\x7f\x7f", "\xc2\x85\xc2", "Grüße\f",
		strings.Repeat("\x01", 10) + strings.Repeat("a", 90), strings.Repeat("\x01", 11) + strings.Repeat("a", 89),
		strings.Repeat("é", binaryWindow) + "\x01", strings.Repeat("a", binaryWindow-1) + "\xc2\x85",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := binaryReason(s), binaryReasonByRune(s); got != want {
			t.Errorf("binaryReason(%q) = %q, want %q", s, got, want)
		}
	})
}

// asciiWords and asciiJoiners flag every ASCII byte, at each of the eight
// places of a word, as asciiWord and isJoiner do, whatever the other bytes.
func TestASCIIMasks(t *testing.T) {
	for c := range uint64(utf8.RuneSelf) {
		for _, fill := range []uint64{0, 'a', '-', '\'', 0x7f, ' '} {
			for k := range 8 {
				x := fill*0x0101010101010101&^(0xff<<(8*k)) | c<<(8*k)
				wantW := asciiWord[c]
				wantJ := isJoiner(rune(c))
				if got := asciiWords(x)>>(8*k)&0xff == 0x80; got != wantW {
					t.Errorf("asciiWords(%#x) byte %d (%q) = %v, want %v", x, k, rune(c), got, wantW)
				}
				if got := asciiJoiners(x)>>(8*k)&0xff == 0x80; got != wantJ {
					t.Errorf("asciiJoiners(%#x) byte %d (%q) = %v, want %v", x, k, rune(c), got, wantJ)
				}
				if asciiWords(x)&^0x8080808080808080 != 0 || asciiJoiners(x)&^0x8080808080808080 != 0 {
					t.Fatalf("masks of %#x have bits beside the high ones", x)
				}
			}
		}
	}
}

func BenchmarkCountWords(b *testing.B) {
	paths, _ := filepath.Glob(filepath.Join("..", "seeds", "*.txt"))
	var all strings.Builder
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		all.Write(raw)
	}
	s := all.String()
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		countWords(s)
	}
}
