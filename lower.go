package sourcescore

import (
	"encoding/binary"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// LowerSameLength lower-cases s rune by rune, keeping any rune whose lower
// case has another UTF-8 length (ẞ, İ), so byte offsets into s stay valid
// in the result. That holds for valid UTF-8 (all text ingest makes): in
// other text every byte that is not part of a rune becomes U+FFFD, three
// bytes.
func LowerSameLength(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	// Lower-case a copy in place: ASCII eight bytes at a time where it can,
	// other runes one by one. A byte that is no valid UTF-8 gives up: see
	// lowerRunes.
	b := []byte(s)
	for i := 0; i < len(b); {
		if i+8 <= len(b) {
			if w := binary.LittleEndian.Uint64(b[i:]); w&asciiHigh == 0 {
				if up := asciiUpper(w); up != 0 {
					binary.LittleEndian.PutUint64(b[i:], w|up>>2) // 'A'|0x20 == 'a'
				}
				i += 8
				continue
			}
		}
		if c := b[i]; c < utf8.RuneSelf { // as unicode.ToLower does for ASCII
			if 'A' <= c && c <= 'Z' {
				b[i] = c + 'a' - 'A'
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return lowerRunes(s)
		}
		if l := unicode.ToLower(r); l != r && utf8.RuneLen(l) == size {
			utf8.EncodeRune(b[i:], l)
		}
		i += size
	}
	// b is this call's own copy and is never written again: the string
	// can share it instead of copying the text once more.
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// asciiHigh has the high bit of every byte of a word set; a word of ASCII
// bytes has none of them.
const asciiHigh = 0x8080808080808080

// asciiUpper returns, for a word of eight ASCII bytes, the high bit (0x80)
// of each byte that is an upper-case letter 'A' to 'Z'. Adding 0x3f to a byte
// below 0x80 sets its high bit when it is at least 'A', adding 0x25 when it
// is above 'Z'; no sum carries into the next byte.
func asciiUpper(w uint64) uint64 {
	const ones = 0x0101010101010101
	return (w + 0x3f*ones) &^ (w + 0x25*ones) & asciiHigh
}

// lowerRunes is LowerSameLength for text that is not valid UTF-8: every
// byte that is not part of a valid rune becomes U+FFFD, as ranging over s
// yields it, so the result is longer than s.
func lowerRunes(s string) string {
	b := make([]byte, 0, len(s))
	for _, r := range s {
		l := unicode.ToLower(r)
		if utf8.RuneLen(l) != utf8.RuneLen(r) {
			l = r
		}
		b = utf8.AppendRune(b, l)
	}
	return string(b)
}
