package engine

import (
	"cmp"
	"regexp"
	"regexp/syntax"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"sourcescore"
)

// A regular expression that can start anywhere runs at a few MB/s in Go,
// and a rule set has dozens of them. Most require a literal ("zufolge",
// "laut|gemäß", "Herr|Herrn|Frau"): a gated regex runs only on windows of
// gateRadius bytes either side of one of its literals, clipped to the line.
// The literals of all gated regexes of a set are found in one Aho-Corasick
// pass over the lower-cased body per article, together with the phrases
// of all phrase sets (see scanner). Patterns therefore match
// within one line, and a gated pattern's match reaches at most gateRadius
// bytes beyond its literal.

// A gated regex whose every match begins with one of its literals (the
// regex starts with a small set of literals, perhaps after \b) is cheaper
// still: it runs anchored at each literal, to the end of the line, so no
// start position but the literal's is tried.

// Inside a window, the regex's shape can spare more work (gate_shape.go):
// a window (or an anchored candidate) without one of the literals every
// match needs is skipped; a regex whose matches begin with a few ASCII
// bytes (\b\d+...) runs anchored at those bytes only; a regex without
// assertions whose matches hold no period ({before}zufolge) runs only on
// the stretches of the window made of the characters it can match that
// hold one of its literals. Each finds what the regex finds on the window.

// gateRadius is how far around a literal a gated regex looks.
const gateRadius = 300

// Regex is a compiled pattern with the literals one of which every
// match contains; id indexes the set's gate.
type Regex struct {
	re   *regexp.Regexp
	lits []string // lower-cased; nil: no usable literal, the regex runs on the whole body
	id   int

	// anchored is re matched only at the start of its input; non-nil when
	// every match begins with one of lits.
	anchored *regexp.Regexp
	boundary bool       // re begins with \b, checked by hand before anchored (or atFirst) runs
	reach    int        // the longest match in bytes, for anchored and atFirst; 0: unbounded
	tail     *tailSlot  // when non-nil, matches what anchored matches, cheaper (gate_tail.go)
	split    *headSplit // when non-nil (and tail nil), matches what anchored matches, cheaper (gate_head.go)
	// ends, when not "", are the bytes one of which every match ends with
	// and holds nowhere else (endBytes): the input of anchored is cut after
	// the first of them, and a candidate without one has no match.
	ends string
	// run, when non-nil, holds every character a match of an anchored
	// regex without tail can consume: the input ends one rune after the
	// run of them at the literal (that rune for an assertion to look at).
	run *charSet

	// Cheaper ways to get the same matches as re over a window (see
	// windowMatches): needs are sets of case-sensitive literals, one of
	// each set is in every match; first, when non-nil, is the ASCII bytes
	// every match begins with (all \w when boundary), so re runs anchored
	// only there (atFirst: re matched only at the start of its input);
	// alpha, when non-nil, is every character a match can hold (re has no
	// assertion), so re runs only on the runs of such characters that hold
	// a literal, up to the last of suffixes (when non-nil, every match ends
	// with one of them, as written) in the run.
	needs [][]string
	// foldNeeds are sets of lower-cased literals, one of each set in the
	// lower-cased text of every match, for parts matched regardless of
	// case; not checked in a text that holds one of the runes of odd
	// (gate_fold.go).
	foldNeeds [][]string
	odd       string
	// lineStart is set when every match begins at the start of a line
	// ((?m)^...): atFirst then runs at each line start and nowhere else.
	lineStart bool
	first     *[256]bool
	atFirst   *regexp.Regexp
	head      []headItem // what the text must begin with (lineStart: a line; first: at the first byte; anchored: at the literal) to be worth a run of the regex
	prefix    string     // first: the head's leading letters lower-cased (headPrefix), found in the lower-cased body; "" when none
	alpha     *charSet
	bounded   bool // alpha holds the characters of a regex with \b or \B: runs take the rune on each side along
	// lead, when non-nil, is every character a match can begin with, none
	// of them ASCII (foreignLead): a regex without literals runs only on a
	// text that holds one.
	lead     *charSet
	suffixes []string
}

// gate finds the literals of all gated regexes of a set.
type gate struct {
	lits    []string // every literal, without repeats; the set's scanner finds them
	owners  [][]int  // literal index → ids of the regexes that need it
	n       int      // number of regexes
	regexes []*Regex
}

// minLiteral is the shortest literal worth gating on.
const minLiteral = 3

// articles are the German and English articles: a regex whose matches
// all begin with one is gated on a literal it needs further on, when it
// has one, rather than run anchored at each of the hundreds of articles
// of a text.
var gateArticles = map[string]bool{"der": true, "die": true, "das": true, "den": true, "dem": true, "des": true,
	"ein": true, "eine": true, "einen": true, "einem": true, "einer": true, "the": true, "this": true, "these": true}

// onlyArticles reports whether every literal is an article.
func onlyArticles(lits []string) bool {
	for _, l := range lits {
		if !gateArticles[l] {
			return false
		}
	}
	return len(lits) > 0
}

// prefixLiterals returns the literals one of which every match of the
// expression begins with, lower-cased, and whether the expression begins
// with \b; nil when they are not good gate literals, or when a leading \b
// could not be checked by looking at the byte before the literal (a
// literal that does not begin with an ASCII word character).
func prefixLiterals(expr string) (lits []string, boundary bool) {
	lits, boundary = prefixRun(expr, prefixLeaf)
	if lits == nil {
		return nil, false
	}
	if plain, _ := prefixRun(expr, exactLeaf); plain == nil {
		// Only a class made the literals long enough: when the regex needs
		// a literal that they do not hold ("dahinter" after "(?i)stecke[nt]",
		// where the verbs are common words), that literal is the better gate.
		if req := requiredLiterals(expr); req != nil && !eachHoldsOne(lits, req) {
			return nil, false
		}
	}
	return lits, boundary
}

// eachHoldsOne reports whether each of lits contains one of subs.
func eachHoldsOne(lits, subs []string) bool {
	for _, l := range lits {
		if !slices.ContainsFunc(subs, func(s string) bool { return strings.Contains(l, s) }) {
			return false
		}
	}
	return true
}

// prefixRun is prefixLiterals with leaf giving the strings of the parts
// that are not concatenations or alternations.
func prefixRun(expr string, leaf func(*syntax.Regexp) ([]string, bool)) (lits []string, boundary bool) {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil, false
	}
	re = re.Simplify()
	for re.Op == syntax.OpCapture {
		re = re.Sub[0]
	}
	subs := []*syntax.Regexp{re}
	if re.Op == syntax.OpConcat {
		subs = re.Sub
	}
	if len(subs) > 0 && subs[0].Op == syntax.OpWordBoundary {
		boundary, subs = true, subs[1:]
	}
	run := []string{""}
	for _, sub := range subs {
		l, ok := finite(sub, leaf)
		if !ok {
			break
		}
		next := product(run, l)
		if len(next) > maxExact {
			break
		}
		run = next
	}
	if !goodLiterals(run) {
		return nil, false
	}
	if boundary {
		for _, l := range run {
			if !isASCIIWord(l[0]) {
				return nil, false
			}
		}
	}
	sort.Strings(run)
	return dedupe(run), boundary
}

// isASCIIWord reports whether b is a character of \w, which Go's \b uses.
func isASCIIWord(b byte) bool {
	return b == '_' || '0' <= b && b <= '9' || 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z'
}

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
func exact(re *syntax.Regexp) ([]string, bool) { return finite(re, exactLeaf) }

// exactLeaf is exact of a literal, an empty match or a character class.
func exactLeaf(re *syntax.Regexp) ([]string, bool) {
	switch re.Op {
	case syntax.OpLiteral:
		return []string{strings.ToLower(string(re.Rune))}, true
	case syntax.OpEmptyMatch:
		return []string{""}, true
	case syntax.OpCharClass:
		// A class of up to 4*maxExact letters outside ASCII ("[ăđơư]", the
		// Vietnamese letters) is as good as its letters; an ASCII class
		// ([0-9]) is too common to gate on.
		var out []string
		for i := 0; i+1 < len(re.Rune); i += 2 {
			lo, hi := re.Rune[i], re.Rune[i+1]
			if lo < utf8.RuneSelf || hi-lo >= 4*maxExact {
				return nil, false
			}
			for r := lo; r <= hi; r++ {
				out = append(out, strings.ToLower(string(r)))
			}
		}
		out = dedupe(out)
		return out, len(out) <= 4*maxExact
	}
	return nil, false
}

// prefixLeaf is exactLeaf, except that a small class of visible
// characters, ASCII or not ("[,”\"]", "argue[ds]" as the parser factors
// "argued|argues"), is as good as its characters: in a run of literals
// one of which begins every match, it is one more byte of each; the run
// as a whole must still be long enough to gate on (goodLiterals).
func prefixLeaf(re *syntax.Regexp) ([]string, bool) {
	if re.Op != syntax.OpCharClass {
		return exactLeaf(re)
	}
	var out []string
	for i := 0; i+1 < len(re.Rune); i += 2 {
		lo, hi := re.Rune[i], re.Rune[i+1]
		if hi-lo >= maxPrefixClass {
			return exactLeaf(re)
		}
		for r := lo; r <= hi; r++ {
			if r <= ' ' || unicode.IsSpace(r) || !unicode.IsPrint(r) {
				return exactLeaf(re) // a space or line break would take a literal across words or lines
			}
			out = append(out, strings.ToLower(string(r)))
		}
	}
	out = dedupe(out)
	if len(out) > maxPrefixClass {
		return exactLeaf(re)
	}
	return out, true
}

// maxPrefixClass is the most characters of a class prefixLeaf expands.
const maxPrefixClass = 8

// finite returns every string re matches when that is a finite set of at
// most maxExact strings (a concatenation or alternation of parts that are),
// with leaf giving the strings of every other part, or false.
func finite(re *syntax.Regexp, leaf func(*syntax.Regexp) ([]string, bool)) ([]string, bool) {
	switch re.Op {
	case syntax.OpCapture:
		return finite(re.Sub[0], leaf)
	case syntax.OpConcat:
		out := []string{""}
		for _, sub := range re.Sub {
			lits, ok := finite(sub, leaf)
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
			lits, ok := finite(sub, leaf)
			if !ok {
				return nil, false
			}
			out = append(out, lits...)
		}
		return out, len(out) <= maxExact
	}
	return leaf(re)
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

// Ungated reports whether the regex runs over the whole text of every
// article: it has no literal the set's scan can find first, does not begin
// at a line start, and may begin with an ASCII character. Such a pattern
// costs more than a hundred gated ones.
func (r *Regex) Ungated() bool { return r.lits == nil && r.lead == nil && !r.lineStart }

// gates collects the gated regexes of one load.
type gates struct {
	list []*Regex
}

// add registers a compiled pattern and returns its gated form.
func (g *gates) add(re *regexp.Regexp) *Regex {
	gr := &Regex{re: re, id: len(g.list)}
	lits, boundary := prefixLiterals(re.String())
	if lits != nil && onlyArticles(lits) {
		// Every match begins with an article ("die", "the"), found all
		// over a text: gate on a longer literal every match holds
		// instead, when there is one ("Zeitung" in "Die Zeitung sagte").
		if req := requiredLiterals(re.String()); req != nil && !onlyArticles(req) {
			lits = nil
		}
	}
	if lits != nil {
		gr.lits, gr.boundary = lits, boundary
		gr.anchored = regexp.MustCompile(`^(?:` + re.String() + `)`)
		gr.reach = maxLength(re.String())
		gr.head = matchHead(re.String())
		gr.tail = newTailSlot(re.String(), re.NumSubexp())
		if gr.tail == nil {
			gr.run = matchAlphabet(re.String(), true)
			gr.split = newHeadSplit(re.String(), re)
		}
		gr.ends = endBytes(re.String())
		gr.needs = neededLiterals(re.String())
		if len(gr.needs) > 0 && headNeeded(re.String()) {
			gr.needs = gr.needs[1:] // where the regex starts, at a literal
		}
		if len(gr.needs) == 0 {
			gr.needs = nil
		}
		gr.foldNeeds, gr.odd = foldNeeds(re.String(), true)
	} else if beginsLine(re.String()) {
		gr.lineStart = true
		gr.atFirst = regexp.MustCompile(`^(?:` + re.String() + `)`)
		if rest := afterLineStart(re.String()); rest != "" {
			// Without its (?m)^, which holds at a line's start anyway, the
			// regex may be one-pass: Go then matches it without a backtracker's
			// memory for the whole line.
			if x, err := regexp.Compile(`^(?:` + rest + `)`); err == nil && x.NumSubexp() == re.NumSubexp() {
				gr.atFirst = x
			}
		}
		gr.head = lineHead(re.String())
	} else {
		gr.lits = requiredLiterals(re.String())
		gr.needs = neededLiterals(re.String())
		gr.lead = foreignLead(re.String())
		if gr.lits != nil {
			gr.foldNeeds, gr.odd = foldNeeds(re.String(), false)
		}
		if first, boundary := firstBytes(re.String()); first != nil {
			gr.first, gr.boundary = first, boundary
			gr.atFirst = regexp.MustCompile(`^(?:` + re.String() + `)`)
			gr.reach = maxLength(re.String())
			gr.head = matchHead(re.String())
			gr.prefix = headPrefix(gr.head)
		} else if gr.alpha = alphabet(re.String()); gr.alpha != nil {
			gr.suffixes = suffixLiterals(re.String())
		} else if gr.alpha = boundaryAlphabet(re.String()); gr.alpha != nil {
			gr.bounded = true
		}
	}
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
	return &gate{lits: lits, owners: owners, n: len(g.list), regexes: g.list}
}

// collect returns, per gated regex id, where it may match, given the
// literals found (pattern: the literal index): for an anchored regex, from
// each of its literals to the end of the line, in text order; for the
// others, windows of gateRadius bytes either side of a literal, clipped to
// the line, overlapping windows merged, in text order. It reuses the
// memory of out (the spans of an earlier article).
func (g *gate) collect(hits []found, lineOf func(off int) (int, int), out [][]span) [][]span {
	if cap(out) < g.n {
		out = make([][]span, g.n)
	}
	out = out[:g.n]
	for id := range out {
		out[id] = out[id][:0]
	}
	for _, m := range hits {
		ls, le := lineOf(m.start)
		for _, id := range g.owners[m.pattern] {
			ws := out[id]
			if g.regexes[id].anchored != nil {
				out[id] = append(ws, span{m.start, le})
				continue
			}
			w := span{max(ls, m.start-gateRadius), min(le, m.end+gateRadius)}
			if n := len(ws); n > 0 && w.start <= ws[n-1].end && w.start >= ws[n-1].start {
				ws[n-1].end = max(ws[n-1].end, w.end)
				continue
			}
			out[id] = append(ws, w)
		}
	}
	for id := range out {
		if g.regexes[id].anchored != nil {
			out[id] = sortStarts(out[id])
			continue
		}
		out[id] = mergeSpans(out[id])
	}
	return out
}

// sortStarts sorts spans by start and drops repeated starts (two literals
// found at one place, "sagt" and "sagte").
func sortStarts(s []span) []span {
	if len(s) < 2 {
		return s
	}
	slices.SortFunc(s, func(a, b span) int { return cmp.Compare(a.start, b.start) })
	out := s[:1]
	for _, x := range s[1:] {
		if x.start != out[len(out)-1].start {
			out = append(out, x)
		}
	}
	return out
}

// mergeSpans sorts spans and merges the overlapping ones.
func mergeSpans(s []span) []span {
	if len(s) < 2 {
		return s
	}
	slices.SortFunc(s, func(a, b span) int { return cmp.Compare(a.start, b.start) })
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
func (gr *Regex) FindAll(d *Text) [][]int {
	if gr.lineStart && d.gate != nil {
		return gr.lineMatches(d)
	}
	if gr.lits == nil || d.gate == nil {
		if gr.lead != nil && !gr.lead.anyIn(d.Body) {
			return nil
		}
		return gr.re.FindAllStringSubmatchIndex(d.Body, -1)
	}
	if gr.anchored != nil {
		return gr.findAnchored(d)
	}
	var out [][]int
	windows := d.gateLines(gr.id)
	var needs *needCursor
	if len(gr.needs) > 0 && len(windows) > 1 {
		needs = newNeedCursor(d.Body, gr.needs)
	}
	fold := gr.foldCursor(d, len(windows))
	for _, w := range windows {
		if needs != nil && !needs.has(w.start, w.end) || fold != nil && !fold.has(w.start, w.end) {
			continue
		}
		out = gr.windowMatches(d, w, out, needs == nil)
	}
	return out
}

// lineMatches is findAll for a regex whose every match begins a line: it
// runs anchored at the start of each line, on that line.
func (gr *Regex) lineMatches(d *Text) [][]int {
	var out [][]int
	body := d.Body
	for start := 0; start < len(body); {
		end := strings.IndexByte(body[start:], '\n')
		if end < 0 {
			end = len(body)
		} else {
			end += start
		}
		if !beginsWith(body[start:end], gr.head) {
			start = end + 1
			continue
		}
		if loc := gr.atFirst.FindStringSubmatchIndex(body[start:end]); loc != nil {
			out = appendShifted(out, [][]int{loc}, start)
		}
		start = end + 1
	}
	return out
}

// afterLineStart is the expression without its leading (?m)^, when it is
// a concatenation that starts so (not inside a capture); "" otherwise.
func afterLineStart(expr string) string {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return ""
	}
	re = re.Simplify()
	if re.Op != syntax.OpConcat || len(re.Sub) < 2 || re.Sub[0].Op != syntax.OpBeginLine {
		return ""
	}
	rest := &syntax.Regexp{Op: syntax.OpConcat, Sub: re.Sub[1:], Flags: re.Flags}
	if len(re.Sub) == 2 {
		rest = re.Sub[1]
	}
	return printExpr(rest)
}

// beginsLine reports whether every match of the expression begins at the
// start of a line: it is a concatenation that starts with (?m)^.
func beginsLine(expr string) bool {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return false
	}
	re = re.Simplify()
	for re.Op == syntax.OpCapture {
		re = re.Sub[0]
	}
	return re.Op == syntax.OpConcat && len(re.Sub) > 1 && re.Sub[0].Op == syntax.OpBeginLine
}

// windowMatches appends to out the matches of the regex in the window w of
// the body, offset into the body: those of FindAllStringSubmatchIndex on
// d.Body[w.start:w.end], found the cheapest way the regex allows. check
// tells whether the window's needed literals are still to be checked.
func (gr *Regex) windowMatches(d *Text, w span, out [][]int, check bool) [][]int {
	text := d.Body[w.start:w.end]
	if check && !hasNeeds(text, gr.needs) {
		return out
	}
	switch {
	case gr.first != nil:
		return gr.startMatches(d, w, out)
	case gr.alpha != nil:
		return gr.runMatches(d, w, out)
	}
	return appendShifted(out, gr.re.FindAllStringSubmatchIndex(text, -1), w.start)
}

// appendShifted appends the match locations locs, offset by off, to out.
func appendShifted(out, locs [][]int, off int) [][]int {
	for _, loc := range locs {
		for i := range loc {
			if loc[i] >= 0 {
				loc[i] += off
			}
		}
		out = append(out, loc)
	}
	return out
}

// needCursor tells, as hasNeeds does, whether stretches of one text hold a
// literal of each set of needs, for stretches whose starts never decrease
// (a regex's windows, or its anchored candidates, in text order). It
// remembers, per literal, where it occurs next and how far the text is
// known to hold none, so no stretch of the text is searched twice for one
// literal, however much the stretches overlap.
type needCursor struct {
	text  string
	needs [][]string
	next  []int // per literal (sets one after the other): where it occurs at or after the last start, or -1
	clear []int // per literal: no occurrence starts before it (from the last start on)
}

func newNeedCursor(text string, needs [][]string) *needCursor {
	n := 0
	for _, set := range needs {
		n += len(set)
	}
	c := &needCursor{text: text, needs: needs, next: make([]int, 2*n)}
	c.next, c.clear = c.next[:n], c.next[n:]
	for i := range c.next {
		c.next[i] = -1
	}
	return c
}

// has reports whether text[start:end] holds a literal of each set; start
// must not be less than in the call before.
func (c *needCursor) has(start, end int) bool {
	k := 0
	for _, set := range c.needs {
		found := false
		for j, l := range set {
			i := k + j
			if c.next[i] < start {
				c.next[i] = -1
				from := max(start, c.clear[i])
				if from+len(l) > end {
					continue
				}
				if p := strings.Index(c.text[from:end], l); p >= 0 {
					c.next[i] = from + p
				} else {
					c.clear[i] = end - len(l) + 1
					continue
				}
			}
			if c.next[i]+len(l) <= end {
				found = true
				break
			}
		}
		if !found {
			return false
		}
		k += len(set)
	}
	return true
}

// foldCursor is the cursor of the regex's fold needs over the lower-cased
// text, for n windows or candidates; nil when there are none, or the body
// holds an odd rune of them.
func (gr *Regex) foldCursor(d *Text, n int) *needCursor {
	if len(gr.foldNeeds) == 0 || n == 0 || d.holdsAny(gr.odd) {
		return nil
	}
	return newNeedCursor(d.Lower, gr.foldNeeds)
}

// hasNeeds reports whether text holds a literal of each set.
func hasNeeds(text string, needs [][]string) bool {
	for _, set := range needs {
		found := false
		for _, l := range set {
			if strings.Contains(text, l) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// startMatches is windowMatches for a regex whose every match begins with a
// byte of gr.first: the regex runs anchored at each such byte (where a
// leading \b holds, judged as the regex does on the window alone), leaving
// out those inside an earlier match, as FindAll does.
func (gr *Regex) startMatches(d *Text, w span, out [][]int) [][]int {
	body := d.Body
	last := w.start
	for s := w.start; s < w.end; s++ {
		if s < last {
			s = last
			if s >= w.end {
				break
			}
		}
		if gr.prefix != "" {
			// Every match begins with the prefix, in either case: the next
			// place worth a look is its next occurrence in the lower-cased
			// window.
			k := strings.Index(d.Lower[s:w.end], gr.prefix)
			if k < 0 {
				break
			}
			s += k
		}
		if !gr.first[body[s]] {
			continue
		}
		if gr.boundary && s > w.start && isASCIIWord(body[s-1]) {
			continue
		}
		end := w.end
		if gr.reach > 0 {
			end = min(end, s+gr.reach)
		}
		if !beginsWith(body[s:end], gr.head) {
			continue
		}
		loc := gr.atFirst.FindStringSubmatchIndex(body[s:end])
		if loc == nil {
			continue
		}
		last = s + loc[1]
		out = appendShifted(out, [][]int{loc}, s)
	}
	return out
}

// runMatches is windowMatches for a regex with an alphabet: a match lies
// within one run of the alphabet's characters and holds one of the
// regex's literals, and the regex has no assertion, so it runs on each run
// of the window that holds a literal (found in the lower-cased body, as the
// gate finds them) and on nothing else.
func (gr *Regex) runMatches(d *Text, w span, out [][]int) [][]int {
	var runs []span
	lower := d.Lower[w.start:w.end]
	for _, l := range gr.lits {
		for i := 0; ; {
			k := strings.Index(lower[i:], l)
			if k < 0 {
				break
			}
			p := w.start + i + k
			i += k + 1
			if r := gr.alpha.runAt(d.Body, p, w); r.end > r.start {
				runs = append(runs, r)
			}
		}
	}
	if len(runs) > 1 {
		// Runs are maximal, so two are the same or apart.
		runs = sortStarts(runs)
	}
	for _, r := range runs {
		if gr.suffixes != nil {
			// No match ends after the last suffix in the run.
			end := -1
			for _, l := range gr.suffixes {
				if k := strings.LastIndex(d.Body[r.start:r.end], l); k >= 0 {
					end = max(end, r.start+k+len(l))
				}
			}
			if end < 0 {
				continue
			}
			r.end = end
		}
		if gr.bounded {
			// No match holds the rune before the run or the one after it,
			// but a \b at the run's edge looks at it, as it does in the
			// window.
			if r.start > w.start {
				_, n := utf8.DecodeLastRuneInString(d.Body[w.start:r.start])
				r.start -= n
			}
			if r.end < w.end {
				_, n := utf8.DecodeRuneInString(d.Body[r.end:w.end])
				r.end += n
			}
		}
		out = appendShifted(out, gr.re.FindAllStringSubmatchIndex(d.Body[r.start:r.end], -1), r.start)
	}
	return out
}

// findAnchored returns what findAll does for an anchored regex: at each
// literal, in text order, the match that begins there, leaving out
// literals inside an earlier match, as FindAll does.
func (gr *Regex) findAnchored(d *Text) [][]int {
	var out [][]int
	last := 0
	cands := d.gateLines(gr.id)
	var needs *needCursor
	if len(gr.needs) > 0 && len(cands) > 1 {
		needs = newNeedCursor(d.Body, gr.needs)
	}
	fold := gr.foldCursor(d, len(cands))
	for _, c := range cands {
		if c.start < last || gr.boundary && c.start > 0 && isASCIIWord(d.Body[c.start-1]) {
			continue
		}
		if !beginsWith(d.Body[c.start:c.end], gr.head) {
			// Not as the regex begins (as written: the literal was found
			// lower-cased), on the line, so on no part of it either.
			continue
		}
		end := c.end
		if gr.reach > 0 {
			// Go runs a regex with submatches by backtracking only on
			// short inputs; on a whole long line it would take the far
			// slower NFA.
			end = min(end, c.start+gr.reach)
		}
		if gr.run != nil {
			end = gr.run.runEnd(d.Body[:end], c.start)
		}
		if gr.ends != "" {
			// The match ends at the first of its end bytes ("sagte …,").
			k := indexBytes(d.Body[c.start:end], gr.ends)
			if k < 0 {
				continue
			}
			end = c.start + k + 1
		}
		if needs != nil && !needs.has(c.start, end) || needs == nil && !hasNeeds(d.Body[c.start:end], gr.needs) ||
			fold != nil && !fold.has(c.start, end) {
			continue
		}
		var loc []int
		if gr.tail != nil {
			loc = gr.tail.match(gr.anchored, d.Body[c.start:end])
		} else if gr.split != nil {
			loc = gr.split.match(d.Body[c.start:end])
		} else {
			loc = gr.anchored.FindStringSubmatchIndex(d.Body[c.start:end])
		}
		if loc == nil {
			continue
		}
		for i := range loc {
			if loc[i] >= 0 {
				loc[i] += c.start
			}
		}
		out = append(out, loc)
		last = loc[1]
	}
	return out
}

// LineFilter derives the cheap tests of a boilerplate pattern, which is
// matched against whole trimmed lines: the literals every match contains;
// for a pattern anchored at the start (^, without the m flag), what a
// matching line begins with; anchored at the end ($), what it ends with;
// anchored at both, the longest line it can match. A pattern with no
// literal long enough to gate a regex on may still need a character that
// prose rarely holds (the "|" of a menu line): that one is its literal.
func LineFilter(expr string) sourcescore.LineFilter {
	f := sourcescore.LineFilter{Literals: dedupe(requiredLiterals(expr))}
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return f
	}
	if len(f.Literals) == 0 {
		if c := rareCharNeeded(re); c != 0 {
			f.Literals = []string{string(c)}
		}
	}
	subs := []*syntax.Regexp{re}
	if re.Op == syntax.OpConcat {
		subs = re.Sub
	}
	start := len(subs) > 0 && subs[0].Op == syntax.OpBeginText
	end := len(subs) > 0 && subs[len(subs)-1].Op == syntax.OpEndText
	if start && end {
		if n, ok := maxLen(re); ok {
			f.MaxLen = n
		}
	}
	if end && !begins(re) {
		if n, ok := maxLen(re); ok {
			f.TailLen = n
		}
	}
	if start {
		f.Prefixes = affixes(subs[1:], false)
	}
	if end {
		f.Suffixes = affixes(subs[:len(subs)-1], true)
	}
	return f
}

// begins reports whether re asserts a line's or the text's beginning
// anywhere ("(?:^|, )x"): a search of the line's end alone would take it
// for the line's beginning.
func begins(re *syntax.Regexp) bool {
	if re.Op == syntax.OpBeginLine || re.Op == syntax.OpBeginText {
		return true
	}
	for _, sub := range re.Sub {
		if begins(sub) {
			return true
		}
	}
	return false
}

// rareChars are ASCII characters seldom found in a line of prose.
const rareChars = "|#@<>[]{}~^*=+_\\/"

// rareCharNeeded returns a character of rareChars that every match of re
// holds, or 0.
func rareCharNeeded(re *syntax.Regexp) byte {
	switch re.Op {
	case syntax.OpLiteral:
		for _, r := range re.Rune {
			if r < utf8.RuneSelf && strings.IndexByte(rareChars, byte(r)) >= 0 {
				return byte(r)
			}
		}
	case syntax.OpCapture, syntax.OpPlus:
		return rareCharNeeded(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return rareCharNeeded(re.Sub[0])
		}
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			if c := rareCharNeeded(sub); c != 0 {
				return c
			}
		}
	}
	return 0
}

// affixes returns the strings one of which every match of the
// concatenation subs begins with (ends with, when backward), lower-cased,
// or nil when there are none to test.
func affixes(subs []*syntax.Regexp, backward bool) []string {
	run := []string{""}
	for k := range subs {
		sub := subs[k]
		if backward {
			sub = subs[len(subs)-1-k]
		}
		lits, ok := exact(sub)
		last := false
		if !ok && (sub.Op == syntax.OpPlus || sub.Op == syntax.OpRepeat && sub.Min >= 1) {
			// One of the repeated part at least: its strings, then stop.
			lits, ok = exact(sub.Sub[0])
			last = true
		}
		if !ok {
			break
		}
		var next []string
		if backward {
			next = product(lits, run)
		} else {
			next = product(run, lits)
		}
		if len(next) > maxExact {
			break
		}
		run = next
		if last {
			break
		}
	}
	for _, x := range run {
		if x == "" {
			return nil
		}
	}
	return dedupe(run)
}

// maxLength returns the length in bytes of the longest string the
// expression matches, or 0 when that is unbounded (or the expression does
// not parse).
func maxLength(expr string) int {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return 0
	}
	n, ok := maxLen(re)
	if !ok {
		return 0
	}
	return n
}

func maxLen(re *syntax.Regexp) (int, bool) {
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return 0, true
	case syntax.OpLiteral:
		n := 0
		for _, r := range re.Rune {
			n += runeLen(r, re.Flags&syntax.FoldCase != 0)
		}
		return n, true
	case syntax.OpCharClass:
		if len(re.Rune) == 0 {
			return 0, true
		}
		return utf8.RuneLen(re.Rune[len(re.Rune)-1]), true
	case syntax.OpAnyCharNotNL, syntax.OpAnyChar:
		return utf8.UTFMax, true
	case syntax.OpCapture:
		return maxLen(re.Sub[0])
	case syntax.OpQuest:
		return maxLen(re.Sub[0])
	case syntax.OpRepeat:
		if re.Max < 0 {
			return 0, false
		}
		n, ok := maxLen(re.Sub[0])
		return n * re.Max, ok
	case syntax.OpConcat, syntax.OpAlternate:
		total := 0
		for _, sub := range re.Sub {
			n, ok := maxLen(sub)
			if !ok {
				return 0, false
			}
			if re.Op == syntax.OpConcat {
				total += n
			} else {
				total = max(total, n)
			}
		}
		return total, true
	}
	return 0, false // star, plus and anything unknown: unbounded
}

// runeLen is the most bytes r takes in UTF-8, in any case when fold is set
// ("k" also matches the Kelvin sign, three bytes).
func runeLen(r rune, fold bool) int {
	n := utf8.RuneLen(r)
	if fold {
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			n = max(n, utf8.RuneLen(f))
		}
	}
	return n
}
