package rules

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	ahocorasick "github.com/petar-dambovaliev/aho-corasick"
)

// phraseSet finds any of a list of phrases, case-insensitively and as whole
// words, in one pass of an Aho-Corasick automaton over the lower-cased body.
type phraseSet struct {
	list []string // lower-cased phrases
	ac   ahocorasick.AhoCorasick
}

func newPhraseSet(phrases []string) *phraseSet {
	if len(phrases) == 0 {
		return nil
	}
	list := make([]string, len(phrases))
	for i, p := range phrases {
		list[i] = lowerSameLength(strings.TrimSpace(p))
	}
	b := ahocorasick.NewAhoCorasickBuilder(ahocorasick.Opts{MatchKind: ahocorasick.StandardMatch, DFA: true})
	return &phraseSet{list: list, ac: b.Build(list)}
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
	var all []match
	it := p.ac.IterOverlapping(lower)
	for m := it.Next(); m != nil; m = it.Next() {
		if wholeWord(lower, m.Start(), m.End()) {
			all = append(all, match{m.Start(), m.End(), m.Pattern()})
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
	sort.Slice(all, func(i, j int) bool {
		if all[i].start != all[j].start {
			return all[i].start < all[j].start
		}
		return all[i].end > all[j].end
	})
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
	m := &matcher{phrases: newPhraseSet(t.Phrases)}
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

func (m *matcher) empty() bool {
	return m == nil || (m.phrases == nil && len(m.patterns) == 0)
}

// find returns the non-overlapping matches of all phrases and patterns,
// in text order. Pattern indexes follow phrase indexes.
func (m *matcher) find(d *Doc) []match {
	if m == nil {
		return nil
	}
	all := m.phrases.find(d.Lower)
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
