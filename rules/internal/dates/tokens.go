package dates

import (
	"unicode"
	"unicode/utf8"
)

type tokKind uint8

const (
	tWord tokKind = iota + 1
	tNum
	tPunct
)

// token is a word (a run of letters, Unicode-aware), a number (a run of ASCII
// digits) or one punctuation rune. White space separates tokens and is not
// kept; two tokens are adjacent when nothing lies between them.
type token struct {
	start, end int
	wi         uint16 // words: the lexicon entry's index in entries, 0 when the word is not in it
	val        int    // numbers: the value (first 9 digits)
	r          rune   // punctuation: the rune
	kind       tokKind
	ndig       uint8 // numbers: digit count, capped at 255
	upper      bool  // words: the first letter is upper case
}

// info returns the lexicon entry of a word token, nil when the word is not in
// the lexicon or the token is not a word. Tokens hold an index, not a
// pointer, so that appending them and reusing their buffer needs no write
// barriers or clearing.
func (t *token) info() *wordInfo { return entries[t.wi] }

// Classes of ASCII bytes.
const (
	cPunct uint8 = iota
	cSpace
	cDigit
	cUpper
	cLower
)

var asciiClass = func() (t [utf8.RuneSelf]uint8) {
	for c := range t {
		switch {
		case c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\v':
			t[c] = cSpace
		case c >= '0' && c <= '9':
			t[c] = cDigit
		case c >= 'A' && c <= 'Z':
			t[c] = cUpper
		case c >= 'a' && c <= 'z':
			t[c] = cLower
		}
	}
	return
}()

// tokenize appends the tokens of text to toks and returns them with the sum
// of the language votes of the words (> 0 German, < 0 English).
func tokenize(text string, toks []token) ([]token, int) {
	votes := 0
	i := 0
	for i < len(text) {
		c := text[i]
		if c < utf8.RuneSelf {
			switch asciiClass[c] {
			case cSpace:
				i++
				continue
			case cDigit:
				j, v := i, 0
				for j < len(text) && text[j] >= '0' && text[j] <= '9' {
					if j-i < 9 {
						v = v*10 + int(text[j]-'0')
					}
					j++
				}
				toks = append(toks, token{start: i, end: j, val: v, kind: tNum, ndig: uint8(min(j-i, 255))})
				i = j
				continue
			case cPunct:
				toks = append(toks, token{start: i, end: i + 1, r: rune(c), kind: tPunct})
				i++
				continue
			}
			// an ASCII letter: the fast path while the word stays ASCII
			j, h := i, uint32(0)
			for j < len(text) {
				c := text[j]
				if c >= utf8.RuneSelf || asciiClass[c] < cUpper {
					break
				}
				h = hashStep(h, c|0x20)
				j++
			}
			if j == len(text) || text[j] < utf8.RuneSelf {
				t := token{start: i, end: j, kind: tWord, upper: asciiClass[c] == cUpper}
				if j-i <= maxKey {
					if w := lookupASCII(text[i:j], h); w != nil {
						t.wi = w.id
						votes += int(w.vote)
					}
				}
				toks = append(toks, t)
				i = j
				continue
			}
		} else {
			r, size := utf8.DecodeRuneInString(text[i:])
			if !unicode.IsLetter(r) {
				if !unicode.IsSpace(r) {
					toks = append(toks, token{start: i, end: i + size, r: r, kind: tPunct})
				}
				i += size
				continue
			}
		}
		var t token
		t, i = slowWord(text, i)
		if t.wi != 0 {
			votes += int(entries[t.wi].vote)
		}
		toks = append(toks, t)
	}
	return toks, votes
}

// slowWord reads a word with non-ASCII letters (and combining marks or
// non-ASCII digits inside it) from i, lower-casing it into a buffer for the
// lookup.
func slowWord(text string, i int) (token, int) {
	var buf [32]byte
	j, n, over, upper, h := i, 0, false, false, uint32(0)
	for j < len(text) {
		c := text[j]
		if c < utf8.RuneSelf {
			if asciiClass[c] < cUpper {
				break
			}
			if j == i {
				upper = asciiClass[c] == cUpper
			}
			if n < len(buf) {
				buf[n] = c | 0x20
				h = hashStep(h, c|0x20)
				n++
			} else {
				over = true
			}
			j++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[j:])
		if !unicode.IsLetter(r) && !unicode.IsMark(r) && !unicode.IsNumber(r) {
			break
		}
		if j == i {
			upper = unicode.IsUpper(r)
		}
		if lr := unicode.ToLower(r); n+utf8.RuneLen(lr) <= len(buf) {
			k := n + utf8.EncodeRune(buf[n:], lr)
			for ; n < k; n++ {
				h = hashStep(h, buf[n])
			}
		} else {
			over = true
		}
		j += size
	}
	t := token{start: i, end: j, kind: tWord, upper: upper}
	if !over && n <= maxKey {
		if w := lookup(buf[:n], h); w != nil {
			t.wi = w.id
		}
	}
	return t, j
}
