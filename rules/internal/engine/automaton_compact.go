package engine

import (
	"slices"
	"sort"
	"strings"
)

// compactAutomaton is an Aho-Corasick automaton for pattern sets too large
// for automaton's dense table (a rule file of a hundred thousand phrases):
// it holds the trie's edges and fail links only, so its memory grows with
// the patterns' bytes (about 13 bytes per byte of pattern, against
// hundreds in a dense table and about 100 in the aho-corasick library's
// sparse automaton), at the cost of following fail links while it scans.
// It reports what automaton reports, in the same order, and also handles
// an empty pattern (which matches at every position).
//
// No library builds one this small: the aho-corasick library's sparse
// automaton keeps a map and a slice per state (issue 12 measured 19 GB for
// 1.75 million phrases).
type compactAutomaton struct {
	root      [256]int32 // the root's transitions, complete (0: stay at the root)
	edgeStart []int32    // state → its first edge; one more at the end
	label     []byte     // edge → its byte; a state's edges in ascending order
	target    []int32    // edge → the child state
	fail      []int32    // state → its fail state
	matchBits []uint64   // state → whether it or a state on its fail chain ends a pattern
	outState  []int32    // the states that end a pattern, ascending
	outFrom   []int32    // outState[i] → its patterns' start in order
	outTo     []int32    // outState[i] → their end in order
	order     []int32    // pattern indexes, sorted by pattern (equal ones in the order given)
	lens      []int32    // pattern → its length in bytes
}

// newCompactAutomaton builds the automaton of patterns. States are numbered
// breadth first, and each state stands for the run order[lo:hi] of sorted
// patterns that begin with its string: its children are the runs that
// share one more byte, so the trie is built without a map or a per-state
// slice, and in time linear in the patterns' bytes (after the sort).
func newCompactAutomaton(patterns []string) *compactAutomaton {
	a := &compactAutomaton{
		order: make([]int32, len(patterns)),
		lens:  make([]int32, len(patterns)),
	}
	total := 0 // the patterns' bytes: at most one state each, and the root
	for i, p := range patterns {
		a.order[i] = int32(i)
		a.lens[i] = int32(len(p))
		total += len(p)
	}
	slices.SortStableFunc(a.order, func(x, y int32) int { return strings.Compare(patterns[x], patterns[y]) })
	// The trie: per state, while it is built, its run and its depth. The
	// slices are made at their largest size at once: grown by appending,
	// they would leave several times their size behind as garbage.
	lo, hi, depth := make([]int32, 1, total+1), make([]int32, 1, total+1), make([]int32, 1, total+1)
	hi[0] = int32(len(patterns))
	a.edgeStart = make([]int32, 0, total+2)
	a.label, a.target = make([]byte, 0, total), make([]int32, 0, total)
	for s := 0; s < len(lo); s++ {
		a.edgeStart = append(a.edgeStart, int32(len(a.label)))
		i, end, d := lo[s], hi[s], depth[s]
		own := i // the patterns that end here come first in the run
		for i < end && a.lens[a.order[i]] == d {
			i++
		}
		if i > own {
			a.outState = append(a.outState, int32(s))
			a.outFrom = append(a.outFrom, own)
			a.outTo = append(a.outTo, i)
		}
		for i < end {
			c := patterns[a.order[i]][d]
			j := i + 1
			for j < end && patterns[a.order[j]][d] == c {
				j++
			}
			a.label = append(a.label, c)
			a.target = append(a.target, int32(len(lo)))
			lo, hi, depth = append(lo, i), append(hi, j), append(depth, d+1)
			i = j
		}
	}
	n := len(lo)
	lo, hi, depth = nil, nil, nil
	a.edgeStart = append(a.edgeStart, int32(len(a.label)))
	// Shared prefixes leave the slices shorter than made: keep copies of
	// their length only.
	a.edgeStart, a.label, a.target = slices.Clone(a.edgeStart), slices.Clone(a.label), slices.Clone(a.target)
	for e := a.edgeStart[0]; e < a.edgeStart[1]; e++ {
		a.root[a.label[e]] = a.target[e]
	}
	// Fail links and match bits, breadth first: a state's fail state is
	// shallower, so it is complete when the state is reached.
	a.fail = make([]int32, n)
	a.matchBits = make([]uint64, (n+63)/64)
	for _, s := range a.outState {
		a.matchBits[s/64] |= 1 << (s % 64)
	}
	for s := 0; s < n; s++ {
		if s != 0 && a.matches(a.fail[s]) {
			a.matchBits[s/64] |= 1 << (s % 64)
		}
		for e := a.edgeStart[s]; e < a.edgeStart[s+1]; e++ {
			if s != 0 {
				a.fail[a.target[e]] = a.step(a.fail[s], a.label[e])
			}
		}
	}
	return a
}

// matches reports whether a pattern ends in state s or on its fail chain.
func (a *compactAutomaton) matches(s int32) bool { return a.matchBits[s/64]&(1<<(s%64)) != 0 }

// child returns s's child on byte c, or -1.
func (a *compactAutomaton) child(s int32, c byte) int32 {
	from, to := int(a.edgeStart[s]), int(a.edgeStart[s+1])
	if to-from <= 8 {
		for e := from; e < to; e++ {
			if a.label[e] == c {
				return a.target[e]
			}
		}
		return -1
	}
	if e, ok := slices.BinarySearch(a.label[from:to], c); ok {
		return a.target[from+e]
	}
	return -1
}

// step is the transition from state s on byte c.
func (a *compactAutomaton) step(s int32, c byte) int32 {
	for s != 0 {
		if t := a.child(s, c); t >= 0 {
			return t
		}
		s = a.fail[s]
	}
	return a.root[c]
}

// appendAll appends every occurrence in text to out, in the order described
// at automaton.
func (a *compactAutomaton) appendAll(text string, out []found) []found {
	if a.matches(0) { // an empty pattern: it also matches before the first byte
		out = a.report(0, 0, out)
	}
	s := int32(0)
	for i := 0; i < len(text); i++ {
		s = a.step(s, text[i])
		if a.matches(s) {
			out = a.report(s, i+1, out)
		}
	}
	return out
}

// report appends the patterns that end at end in state s: its own, then
// those of its fail chain, longest first.
func (a *compactAutomaton) report(s int32, end int, out []found) []found {
	for a.matches(s) { // past the last state that ends a pattern, none on the chain does
		if k := sort.Search(len(a.outState), func(k int) bool { return a.outState[k] >= s }); k < len(a.outState) && a.outState[k] == s {
			for _, p := range a.order[a.outFrom[k]:a.outTo[k]] {
				out = append(out, found{int(p), end - int(a.lens[p]), end})
			}
		}
		if s == 0 {
			break
		}
		s = a.fail[s]
	}
	return out
}
