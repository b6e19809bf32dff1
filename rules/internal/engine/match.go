package engine

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"

	"sourcescore"
)

// PhraseSet finds any of a list of phrases, case-insensitively and as whole
// words, in one pass of an Aho-Corasick automaton over the lower-cased body.
type PhraseSet struct {
	list []string // lower-cased phrases
	// forms are what is searched: every phrase, then its other spellings
	// (otherForms); formOf[i] is the phrase of forms[i].
	forms  []string
	formOf []int
	id     int // index in the set's merged phrase sets; -1 when not registered
	// caps holds, per phrase, how its case counts where it is an acronym
	// written in capitals ("BIS", "US", "NATO"); nil when no phrase is one.
	caps []capsRule
	// The set's own automaton, for texts other than whole bodies (whole
	// bodies go through the rule set's one scanner): made on first use, so
	// that a large list registered with the scanner is not held twice.
	once sync.Once
	auto patternFinder
}

func NewPhraseSet(phrases []string) *PhraseSet {
	if len(phrases) == 0 {
		return nil
	}
	list := make([]string, len(phrases))
	for i, p := range phrases {
		list[i] = sourcescore.LowerSameLength(strings.TrimSpace(p))
	}
	ps := &PhraseSet{list: list, forms: list, id: -1}
	for i, p := range phrases {
		if c := capsOf(strings.TrimSpace(p)); c != anyCase {
			if ps.caps == nil {
				ps.caps = make([]capsRule, len(phrases))
			}
			ps.caps[i] = c
		}
	}
	for i, p := range list {
		for _, other := range otherForms(p) {
			if ps.formOf == nil {
				ps.forms = slices.Clip(list)
				ps.formOf = make([]int, len(list), len(list)+1)
				for k := range ps.formOf {
					ps.formOf[k] = k
				}
			}
			ps.forms = append(ps.forms, other)
			ps.formOf = append(ps.formOf, i)
		}
	}
	return ps
}

// spellingSwaps are the characters a phrase finds either way, each pair
// applied to every form made so far: the two apostrophes (' and ’:
// "people's" also finds "people’s", as typeset pages write it), and ß and
// ss, as Swiss German writes every ß ("heisst es", "Aussenministerium",
// "mutmasslich"; a phrase written the Swiss way finds the German spelling
// too, and "dass" the old "daß"). Each swap keeps a form's length in bytes.
var spellingSwaps = [][2]string{{"'", "’"}, {"’", "'"}, {"ß", "ss"}, {"ss", "ß"}}

// otherForms returns the spellings of the lower-cased phrase p, other than
// p itself, that find the same words: each swap of spellingSwaps made
// throughout the phrase.
func otherForms(p string) []string {
	forms := []string{p}
	for _, sw := range spellingSwaps {
		for _, f := range forms {
			if !strings.Contains(f, sw[0]) {
				continue
			}
			if g := strings.ReplaceAll(f, sw[0], sw[1]); !slices.Contains(forms, g) {
				forms = append(forms, g)
			}
		}
	}
	return forms[1:]
}

// capsRule is how a phrase's case counts in the text it matches.
type capsRule uint8

const (
	anyCase capsRule = iota
	// notLower: an acronym written in capitals ("BIS", "US", "NATO")
	// matches where the text writes it with a capital ("BIS", "Nato",
	// "Efe"), not where it is all in lower case, a word of the language
	// ("bis", "us", "who").
	notLower
)

// capsOf returns the case rule of a phrase as written: one word of two
// letters or more (digits, hyphens and full stops may stand among them)
// whose letters are all capitals is an acronym.
func capsOf(p string) capsRule {
	letters := 0
	for _, r := range p {
		switch {
		case unicode.IsLetter(r):
			if !unicode.IsUpper(r) {
				return anyCase
			}
			letters++
		case unicode.IsDigit(r) || r == '-' || r == '.':
		default:
			return anyCase // a space: a phrase of several words
		}
	}
	if letters < 2 {
		return anyCase
	}
	return notLower
}

// caseFits reports whether written, the text a phrase matched, keeps the
// phrase's case rule.
func caseFits(c capsRule, written string) bool {
	return c != notLower || strings.ContainsFunc(written, unicode.IsUpper)
}

// keepCase drops from ms, the matches of ps in body, those that break
// their acronym's case rule; ms itself when none does.
func (ps *PhraseSet) keepCase(body string, ms []Match) []Match {
	if ps.caps == nil {
		return ms
	}
	drop := func(m Match) bool { return !caseFits(ps.caps[m.Pattern], body[m.Start:m.End]) }
	if !slices.ContainsFunc(ms, drop) {
		return ms
	}
	return slices.DeleteFunc(slices.Clone(ms), drop)
}

// phraseOf returns the phrase index of forms[i].
func (p *PhraseSet) phraseOf(i int) int {
	if p.formOf == nil {
		return i
	}
	return p.formOf[i]
}

// build makes the set's own automaton, once.
func (p *PhraseSet) build() {
	p.once.Do(func() { p.auto = newPatternFinder(p.forms) })
}

// Find returns the whole-word, leftmost-longest, non-overlapping matches in
// lower (a lower-cased text), with the set's own automaton.
func (p *PhraseSet) Find(lower string) []Match {
	if p == nil {
		return nil
	}
	p.build()
	var all []Match
	for _, m := range p.auto.appendAll(lower, nil) {
		if WholeWord(lower, m.start, m.end) {
			all = append(all, Match{m.start, m.end, p.phraseOf(m.pattern)})
		}
	}
	return LeftmostLongest(all)
}

// FindCase is Find in lower, the lower-cased form of body, with each
// acronym's case rule kept against body ("BIS" does not match "bis").
func (p *PhraseSet) FindCase(body, lower string) []Match {
	if p == nil {
		return nil
	}
	return p.keepCase(body, p.Find(lower))
}

// LeftmostLongest keeps, of overlapping matches, the one that starts first
// and, among those, the longest.
func LeftmostLongest(all []Match) []Match {
	if len(all) < 2 {
		return all
	}
	byStart := func(a, b Match) int {
		if c := cmp.Compare(a.Start, b.Start); c != 0 {
			return c
		}
		return cmp.Compare(b.End, a.End)
	}
	// The automaton reports matches by where they end, which for phrases
	// that do not overlap is already the order wanted. A stable sort keeps
	// the same phrase listed twice in the order given.
	if !slices.IsSortedFunc(all, byStart) {
		slices.SortStableFunc(all, byStart)
	}
	out := all[:0]
	last := -1
	for _, m := range all {
		if m.Start >= last {
			out = append(out, m)
			last = m.End
		}
	}
	return out
}

// Matcher is a rule's phrases and patterns together: phrases through the
// automaton, patterns as regular expressions over the body, both whole-word
// at their edges.
type Matcher struct {
	Phrases  *PhraseSet
	Patterns []*Regex
}

// CompilePattern compiles a rule pattern and rejects one that matches the
// empty string (it would fire everywhere).
func CompilePattern(p string) (*regexp.Regexp, error) {
	re, err := regexp.Compile(p)
	if err != nil {
		return nil, fmt.Errorf("bad pattern %q: %s", p, strings.TrimPrefix(err.Error(), "error parsing regexp: "))
	}
	if re.MatchString("") {
		return nil, fmt.Errorf("pattern %q matches empty text, so it would fire everywhere", p)
	}
	return re, nil
}

// IsPhrase reports whether a match that FindTerms returned for m is one of
// its phrases (not a pattern's match).
func (m *Matcher) IsPhrase(c Match) bool {
	return m != nil && m.Phrases != nil && c.Pattern < len(m.Phrases.list)
}

// Source returns the pattern, as written in the rule file, that a match
// FindTerms returned for m came from; "" for a phrase's match.
func (m *Matcher) Source(c Match) string {
	if m == nil || m.IsPhrase(c) {
		return ""
	}
	i := c.Pattern
	if m.Phrases != nil {
		i -= len(m.Phrases.list)
	}
	if i < 0 || i >= len(m.Patterns) {
		return ""
	}
	return m.Patterns[i].re.String()
}

// Empty reports whether m has neither phrases nor patterns.
func (m *Matcher) Empty() bool {
	return m == nil || (m.Phrases == nil && len(m.Patterns) == 0)
}

// FindTerms returns the non-overlapping matches of all phrases and
// patterns of m, in text order. Pattern indexes follow phrase indexes.
// What it finds is kept for the next call with the same m.
func (d *Text) FindTerms(m *Matcher) []Match {
	if m == nil {
		return nil
	}
	for _, h := range d.matcherHits {
		if h.m == m {
			return h.hits
		}
	}
	out := m.findOnce(d)
	d.matcherHits = append(d.matcherHits, matcherHits{m, out})
	return out
}

// matcherHits is what a matcher found in a Doc, kept for the rules that
// share the matcher.
type matcherHits struct {
	m    *Matcher
	hits []Match
}

func (m *Matcher) findOnce(d *Text) []Match {
	all := append([]Match(nil), d.FindPhrases(m.Phrases)...)
	base := 0
	if m.Phrases != nil {
		base = len(m.Phrases.list)
	}
	for i, re := range m.Patterns {
		for _, loc := range re.FindAll(d) {
			if loc[1] > loc[0] && WholeWord(d.Body, loc[0], loc[1]) {
				all = append(all, Match{loc[0], loc[1], base + i})
			}
		}
	}
	return LeftmostLongest(all)
}

// merged finds the phrases of every registered phrase set of a rule set:
// the set's scanner finds them all in one pass, merged sorts them out.
type merged struct {
	phrases []string   // every phrase, without repeats
	owners  [][][2]int // phrase index → (set id, index in the set) pairs
	sets    int
}

func buildMerged(sets []*PhraseSet) *merged {
	index := map[string]int{}
	mg := &merged{sets: len(sets)}
	for _, ps := range sets {
		for f, p := range ps.forms {
			i := ps.phraseOf(f)
			k, ok := index[p]
			if !ok {
				k = len(mg.phrases)
				index[p] = k
				mg.phrases = append(mg.phrases, p)
				mg.owners = append(mg.owners, nil)
			}
			mg.owners[k] = append(mg.owners[k], [2]int{ps.id, i})
		}
	}
	return mg
}

// collectBuf is memory merged.collect reuses from article to article.
type collectBuf struct {
	count []int
	all   []Match
	out   [][]Match
}

// collect returns, per set id, its whole-word, leftmost-longest matches
// among hits, the phrases found in lower (pattern: the phrase index).
// It reuses the memory of hits and of buf.
func (mg *merged) collect(lower string, hits []found, buf *collectBuf) [][]Match {
	// Count each set's matches, then fill one array: a set's matches are
	// a full slice of it, in the order of hits.
	count := slices.Grow(buf.count[:0], mg.sets)[:mg.sets]
	clear(count)
	kept := hits[:0]
	total := 0
	for _, h := range hits {
		if !WholeWord(lower, h.start, h.end) {
			continue
		}
		kept = append(kept, h)
		for _, o := range mg.owners[h.pattern] {
			count[o[0]]++
			total++
		}
	}
	all := slices.Grow(buf.all[:0], total)[:total]
	out := slices.Grow(buf.out[:0], mg.sets)[:mg.sets]
	clear(out)
	buf.count, buf.all, buf.out = count, all, out
	at := 0
	for i, n := range count {
		if n > 0 {
			out[i] = all[at : at : at+n]
			at += n
		}
	}
	for _, h := range kept {
		for _, o := range mg.owners[h.pattern] {
			out[o[0]] = append(out[o[0]], Match{h.start, h.end, o[1]})
		}
	}
	for i := range out {
		out[i] = LeftmostLongest(out[i])
	}
	return out
}

// found is one string of a scanner found in a text.
type found struct{ pattern, start, end int }

// scanner is the one automaton of a rule set: it finds the phrases of every
// phrase set and the literals of every gated regex in one pass over an
// article's lower-cased body.
type scanner struct {
	auto   patternFinder
	phrase []int // automaton pattern → index in merged.phrases, or -1
	lit    []int // automaton pattern → index in gate.lits, or -1
}

func newScanner(mg *merged, g *gate) *scanner {
	sc := &scanner{}
	index := map[string]int{}
	var all []string
	add := func(s string) int {
		k, ok := index[s]
		if !ok {
			k = len(all)
			index[s] = k
			all = append(all, s)
			sc.phrase = append(sc.phrase, -1)
			sc.lit = append(sc.lit, -1)
		}
		return k
	}
	for i, p := range mg.phrases {
		sc.phrase[add(p)] = i
	}
	for i, l := range g.lits {
		sc.lit[add(l)] = i
	}
	sc.auto = newPatternFinder(all)
	return sc
}

// scanBuf is the memory of one scan, kept for the next: what a scan finds
// is dead once scanOnce has sorted it out.
type scanBuf struct{ all, phrases, lits []found }

var scanBufs = sync.Pool{New: func() any { return new(scanBuf) }}

// scan finds the phrases and the gate literals in lower, appending them to
// phrases and lits; all is memory it may use.
func (sc *scanner) scan(lower string, all, phrases, lits []found) ([]found, []found, []found) {
	all = sc.auto.appendAll(lower, all)
	for _, m := range all {
		if i := sc.phrase[m.pattern]; i >= 0 {
			phrases = append(phrases, found{i, m.start, m.end})
		}
		if i := sc.lit[m.pattern]; i >= 0 {
			lits = append(lits, found{i, m.start, m.end})
		}
	}
	return all, phrases, lits
}

// scanOnce runs the set's scanner over the article, the first time a rule
// needs phrases or gate literals.
func (d *Text) scanOnce() {
	if d.scanned {
		return
	}
	d.scanned = true
	buf := scanBufs.Get().(*scanBuf)
	all, phrases, lits := d.scan.scan(d.Lower, buf.all[:0], buf.phrases[:0], buf.lits[:0])
	if d.merged != nil {
		d.phraseHits = d.merged.collect(d.Lower, phrases, &d.collectBuf)
	}
	if d.gate != nil {
		d.gateHits = d.gate.collect(lits, d.lineOf, d.gateHits)
	}
	if cap(all)+cap(phrases)+cap(lits) <= 1<<16 { // keep no huge buffer alive
		buf.all, buf.phrases, buf.lits = all[:0], phrases[:0], lits[:0]
		scanBufs.Put(buf)
	}
}

// FindPhrases returns the whole-word, leftmost-longest, non-overlapping
// matches of a phrase set in the body: from the engine's automaton, run
// once per article, when the set is the engine's (Builder.Phrases).
func (d *Text) FindPhrases(ps *PhraseSet) []Match {
	if ps == nil {
		return nil
	}
	if ps.id < 0 || d.merged == nil || d.scan == nil {
		return ps.FindCase(d.Body, d.Lower)
	}
	d.scanOnce()
	hits := ps.keepCase(d.Body, d.phraseHits[ps.id])
	d.phraseHits[ps.id] = hits
	return hits
}
