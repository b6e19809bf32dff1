package ingest

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/unicode/norm"
)

// binaryWindow is how much of the decoded text the control-character test
// looks at, and maxControlShare the share of control characters in it above
// which a file is taken as binary.
const (
	binaryWindow    = 8 << 10
	maxControlShare = 0.10
)

// maxNoiseShare and minNoise are noiseReason's thresholds.
const (
	maxNoiseShare = 0.30
	minNoise      = 32
)

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// decode turns the bytes of a file into UTF-8. A UTF-8 BOM is dropped, UTF-16
// with a BOM is decoded, valid UTF-8 is kept and anything else is read as
// windows-1252. It never fails: bytes that mean nothing become U+FFFD or the
// windows-1252 character of the same number. Every character of the original
// file (but a BOM) is one rune of the result, so columns counted in runes are
// columns of the original.
func decode(raw []byte) string {
	s, _ := decodeText(raw)
	return s
}

// decodeText is decode, also telling whether the bytes were read as
// windows-1252 (they were neither UTF-16 with a BOM nor valid UTF-8).
func decodeText(raw []byte) (text string, legacy bool) {
	switch {
	case bytes.HasPrefix(raw, bomUTF8):
		raw = raw[len(bomUTF8):]
	case bytes.HasPrefix(raw, bomUTF16LE), bytes.HasPrefix(raw, bomUTF16BE):
		// ExpectBOM reads the byte order from the BOM and drops it. The
		// decoder replaces broken surrogates and an odd last byte with
		// U+FFFD instead of failing.
		out, err := xunicode.UTF16(xunicode.LittleEndian, xunicode.ExpectBOM).NewDecoder().Bytes(raw)
		if err == nil {
			return string(out), false
		}
		// Not reached in practice; fall through to the byte decoders.
	}
	if utf8.Valid(raw) {
		return string(raw), false
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(raw)
	if err != nil {
		// windows-1252 maps every byte; keep going with Go's own repair.
		return strings.ToValidUTF8(string(raw), "\uFFFD"), true
	}
	return string(out), true
}

// noiseReason says why bytes that are not valid UTF-8 look like random
// bytes rather than text in a legacy encoding, or returns "" when they look
// like text. In German or English text written in windows-1252 or
// Latin-1, the bytes from 0x80 up are its umlauts, ß, accented letters and
// typographic quotes: a few in a hundred characters, at most some twenty
// in a hundred in a line dense with them ("Größe, Übermaß, Äußerung"). In
// random bytes, or in text of another script in an encoding that is not
// read, most characters are such bytes. So a file is taken as binary when
// more than maxNoiseShare of its characters other than white space are
// bytes that are neither ASCII nor part of a valid UTF-8 sequence, and
// there are at least minNoise of them (a few words cannot tell).
func noiseReason(raw []byte) string {
	raw = bytes.TrimPrefix(raw, bomUTF8)
	var invalid, chars int
	for i := 0; i < len(raw); {
		c := raw[i]
		if c < utf8.RuneSelf {
			if c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' {
				chars++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(raw[i:])
		if r == utf8.RuneError && size == 1 {
			invalid++
		}
		chars++
		i += size
	}
	if invalid >= minNoise && float64(invalid) > maxNoiseShare*float64(chars) {
		return fmt.Sprintf("binary file (%d of its %d characters other than white space are bytes that are neither ASCII nor UTF-8)", invalid, chars)
	}
	return ""
}

// binaryReason says why decoded text looks like a binary file, or returns ""
// when it looks like text: a NUL anywhere, or more than maxControlShare
// control characters other than \t \n \r \f in the first binaryWindow bytes.
func binaryReason(s string) string {
	if strings.IndexByte(s, 0) >= 0 {
		return "binary file (it holds a NUL character)"
	}
	window := s
	if len(window) > binaryWindow {
		window = window[:binaryWindow]
	}
	if !mayHoldControl(window) {
		return ""
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

// mayHoldControl reports whether s may hold a control character that
// binaryReason counts: a byte below 0x20 but \t \n \r \f, DEL, or the
// two-byte UTF-8 form (0xC2 0x80 to 0xC2 0x9F) of a C1 control; those are
// all the control characters unicode.IsControl knows. Text without one
// needs no rune count. A byte loop over s costs a fraction of decoding it.
func mayHoldControl(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20:
			if c != '\t' && c != '\n' && c != '\r' && c != '\f' {
				return true
			}
		case c == 0x7f:
			return true
		case c == 0xc2:
			if i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] <= 0x9f {
				return true
			}
		}
	}
	return false
}

// unifyLineEnds turns "\r\n" and a lone "\r" into "\n". The number of lines
// stays the same, and no character of a line is added or removed.
func unifyLineEnds(s string) string {
	if strings.IndexByte(s, '\r') < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\r' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('\n')
		if i+1 < len(s) && s[i+1] == '\n' {
			i++
		}
	}
	return b.String()
}

// normalize puts s, which has '\n' line ends, in NFC line by line. For each
// 0-based line whose runes no longer correspond one to one with the runes of
// the line in s, remap holds the 1-based column in s of every rune of the
// normalised line (see sourcescore.NewLineIndex). remap is nil when no line
// needed one.
func normalize(s string) (text string, remap map[int][]int32) {
	text, remap, _ = normalizeText(s, nil)
	return text, remap
}

// normalizeText is normalize, repairing first, line by line, the sequences
// of page (nil: none) that are mojibake (see mojibake.go), with the columns
// of the repaired lines in remap too; repairs is how many there were.
func normalizeText(s string, page *mojibakePage) (text string, remap map[int][]int32, repairs int) {
	if page == nil && norm.NFC.IsNormalString(s) {
		return s, nil, 0
	}
	var b strings.Builder
	b.Grow(len(s))
	for line, start := 0, 0; ; line++ {
		end := strings.IndexByte(s[start:], '\n')
		ln := s[start:]
		if end >= 0 {
			ln = s[start : start+end]
		}
		var cols []int32
		if page != nil {
			var n int
			ln, cols, n = page.repairLine(ln)
			repairs += n
		}
		if !norm.NFC.IsNormalString(ln) {
			var nfc []int32
			ln, nfc = normalizeLine(ln)
			cols = composeCols(cols, nfc)
		}
		b.WriteString(ln)
		if cols != nil {
			if remap == nil {
				remap = make(map[int][]int32)
			}
			remap[line] = cols
		}
		if end < 0 {
			break
		}
		b.WriteByte('\n')
		start += end + 1
	}
	return b.String(), remap, repairs
}

// normalizeLine puts one line in NFC, segment by segment, and records for
// each rune of the result the 1-based column of the original rune it came
// from: the runes a segment composes to map to the segment's runes in order,
// and any extra ones to its last rune. cols is nil when the mapping is the
// identity (the line kept its rune count).
func normalizeLine(ln string) (out string, cols []int32) {
	var it norm.Iter
	it.InitString(norm.NFC, ln)
	var b strings.Builder
	b.Grow(len(ln))
	cols = make([]int32, 0, len(ln))
	col := int32(1) // original column of the segment's first rune
	identity := true
	for !it.Done() {
		p0 := it.Pos()
		seg := it.Next()
		p1 := it.Pos()
		orig := int32(utf8.RuneCountInString(ln[p0:p1]))
		if orig < 1 {
			orig = 1
		}
		n := int32(0)
		for range string(seg) {
			k := n
			if k > orig-1 {
				k = orig - 1
			}
			cols = append(cols, col+k)
			n++
		}
		if n != orig {
			identity = false
		}
		b.Write(seg)
		col += orig
	}
	if identity {
		return b.String(), nil
	}
	return b.String(), cols
}
