package ingest

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// Mojibake. A page that was UTF-8 is sometimes decoded by whoever copied it
// as a legacy code page and saved again as UTF-8: "zurückwies" becomes
// "zurÃ¼ckwies" (windows-1252) or "zur├╝ckwies" (the DOS code pages), and
// „…“ becomes "â€ž…â€œ". The file is valid UTF-8, so decoding cannot tell;
// but the rules would read "zur├╝ckwies" as no word they know (a denial
// missed) and the stray symbols as a translation's artifacts. UTF-8 makes
// the damage recognisable: each character that was not ASCII became two to
// four characters whose bytes in that code page are a UTF-8 lead byte and
// its continuation bytes. The text is repaired when one code page explains
// at least minMojibake such sequences, and only sequences that decode to
// the characters European news text is made of (mojibakeRune) are taken,
// so that "Gruß“" (ß then a closing quote: the bytes of a character of an
// African script in windows-1252) is left alone.
//
// No Go library does this (ftfy, the reference, is Python); the code pages'
// tables come from golang.org/x/text.
const minMojibake = 2

// mojibakePage is a code page a text may have been mis-decoded as; its
// index is its place in mojibakePages and in the tables below.
type mojibakePage struct {
	name string
	idx  int
	cm   *charmap.Charmap
}

var mojibakePages = []*mojibakePage{
	{"windows-1252", 0, charmap.Windows1252},
	{"windows-1251", 1, charmap.Windows1251}, // Cyrillic: "вЂњ" for “ on pages that came by way of Russian
	{"code page 437", 2, charmap.CodePage437},
	{"code page 850", 3, charmap.CodePage850},
	{"code page 852", 4, charmap.CodePage852},
}

// numPages is len(mojibakePages), the size of the per-page tables.
const numPages = 5

// The characters of the pages' upper halves (bytes 0x80 to 0xFF) are all
// below mojibakeRunes: for each, its byte in each page (0: not in it), and
// the pages where that byte is a UTF-8 lead byte (mojibakeLead) or a
// continuation byte (mojibakeCont), one bit a page.
const mojibakeRunes = 0x2600

var (
	mojibakeBytes [mojibakeRunes][numPages]byte
	mojibakeLead  [mojibakeRunes]uint8
	mojibakeCont  [mojibakeRunes]uint8
)

func init() {
	if len(mojibakePages) != numPages || numPages > 8 {
		panic("ingest: mojibakePages and numPages disagree, or more pages than a uint8 has bits")
	}
	for _, p := range mojibakePages {
		for b := 0x80; b <= 0xFF; b++ {
			r := p.cm.DecodeByte(byte(b))
			if r < utf8.RuneSelf || r >= mojibakeRunes {
				continue // undefined in the page (U+FFFD), or ASCII
			}
			mojibakeBytes[r][p.idx] = byte(b)
			switch {
			case b <= 0xBF:
				mojibakeCont[r] |= 1 << p.idx
			case b >= 0xC2 && b <= 0xF4:
				mojibakeLead[r] |= 1 << p.idx
			}
		}
	}
}

// mojibakeRune reports whether r is a character a repaired sequence may
// stand for: Latin letters with diacritics and the Latin-1 signs, the
// Cyrillic alphabet, and the dashes, quotation marks, ellipsis, euro and
// trade mark signs of typeset text.
func mojibakeRune(r rune) bool {
	switch {
	case r >= 0xA0 && r <= 0x17F, r >= 0x400 && r <= 0x45F, r >= 0x2010 && r <= 0x2026:
		return true
	}
	return r == 0x2030 || r == 0x2039 || r == 0x203A || r == 0x20AC || r == 0x2122
}

// pairPages returns the pages in which the character at s[i] (not ASCII)
// is a lead byte and the one after it a continuation byte (one bit a page;
// 0 for most text, even German with "äß"), and the first one's width.
func pairPages(s string, i int) (pages uint8, w int) {
	r0, w := utf8.DecodeRuneInString(s[i:])
	if r0 >= mojibakeRunes || mojibakeLead[r0] == 0 || i+w >= len(s) || s[i+w] < utf8.RuneSelf {
		return 0, w
	}
	r1, _ := utf8.DecodeRuneInString(s[i+w:])
	if r1 >= mojibakeRunes {
		return 0, w
	}
	return mojibakeLead[r0] & mojibakeCont[r1], w
}

// sequence returns the character that the runes of s from i on stand for
// when they are one mis-decoded UTF-8 sequence in page p, and how many bytes
// of s they take; ok is false when they are not.
func (p *mojibakePage) sequence(s string, i int) (r rune, size int, ok bool) {
	pages, w := pairPages(s, i)
	if pages&(1<<p.idx) == 0 {
		return 0, 0, false
	}
	r0, _ := utf8.DecodeRuneInString(s[i:])
	lead := mojibakeBytes[r0][p.idx]
	n := 1
	switch {
	case lead >= 0xF0:
		n = 3
	case lead >= 0xE0:
		n = 2
	}
	var buf [4]byte
	buf[0] = lead
	j := i + w
	for k := 1; k <= n; k++ {
		if j >= len(s) || s[j] < utf8.RuneSelf {
			return 0, 0, false
		}
		rk, wk := utf8.DecodeRuneInString(s[j:])
		if rk >= mojibakeRunes || mojibakeCont[rk]&(1<<p.idx) == 0 {
			return 0, 0, false
		}
		buf[k] = mojibakeBytes[rk][p.idx]
		j += wk
	}
	r, rw := utf8.DecodeRune(buf[:n+1])
	if r == utf8.RuneError || rw != n+1 || !mojibakeRune(r) {
		return 0, 0, false
	}
	return r, j - i, true
}

// mojibakeOf returns the code page text was mis-decoded as, or nil when
// none explains at least minMojibake sequences; of several, the one that
// explains most (the first listed on a tie). Text is read once, eight
// bytes at a time where they are ASCII, and a page's sequences are counted
// only where a lead and a continuation character of it meet.
func mojibakeOf(text string) *mojibakePage {
	var counts [numPages]int
	var next [numPages]int // where each page's count goes on: a sequence is not counted twice
	for i := 0; i < len(text); {
		if i+8 <= len(text) && ascii8(text[i:i+8]) {
			i += 8
			continue
		}
		if text[i] < utf8.RuneSelf {
			i++
			continue
		}
		pages, w := pairPages(text, i)
		for _, p := range mojibakePages {
			if pages&(1<<p.idx) == 0 || i < next[p.idx] {
				continue
			}
			if _, size, ok := p.sequence(text, i); ok {
				counts[p.idx]++
				next[p.idx] = i + size
			}
		}
		i += w
	}
	var best *mojibakePage
	most := minMojibake - 1
	for _, p := range mojibakePages {
		if counts[p.idx] > most {
			best, most = p, counts[p.idx]
		}
	}
	return best
}

// ascii8 reports whether the eight bytes of s are ASCII.
func ascii8(s string) bool {
	return (s[0]|s[1]|s[2]|s[3]|s[4]|s[5]|s[6]|s[7])&0x80 == 0
}

// repairLine replaces the mis-decoded sequences of page p in one line by the
// characters they stand for, and records for each rune of the result the
// 1-based column in ln of the rune it came from (a repaired character:
// its sequence's first). n is the number of repairs; cols is nil when
// there was none.
func (p *mojibakePage) repairLine(ln string) (out string, cols []int32, n int) {
	var b strings.Builder
	col := int32(1)
	for i := 0; i < len(ln); {
		r, size, ok := rune(0), 0, false
		if ln[i] >= utf8.RuneSelf {
			r, size, ok = p.sequence(ln, i)
		}
		if !ok {
			_, w := utf8.DecodeRuneInString(ln[i:])
			if cols != nil {
				b.WriteString(ln[i : i+w])
				cols = append(cols, col)
			}
			i += w
			col++
			continue
		}
		if cols == nil {
			// The first repair: what came before is copied as it is.
			b.Grow(len(ln))
			b.WriteString(ln[:i])
			cols = make([]int32, 0, len(ln))
			for c := int32(1); c < col; c++ {
				cols = append(cols, c)
			}
		}
		b.WriteRune(r)
		cols = append(cols, col)
		col += int32(utf8.RuneCountInString(ln[i : i+size]))
		i += size
		n++
	}
	if cols == nil {
		return ln, nil, 0
	}
	return b.String(), cols, n
}

// composeCols maps the columns of a second rewrite of a line (after, in
// columns of the first rewrite's result) through the first (before, in
// columns of the original line); either is nil for the identity.
func composeCols(before, after []int32) []int32 {
	switch {
	case after == nil:
		return before
	case before == nil:
		return after
	}
	out := make([]int32, len(after))
	for i, c := range after {
		out[i] = before[c-1]
	}
	return out
}
