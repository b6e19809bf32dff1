package engine

import (
	"slices"
	"strings"

	"sourcescore"
)

// LiteralSet tells which of a list of literals occur anywhere in a text
// (as substrings, not whole words), in one pass of a dense automaton over
// the text: one table lookup per byte, however many literals there are.
type LiteralSet struct {
	a *automaton
}

// NewLiteralSet returns the set of lits, or nil when there are none, when
// one is empty (it occurs in every text) or when they are too many for a
// dense automaton: a caller then searches the literals one by one.
func NewLiteralSet(lits []string) *LiteralSet {
	if len(lits) == 0 {
		return nil
	}
	a := newAutomaton(lits)
	if a == nil {
		return nil
	}
	return &LiteralSet{a: a}
}

// Present sets present[i] when literal i occurs in text; it sets no entry
// to false. present has one entry per literal.
func (s *LiteralSet) Present(text string, present []bool) {
	a := s.a
	next, class, first := a.next, &a.class, a.firstMatch
	st := uint32(0)
	for i := 0; i < len(text); i++ {
		st = next[st+uint32(class[text[i]])]
		if st >= first {
			k := int(st-first) / a.stride
			for _, p := range a.matches[a.matchIdx[k]:a.matchIdx[k+1]] {
				present[p] = true
			}
		}
	}
}

// Lines appends to lines[i] (one entry per literal) the lines of text
// (0-based, split at '\n') where literal i ends, ascending, each once.
func (s *LiteralSet) Lines(text string, lines [][]int) {
	a := s.a
	next, class, first := a.next, &a.class, a.firstMatch
	st, line, counted := uint32(0), 0, 0 // line: the line of text[counted]
	for i := 0; i < len(text); i++ {
		st = next[st+uint32(class[text[i]])]
		if st >= first {
			// The line breaks are counted only up to a match, many bytes
			// at a time, not tested at every byte.
			line += strings.Count(text[counted:i], "\n")
			counted = i
			k := int(st-first) / a.stride
			for _, p := range a.matches[a.matchIdx[k]:a.matchIdx[k+1]] {
				if n := len(lines[p]); n == 0 || lines[p][n-1] != line {
					lines[p] = append(lines[p], line)
				}
			}
		}
	}
}

// BoilerplateGate returns, for a set of cut rules, the function
// sourcescore.Boilerplate.MayCut: one pass of a LiteralSet of every rule's
// start-filter literals over an article's lower-cased text tells which
// rules can cut a line of it (a rule whose filter has no literal always
// can), and on which lines. It returns nil when the literals cannot make
// one LiteralSet.
func BoilerplateGate(rules []sourcescore.CutRule) func(lower string, may []bool, lines [][]int) {
	var lits []string
	var owner []int // literal → its rule
	always := make([]bool, len(rules))
	for i := range rules {
		f := &rules[i].StartFilter
		if len(f.Literals) == 0 {
			always[i] = true
		}
		for _, l := range f.Literals {
			lits = append(lits, l)
			owner = append(owner, i)
		}
	}
	set := NewLiteralSet(lits)
	if set == nil {
		return nil
	}
	return func(lower string, may []bool, lines [][]int) {
		copy(may, always)
		clear(lines)
		at := make([][]int, len(lits))
		set.Lines(lower, at)
		for i, l := range at {
			if len(l) == 0 {
				continue
			}
			r := owner[i]
			may[r] = true
			lines[r] = append(lines[r], l...)
		}
		for r, l := range lines {
			if len(l) > 0 {
				slices.Sort(l)
				lines[r] = slices.Compact(l)
			}
		}
	}
}
