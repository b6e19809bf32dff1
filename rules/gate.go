package rules

import (
	"regexp"
	"regexp/syntax"
	"sort"
	"strings"
	"unicode/utf8"

	ahocorasick "github.com/petar-dambovaliev/aho-corasick"
)

// A regular expression that can start anywhere runs at a few MB/s in Go,
// and a rule set has dozens of them. Most require a literal ("zufolge",
// "laut|gemäß", "Herr|Herrn|Frau"): a gated regex runs only on windows of
// gateRadius bytes either side of one of its literals, clipped to the line.
// The literals of all gated regexes of a set are found in one Aho-Corasick
// pass over the lower-cased body per article. Patterns therefore match
// within one line, and a gated pattern's match reaches at most gateRadius
// bytes beyond its literal.

// gateRadius is how far around a literal a gated regex looks.
const gateRadius = 300

// gatedRegex is a compiled pattern with the literals one of which every
// match contains; id indexes the set's gate.
type gatedRegex struct {
	re   *regexp.Regexp
	lits []string // lower-cased; nil: no usable literal, the regex runs on the whole body
	id   int
}

// gate finds the literals of all gated regexes of a set.
type gate struct {
	ac     ahocorasick.AhoCorasick
	owners [][]int // literal index → ids of the regexes that need it
	n      int     // number of regexes
}

// minLiteral is the shortest literal worth gating on.
const minLiteral = 3

// requiredLiterals returns literals one of which every match of the
// expression contains, lower-cased, or nil when there is no such set of
// literals of at least minLiteral bytes.
func requiredLiterals(expr string) []string {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil
	}
	lits, ok := required(re.Simplify())
	if !ok {
		return nil
	}
	sort.Strings(lits)
	return lits
}

func required(re *syntax.Regexp) ([]string, bool) {
	if lits, ok := exact(re); ok {
		return lits, goodLiterals(lits)
	}
	switch re.Op {
	case syntax.OpCapture, syntax.OpPlus:
		return required(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return required(re.Sub[0])
		}
	case syntax.OpConcat:
		// Runs of exact parts are multiplied out ("sa"+"id|ys" is
		// "said|says"); the best candidate has the longest shortest literal.
		var best []string
		consider := func(lits []string) {
			if goodLiterals(lits) && shortest(lits) > shortest(best) {
				best = lits
			}
		}
		var run []string
		inRun := false
		for _, sub := range re.Sub {
			if lits, ok := exact(sub); ok {
				if !inRun {
					run, inRun = []string{""}, true
				}
				run = product(run, lits)
				continue
			}
			if inRun {
				consider(run)
				inRun = false
			}
			if lits, ok := required(sub); ok {
				consider(lits)
			}
		}
		if inRun {
			consider(run)
		}
		return best, best != nil
	case syntax.OpAlternate:
		var all []string
		for _, sub := range re.Sub {
			lits, ok := required(sub)
			if !ok {
				return nil, false
			}
			all = append(all, lits...)
		}
		return all, true
	}
	return nil, false
}

// maxExact bounds the strings an exact part may stand for.
const maxExact = 64

// exact returns every string re matches when that is a small finite set of
// literals, lower-cased.
func exact(re *syntax.Regexp) ([]string, bool) {
	switch re.Op {
	case syntax.OpLiteral:
		return []string{strings.ToLower(string(re.Rune))}, true
	case syntax.OpEmptyMatch:
		return []string{""}, true
	case syntax.OpCharClass:
		// A small class of letters outside ASCII ("[ăđơư]") is as good as
		// its letters; an ASCII class ([0-9]) is too common to gate on.
		var out []string
		for i := 0; i+1 < len(re.Rune); i += 2 {
			lo, hi := re.Rune[i], re.Rune[i+1]
			if lo < utf8.RuneSelf || hi-lo > maxExact {
				return nil, false
			}
			for r := lo; r <= hi; r++ {
				out = append(out, strings.ToLower(string(r)))
			}
		}
		out = dedupe(out)
		return out, len(out) <= 4*maxExact
	case syntax.OpCapture:
		return exact(re.Sub[0])
	case syntax.OpConcat:
		out := []string{""}
		for _, sub := range re.Sub {
			lits, ok := exact(sub)
			if !ok {
				return nil, false
			}
			if out = product(out, lits); len(out) > maxExact {
				return nil, false
			}
		}
		return out, true
	case syntax.OpAlternate:
		var out []string
		for _, sub := range re.Sub {
			lits, ok := exact(sub)
			if !ok {
				return nil, false
			}
			out = append(out, lits...)
		}
		return out, len(out) <= maxExact
	}
	return nil, false
}

func product(a, b []string) []string {
	out := make([]string, 0, len(a)*len(b))
	for _, x := range a {
		for _, y := range b {
			out = append(out, x+y)
		}
	}
	return out
}

// goodLiterals reports whether every literal is specific enough to gate
// on: at least minLiteral bytes, or a letter outside ASCII.
func goodLiterals(lits []string) bool {
	if len(lits) == 0 {
		return false
	}
	for _, l := range lits {
		if len(l) < minLiteral && (l == "" || l[0] < utf8.RuneSelf) {
			return false
		}
	}
	return true
}

func dedupe(s []string) []string {
	sort.Strings(s)
	out := s[:0]
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// shortest returns the length of the shortest string, 0 for none.
func shortest(lits []string) int {
	if len(lits) == 0 {
		return 0
	}
	n := len(lits[0])
	for _, l := range lits[1:] {
		n = min(n, len(l))
	}
	return n
}

// gates collects the gated regexes of one load.
type gates struct {
	list []*gatedRegex
}

// add registers a compiled pattern and returns its gated form.
func (g *gates) add(re *regexp.Regexp) *gatedRegex {
	gr := &gatedRegex{re: re, lits: requiredLiterals(re.String()), id: len(g.list)}
	g.list = append(g.list, gr)
	return gr
}

// build makes the set's gate.
func (g *gates) build() *gate {
	index := map[string]int{}
	var lits []string
	var owners [][]int
	for _, gr := range g.list {
		for _, l := range gr.lits {
			i, ok := index[l]
			if !ok {
				i = len(lits)
				index[l] = i
				lits = append(lits, l)
				owners = append(owners, nil)
			}
			owners[i] = append(owners[i], gr.id)
		}
	}
	b := ahocorasick.NewAhoCorasickBuilder(ahocorasick.Opts{MatchKind: ahocorasick.StandardMatch, DFA: true})
	return &gate{ac: b.Build(lits), owners: owners, n: len(g.list)}
}

// candidates returns, per gated regex id, the windows of lower around its
// literals: gateRadius bytes either side, clipped to the line, overlapping
// windows merged, in text order.
func (g *gate) candidates(lower string, lineOf func(off int) (int, int)) [][]span {
	out := make([][]span, g.n)
	it := g.ac.IterOverlapping(lower)
	for m := it.Next(); m != nil; m = it.Next() {
		ls, le := lineOf(m.Start())
		w := span{max(ls, m.Start()-gateRadius), min(le, m.End()+gateRadius)}
		for _, id := range g.owners[m.Pattern()] {
			ws := out[id]
			if n := len(ws); n > 0 && w.start <= ws[n-1].end && w.start >= ws[n-1].start {
				ws[n-1].end = max(ws[n-1].end, w.end)
				continue
			}
			out[id] = append(ws, w)
		}
	}
	for id := range out {
		out[id] = mergeSpans(out[id])
	}
	return out
}

// mergeSpans sorts spans and merges the overlapping ones.
func mergeSpans(s []span) []span {
	if len(s) < 2 {
		return s
	}
	sort.Slice(s, func(i, j int) bool { return s[i].start < s[j].start })
	out := s[:1]
	for _, x := range s[1:] {
		last := &out[len(out)-1]
		if x.start <= last.end {
			last.end = max(last.end, x.end)
			continue
		}
		out = append(out, x)
	}
	return out
}

// findAll returns the matches of the regex in the body, as
// FindAllStringSubmatchIndex does, on candidate lines only when it is gated.
func (gr *gatedRegex) findAll(d *Doc) [][]int {
	if gr.lits == nil {
		return gr.re.FindAllStringSubmatchIndex(d.Body, -1)
	}
	var out [][]int
	for _, ln := range d.gateLines(gr.id) {
		for _, loc := range gr.re.FindAllStringSubmatchIndex(d.Body[ln.start:ln.end], -1) {
			for i := range loc {
				if loc[i] >= 0 {
					loc[i] += ln.start
				}
			}
			out = append(out, loc)
		}
	}
	return out
}
