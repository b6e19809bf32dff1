package engine

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"unicode/utf8"
)

// headSplit splits an anchored regex of the form HEAD REST, HEAD a small
// set of literals without a capture group (the verbs of a {speaker} cue,
// "sagte|sagten|erklärte|…"), so that HEAD needs no regex: its literals
// are compared with the input in the order the regex tries them, and REST,
// a far shorter program than the whole regex, runs from where the literal
// ends. Go's backtracker clears a bitmap as long as its input times its
// program on every call, and a list of fifty verbs makes the program long.
//
// The regex tries HEAD's literals in order and takes the first for which
// REST matches after it, with REST's preferred match: that is what match
// does. REST runs on the input from the literal's last rune on, behind a
// (?s:.) that takes it, so an assertion at REST's start (\b) sees the
// rune before it as the regex does.
type headSplit struct {
	lits     []string // HEAD's strings, in the order the regex tries them
	boundary bool     // the regex begins with \b: a literal must begin with a \w character
	// restBoundary is set when REST begins with \b: a literal must end
	// where a \w character meets a non-\w one (or the input's end).
	restBoundary bool
	rest         *regexp.Regexp // ^(?s:.)(?:REST)
}

// newHeadSplit returns the head split of the (unanchored) expression expr,
// whose compiled form is re, or nil when it does not have that form: a
// concatenation whose first parts (after a leading \b) are a small set of
// non-empty literals, matched as written, without a capture group or a
// non-greedy operator.
func newHeadSplit(expr string, re *regexp.Regexp) *headSplit {
	// Parsed, not simplified: REST is printed for regexp.Compile, and
	// printing a simplified x{2,120} prints x 120 times, each big class
	// costing a look at the case folding of every letter it holds.
	x, err := syntax.Parse(expr, syntax.Perl)
	if err != nil || x.Op != syntax.OpConcat || len(x.Sub) < 2 {
		return nil
	}
	subs := x.Sub
	h := &headSplit{}
	if subs[0].Op == syntax.OpWordBoundary {
		h.boundary, subs = true, subs[1:]
	}
	// HEAD is as many parts as multiply out to a few literals ("ha" and
	// "t|ben|tte(?:|n)", as the parser factors "hat|haben|hatte|hatten"),
	// leaving at least one for REST.
	lits, n := []string{""}, 0
	for n < len(subs)-1 && plainHead(subs[n]) {
		part, ok := exactCase(subs[n])
		if !ok || len(part)*len(lits) > maxExact {
			break
		}
		lits, n = product(lits, part), n+1
	}
	if n == 0 || slices.Contains(lits, "") {
		return nil
	}
	h.lits = lits
	// A \b right after HEAD is tested by hand: most literals that are a
	// prefix of another ("teilt" of "teilte") fail it, and every call of
	// REST costs a bitmap as long as its input.
	h.restBoundary = subs[n].Op == syntax.OpWordBoundary
	rest := subs[n]
	if len(subs) > n+1 {
		rest = &syntax.Regexp{Op: syntax.OpConcat, Flags: x.Flags, Sub: subs[n:]}
	}
	r, err := regexp.Compile(`^(?s:.)(?:` + printExpr(rest) + `)`)
	if err != nil || r.NumSubexp() != re.NumSubexp() || !slices.Equal(r.SubexpNames(), re.SubexpNames()) {
		return nil
	}
	h.rest = r
	return h
}

// plainHead reports whether re holds no capture group and no non-greedy
// operator, so that exactCase lists its strings in the order the regex
// tries them.
func plainHead(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpCapture:
		return false
	case syntax.OpQuest, syntax.OpStar, syntax.OpPlus, syntax.OpRepeat:
		if re.Flags&syntax.NonGreedy != 0 {
			return false
		}
	}
	for _, sub := range re.Sub {
		if !plainHead(sub) {
			return false
		}
	}
	return true
}

// match returns what FindStringSubmatchIndex(s) returns for the anchored
// regex the split was made from.
func (h *headSplit) match(s string) []int {
	for _, l := range h.lits {
		if !strings.HasPrefix(s, l) || h.boundary && !isASCIIWord(l[0]) {
			continue
		}
		if h.restBoundary && isASCIIWord(l[len(l)-1]) == (len(l) < len(s) && isASCIIWord(s[len(l)])) {
			continue
		}
		_, w := utf8.DecodeLastRuneInString(l)
		off := len(l) - w
		loc := h.rest.FindStringSubmatchIndex(s[off:])
		if loc == nil {
			continue
		}
		for i := range loc {
			if loc[i] >= 0 {
				loc[i] += off
			}
		}
		loc[0] = 0
		return loc
	}
	return nil
}
