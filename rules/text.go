package rules

import (
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"sourcescore"
	"sourcescore/rules/internal/dates"
	"sourcescore/rules/internal/engine"
)

// span is a byte range [start, end) of an article's body.
type span struct{ start, end int }

// Doc is an article prepared once for all rules: lower-cased body, lines,
// sentences, quotations, date mentions and words (the last two
// on first use). Offsets everywhere are byte offsets of Article.Body, which
// are offsets of Article.Text too.
type Doc struct {
	A         *sourcescore.Article
	Body      string
	Lower     string // Body lower-cased without changing any byte offset
	Lang      string
	Story     *Story    // the story the article is about; nil when none
	Published time.Time // publication date; zero when unknown

	sentences  []span
	quotes     []span
	mentions   []dates.Mention
	datesDone  bool
	lineStarts []int       // byte offset where each line begins
	txt        engine.Text // the body as the matching engine reads it, with what it found
	tied       []tiedFor   // date mentions tied to story facts, per max distance
	capWords   []nameTok   // capitalised words, made by capitalised on first use
	capNext    []bool      // capNext[i]: capWords[i+1] follows capWords[i] after one space
	capsDone   bool
	wordList   []word // the words, for the kinds that read words one by one
	wordsDone  bool   // wordList is made
}

// docs keeps released Docs, so an article reuses the memory of an earlier
// one for its lines, sentences, quotations, dates and matches.
var docs = sync.Pool{New: func() any { return new(Doc) }}

// newDoc prepares an article under the engine e; lower is its body
// lower-cased by sourcescore.LowerSameLength.
func newDoc(a *sourcescore.Article, st *Story, lower string, e *engine.Engine) *Doc {
	d := docs.Get().(*Doc)
	*d = Doc{A: a, Body: a.Body, Lower: lower, Lang: a.Meta.Language, Story: st, Published: a.Meta.Published,
		sentences: d.sentences[:0], quotes: d.quotes[:0], mentions: d.mentions[:0],
		lineStarts: d.lineStarts[:0], txt: d.txt, tied: d.tied[:0],
		capWords: d.capWords[:0], capNext: d.capNext[:0], wordList: d.wordList[:0]}
	d.split()
	d.txt.Reset(e, d.Body, d.Lower, d.lineStarts)
	return d
}

// maxKept is the most elements a slice of a released Doc may hold: a huge
// article's memory is left to the garbage collector.
const maxKept = 1 << 14

// release gives the Doc's memory back for another article. Nothing of the
// Doc may be used after; Apply calls it once its Result holds only copies.
func (d *Doc) release() {
	if max(cap(d.sentences), cap(d.quotes), cap(d.mentions), cap(d.lineStarts), cap(d.tied), d.txt.Size(), cap(d.capWords), cap(d.wordList)) > maxKept {
		return
	}
	clear(d.mentions) // they point into the body
	clear(d.tied)
	d.txt.Clear()
	*d = Doc{sentences: d.sentences, quotes: d.quotes, mentions: d.mentions,
		lineStarts: d.lineStarts, txt: d.txt, tied: d.tied,
		capWords: d.capWords, capNext: d.capNext, wordList: d.wordList}
	docs.Put(d)
}

// abbreviations never end a sentence (lower-case, without the period).
var abbreviations = map[string]bool{
	"dr": true, "prof": true, "nr": true, "st": true, "bzw": true, "ca": true, "vgl": true, "z.b": true,
	"u.a": true, "usw": true, "etc": true, "mr": true, "mrs": true, "ms": true, "jan": true, "feb": true,
	"mär": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true, "sept": true, "okt": true,
	"oct": true, "nov": true, "dez": true, "dec": true, "abs": true, "bzgl": true, "inkl": true, "evtl": true,
	"d.h": true, "u.s": true, "jr": true, "sen": true, "gov": true, "gen": true, "no": true, "vs": true, "ggf": true,
	"mio": true, "mrd": true, "s": true,
}

// split finds lines, sentences (never across a line break) and quotations
// (never across a line break).
func (d *Doc) split() {
	body := d.Body
	lineStart := 0
	for lineStart <= len(body) {
		end := strings.IndexByte(body[lineStart:], '\n')
		if end < 0 {
			end = len(body)
		} else {
			end += lineStart
		}
		line := body[lineStart:end]
		d.lineStarts = append(d.lineStarts, lineStart)
		if strings.TrimSpace(line) != "" {
			d.splitLine(lineStart, line)
			d.quoteLine(lineStart, line)
		}
		lineStart = end + 1
	}
}

func firstNonSpace(s string) int {
	return len(s) - len(strings.TrimLeftFunc(s, unicode.IsSpace))
}

// lastNonSpace returns the end of s[:end] without trailing white space.
func lastNonSpace(s string, end int) int {
	return len(strings.TrimRightFunc(s[:end], unicode.IsSpace))
}

func isCloser(r rune) bool {
	return strings.ContainsRune("\"'“”‘’»«)]", r)
}

func isOpener(r rune) bool {
	return strings.ContainsRune("\"'„“‚‘»«([", r)
}

// splitLine appends the sentences of one line.
func (d *Doc) splitLine(off int, line string) {
	start := firstNonSpace(line)
	// Only '.', '!', '?' and '…' (which begins with 0xE2) end a sentence;
	// other bytes, none of which is inside one of those, are skipped.
	ends := newByteFinder(line, ".!?\xe2")
	for i := 0; i < len(line); {
		if i = ends.from(i); i == len(line) {
			break
		}
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

// byteFinder finds the next of a few bytes in a string. It remembers where
// it last found each byte, so a string is searched for each byte (with the
// fast strings.IndexByte) once as from moves forward through it.
type byteFinder struct {
	s     string
	bytes string
	next  [maxFinderBytes]int // per byte, where it is next at or after the last from; len(s): nowhere
}

// maxFinderBytes is the most bytes a byteFinder finds.
const maxFinderBytes = 8

// newByteFinder finds up to maxFinderBytes bytes in s.
func newByteFinder(s, bytes string) byteFinder {
	f := byteFinder{s: s, bytes: bytes}
	for k := range len(bytes) {
		f.next[k] = -1
	}
	return f
}

// from returns the first position at or after i of one of the bytes, or
// len(s); i must not be less than in the call before.
func (f *byteFinder) from(i int) int {
	best := len(f.s)
	for k := 0; k < len(f.bytes); k++ {
		if f.next[k] < i {
			f.next[k] = len(f.s)
			if j := strings.IndexByte(f.s[i:], f.bytes[k]); j >= 0 {
				f.next[k] = i + j
			}
		}
		best = min(best, f.next[k])
	}
	return best
}

// sentenceEndingPeriod reports whether a period after before ends a
// sentence: not after an ordinal (1–2 digits: "am 25. Oktober"), an
// abbreviation or a single capital (an initial).
func sentenceEndingPeriod(before string) bool {
	k := len(before)
	for k > 0 {
		r, w := utf8.DecodeLastRuneInString(before[:k])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '.' {
			break
		}
		k -= w
	}
	word := before[k:]
	if word == "" {
		return true
	}
	allDigits := true
	for _, r := range word {
		if !unicode.IsDigit(r) {
			allDigits = false
			break
		}
	}
	if allDigits {
		return len(word) > 2
	}
	if abbreviations[strings.ToLower(word)] {
		return false
	}
	if utf8.RuneCountInString(word) == 1 {
		r, _ := utf8.DecodeRuneInString(word)
		return !unicode.IsUpper(r)
	}
	return true
}

// quoteLine appends the quotations of one line: „…“, “…”, «…», »…« and
// "…" (straight quotes pair up in order). An unclosed quotation runs to the
// end of the line.
func (d *Doc) quoteLine(off int, line string) {
	open := -1
	var closer rune
	// Every quotation mark begins with '"', 0xC2 («, ») or 0xE2 („, “,
	// ”); other bytes, none of which is inside one of those, are skipped.
	marks := newByteFinder(line, "\"\xc2\xe2")
	for i, w := 0, 0; i < len(line); i += w {
		if i = marks.from(i); i == len(line) {
			break
		}
		var r rune
		r, w = utf8.DecodeRuneInString(line[i:])
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

// inQuote reports whether the offset lies inside a quotation.
func (d *Doc) inQuote(off int) bool {
	for _, q := range d.quotes {
		if off >= q.start && off < q.end {
			return true
		}
		if q.start > off {
			break
		}
	}
	return false
}

// sentenceAt returns the index of the sentence holding off, or -1.
func (d *Doc) sentenceAt(off int) int {
	lo, hi := 0, len(d.sentences)
	for lo < hi {
		m := (lo + hi) / 2
		if d.sentences[m].end <= off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(d.sentences) && d.sentences[lo].start <= off {
		return lo
	}
	return -1
}

// dates returns the date mentions of the body, found on first use.
func (d *Doc) dates() []dates.Mention {
	if !d.datesDone {
		d.mentions = dates.AppendFind(d.mentions[:0], d.Body)
		d.datesDone = true
	}
	return d.mentions
}

// isWordRune reports whether r is a word character: a letter, digit or
// mark, as the matching engine reads words.
func isWordRune(r rune) bool { return engine.IsWordRune(r) }

// wordBefore returns the word that ends right before off (skipping spaces
// and opening quotes), lower-cased.
func wordBefore(lower string, off int) string {
	k := off
	for k > 0 {
		r, w := utf8.DecodeLastRuneInString(lower[:k])
		if r != ' ' && !isOpener(r) {
			break
		}
		k -= w
	}
	end := k
	for k > 0 {
		r, w := utf8.DecodeLastRuneInString(lower[:k])
		if !isWordRune(r) {
			break
		}
		k -= w
	}
	return lower[k:end]
}

// lineOf returns the bounds of the line holding off (without its '\n').
func (d *Doc) lineOf(off int) (int, int) {
	i := sort.SearchInts(d.lineStarts, off+1) - 1
	start := d.lineStarts[max(i, 0)]
	end := len(d.Body)
	if i+1 < len(d.lineStarts) {
		end = d.lineStarts[i+1] - 1
	}
	return start, end
}

// word is a word of the body as the repetition and foreign_words kinds
// read it: letters, digits and marks, with a hyphen or an apostrophe
// between two of them kept inside ("Biden-Regierung", "don't"), so a
// hyphenated compound is one word and never a repetition of its first part.
type word struct {
	start, end int
	runes      int  // its length in runes
	joined     bool // only spaces separate it from the word before, on the same line: no punctuation, quote mark or line break
	capital    bool // its first letter is upper case
	upper      bool // it has an upper-case letter
	lower      bool // it has a lower-case letter
	digit      bool // it has a digit
	inner      bool // it has a hyphen or an apostrophe inside
}

// The classes of ASCII bytes for appendWords.
const (
	cWord  = 1 << iota // a letter or digit
	cUpper             // an upper-case letter
	cDigit             // a digit
	cSpace             // a space or tab: words around it stay joined
	cLower             // a lower-case letter
)

var asciiClass = func() (t [utf8.RuneSelf]uint8) {
	for c := range t {
		switch {
		case 'a' <= c && c <= 'z':
			t[c] = cWord | cLower
		case 'A' <= c && c <= 'Z':
			t[c] = cWord | cUpper
		case '0' <= c && c <= '9':
			t[c] = cWord | cDigit
		case c == ' ' || c == '\t':
			t[c] = cSpace
		}
	}
	return
}()

// words returns the words of the body, found on first use.
func (d *Doc) words() []word {
	if !d.wordsDone {
		d.wordList = appendWords(d.wordList[:0], d.Body)
		d.wordsDone = true
	}
	return d.wordList
}

// appendWords appends the words of s to dst.
func appendWords(dst []word, s string) []word {
	joined := false
	for i := 0; i < len(s); {
		// Skip to the next word, noting whether anything but a space
		// lies between.
		var first rune
		if c := s[i]; c < utf8.RuneSelf {
			if cl := asciiClass[c]; cl&cWord == 0 {
				joined = joined && cl&cSpace != 0
				i++
				continue
			}
			first = rune(c)
		} else {
			r, w := utf8.DecodeRuneInString(s[i:])
			if !isWordRune(r) {
				joined = joined && (r == '\u00a0' || r == '\u202f' || r == '\u2009')
				i += w
				continue
			}
			first = r
		}
		start, runes, inner := i, 0, false
		var fl uint8 // cUpper, cDigit: the classes seen
		for i < len(s) {
			// A run of ASCII letters and digits, the most of most words.
			j := i
			for j < len(s) && s[j] < utf8.RuneSelf && asciiClass[s[j]]&cWord != 0 {
				fl |= asciiClass[s[j]]
				j++
			}
			runes += j - i
			if i = j; i == len(s) {
				break
			}
			c := s[i]
			if c < utf8.RuneSelf {
				if (c == '-' || c == '\'') && wordStartsAt(s, i+1) {
					inner = true
					i++
					continue
				}
				break
			}
			r, w := utf8.DecodeRuneInString(s[i:])
			if isWordRune(r) {
				if unicode.IsUpper(r) {
					fl |= cUpper
				} else if unicode.IsDigit(r) {
					fl |= cDigit
				} else if unicode.IsLower(r) {
					fl |= cLower
				}
				runes++
				i += w
				continue
			}
			// A hyphen or apostrophe between word runes stays inside, and
			// so does a soft hyphen (U+00AD), which is no hyphen to read.
			if (r == '’' || r == '\u2010' || r == '\u2011' || r == '\u00ad') && wordStartsAt(s, i+w) {
				inner = inner || r != '\u00ad'
				i += w
				continue
			}
			break
		}
		capital := 'A' <= first && first <= 'Z' || first >= utf8.RuneSelf && unicode.IsUpper(first)
		dst = append(dst, word{start: start, end: i, runes: runes, joined: joined, capital: capital,
			upper: fl&cUpper != 0, lower: fl&cLower != 0, digit: fl&cDigit != 0, inner: inner})
		joined = true
	}
	return dst
}

// wordStartsAt reports whether a word rune begins at s[i].
func wordStartsAt(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	if c := s[i]; c < utf8.RuneSelf {
		return asciiClass[c]&cWord != 0
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return isWordRune(r)
}

// wordsIn returns the index range [from, to) of the words that start in
// [start, end).
func wordsIn(words []word, start, end int) (int, int) {
	from := sort.Search(len(words), func(i int) bool { return words[i].start >= start })
	to := from + sort.Search(len(words)-from, func(i int) bool { return words[from+i].start >= end })
	return from, to
}

// quoteCursor tells whether offsets lie inside a quotation, for offsets
// that never decrease: it walks the Doc's quotations once.
type quoteCursor struct {
	q []span
	i int
}

// in reports whether off lies inside a quotation; off must not be less
// than in the call before.
func (c *quoteCursor) in(off int) bool {
	for c.i < len(c.q) && c.q[c.i].end <= off {
		c.i++
	}
	return c.i < len(c.q) && c.q[c.i].start <= off
}

// wordFilter tells most words at once that they are not in a small set: it
// notes the lengths of the set's words (up to 63 bytes; longer ones share
// the last bit) per first byte and per last byte. A word it does not reject
// may be in the set.
type wordFilter struct {
	first, last [256]uint64
}

func (f *wordFilter) add(w string) {
	if w != "" {
		f.first[w[0]] |= 1 << min(len(w), 63)
		f.last[w[len(w)-1]] |= 1 << min(len(w), 63)
	}
}

// mayHave reports whether w may be in the set.
func (f *wordFilter) mayHave(w string) bool {
	if w == "" {
		return false
	}
	bit := uint64(1) << min(len(w), 63)
	return f.first[w[0]]&bit != 0 && f.last[w[len(w)-1]]&bit != 0
}

// cutOff reports whether the body stops mid-sentence: its last line that
// is not blank is prose (cutOffLine runes or more) and does not end as a
// sentence ends. A page cut off by a scraper, a feed's excerpt or a paywall
// ends so; a page that ends on a short line of its furniture ("Source:
// Agency", "Leave a Reply") does not count as cut off.
func (d *Doc) cutOff() bool {
	body := strings.TrimRightFunc(d.Body, unicode.IsSpace)
	last := body[strings.LastIndexByte(body, '\n')+1:]
	if utf8.RuneCountInString(last) < cutOffLine {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(last)
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == ',' || r == ';' || r == '-'
}

// cutOffLine is the length of a last line that cutOff reads as prose.
const cutOffLine = 60
