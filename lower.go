package sourcescore

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// LowerSameLength lower-cases s rune by rune, keeping any rune whose lower
// case has another UTF-8 length (ẞ, İ), so byte offsets into s stay valid
// in the result.
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
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf { // as unicode.ToLower does for ASCII
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:]) // as range does: U+FFFD, 1 for a bad byte
		i += size
		l := unicode.ToLower(r)
		if utf8.RuneLen(l) != utf8.RuneLen(r) {
			l = r
		}
		b = utf8.AppendRune(b, l)
	}
	return string(b)
}
