package rules

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"

	"sourcescore"
)

// phraseSet finds any of a list of phrases, case-insensitively and as whole
// words, in one pass of an Aho-Corasick automaton over the lower-cased body.
type phraseSet struct {
	list []string // lower-cased phrases
	id   int      // index in the set's merged phrase sets; -1 when not registered
	// The set's own automaton, for texts other than whole bodies (whole
	// bodies go through the rule set's one scanner): made on first use, so
	// that a large list registered with the scanner is not held twice.
	once sync.Once
	auto patternFinder
}

func newPhraseSet(phrases []string) *phraseSet {
	if len(phrases) == 0 {
		return nil
	}
	list := make([]string, len(phrases))
	for i, p := range phrases {
		list[i] = sourcescore.LowerSameLength(strings.TrimSpace(p))
	}
	return &phraseSet{list: list, id: -1}
}

// build makes the set's own automaton, once.
func (p *phraseSet) build() {
	p.once.Do(func() { p.auto = newPatternFinder(p.list) })
}

// newPhraseSet makes a phrase set whose matches in whole bodies come from
// the set's scanner (see merged).
// Two lists of the same phrases give one set, so that rules that list
// the same words share their matches (and what is computed from them).
func (ls *loadState) newPhraseSet(phrases []string) *phraseSet {
	key := strings.Join(phrases, "\x00")
	if p, ok := ls.phraseSets[key]; ok {
		return p
	}
	p := newPhraseSet(phrases)
	if p != nil {
		p.id = len(ls.phrases)
		ls.phrases = append(ls.phrases, p)
		ls.phraseTotal += len(phrases)
	}
	if ls.phraseSets == nil {
		ls.phraseSets = map[string]*phraseSet{}
	}
	ls.phraseSets[key] = p
	return p
}

// match is one hit of a phrase or pattern.
type match struct {
	start, end int
	pattern    int // index of the phrase or pattern that matched
}

// find returns the whole-word, leftmost-longest, non-overlapping matches in
// lower (the lower-cased body).
func (p *phraseSet) find(lower string) []match {
	if p == nil {
		return nil
	}
	p.build()
	var all []match
	for _, m := range p.auto.appendAll(lower, nil) {
		if wholeWord(lower, m.start, m.end) {
			all = append(all, match{m.start, m.end, m.pattern})
		}
	}
	return leftmostLongest(all)
}

// leftmostLongest keeps, of overlapping matches, the one that starts first
// and, among those, the longest.
func leftmostLongest(all []match) []match {
	if len(all) < 2 {
		return all
	}
	byStart := func(a, b match) int {
		if c := cmp.Compare(a.start, b.start); c != 0 {
			return c
		}
		return cmp.Compare(b.end, a.end)
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
		if m.start >= last {
			out = append(out, m)
			last = m.end
		}
	}
	return out
}

// matcher is a compiled Terms: phrases through the automaton, patterns as
// regular expressions over the body, both whole-word at their edges.
type matcher struct {
	phrases  *phraseSet
	patterns []*gatedRegex
}

// compileTerms compiles t, reporting bad patterns at their own position.
func (ls *loadState) compileTerms(t Terms, x node, errs *ErrorList) *matcher {
	m := &matcher{phrases: ls.newPhraseSet(t.Phrases)}
	for i, p := range t.Phrases {
		if strings.TrimSpace(p) == "" {
			*errs = append(*errs, x.get("phrases").index(i).errf("remove it", "empty phrase"))
		}
	}
	for i, p := range t.Patterns {
		re, err := compilePattern(p)
		if err != nil {
			*errs = append(*errs, x.get("patterns").index(i).errf("check the pattern; Go uses RE2 syntax (no look-around, no backreferences)", "%v", err))
			continue
		}
		m.patterns = append(m.patterns, ls.gates.add(re))
	}
	return m
}

// compilePattern compiles a rule pattern and rejects one that matches the
// empty string (it would fire everywhere).
func compilePattern(p string) (*regexp.Regexp, error) {
	re, err := regexp.Compile(p)
	if err != nil {
		return nil, fmt.Errorf("bad pattern %q: %s", p, strings.TrimPrefix(err.Error(), "error parsing regexp: "))
	}
	if re.MatchString("") {
		return nil, fmt.Errorf("pattern %q matches empty text, so it would fire everywhere", p)
	}
	return re, nil
}

// isPhrase reports whether a match that m.find returned is one of the
// matcher's phrases (not a pattern's match).
func (m *matcher) isPhrase(c match) bool {
	return m != nil && m.phrases != nil && c.pattern < len(m.phrases.list)
}

func (m *matcher) empty() bool {
	return m == nil || (m.phrases == nil && len(m.patterns) == 0)
}

// find returns the non-overlapping matches of all phrases and patterns,
// in text order. Pattern indexes follow phrase indexes.
func (m *matcher) find(d *Doc) []match {
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
	m    *matcher
	hits []match
}

func (m *matcher) findOnce(d *Doc) []match {
	all := append([]match(nil), d.find(m.phrases)...)
	base := 0
	if m.phrases != nil {
		base = len(m.phrases.list)
	}
	for i, re := range m.patterns {
		for _, loc := range re.findAll(d) {
			if loc[1] > loc[0] && wholeWord(d.Body, loc[0], loc[1]) {
				all = append(all, match{loc[0], loc[1], base + i})
			}
		}
	}
	return leftmostLongest(all)
}

// merged finds the phrases of every registered phrase set of a rule set:
// the set's scanner finds them all in one pass, merged sorts them out.
type merged struct {
	phrases []string   // every phrase, without repeats
	owners  [][][2]int // phrase index → (set id, index in the set) pairs
	sets    int
}

func buildMerged(sets []*phraseSet) *merged {
	index := map[string]int{}
	mg := &merged{sets: len(sets)}
	for _, ps := range sets {
		for i, p := range ps.list {
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
	all   []match
	out   [][]match
}

// collect returns, per set id, its whole-word, leftmost-longest matches
// among hits, the phrases found in lower (pattern: the phrase index).
// It reuses the memory of hits and of buf.
func (mg *merged) collect(lower string, hits []found, buf *collectBuf) [][]match {
	// Count each set's matches, then fill one array: a set's matches are
	// a full slice of it, in the order of hits.
	count := slices.Grow(buf.count[:0], mg.sets)[:mg.sets]
	clear(count)
	kept := hits[:0]
	total := 0
	for _, h := range hits {
		if !wholeWord(lower, h.start, h.end) {
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
			out[o[0]] = append(out[o[0]], match{h.start, h.end, o[1]})
		}
	}
	for i := range out {
		out[i] = leftmostLongest(out[i])
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
func (d *Doc) scanOnce() {
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

// find returns the matches of a phrase set in the body: from the merged
// automaton, run once per article, when the set is registered.
func (d *Doc) find(ps *phraseSet) []match {
	if ps == nil {
		return nil
	}
	if ps.id < 0 || d.merged == nil || d.scan == nil {
		return ps.find(d.Lower)
	}
	d.scanOnce()
	return d.phraseHits[ps.id]
}
