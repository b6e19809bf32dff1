package rules

import (
	"math/rand"
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// The first forms of splitLine and quoteLine, rune by rune: the reference
// for the faster ones.
// refSplitLine appends the sentences of one line.
func (d *Doc) refSplitLine(off int, line string) {
	start := firstNonSpace(line)
	for i := 0; i < len(line); {
		r, w := utf8.DecodeRuneInString(line[i:])
		if r != '.' && r != '!' && r != '?' && r != '…' {
			i += w
			continue
		}
		j := i + w
		for j < len(line) {
			c, cw := utf8.DecodeRuneInString(line[j:])
			if !isCloser(c) && c != '.' && c != '!' && c != '?' {
				break
			}
			j += cw
		}
		k := j
		for k < len(line) && (line[k] == ' ' || line[k] == '\t') {
			k++
		}
		if k == j && k < len(line) { // no space after: "z.B.", "2.000", "WSJ.com"
			i = j
			continue
		}
		if k < len(line) {
			next, _ := utf8.DecodeRuneInString(line[k:])
			if !unicode.IsUpper(next) && !unicode.IsDigit(next) && !isOpener(next) {
				i = j
				continue
			}
			if r == '.' && !sentenceEndingPeriod(line[:i]) {
				i = j
				continue
			}
		}
		if s := strings.TrimSpace(line[start:j]); s != "" {
			d.sentences = append(d.sentences, span{off + start, off + j})
		}
		start = k
		i = k
	}
	if start < len(line) && strings.TrimSpace(line[start:]) != "" {
		d.sentences = append(d.sentences, span{off + start, off + len(strings.TrimRightFunc(line, unicode.IsSpace))})
	}
}

// refQuoteLine appends the quotations of one line: „…“, “…”, «…», »…« and
// "…" (straight quotes pair up in order). An unclosed quotation runs to the
// end of the line.
func (d *Doc) refQuoteLine(off int, line string) {
	open := -1
	var closer rune
	for i, r := range line {
		if open >= 0 {
			if r == closer || (closer == '"' && r == '“') || (closer == '“' && r == '”') {
				d.quotes = append(d.quotes, span{off + open, off + i + utf8.RuneLen(r)})
				open = -1
			}
			continue
		}
		switch r {
		case '„':
			open, closer = i, '“'
		case '“':
			open, closer = i, '”'
		case '«':
			open, closer = i, '»'
		case '»':
			open, closer = i, '«'
		case '"':
			open, closer = i, '"'
		}
	}
	if open >= 0 {
		d.quotes = append(d.quotes, span{off + open, off + len(line)})
	}
}

// TestSplit_SameAsRuneByRune: sentences and quotations are those the
// rune-by-rune forms find, on the seeds and on random lines of the bytes
// that matter (including invalid UTF-8).
func TestSplit_SameAsRuneByRune(t *testing.T) {
	lines := []string{"", "a. B", "z.B. Der 25. Oktober… Und?! „Ja“, sagte er. »So« «so» “x” \"y\" \"z", "\xe2\x80. A \xe2 \xc2\xab x"}
	for _, s := range seedArticles(t) {
		lines = append(lines, strings.Split(string(s), "\n")...)
	}
	rng := rand.New(rand.NewSource(1))
	pieces := []string{".", "!", "?", "…", " ", "\t", "A", "b", "1", "„", "“", "”", "«", "»", "\"", "'", ")", "\xe2", "\xc2", "\x80", "ä", "Dr", "Ä"}
	for range 3000 {
		var b strings.Builder
		for range rng.Intn(30) {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		lines = append(lines, b.String())
	}
	for _, line := range lines {
		var got, want Doc
		got.splitLine(7, line)
		got.quoteLine(7, line)
		want.refSplitLine(7, line)
		want.refQuoteLine(7, line)
		if !reflect.DeepEqual(got.sentences, want.sentences) || !reflect.DeepEqual(got.quotes, want.quotes) {
			t.Errorf("%q: sentences %v quotes %v, want %v %v", line, got.sentences, got.quotes, want.sentences, want.quotes)
		}
	}
}

// TestCutOff: a body that stops mid-sentence in a line of prose is cut
// off; one that ends a sentence, or ends on a short line of page
// furniture, is not.
func TestCutOff(t *testing.T) {
	prose := "Der Minister sprach am Dienstag vor dem Ausschuss über die Lage an der Grenze und"
	for _, tt := range []struct {
		body string
		want bool
	}{
		{"Erster Absatz.\n\n" + prose, true},
		{"Erster Absatz.\n\n" + prose + " \n\n  ", true},
		{"Erster Absatz.\n\n" + prose + " die Folgen.", false},
		{"Erster Absatz.\n\n" + prose + " die Folgen, sagte er: „Wir warten ab.“", false},
		{"Erster Absatz.\n\n" + prose + " die Folgen.\n\nQuelle: Agenturen", false},
		{"Kurz und", false},
	} {
		d := &Doc{Body: tt.body}
		if got := d.cutOff(); got != tt.want {
			t.Errorf("cutOff(%q) = %v, want %v", tt.body[max(0, len(tt.body)-40):], got, tt.want)
		}
	}
}
