package engine

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// span is a byte range [start, end) of a text.
type span struct{ start, end int }

// Match is one hit of a phrase or pattern: the bytes [Start, End) of the
// text.
type Match struct {
	Start, End int
	Pattern    int // index of the phrase or pattern that matched
}

// Builder collects the phrase sets and patterns of one rule set at load.
type Builder struct {
	gates       gates                 // every pattern of the set, for the literal gate
	phrases     []*PhraseSet          // every phrase set of the set, for the scanner
	phraseSets  map[string]*PhraseSet // phrase lists already made, by their phrases
	phraseTotal int                   // phrases of every list made
}

// Phrases makes a phrase set whose matches in whole bodies come from the
// set's one scanner. Two lists of the same phrases give one set, so that
// rules that list the same words share their matches (and what is computed
// from them). It returns nil for an empty list.
func (b *Builder) Phrases(phrases []string) *PhraseSet {
	key := strings.Join(phrases, "\x00")
	if p, ok := b.phraseSets[key]; ok {
		return p
	}
	p := NewPhraseSet(phrases)
	if p != nil {
		p.id = len(b.phrases)
		b.phrases = append(b.phrases, p)
		b.phraseTotal += len(phrases)
	}
	if b.phraseSets == nil {
		b.phraseSets = map[string]*PhraseSet{}
	}
	b.phraseSets[key] = p
	return p
}

// PhraseCount is the number of phrases of every list made so far.
func (b *Builder) PhraseCount() int { return b.phraseTotal }

// Regex registers a compiled pattern (see CompilePattern) and returns its
// gated form.
func (b *Builder) Regex(re *regexp.Regexp) *Regex { return b.gates.add(re) }

// Build makes the engine of everything registered.
func (b *Builder) Build() *Engine {
	e := &Engine{gate: b.gates.build(), merged: buildMerged(b.phrases)}
	e.scan = newScanner(e.merged, e.gate)
	for _, ps := range b.phrases {
		e.phrases = append(e.phrases, ps.list...)
	}
	for _, g := range b.gates.list {
		e.patterns = append(e.patterns, g.re.String())
	}
	return e
}

// Engine is the compiled matching of a rule set: its one automaton of
// phrases and literals and its gated regexes. It is safe for concurrent use.
type Engine struct {
	gate     *gate    // finds the literals of all patterns in one pass; nil runs every regex on the whole body
	merged   *merged  // the phrases of all phrase sets
	scan     *scanner // finds the phrases and the gate's literals in one pass
	phrases  []string // every phrase, lower-cased (with repeats)
	patterns []string // every pattern, as compiled
}

// Phrases returns every phrase of the engine, lower-cased, in the order
// registered, with repeats.
func (e *Engine) Phrases() []string { return e.phrases }

// Patterns returns every pattern of the engine, as compiled.
func (e *Engine) Patterns() []string { return e.patterns }

// WithoutGate returns a copy of e that runs every regex on the whole body:
// the same matches, slower (for tests that check that gating changes
// nothing).
func (e *Engine) WithoutGate() *Engine {
	c := *e
	c.gate = nil
	return &c
}

// Text is one article's text as the engine reads it, with what was found
// in it so far. Reset prepares it for an article; it reuses its memory
// from article to article. Not safe for concurrent use.
type Text struct {
	Body  string
	Lower string // Body lower-cased without changing any byte offset

	lineStarts  []int     // byte offset where each line begins
	gate        *gate     // the engine's literal gate; nil runs every regex on the whole body
	scan        *scanner  // the engine's automaton of phrases and gate literals
	merged      *merged   // the engine's phrase sets
	scanned     bool      // scan has run: gateHits and phraseHits are made
	gateHits    [][]span  // per gated regex, where it may match
	phraseHits  [][]Match // per phrase set, its matches
	collectBuf  collectBuf
	matcherHits []matcherHits // what each matcher found, on first use
	odd         []oddRune     // which odd runes of fold needs the body holds (gate_fold.go), on first use
}

// Reset prepares t for the body of an article and its lower-cased form
// (sourcescore.LowerSameLength), under engine e. lineStarts, when not nil,
// are the byte offsets where each line of body begins (the caller's, not
// copied); nil: t finds them.
func (t *Text) Reset(e *Engine, body, lower string, lineStarts []int) {
	clear(t.matcherHits)
	*t = Text{Body: body, Lower: lower, lineStarts: lineStarts, gateHits: t.gateHits, collectBuf: t.collectBuf,
		matcherHits: t.matcherHits[:0], odd: t.odd[:0]}
	if e != nil {
		t.gate, t.scan, t.merged = e.gate, e.scan, e.merged
	}
	if t.lineStarts == nil {
		t.lineStarts = []int{0}
		for i := 0; i < len(body); i++ {
			if body[i] == '\n' {
				t.lineStarts = append(t.lineStarts, i+1)
			}
		}
	}
}

// Size is the number of matches t's reused memory holds: a caller that
// pools Texts drops one that grew too large.
func (t *Text) Size() int { return cap(t.collectBuf.all) }

// Clear drops t's references to the article (its body, what was found),
// keeping the memory for the next Reset.
func (t *Text) Clear() {
	clear(t.matcherHits)
	*t = Text{gateHits: t.gateHits, collectBuf: t.collectBuf, matcherHits: t.matcherHits[:0], odd: t.odd[:0]}
}

// lineOf returns the bounds of the line holding off (without its '\n').
func (t *Text) lineOf(off int) (int, int) {
	i := sort.SearchInts(t.lineStarts, off+1) - 1
	start := t.lineStarts[max(i, 0)]
	end := len(t.Body)
	if i+1 < len(t.lineStarts) {
		end = t.lineStarts[i+1] - 1
	}
	return start, end
}

// gateLines returns the lines holding a literal of the gated regex id,
// running the set's gate on first use.
func (t *Text) gateLines(id int) []span {
	if t.gate == nil || t.scan == nil {
		return []span{{0, len(t.Body)}}
	}
	t.scanOnce()
	return t.gateHits[id]
}

// IsWordRune reports whether r is a word character: a letter, digit or
// mark.
func IsWordRune(r rune) bool {
	if 0 <= r && r < utf8.RuneSelf {
		return asciiWord[r]
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// asciiWord tells the ASCII characters IsWordRune accepts: letters and
// digits.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for r := range t {
		t[r] = unicode.IsLetter(rune(r)) || unicode.IsDigit(rune(r)) || unicode.IsMark(rune(r))
	}
	return
}()

// WholeWord reports whether s[start:end] is not part of a larger word: at
// each edge where the match has a word character, the text beyond it has
// none.
func WholeWord(s string, start, end int) bool {
	if start > 0 && start < len(s) {
		first, _ := utf8.DecodeRuneInString(s[start:])
		before, _ := utf8.DecodeLastRuneInString(s[:start])
		if IsWordRune(first) && IsWordRune(before) {
			return false
		}
	}
	if end < len(s) && end > start {
		last, _ := utf8.DecodeLastRuneInString(s[:end])
		after, _ := utf8.DecodeRuneInString(s[end:])
		if IsWordRune(last) && IsWordRune(after) {
			return false
		}
	}
	return true
}
