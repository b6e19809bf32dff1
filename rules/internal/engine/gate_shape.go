package engine

import (
	"regexp/syntax"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The shape of a gated regex can make it cheaper to run on a window
// without changing what it finds: literals every match needs, the bytes
// every match begins with, or the characters a match can hold.

// parseSimple parses a rule pattern as regexp does, simplified, or nil.
func parseSimple(expr string) *syntax.Regexp {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil
	}
	return re.Simplify()
}

// topLevel returns the parts of the concatenation the expression is,
// inside any capture.
func topLevel(re *syntax.Regexp) []*syntax.Regexp {
	for re.Op == syntax.OpCapture {
		re = re.Sub[0]
	}
	if re.Op == syntax.OpConcat {
		return re.Sub
	}
	return []*syntax.Regexp{re}
}

// topParts parses expr (parseSimple) and returns its top-level parts
// (topLevel); nil when it does not parse.
func topParts(expr string) []*syntax.Regexp {
	re := parseSimple(expr)
	if re == nil {
		return nil
	}
	return topLevel(re)
}

// neededLiterals returns sets of literals, as written (case-sensitive), one
// of each set being in every match of the expression: one set per part of
// the top-level concatenation that matches only a few literals of at least
// minLiteral bytes (or one or more of them in a row).
func neededLiterals(expr string) [][]string {
	re := parseSimple(expr)
	if re == nil {
		return nil
	}
	var out [][]string
	for _, sub := range topLevel(re) {
		for sub.Op == syntax.OpCapture || sub.Op == syntax.OpPlus || sub.Op == syntax.OpRepeat && sub.Min >= 1 {
			sub = sub.Sub[0]
		}
		lits, ok := exactCase(sub)
		if ok && len(lits) > 0 && shortest(lits) >= minLiteral {
			out = append(out, dedupe(lits))
		}
	}
	return out
}

// headNeeded reports whether the first set neededLiterals returns for the
// expression is made of its first part (after a leading \b): the literals
// a match begins with, as written. It is not when that part is matched
// regardless of case, "(?i:wie|so)", or is no small set of literals.
func headNeeded(expr string) bool {
	re := parseSimple(expr)
	if re == nil {
		return false
	}
	subs := topLevel(re)
	if len(subs) > 0 && subs[0].Op == syntax.OpWordBoundary {
		subs = subs[1:]
	}
	if len(subs) == 0 {
		return false
	}
	sub := subs[0]
	for sub.Op == syntax.OpCapture || sub.Op == syntax.OpPlus || sub.Op == syntax.OpRepeat && sub.Min >= 1 {
		sub = sub.Sub[0]
	}
	lits, ok := exactCase(sub)
	return ok && len(lits) > 0 && shortest(lits) >= minLiteral
}

// exactCase returns every string re matches, as written, when that is a
// small finite set.
func exactCase(re *syntax.Regexp) ([]string, bool) { return finite(re, exactCaseLeaf) }

// exactCaseLeaf is exactCase of a literal, an empty match, a character
// class or an optional part.
func exactCaseLeaf(re *syntax.Regexp) ([]string, bool) {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return nil, false
		}
		return []string{string(re.Rune)}, true
	case syntax.OpEmptyMatch:
		return []string{""}, true
	case syntax.OpCharClass:
		var out []string
		for i := 0; i+1 < len(re.Rune); i += 2 {
			if re.Rune[i+1]-re.Rune[i] >= maxExact {
				return nil, false
			}
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				out = append(out, string(r))
			}
		}
		return out, len(out) <= maxExact
	case syntax.OpQuest:
		lits, ok := exactCase(re.Sub[0])
		return append(lits, ""), ok && len(lits) < maxExact
	}
	return nil, false
}

// maxFirst is the most distinct first bytes worth starting a regex at.
const maxFirst = 12

// firstBytes returns the ASCII bytes one of which every match of the
// expression begins with, and whether it begins with \b (then every such
// byte is a \w character), or nil when there is no small such set or the
// expression has an anchor (^, $, \A, \z).
func firstBytes(expr string) (*[256]bool, bool) {
	re := parseSimple(expr)
	if re == nil || hasOp(re, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText) {
		return nil, false
	}
	subs := topLevel(re)
	boundary := false
	if len(subs) > 0 && subs[0].Op == syntax.OpWordBoundary {
		boundary, subs = true, subs[1:]
	}
	if len(subs) == 0 {
		return nil, false
	}
	f := firstLeaf(subs[0])
	var set [256]bool
	n := 0
	add := func(r rune) bool {
		if r >= utf8.RuneSelf || boundary && !isASCIIWord(byte(r)) {
			return false
		}
		if !set[r] {
			set[r] = true
			n++
		}
		return n <= maxFirst
	}
	switch f.Op {
	case syntax.OpLiteral:
		if len(f.Rune) == 0 {
			return nil, false
		}
		// A case-folded literal ("[Tt]he" parses as one) begins with any
		// case of its first letter: all of them must be ASCII (not "k",
		// whose folds hold the Kelvin sign).
		r := f.Rune[0]
		for {
			if !add(r) {
				return nil, false
			}
			if f.Flags&syntax.FoldCase == 0 {
				break
			}
			if r = unicode.SimpleFold(r); r == f.Rune[0] {
				break
			}
		}
	case syntax.OpCharClass:
		for i := 0; i+1 < len(f.Rune); i += 2 {
			if f.Rune[i+1] >= utf8.RuneSelf {
				return nil, false
			}
			for r := f.Rune[i]; r <= f.Rune[i+1]; r++ {
				if !add(r) {
					return nil, false
				}
			}
		}
	default:
		return nil, false
	}
	if n == 0 {
		return nil, false
	}
	return &set, boundary
}

// foreignLead returns the characters one of which every match of the
// expression begins with, when none of them is ASCII ("\p{Cyrillic}{2,}
// ..."), or nil: a text without any of them holds no match, and most
// texts are found so by skipping their ASCII bytes, without running the
// regex over them.
func foreignLead(expr string) *charSet {
	subs := topParts(expr)
	if len(subs) == 0 {
		return nil
	}
	f := firstLeaf(subs[0])
	var pairs []rune
	switch f.Op {
	case syntax.OpLiteral:
		if len(f.Rune) == 0 || f.Flags&syntax.FoldCase != 0 {
			return nil
		}
		pairs = []rune{f.Rune[0], f.Rune[0]}
	case syntax.OpCharClass:
		pairs = f.Rune
	default:
		return nil
	}
	if len(pairs) == 0 {
		return nil
	}
	for _, r := range pairs {
		if r < utf8.RuneSelf {
			return nil
		}
	}
	return newCharSet(pairs)
}

// anyIn reports whether s holds one of the characters of c; it skips
// ASCII bytes when c has none.
func (c *charSet) anyIn(s string) bool {
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if c.ascii[b] {
				return true
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if c.has(r) {
			return true
		}
		i += n
	}
	return false
}

// hasOp reports whether re or any part of it is one of ops.
func hasOp(re *syntax.Regexp, ops ...syntax.Op) bool {
	for _, op := range ops {
		if re.Op == op {
			return true
		}
	}
	for _, sub := range re.Sub {
		if hasOp(sub, ops...) {
			return true
		}
	}
	return false
}

// charSet is a set of characters.
type charSet struct {
	ascii  [utf8.RuneSelf]bool
	ranges []rune // sorted, disjoint [lo, hi] pairs of characters outside ASCII
}

func (c *charSet) has(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 0 && c.ascii[r]
	}
	i := sort.Search(len(c.ranges)/2, func(i int) bool { return c.ranges[2*i+1] >= r })
	return i < len(c.ranges)/2 && c.ranges[2*i] <= r
}

// runAt returns the longest span of w around p whose characters are all in
// the set, decoded as a regex decodes d.Body[w.start:w.end]; empty when the
// character at p is not in it.
func (c *charSet) runAt(body string, p int, w span) span {
	text := body[w.start:w.end]
	p -= w.start
	end := p
	for end < len(text) {
		r, n := utf8.DecodeRuneInString(text[end:])
		if !c.has(r) {
			break
		}
		end += n
	}
	if end == p {
		return span{}
	}
	start := p
	for start > 0 {
		r, n := utf8.DecodeLastRuneInString(text[:start])
		if !c.has(r) {
			break
		}
		start -= n
	}
	return span{w.start + start, w.start + end}
}

// runEnd returns the end of the run of the set's characters in text from
// p, decoded as a regex decodes text[p:], plus the rune after it when there
// is one: a regex started at p that consumes only the set's characters
// finds the same on text[p:runEnd] as on text[p:], assertions included.
func (c *charSet) runEnd(text string, p int) int {
	for p < len(text) {
		if b := text[p]; b < utf8.RuneSelf {
			p++
			if !c.ascii[b] {
				return p
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(text[p:])
		p += n
		if !c.has(r) {
			return p
		}
	}
	return p
}

// suffixLiterals returns the strings, as written, one of which every match
// of the expression ends with: those of the last part of its top-level
// concatenation, when that matches only a few non-empty literals; else nil.
func suffixLiterals(expr string) []string {
	subs := topParts(expr)
	if len(subs) == 0 {
		return nil
	}
	lits, ok := exactCase(subs[len(subs)-1])
	if !ok || len(lits) == 0 || shortest(lits) == 0 {
		return nil
	}
	return dedupe(lits)
}

// endBytes returns the bytes of the last part of the expression's
// top-level concatenation when that part is one ASCII character of a small
// set ([,:]) that no other part can consume: every match of the regex then
// ends at the first of those bytes after its start, and an input without
// one has no match. "" otherwise.
func endBytes(expr string) string {
	re := parseSimple(expr)
	if re == nil {
		return ""
	}
	subs := topLevel(re)
	if len(subs) < 2 {
		return ""
	}
	var set []byte
	switch last := subs[len(subs)-1]; {
	case last.Op == syntax.OpCharClass:
		for i := 0; i+1 < len(last.Rune); i += 2 {
			for r := last.Rune[i]; r <= last.Rune[i+1]; r++ {
				if r >= utf8.RuneSelf || len(set) == maxEndBytes {
					return ""
				}
				set = append(set, byte(r))
			}
		}
	case last.Op == syntax.OpLiteral && len(last.Rune) == 1 && last.Rune[0] < utf8.RuneSelf && last.Flags&syntax.FoldCase == 0:
		set = append(set, byte(last.Rune[0]))
	default:
		return ""
	}
	var pairs []rune
	for _, sub := range subs[:len(subs)-1] {
		if !collectAlphabet(sub, &pairs, true) {
			return "" // a part can match any character
		}
	}
	others := newCharSet(pairs)
	if len(set) == 0 {
		return ""
	}
	for _, b := range set {
		if others.ascii[b] {
			return ""
		}
	}
	return string(set)
}

// maxEndBytes is the most end bytes a regex may have (endBytes).
const maxEndBytes = 8

// indexBytes returns the first position in s of one of the bytes, or -1.
func indexBytes(s, bytes string) int {
	k := -1
	for i := 0; i < len(bytes); i++ {
		in := s
		if k >= 0 {
			in = s[:k]
		}
		if j := strings.IndexByte(in, bytes[i]); j >= 0 {
			k = j
		}
	}
	return k
}

// alphabet returns the characters a match of the expression can hold, or
// nil when the expression has an assertion (\b, ^, $, ...), can match any
// character, or can hold a period (then runs would be about as long as
// windows).
func alphabet(expr string) *charSet {
	c := matchAlphabet(expr, false)
	if c == nil || c.ascii['.'] {
		return nil
	}
	return c
}

// boundaryAlphabet is alphabet for an expression whose only assertions are
// \b and \B (at least one): a run of its characters that holds a match
// is then run on with the rune before and the rune after it, within the
// window, which those assertions look at (see runMatches).
func boundaryAlphabet(expr string) *charSet {
	re := parseSimple(expr)
	if re == nil || !hasOp(re, syntax.OpWordBoundary, syntax.OpNoWordBoundary) ||
		hasOp(re, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText) {
		return nil
	}
	c := matchAlphabet(expr, true)
	if c == nil || c.ascii['.'] {
		return nil
	}
	return c
}

// matchAlphabet returns the characters a match of the expression can hold
// (consume), or nil when it can match any character. Assertions consume
// nothing; they make it return nil unless assertions is set.
func matchAlphabet(expr string, assertions bool) *charSet {
	re := parseSimple(expr)
	if re == nil {
		return nil
	}
	var pairs []rune
	if !collectAlphabet(re, &pairs, assertions) {
		return nil
	}
	return newCharSet(pairs)
}

// newCharSet is the set of the characters in [lo, hi] pairs.
func newCharSet(pairs []rune) *charSet {
	c := &charSet{}
	for i := 0; i+1 < len(pairs); i += 2 {
		lo, hi := pairs[i], pairs[i+1]
		for ; lo <= hi && lo < utf8.RuneSelf; lo++ {
			c.ascii[lo] = true
		}
		if lo <= hi {
			c.ranges = append(c.ranges, lo, hi)
		}
	}
	c.ranges = mergeRanges(c.ranges)
	return c
}

// headItem is one step of a line's head: a character of set, or (run)
// a run of at least min of them.
type headItem struct {
	set *charSet
	min int
	run bool
}

// maxHead is the most steps lineHead returns.
const maxHead = 8

// lineHead returns, for an expression that begins with (?m)^, what every
// match must begin with, as steps: single characters, and runs of
// characters where what follows the run cannot be part of it (so the
// greedy run is the one the regex takes). For (?m)^\p{Lu}\p{Ll}+,\s it
// is \p{Lu}, a run of \p{Ll}, a comma. A line that does not begin so
// cannot match, and needs no regex run. It stops where the expression
// stops being that simple; nil when it is not at all.
func lineHead(expr string) []headItem {
	re := parseSimple(expr)
	for re != nil && re.Op == syntax.OpCapture {
		re = re.Sub[0]
	}
	if re == nil || re.Op != syntax.OpConcat || len(re.Sub) < 2 || re.Sub[0].Op != syntax.OpBeginLine {
		return nil
	}
	return headOf(re.Sub[1:])
}

// matchHead returns, as lineHead does for a line, what every match of the
// expression must begin with, after a leading \b (which the caller checks
// itself): for \b[Tt]he\s+["“]\p{Lu} it is t or T, h, e, a run of
// spaces, a quotation mark, \p{Lu}. A regex run anchored where the text
// does not begin so cannot match there. nil when there is nothing to check.
func matchHead(expr string) []headItem {
	re := parseSimple(expr)
	if re == nil {
		return nil
	}
	subs := topLevel(re)
	if len(subs) > 0 && subs[0].Op == syntax.OpWordBoundary {
		subs = subs[1:]
	}
	if len(subs) == 0 {
		return nil
	}
	return headOf(subs)
}

// headOf is the head of the concatenation of subs (see lineHead).
func headOf(subs []*syntax.Regexp) []headItem {
	var steps []*syntax.Regexp // the parts after ^, concatenations flattened, literals split into characters
	var flatten func(subs []*syntax.Regexp)
	flatten = func(subs []*syntax.Regexp) {
		for _, sub := range subs {
			switch sub.Op {
			case syntax.OpConcat:
				flatten(sub.Sub)
			case syntax.OpLiteral:
				for _, r := range sub.Rune {
					steps = append(steps, &syntax.Regexp{Op: syntax.OpLiteral, Rune: []rune{r}, Flags: sub.Flags})
				}
			default:
				steps = append(steps, sub)
			}
		}
	}
	flatten(subs)
	var head []headItem
	for _, st := range steps {
		if len(head) == maxHead {
			break
		}
		if k := len(head); k > 0 && head[k-1].run {
			// A run is exact only when what follows cannot continue it.
			if next := charOf(firstChar(st)); next == nil || !next.disjoint(head[k-1].set) {
				break
			}
		}
		var item headItem
		switch st.Op {
		case syntax.OpLiteral, syntax.OpCharClass:
			item = headItem{set: charOf(st), min: 1}
		case syntax.OpStar, syntax.OpPlus:
			item = headItem{set: charOf(st.Sub[0]), min: 0, run: true}
			if st.Op == syntax.OpPlus {
				item.min = 1
			}
		case syntax.OpRepeat:
			item = headItem{set: charOf(st.Sub[0]), min: st.Min, run: st.Max < 0}
			if st.Max >= 0 && st.Min > 0 && st.Min == st.Max {
				item.run = true // exactly min: checked as a run of min or more, then stop
				head = append(head, item)
				return head
			}
			if st.Max >= 0 {
				if st.Min > 0 && item.set != nil {
					item.run = true // at least min; more may follow: stop after
					head = append(head, item)
				}
				return head
			}
		default:
			return head
		}
		if item.set == nil {
			break
		}
		head = append(head, item)
	}
	return head
}

// headPrefix returns the bytes, lower-cased, that a text the head accepts
// begins with as sourcescore.LowerSameLength lower-cases it: the leading
// steps of one ASCII character, or of one ASCII letter in either case
// ([Tt], or t under (?i)); "" when the head does not begin so.
func headPrefix(head []headItem) string {
	var b []byte
	for _, h := range head {
		if h.run || h.min != 1 || len(h.set.ranges) > 0 {
			break
		}
		var in []byte
		for c := range h.set.ascii {
			if h.set.ascii[c] {
				in = append(in, byte(c))
			}
		}
		switch {
		case len(in) == 1 && 'A' <= in[0] && in[0] <= 'Z':
			b = append(b, in[0]+'a'-'A')
		case len(in) == 1:
			b = append(b, in[0])
		case len(in) == 2 && 'A' <= in[0] && in[0] <= 'Z' && in[1] == in[0]+'a'-'A':
			b = append(b, in[1])
		default:
			return string(b)
		}
	}
	return string(b)
}

// firstChar is the part of a step its first character comes from: the
// step itself, or what it repeats.
func firstChar(re *syntax.Regexp) *syntax.Regexp {
	switch re.Op {
	case syntax.OpStar, syntax.OpPlus, syntax.OpQuest, syntax.OpRepeat:
		if re.Op == syntax.OpStar || re.Op == syntax.OpQuest || re.Op == syntax.OpRepeat && re.Min == 0 {
			return nil // may be absent: what comes first is not known
		}
		return re.Sub[0]
	}
	return re
}

// charOf is the set of one character the expression matches, or nil when
// it is not a single character (a literal of one, or a class).
func charOf(re *syntax.Regexp) *charSet {
	if re == nil {
		return nil
	}
	switch re.Op {
	case syntax.OpCharClass:
		return newCharSet(re.Rune)
	case syntax.OpLiteral:
		if len(re.Rune) != 1 {
			return nil
		}
		var pairs []rune
		collectAlphabet(re, &pairs, false)
		return newCharSet(pairs)
	}
	return nil
}

// disjoint reports whether no character is in both sets.
func (c *charSet) disjoint(o *charSet) bool {
	for i := range c.ascii {
		if c.ascii[i] && o.ascii[i] {
			return false
		}
	}
	for i := 0; i+1 < len(c.ranges); i += 2 {
		for j := 0; j+1 < len(o.ranges); j += 2 {
			if c.ranges[i] <= o.ranges[j+1] && o.ranges[j] <= c.ranges[i+1] {
				return false
			}
		}
	}
	return true
}

// beginsWith reports whether text begins as head says.
func beginsWith(text string, head []headItem) bool {
	i := 0
	for _, h := range head {
		n := 0
		for i < len(text) && (h.run || n < 1) {
			r, w := rune(text[i]), 1
			if r >= utf8.RuneSelf {
				r, w = utf8.DecodeRuneInString(text[i:])
			}
			if !h.set.has(r) {
				break
			}
			i += w
			n++
		}
		if n < h.min || !h.run && n == 0 {
			return false
		}
	}
	return true
}

func collectAlphabet(re *syntax.Regexp, pairs *[]rune, assertions bool) bool {
	switch re.Op {
	case syntax.OpNoMatch, syntax.OpEmptyMatch:
		return true
	case syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return assertions
	case syntax.OpLiteral:
		for _, r := range re.Rune {
			*pairs = append(*pairs, r, r)
			if re.Flags&syntax.FoldCase != 0 {
				for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
					*pairs = append(*pairs, f, f)
				}
			}
		}
		return true
	case syntax.OpCharClass:
		*pairs = append(*pairs, re.Rune...)
		return true
	case syntax.OpCapture, syntax.OpStar, syntax.OpPlus, syntax.OpQuest, syntax.OpRepeat, syntax.OpConcat, syntax.OpAlternate:
		for _, sub := range re.Sub {
			if !collectAlphabet(sub, pairs, assertions) {
				return false
			}
		}
		return true
	}
	return false // any character or an unknown op
}

// mergeRanges sorts [lo, hi] pairs and merges those that overlap or touch.
func mergeRanges(pairs []rune) []rune {
	n := len(pairs) / 2
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return pairs[2*idx[a]] < pairs[2*idx[b]] })
	var out []rune
	for _, i := range idx {
		lo, hi := pairs[2*i], pairs[2*i+1]
		if k := len(out); k > 0 && lo <= out[k-1]+1 {
			out[k-1] = max(out[k-1], hi)
			continue
		}
		out = append(out, lo, hi)
	}
	return out
}

// firstLeaf descends from re to the part every match begins with: through
// captures, repeats of at least one and the first element of a
// concatenation.
func firstLeaf(re *syntax.Regexp) *syntax.Regexp {
	for {
		switch {
		case re.Op == syntax.OpCapture, re.Op == syntax.OpPlus, re.Op == syntax.OpRepeat && re.Min >= 1:
			re = re.Sub[0]
		case re.Op == syntax.OpConcat && len(re.Sub) > 0:
			re = re.Sub[0]
		default:
			return re
		}
	}
}
