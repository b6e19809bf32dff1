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
	for _, r := range s {
		l := unicode.ToLower(r)
		if utf8.RuneLen(l) != utf8.RuneLen(r) {
			l = r
		}
		b = utf8.AppendRune(b, l)
	}
	return string(b)
}
