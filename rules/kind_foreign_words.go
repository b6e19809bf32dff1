package rules

import (
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"sourcescore/rules/internal/engine"
)

// foreignSpec: words of another language left untranslated inside a
// sentence ("ein echter deal-breaker", "will das issue lösen"). Only words
// written in lower case count: German capitalises its nouns, so an English
// noun in lower case inside a German sentence stands out, while names,
// titles and brands (capitalised, iPhone, eBay) are left alone.
type foreignSpec struct {
	Header           `yaml:",inline"`
	ForeignWordlists []string         `yaml:"foreign_wordlists"`  // paths of word lists of the foreign language, one word per line (Debian wamerican: /usr/share/dict/american-english); read when present
	ForeignLowerOnly bool             `yaml:"foreign_lower_only"` // only the words the foreign lists write in lower case count: German writes its nouns with a capital, so a lower-case English word German has only as a noun ("Tinnitus") is one the two share
	OwnWordlists     []string         `yaml:"own_wordlists"`      // paths of word lists of the article's language (Debian wngerman: /usr/share/dict/ngerman); a word in one is never foreign
	Fallback         []string         `yaml:"fallback"`           // foreign words that are no words of the article's language; they count with or without the word lists
	Allow            []string         `yaml:"allow"`              // words and hyphenated words that never count: loanwords the language uses every day (online, fair, e-mail); an entry of several words is a phrase whose words never count ("last but not least")
	MinLength        int              `yaml:"min_length"`         // letters a word, or a part of a hyphenated word, needs (default 3)
	MinHits          int              `yaml:"min_hits"`           // foreign words an article needs before any counts (default 1)
	OutsideQuotes    bool             `yaml:"outside_quotes"`     // count only words outside quotations
	Penalty          `yaml:",inline"` // per_hit (default 0.25), max_penalty, per_1000_words
}

var foreignWordsKind = kindSpec{
	summary: "finds words of another language written in lower case inside the text: in the foreign word lists and in none of the language's own (or, without the lists, in the fallback list), not allowed, not part of a capitalised name or title; each is a finding",
	params:  func() any { return new(foreignSpec) },
	compile: func(spec any, x node, ls *loadState, errs *ErrorList) checker {
		s := spec.(*foreignSpec)
		s.Penalty.setup(x, 0.25, errs)
		if s.MinLength == 0 {
			s.MinLength = 3
		}
		if s.MinLength < 1 {
			*errs = append(*errs, x.get("min_length").errf("a number of letters, 1 or more", "min_length %d is out of range", s.MinLength))
		}
		if s.MinHits == 0 {
			s.MinHits = 1
		}
		if s.MinHits < 1 {
			*errs = append(*errs, x.get("min_hits").errf("a count of 1 or more", "min_hits %d is out of range", s.MinHits))
		}
		if len(s.ForeignWordlists) == 0 && len(s.Fallback) == 0 {
			*errs = append(*errs, x.errf("add foreign_wordlists: (with own_wordlists:) or fallback:", "rule %s can never fire: it has no foreign words", s.ID))
		}
		if len(s.ForeignWordlists) > 0 && len(s.OwnWordlists) == 0 {
			*errs = append(*errs, x.get("foreign_wordlists").errf("add own_wordlists: the word lists of the article's language",
				"foreign_wordlists need own_wordlists: without them every word both languages have would count"))
		}
		var words, phrases []string
		for _, a := range s.Allow {
			if strings.Contains(strings.TrimSpace(a), " ") {
				phrases = append(phrases, a)
			} else {
				words = append(words, a)
			}
		}
		f := &foreign{spec: s, allow: wordSet(words), phrases: ls.eng.Phrases(phrases), fallback: wordSet(s.Fallback)}
		var missing []string
		for _, p := range s.ForeignWordlists {
			list := ls.wordList
			if s.ForeignLowerOnly {
				list = ls.lowerWordList
			}
			if w := list(p); w != nil {
				f.foreign = append(f.foreign, w)
			} else {
				missing = append(missing, p)
			}
		}
		for _, p := range s.OwnWordlists {
			if w := ls.wordList(p); w != nil {
				f.own = append(f.own, w)
			} else {
				missing = append(missing, p)
			}
		}
		switch {
		case len(f.foreign) == 0 || len(f.own) == 0:
			// A foreign list alone would take every word the two
			// languages share ("die", "war") for foreign.
			f.foreign, f.own = nil, nil
			if len(s.ForeignWordlists) > 0 {
				f.mode = " (word lists " + strings.Join(missing, ", ") + " not found: fallback list only)"
			} else {
				f.mode = " (fallback list only)"
			}
		case len(missing) > 0:
			f.mode = " (word lists " + strings.Join(missing, ", ") + " not found)"
		default:
			f.mode = " (word lists)"
		}
		return f
	},
}

type foreign struct {
	spec            *foreignSpec
	foreign, own    []*wordList // the lists found; none of either: fallback only
	allow, fallback map[string]bool
	phrases         *engine.PhraseSet // allowed phrases; nil when none
	filter          *bloom            // every word of the foreign lists and the fallback list; made on first use (buildFilter)
	filterOnce      sync.Once
	mode            string // for the note: which lists were used
}

var _ checker = (*foreign)(nil)

// maxTitleRun is the most lower-case words between two capitalised ones
// that may be part of a foreign name or title ("House of the Dragon").
const maxTitleRun = 3

// minPassage is the fewest foreign words that make a sentence or line, when
// they are a large share of its lower-case words, a passage in the foreign
// language: a quotation the page sets off without quotation marks (an
// English statement quoted in a German article), not words left
// untranslated. The share is more than half with the word lists, which
// know every foreign word, and more than 30 % with the fallback list alone,
// which knows the function words: about half the words of English prose.
const minPassage = 3

// buildFilter makes the filter of the foreign words, on the rule's first
// article: the word lists it reads are parsed then too.
func (f *foreign) buildFilter() {
	n := len(f.fallback)
	for _, m := range f.foreign {
		n += m.size()
	}
	f.filter = newBloom(n)
	for w := range f.fallback {
		f.filter.add(hashWord(w))
	}
	for _, m := range f.foreign {
		m.each(f.filter.add)
	}
}

func (f *foreign) apply(d *Doc) outcome {
	f.filterOnce.Do(f.buildFilter)
	s := foreignScan{sentence: passage{key: -1}, line: passage{key: -1}, share: 50}
	if f.foreign == nil {
		s.share = 30
	}
	quotes := quoteCursor{q: f.quotes(d)}
	allowed := phraseCursor{m: d.find(f.phrases)}
	si, li := 0, 0
	// The text's last word, with no full stop after it, is a page cut off
	// in the middle of a word ("… vor knapp sieben Wochen bet").
	textEnd := len(strings.TrimRight(d.Body, " \t\r\n"))
	for _, w := range d.words() {
		if !w.joined {
			s.endRun(false)
			s.afterCapital = false
		}
		start, end := w.start, w.end
		for si < len(d.sentences) && d.sentences[si].end <= start {
			si++
		}
		for li+1 < len(d.lineStarts) && d.lineStarts[li+1] <= start {
			li++
		}
		s.enter(&s.sentence, si)
		s.enter(&s.line, li)
		if w.upper || w.digit || end == textEnd || quotes.in(start) || inAddress(d.Body, start, end) || brokenWord(d.Body, start, end) ||
			w.inner && pageLabel(d, start, end) {
			s.endRun(w.joined && w.capital && !w.digit)
			s.afterCapital = w.capital && !w.digit
			continue
		}
		// A lower-case word.
		part, isForeign := "", false
		if !allowed.in(start) {
			part, isForeign = f.check(d.Lower[start:end], w)
			if isForeign && besideThirdLanguage(d.Body, start, end) {
				isForeign = false
			}
		}
		short := w.runes < f.spec.MinLength && !w.inner
		if !short {
			s.sentence.words++
			s.line.words++
		}
		h := hit{start: start, end: end}
		if part != "" {
			h.detail = "part " + part
		}
		s.add(h, isForeign, short)
	}
	s.endRun(false)
	s.end(&s.sentence)
	s.end(&s.line)
	n := len(s.hits)
	if n == 0 {
		return outcome{score: 1, note: "no foreign words" + f.mode}
	}
	if n < f.spec.MinHits {
		return outcome{score: 1, note: fmt.Sprintf("%d foreign words, fewer than %d: none counted%s", n, f.spec.MinHits, f.mode)}
	}
	score, counted := f.spec.score(n, d.A.Words)
	return outcome{score: score, note: fmt.Sprintf("%d foreign words, %s%s", n, counted, f.mode), hits: s.hits}
}

// foreignScan is the state of one apply of foreign_words.
type foreignScan struct {
	hits []hit

	// A run of lower-case words joined by spaces, between two capitalised
	// words, whose words are all foreign (or short), is part of a foreign
	// name or title: "Person of the Year", "Florence and the Machine". Its
	// foreign words wait in pending until the run ends.
	pending      [maxTitleRun]hit
	nPending     int
	runLen       int  // lower-case words in the run
	title        bool // the run may still be a title
	afterCapital bool // the word before was capitalised (and the next one may start a title)

	sentence, line passage // the current sentence and line
	share          int     // a passage is foreign when more than share % of its words are
}

// passage counts the lower-case words of a sentence or line, and the
// foreign ones.
type passage struct {
	key      int // the sentence or line: an index
	words    int // lower-case words of min_length letters or more
	foreign  int // foreign words among them
	firstHit int // where its hits begin in hits
}

// add takes the next lower-case word of a run: a hit when foreign, and
// whether it is short (too short to count, and neutral in a title).
func (s *foreignScan) add(h hit, isForeign, short bool) {
	if s.runLen == 0 {
		s.title = s.afterCapital
	}
	s.afterCapital = false
	s.runLen++
	if s.title && (!isForeign && !short || s.runLen > maxTitleRun) {
		s.hits = append(s.hits, s.pending[:s.nPending]...)
		s.nPending, s.title = 0, false
	}
	if !isForeign {
		return
	}
	s.sentence.foreign++
	s.line.foreign++
	if s.title {
		s.pending[s.nPending] = h
		s.nPending++
	} else {
		s.hits = append(s.hits, h)
	}
}

// endRun ends a run of lower-case words; beforeCapital tells whether a
// capitalised word follows it, joined: then a title run's words are part of
// the title and do not count.
func (s *foreignScan) endRun(beforeCapital bool) {
	if !(s.title && beforeCapital) {
		s.hits = append(s.hits, s.pending[:s.nPending]...)
	}
	s.nPending, s.runLen, s.title = 0, 0, false
}

// enter moves p to the sentence or line key, ending the one before.
func (s *foreignScan) enter(p *passage, key int) {
	if p.key == key {
		return
	}
	s.end(p)
	*p = passage{key: key, firstHit: len(s.hits)}
}

// end drops the hits of a passage in the foreign language, and of a line
// whose lower-case words, at most two, are all foreign: a label or a value
// the page's code left ("- false", "isSubscriber: false"), no prose.
func (s *foreignScan) end(p *passage) {
	if p.foreign >= minPassage && 100*p.foreign > s.share*p.words ||
		p == &s.line && p.foreign > 0 && p.foreign == p.words && p.words <= 2 {
		s.hits = s.hits[:min(p.firstHit, len(s.hits))]
	}
}

// quotes returns the quotations to leave alone: none unless outside_quotes.
func (f *foreign) quotes(d *Doc) []span {
	if f.spec.OutsideQuotes {
		return d.quotes
	}
	return nil
}

// check reports whether lw, the lower-case word w, is foreign; for a
// hyphenated word, which of its parts is ("breaker" of "deal-breaker").
func (f *foreign) check(lw string, w word) (string, bool) {
	if w.runes < f.spec.MinLength {
		return "", false
	}
	if !w.inner {
		// Most words are in no foreign list, which the filter tells
		// without a lookup in one.
		return "", f.filter.mayHave(lw) && !f.isOwn(lw) && !f.allow[lw] && f.isForeign(lw)
	}
	if strings.Contains(lw, "’") {
		lw = strings.ReplaceAll(lw, "’", "'") // word lists write "don't"
	}
	if f.isOwn(lw) || f.allow[lw] {
		return "", false
	}
	if k, _ := hyphenIndex(lw); k < 0 {
		return "", f.filter.mayHave(lw) && f.isForeign(lw)
	}
	for rest := lw; rest != ""; {
		part := rest
		k, size := hyphenIndex(rest)
		if k >= 0 {
			part, rest = rest[:k], rest[k+size:]
		} else {
			rest = ""
		}
		if f.filter.mayHave(part) && utf8.RuneCountInString(part) >= f.spec.MinLength && !f.allow[part] && !f.isOwn(part) && f.isForeign(part) {
			return part, true
		}
	}
	return "", false
}

// hyphenIndex returns the position and length of the first hyphen in s
// ('-', U+2010 or U+2011), or -1.
func hyphenIndex(s string) (int, int) {
	for i := 0; i < len(s); i++ {
		if s[i] == '-' {
			return i, 1
		}
		if s[i] == 0xe2 && i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0x90 || s[i+2] == 0x91) {
			return i, 3
		}
	}
	return -1, 0
}

// isOwn reports whether w is in one of the own word lists. The lists are
// lower-cased when read, so "deal" is German because of the noun "Deal".
func (f *foreign) isOwn(w string) bool {
	return inLists(f.own, w)
}

// isForeign reports whether w, not an own word, is in the fallback list
// or a foreign word list, and is not an own word written the Swiss way.
func (f *foreign) isForeign(w string) bool {
	return (f.fallback[w] || inLists(f.foreign, w)) && !f.swissSpelling(w)
}

// swissSpelling reports whether w writes "ss" for a "ß" of a word of the own
// word lists, as Swiss German does everywhere: "sass" (saß), "gross"
// (groß), "heiss" (heiß) are German there, not English. The lists of other
// languages have no ß, so this holds for German only.
func (f *foreign) swissSpelling(w string) bool {
	if len(f.own) == 0 || !strings.Contains(w, "ss") {
		return false
	}
	if inLists(f.own, strings.ReplaceAll(w, "ss", "ß")) {
		return true
	}
	for i := strings.Index(w, "ss"); i >= 0; {
		if inLists(f.own, w[:i]+"ß"+w[i+2:]) {
			return true
		}
		k := strings.Index(w[i+1:], "ss")
		if k < 0 {
			break
		}
		i += 1 + k
	}
	return false
}

// pageLabel reports whether body[start:end], a word with a hyphen or an
// apostrophe inside, is all its line holds: a label of the page's markup
// that came with its text ("top-article-image", "author-image" where an
// image was), not a word of the article.
func pageLabel(d *Doc, start, end int) bool {
	ls, le := d.lineOf(start)
	return strings.TrimSpace(d.Body[ls:start]) == "" && strings.TrimSpace(d.Body[end:max(end, le)]) == ""
}

// besideThirdLanguage reports whether the word body[start:end] stands next
// to a word with a letter of neither German nor English (é, ç, ñ, ø, ł…),
// with only a space between: it is part of a phrase in that language
// ("Reporters sans frontières", "la vie en rose"), not English left
// untranslated.
func besideThirdLanguage(body string, start, end int) bool {
	third := func(w string) bool {
		for _, r := range w {
			if r >= utf8.RuneSelf && unicode.Is(unicode.Latin, r) && !strings.ContainsRune("äöüßÄÖÜ", r) {
				return true
			}
		}
		return false
	}
	if start > 1 && body[start-1] == ' ' {
		k := start - 1
		for k > 0 && body[k-1] != ' ' && body[k-1] != '\n' {
			k--
		}
		if third(body[k : start-1]) {
			return true
		}
	}
	if end+1 < len(body) && body[end] == ' ' {
		k := end + 1
		for k < len(body) && body[k] != ' ' && body[k] != '\n' {
			k++
		}
		if third(body[end+1 : k]) {
			return true
		}
	}
	return false
}

// inAddress reports whether body[start:end] is part of a web or mail
// address or a handle: "www", "newsweek", "com" in www.newsweek.com,
// "info" in info@example.org, "#hashtag", "@name".
func inAddress(body string, start, end int) bool {
	if start > 0 {
		switch body[start-1] {
		case '.', '/', '@', '#', '_', ':':
			return true
		}
	}
	if end < len(body) {
		switch body[end] {
		case '/', '@', '_':
			return true
		case '.':
			return end+1 < len(body) && asciiLetterOrDigit(body[end+1])
		}
	}
	return false
}

// brokenWord reports whether body[start:end] is part of a word broken by a
// hyphen at a line end or beside a space ("Inter- views", "Ost- und
// Westdeutschland", "Online-Banking oder -shopping"): a hyphen and a space
// follow it, a space and a hyphen come right before it, or a letter and a
// hyphen come before the spaces before it.
func brokenWord(body string, start, end int) bool {
	if end+1 < len(body) && body[end] == '-' && isSpaceByte(body[end+1]) {
		return true
	}
	if start >= 1 && body[start-1] == '-' && (start == 1 || isSpaceByte(body[start-2])) {
		return true
	}
	k := start
	for k > 0 && isSpaceByte(body[k-1]) {
		k--
	}
	return k < start && k >= 2 && body[k-1] == '-' && (body[k-2] >= utf8.RuneSelf || asciiLetter[body[k-2]])
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\n' || c == '\r' || c == '\t' }

func asciiLetterOrDigit(c byte) bool {
	return c < utf8.RuneSelf && isWordRune(rune(c))
}

// phraseCursor tells whether offsets lie inside one of a list of matches
// sorted by start and not overlapping, for offsets that never decrease.
type phraseCursor struct {
	m []engine.Match
	i int
}

// in reports whether off lies inside a match; off must not be less than in
// the call before.
func (c *phraseCursor) in(off int) bool {
	for c.i < len(c.m) && c.m[c.i].End <= off {
		c.i++
	}
	return c.i < len(c.m) && c.m[c.i].Start <= off
}

// bloom is a blocked Bloom filter over words: it tells most words that are
// in none of a rule's foreign lists so from two bits of one 64-bit block of
// a table of about eight bits per word (256 KiB for the English lists,
// 512 KiB for the German one), where a lookup in the list itself would read
// memory that a map of hundreds of thousands of words spreads far. One
// block per word means one cache miss at most. About 5 % of the other words
// pass (false positives) and are looked up.
type bloom struct {
	blocks []uint64
	mask   uint64 // the number of blocks, a power of two, minus one
}

// newBloom makes a filter for n words.
func newBloom(n int) *bloom {
	blocks := uint64(64)
	for blocks*64 < uint64(n)*8 {
		blocks <<= 1
	}
	return &bloom{blocks: make([]uint64, blocks), mask: blocks - 1}
}

// block returns the block of a word's hash (hashWord) and its two bits in it.
func (b *bloom) block(h uint64) (*uint64, uint64) {
	return &b.blocks[h&b.mask], 1<<(h>>52&63) | 1<<(h>>58&63)
}

// add adds a word by its hash (hashWord).
func (b *bloom) add(h uint64) {
	block, bits := b.block(h)
	*block |= bits
}

// mayHave reports whether w may be one of the words added; false is sure.
func (b *bloom) mayHave(w string) bool {
	block, bits := b.block(hashWord(w))
	return *block&bits == bits
}
