package rules

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"sourcescore"
)

// typographySpec: spacing and apostrophes of another language, found by
// looking at each mark and the characters beside it (a regular expression
// would start at every word of the text).
type typographySpec struct {
	Header         `yaml:",inline"`
	Penalty        `yaml:",inline"`
	SpaceBefore    string   `yaml:"space_before"`     // marks that must not follow a space after a word ("Quelle :", "nicht ,"); the mark must end its word (a space or the line's end after it)
	SpaceHyphen    bool     `yaml:"space_hyphen"`     // a word, a space and a hyphen joined to the next word ("US -Präsident")
	Apostrophe     bool     `yaml:"apostrophe_s"`     // a word of two letters or more ending in 's or ’s ("CEO's")
	ApostropheUp   bool     `yaml:"apostrophe_upper"` // with apostrophe_s: only words that begin with a capital letter (German names and nouns; "gibt's" is a German contraction)
	DashVerbs      []string `yaml:"dash_after_quote"` // reporting verbs: a closing quotation mark, perhaps a comma, a dash, then one of them ("“, - sagte")
	GermanQuotes   bool     `yaml:"german_quotes"`    // in an article that quotes „so“: guillemets «, an English opening “, a closing “ glued to the next word or after a space, a space after „
	LowerAfterStop bool     `yaml:"lower_after_stop"` // a full stop after a word of five letters or more, spaces, and a word in lower case that ends there ("geschlossen. am Freitag")
	DoubledStop    bool     `yaml:"doubled_stop"`     // a full stop after a word (perhaps a closing quotation mark or bracket between), spaces, and a second full stop that no third follows ("the minister. ."; ". . ." is an ellipsis)
	OutsideQuotes  bool     `yaml:"outside_quotes"`   // count only hits outside quotations
	Exceptions     []string `yaml:"exceptions"`       // matched texts that never count (case-insensitive)
	MinHits        int      `yaml:"min_hits"`         // hits an article needs before any counts (default 1): one stray space is as often the page's extraction as a translation
}

var typographyKind = kindSpec{
	summary: "spacing and apostrophes of another language: a space before a mark (space_before), a space before a compound's hyphen (space_hyphen), an English genitive 's (apostrophe_s), a sentence going on in lower case after a full stop (lower_after_stop), a sentence closed twice (doubled_stop); per hit or per 1,000 words, none counted below min_hits",
	params:  func() any { return new(typographySpec) },
	compile: func(spec any, x node, ls *loadState, errs *ErrorList) checker {
		s := spec.(*typographySpec)
		s.Penalty.setup(x, 0.25, errs)
		if s.MinHits == 0 {
			s.MinHits = 1
		}
		if s.MinHits < 1 {
			*errs = append(*errs, x.get("min_hits").errf("a count of 1 or more", "min_hits %d is out of range", s.MinHits))
		}
		if s.SpaceBefore == "" && !s.SpaceHyphen && !s.Apostrophe && len(s.DashVerbs) == 0 && !s.GermanQuotes && !s.LowerAfterStop && !s.DoubledStop {
			*errs = append(*errs, x.errf("set space_before:, space_hyphen: true, apostrophe_s: true, dash_after_quote:, german_quotes: true, lower_after_stop: true or doubled_stop: true", "rule %s can never fire: it checks nothing", s.ID))
		}
		for _, r := range s.SpaceBefore {
			if r >= utf8.RuneSelf || isWordRune(r) || r == ' ' {
				*errs = append(*errs, x.get("space_before").errf("ASCII punctuation marks, e.g. \":;!?\"", "space_before %q holds %q", s.SpaceBefore, r))
				break
			}
		}
		t := &typography{spec: s, exceptions: bothApostrophes(wordSet(s.Exceptions)), verbs: wordSet(s.DashVerbs)}
		for i := 0; i < len(s.SpaceBefore); i++ {
			t.marks[s.SpaceBefore[i]] = true
		}
		t.first = t.marks
		if s.SpaceHyphen || len(s.DashVerbs) > 0 {
			t.first['-'] = true
		}
		if len(s.DashVerbs) > 0 {
			t.first[0xE2] = true // – and —
		}
		if s.Apostrophe {
			t.first['\''], t.first[0xE2] = true, true // ' and ’
		}
		if s.LowerAfterStop || s.DoubledStop {
			t.first['.'] = true
		}
		// german_quotes has a pass of its own (germanQuotes).
		for c := range t.first {
			if t.first[c] {
				t.firstBytes += string([]byte{byte(c)})
			}
		}
		return t
	},
}

type typography struct {
	spec       *typographySpec
	exceptions map[string]bool
	verbs      map[string]bool // dash_after_quote, lower-cased
	marks      [256]bool       // space_before
	first      [256]bool       // the bytes a hit can turn on: the rest of the text is skipped
	firstBytes string          // the bytes of first
}

// closingQuotes are the marks that end a quotation in German, English and
// Russian typography.
const closingQuotes = "“”\"»«"

// quoteDash returns where a quotation's closing mark begins when the dash
// at i follows it (with perhaps spaces and a comma or full stop between),
// and where the reporting verb after the dash ends; ok is false otherwise.
func (t *typography) quoteDash(body string, i, dashLen int) (start, end int, ok bool) {
	k := spaceBack(body, i)
	if k > 0 && (body[k-1] == ',' || body[k-1] == '.') {
		k = spaceBack(body, k-1)
	}
	r, w := utf8.DecodeLastRuneInString(body[:k])
	if w == 0 || !strings.ContainsRune(closingQuotes, r) {
		return 0, 0, false
	}
	start = k - w
	v := i + dashLen
	for v < len(body) && (body[v] == ' ' || body[v] == '\t') {
		v++
	}
	e := v
	for e < len(body) {
		r, w := utf8.DecodeRuneInString(body[e:])
		if !isWordRune(r) {
			break
		}
		e += w
	}
	if e == v || !t.verbs[sourcescore.LowerSameLength(body[v:e])] {
		return 0, 0, false
	}
	return start, e, true
}

var _ checker = (*typography)(nil)

// wordStartBefore returns where the word ending at end begins, and
// whether it has at least min runes.
func wordStartBefore(s string, end, min int) (int, bool) {
	i, n := end, 0
	for i > 0 {
		r, w := utf8.DecodeLastRuneInString(s[:i])
		if !isWordRune(r) {
			break
		}
		i -= w
		n++
	}
	return i, n >= min
}

// spaceBack returns where the run of spaces and tabs ending at end begins.
func spaceBack(s string, end int) int {
	for end > 0 && (s[end-1] == ' ' || s[end-1] == '\t') {
		end--
	}
	return end
}

// germanQuotes reports quotation marks foreign to an article that
// quotes „so“: «word (Russian or Swiss), an English opening “word after a
// space, a closing “ glued to a lower-case word, a space before a closing
// “ or after „.
func (t *typography) germanQuotes(body string, add func(start, end int)) {
	const open, close, guil = "„", "“", "«"
	wordAfter := func(i int) int { // the end of the word that starts at i, or i
		e := i
		for e < len(body) {
			r, w := utf8.DecodeRuneInString(body[e:])
			if !isWordRune(r) {
				break
			}
			e += w
		}
		return e
	}
	for i := 0; i < len(body); i++ {
		if c := body[i]; c != 0xE2 && c != 0xC2 { // the first bytes of „ “ and «
			continue
		}
		switch {
		case strings.HasPrefix(body[i:], guil):
			if e := wordAfter(i + len(guil)); e > i+len(guil) {
				add(i, e)
			}
		case strings.HasPrefix(body[i:], close):
			j := i + len(close)
			r, _ := utf8.DecodeRuneInString(body[j:])
			switch {
			case i > 0 && (body[i-1] == ' ' || body[i-1] == '\t') && isWordRune(r):
				add(i, wordAfter(j)) // “ opens, the English way
			case unicode.IsLower(r):
				add(i, wordAfter(j)) // “ closes, glued to the next word
			case i > 0 && (body[i-1] == ' ' || body[i-1] == '\t'):
				if ws, ok := wordStartBefore(body, spaceBack(body, i), 2); ok {
					add(ws, j) // a space before the closing “
				}
			}
		case strings.HasPrefix(body[i:], open):
			j := i + len(open)
			k := j
			for k < len(body) && (body[k] == ' ' || body[k] == '\t') {
				k++
			}
			if e := wordAfter(k); k > j && e > k {
				add(i, e)
			}
		}
	}
}

// lowerAfterStop reports the full stop at i, after a word of five letters or
// more whose letters but the first are lower case, followed by spaces and a
// lower-case word of two letters or more that ends in a space, a comma, a
// colon, a semicolon, ! or ?, or a full stop ending a sentence: "nach dem
// Sturm geschlossen. am Freitag", "the ministry announced. reported by".
// Abbreviations are shorter ("bzw.", "etc.", "Prof."), and an address goes
// on after its dot ("pic.twitter.com").
// doubledStop reports a sentence closed twice at the full stop at i: a
// word of two letters or more, perhaps a closing quotation mark or bracket
// and a space, the stop, spaces or tabs, and a second stop that no third
// follows ("the minister. .", "on Twitter. . The"; ". . ." is an ellipsis,
// and "U.S. ." ends a one-letter word). The hit runs from the word's start
// to the second stop.
func doubledStop(body string, i int) (start, end int, ok bool) {
	j := i + 1
	for j < len(body) && (body[j] == ' ' || body[j] == '\t') {
		j++
	}
	if j == i+1 || j >= len(body) || body[j] != '.' {
		return 0, 0, false
	}
	k := j + 1
	for k < len(body) && (body[k] == ' ' || body[k] == '\t') {
		k++
	}
	if k < len(body) && body[k] == '.' {
		return 0, 0, false
	}
	w := i
	if w > 0 && body[w-1] == ' ' {
		w--
	}
	if r, n := utf8.DecodeLastRuneInString(body[:w]); strings.ContainsRune(closingQuotes+"’)", r) {
		w -= n
	}
	ws, long := wordStartBefore(body, w, 2)
	if !long {
		return 0, 0, false
	}
	return ws, j + 1, true
}

func lowerAfterStop(body string, i int) (start, end int, ok bool) {
	if i+1 >= len(body) || body[i+1] != ' ' && body[i+1] != '\t' {
		return 0, 0, false
	}
	n := 0
	start = i
	for start > 0 {
		r, w := utf8.DecodeLastRuneInString(body[:start])
		if !unicode.IsLetter(r) {
			if isWordRune(r) || r == '.' || r == '@' || r == '/' {
				return 0, 0, false // digits or an address: "x1abcde.", "www.example."
			}
			break
		}
		if !unicode.IsLower(r) {
			if r2, _ := utf8.DecodeLastRuneInString(body[:start-w]); start-w > 0 && unicode.IsLetter(r2) {
				return 0, 0, false // upper case inside the word: "AFP.", "McCain."
			}
		}
		start -= w
		n++
	}
	if n < 5 {
		return 0, 0, false
	}
	j := i + 1
	for j < len(body) && (body[j] == ' ' || body[j] == '\t') {
		j++
	}
	end = j
	for end < len(body) {
		r, w := utf8.DecodeRuneInString(body[end:])
		if !unicode.IsLetter(r) {
			break
		}
		if !unicode.IsLower(r) {
			return 0, 0, false
		}
		end += w
	}
	if end-j < 2 {
		return 0, 0, false
	}
	if end == len(body) {
		return start, end, true
	}
	switch body[end] {
	case ' ', '\t', ',', ';', ':', '!', '?':
		return start, end, true
	case '.':
		return start, end, end+1 == len(body) || body[end+1] == ' ' || body[end+1] == '\t' || body[end+1] == '\n' || body[end+1] == '\r'
	}
	return 0, 0, false
}

// spaceHyphen reports a word, spaces and a hyphen joined to the next word
// ("US -Präsident"), the hyphen at i.
func (t *typography) spaceHyphen(body string, i int, add func(start, end int)) {
	sp := spaceBack(body, i)
	if sp == i || i+1 >= len(body) {
		return
	}
	if r, _ := utf8.DecodeRuneInString(body[i+1:]); !isWordRune(r) {
		return
	}
	ws, ok := wordStartBefore(body, sp, 2)
	if !ok || ws == sp {
		return
	}
	end := i + 1
	for end < len(body) {
		r, w := utf8.DecodeRuneInString(body[end:])
		if !isWordRune(r) {
			break
		}
		end += w
	}
	if _, ok := wordStartBefore(body, end, 2); ok {
		add(ws, end)
	}
}

// bothApostrophes adds to a set of words each one's form with the other
// apostrophe: an exception written "Let's" holds for "Let’s" too.
func bothApostrophes(set map[string]bool) map[string]bool {
	for _, w := range slices.Collect(maps.Keys(set)) {
		switch {
		case strings.Contains(w, "'"):
			set[strings.ReplaceAll(w, "'", "’")] = true
		case strings.Contains(w, "’"):
			set[strings.ReplaceAll(w, "’", "'")] = true
		}
	}
	return set
}

func (t *typography) apply(d *Doc) outcome {
	body := d.Body
	var hits []hit
	add := func(start, end int) {
		if t.spec.OutsideQuotes && d.inQuote(start) {
			return
		}
		if t.exceptions[strings.TrimSpace(d.Lower[start:end])] {
			return
		}
		hits = append(hits, hit{start: start, end: end})
	}
	// The bytes of first are found with a byteFinder when there are few
	// (strings.IndexByte skips the rest of the text many bytes at a time).
	few := len(t.firstBytes) <= maxFinderBytes
	finder := newByteFinder(body, t.firstBytes)
	for i := 0; i < len(body); i++ {
		if few {
			if i = finder.from(i); i == len(body) {
				break
			}
		} else if !t.first[body[i]] {
			continue
		}
		c := body[i]
		switch {
		case t.marks[c]:
			// word, spaces, the mark, then a space or the line's end
			if i+1 < len(body) && body[i+1] != ' ' && body[i+1] != '\n' && body[i+1] != '\t' {
				continue
			}
			sp := spaceBack(body, i)
			if sp == i {
				continue
			}
			if ws, ok := wordStartBefore(body, sp, 2); ok && ws < sp && !(c == ',' && namesListed(body, ws, i+1)) {
				add(ws, i+1)
			}
		case t.verbs != nil && (c == '-' || (c == 0xE2 && (strings.HasPrefix(body[i:], "–") || strings.HasPrefix(body[i:], "—")))):
			n := 1
			if c != '-' {
				n = len("–")
			}
			if start, end, ok := t.quoteDash(body, i, n); ok {
				add(start, end)
				continue
			}
			if c == '-' && t.spec.SpaceHyphen {
				t.spaceHyphen(body, i, add)
			}
		case c == '-' && t.spec.SpaceHyphen:
			t.spaceHyphen(body, i, add)
		case c == '.' && (t.spec.LowerAfterStop || t.spec.DoubledStop):
			if t.spec.DoubledStop {
				if start, end, ok := doubledStop(body, i); ok {
					add(start, end)
					i = end - 1
					continue
				}
			}
			if !t.spec.LowerAfterStop {
				continue
			}
			if start, end, ok := lowerAfterStop(body, i); ok {
				add(start, end)
			}
		case t.spec.Apostrophe && (c == '\'' || (c == 0xE2 && strings.HasPrefix(body[i:], "’"))):
			n := 1
			if c != '\'' {
				n = len("’")
			}
			j := i + n
			if j >= len(body) || body[j] != 's' {
				continue
			}
			if j+1 < len(body) {
				if r, _ := utf8.DecodeRuneInString(body[j+1:]); isWordRune(r) {
					continue
				}
			}
			if ws, ok := wordStartBefore(body, i, 2); ok {
				if r, _ := utf8.DecodeRuneInString(body[ws:]); t.spec.ApostropheUp && !unicode.IsUpper(r) {
					continue
				}
				add(ws, j+1)
			}
		}
	}
	if t.spec.GermanQuotes && strings.Contains(body, "„") {
		t.germanQuotes(body, add)
	}
	sort.Slice(hits, func(a, b int) bool { return hits[a].start < hits[b].start })
	if len(hits) == 0 {
		return outcome{score: 1, note: "0 hits"}
	}
	if len(hits) < t.spec.MinHits {
		return outcome{score: 1, note: fmt.Sprintf("%d hits, fewer than %d: none counted", len(hits), t.spec.MinHits)}
	}
	score, counted := t.spec.score(len(hits), d.A.Words)
	return outcome{score: score, note: fmt.Sprintf("%d hits, %s", len(hits), counted), hits: hits}
}

// namesListed reports whether the word at ws and the one after the comma
// ending at end are both capitalised: names in a list whose links were
// stripped with the space before each comma ("By Anna Berg , Ivo Klein ,
// Lea Roth", a byline; a line of tags), not a translation's spacing.
func namesListed(body string, ws, end int) bool {
	r, _ := utf8.DecodeRuneInString(body[ws:])
	next := strings.TrimLeft(body[end:], " ")
	n, _ := utf8.DecodeRuneInString(next)
	return unicode.IsUpper(r) && unicode.IsUpper(n)
}
