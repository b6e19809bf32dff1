package engine

import (
	"regexp/syntax"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Needed literals of the parts matched regardless of case. neededLiterals
// takes only parts matched as written; a part of a (?i) pattern
// ("(?i)…\b(?:falsch|unwahr|Lüge)") is found in the lower-cased text
// instead. A match's rune g of a literal's rune r (g and r fold to each
// other) is lower-cased to r's lower case by LowerSameLength unless its
// own lower case has another length (the Kelvin sign K beside k, ſ beside
// s, ẞ beside ß): those runes are the literal's odd ones, and in a text
// that holds one the check is not made.

// foldNeeds returns sets of lower-cased literals, one of each set being in
// the lower-cased text of every match of the expression, for the parts of
// its top-level concatenation that neededLiterals does not cover (the first
// part is left out when skipHead: the gate finds it), and the odd runes of
// those literals.
func foldNeeds(expr string, skipHead bool) (needs [][]string, odd string) {
	re := parseSimple(expr)
	if re == nil {
		return nil, ""
	}
	subs := topLevel(re)
	if skipHead {
		for len(subs) > 0 && subs[0].Op == syntax.OpWordBoundary {
			subs = subs[1:]
		}
		if len(subs) > 0 {
			subs = subs[1:]
		}
	}
	var all []rune
	for _, sub := range subs {
		for sub.Op == syntax.OpCapture || sub.Op == syntax.OpPlus || sub.Op == syntax.OpRepeat && sub.Min >= 1 {
			sub = sub.Sub[0]
		}
		if lits, ok := exactCase(sub); ok && len(lits) > 0 && shortest(lits) >= minLiteral {
			continue // neededLiterals has it
		}
		var partOdd []rune
		lits, ok := finite(sub, func(re *syntax.Regexp) ([]string, bool) { return foldLeaf(re, &partOdd) })
		if ok && len(lits) > 0 && shortest(lits) >= minLiteral {
			needs = append(needs, dedupe(lits))
			all = append(all, partOdd...)
		}
	}
	for _, r := range all {
		if !strings.ContainsRune(odd, r) {
			odd += string(r)
		}
	}
	return needs, odd
}

// foldLeaf is foldNeeds' strings of a literal, an empty match, a character
// class or an optional part, lower-cased as LowerSameLength lower-cases the
// text, adding the odd runes of a literal matched regardless of case to
// odd.
func foldLeaf(re *syntax.Regexp, odd *[]rune) ([]string, bool) {
	switch re.Op {
	case syntax.OpLiteral:
		var b strings.Builder
		for _, r := range re.Rune {
			low := lowerSame(r)
			b.WriteRune(low)
			if re.Flags&syntax.FoldCase == 0 {
				continue
			}
			for g := unicode.SimpleFold(r); g != r; g = unicode.SimpleFold(g) {
				if lowerSame(g) != low {
					*odd = append(*odd, g)
				}
			}
		}
		return []string{b.String()}, true
	case syntax.OpEmptyMatch:
		return []string{""}, true
	case syntax.OpCharClass:
		// Each rune matched as written (exactCase), lower-cased.
		out, ok := exactCaseLeaf(re)
		if !ok {
			return nil, false
		}
		for i, l := range out {
			r, _ := utf8.DecodeRuneInString(l)
			out[i] = string(lowerSame(r))
		}
		return dedupe(out), true
	case syntax.OpQuest:
		lits, ok := finite(re.Sub[0], func(re *syntax.Regexp) ([]string, bool) { return foldLeaf(re, odd) })
		return append(lits, ""), ok && len(lits) < maxExact
	}
	return nil, false
}

// lowerSame is a rune as sourcescore.LowerSameLength lower-cases it: its
// lower case when that has the same UTF-8 length, else itself.
func lowerSame(r rune) rune {
	if l := unicode.ToLower(r); utf8.RuneLen(l) == utf8.RuneLen(r) {
		return l
	}
	return r
}

// holdsAny reports whether the body holds one of the runes of odd,
// remembering the answer per rune for the article.
func (t *Text) holdsAny(odd string) bool {
next:
	for _, r := range odd {
		for _, o := range t.odd {
			if o.r == r {
				if o.held {
					return true
				}
				continue next
			}
		}
		held := strings.ContainsRune(t.Body, r)
		t.odd = append(t.odd, oddRune{r, held})
		if held {
			return true
		}
	}
	return false
}

// oddRune is whether an article holds an odd rune.
type oddRune struct {
	r    rune
	held bool
}
