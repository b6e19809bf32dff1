package rules

// automaton is an Aho-Corasick automaton compiled to a dense table: one
// array lookup per byte of text. It reports every occurrence of every
// pattern (overlapping, standard semantics) in order of where it ends and,
// among those ending at one byte, longest first; repeated patterns in the
// order they were given. That is the order of
// github.com/petar-dambovaliev/aho-corasick's IterOverlapping with
// StandardMatch, which this replaces in the hot path (its per-byte
// interface calls and per-match allocations cost more than the matching).
//
// States are numbered so that those where a pattern ends come last: a
// scan tests one comparison per byte for "any match here".
type automaton struct {
	class      [256]uint8 // byte → its class; bytes in no pattern share class 0
	stride     int        // number of classes
	next       []uint32   // state×stride + class → next state×stride
	firstMatch uint32     // the lowest state×stride with matches
	matchIdx   []int32    // (state - firstMatch/stride) → start in matches; one more at the end
	matches    []int32    // pattern indexes
	lens       []int      // pattern → its length in bytes
	maxLen     int        // the longest pattern's length
}

// newAutomaton builds the automaton of patterns, or returns nil when one
// is empty (it would match at every position; callers reject those).
func newAutomaton(patterns []string) *automaton {
	a := &automaton{lens: make([]int, len(patterns))}
	// Classes: each byte used in a pattern is its own class.
	used := [256]bool{}
	for i, p := range patterns {
		if p == "" {
			return nil
		}
		a.lens[i] = len(p)
		a.maxLen = max(a.maxLen, len(p))
		for j := 0; j < len(p); j++ {
			used[p[j]] = true
		}
	}
	a.stride = 1
	for b := range used {
		if used[b] {
			a.class[b] = uint8(a.stride)
			a.stride++
		}
	}
	// The trie, over classes.
	type node struct {
		child map[uint8]int
		own   []int32 // patterns ending here, in order given
		fail  int
		match []int32 // own, then those of the fail state
	}
	nodes := []node{{child: map[uint8]int{}}}
	for i, p := range patterns {
		s := 0
		for j := 0; j < len(p); j++ {
			c := a.class[p[j]]
			t, ok := nodes[s].child[c]
			if !ok {
				t = len(nodes)
				nodes = append(nodes, node{child: map[uint8]int{}})
				nodes[s].child[c] = t
			}
			s = t
		}
		nodes[s].own = append(nodes[s].own, int32(i))
	}
	// Breadth first: fail links, complete transitions and match lists; a
	// state's fail state is shallower, so it is done first.
	delta := make([]int, len(nodes)*a.stride)
	order := []int{0}
	nodes[0].match = nodes[0].own
	for k := 0; k < len(order); k++ {
		s := order[k]
		for c := 0; c < a.stride; c++ {
			t, ok := nodes[s].child[uint8(c)]
			switch {
			case ok:
				delta[s*a.stride+c] = t
				if s == 0 {
					nodes[t].fail = 0
				} else {
					nodes[t].fail = delta[nodes[s].fail*a.stride+c]
				}
				nodes[t].match = append(append([]int32(nil), nodes[t].own...), nodes[nodes[t].fail].match...)
				order = append(order, t)
			case s == 0:
				delta[c] = 0
			default:
				delta[s*a.stride+c] = delta[nodes[s].fail*a.stride+c]
			}
		}
	}
	// Renumber: states without matches first (the root first of all).
	id := make([]int, len(nodes))
	n := 0
	for pass := 0; pass < 2; pass++ {
		for _, s := range order {
			if (len(nodes[s].match) > 0) == (pass == 1) {
				if pass == 1 && a.firstMatch == 0 {
					a.firstMatch = uint32(n * a.stride)
				}
				id[s] = n
				n++
			}
		}
	}
	if a.firstMatch == 0 {
		a.firstMatch = uint32(n * a.stride) // no state matches (no patterns)
	}
	a.next = make([]uint32, n*a.stride)
	for s := range nodes {
		for c := 0; c < a.stride; c++ {
			a.next[id[s]*a.stride+c] = uint32(id[delta[s*a.stride+c]] * a.stride)
		}
	}
	first := int(a.firstMatch) / a.stride
	a.matchIdx = make([]int32, n-first+1)
	byID := make([]int, n)
	for s := range nodes {
		byID[id[s]] = s
	}
	for i := first; i < n; i++ {
		a.matchIdx[i-first] = int32(len(a.matches))
		a.matches = append(a.matches, nodes[byID[i]].match...)
	}
	a.matchIdx[n-first] = int32(len(a.matches))
	return a
}

// each calls f with the pattern, start and end of every occurrence in text,
// in the order described at automaton.
func (a *automaton) each(text string, f func(pattern, start, end int)) {
	for _, m := range a.appendAll(text, nil) {
		f(m.pattern, m.start, m.end)
	}
}

// appendAll appends every occurrence in text to out, in the order described
// at automaton.
//
// A walk through the table waits on each load, and two independent walks
// overlap their waits, so a long text is walked as two halves at once. The
// second walk starts maxLen-1 bytes before the middle, so it sees every
// occurrence that ends past the middle (and reports only those); they are
// appended after the first half's.
func (a *automaton) appendAll(text string, out []found) []found {
	next, class, first := a.next, &a.class, a.firstMatch
	mid := len(text) / 2
	if mid < 2*a.maxLen+64 {
		s := uint32(0)
		for i := 0; i < len(text); i++ {
			s = next[s+uint32(class[text[i]])]
			if s >= first {
				out = a.report(s, i+1, out)
			}
		}
		return out
	}
	type laterMatch struct {
		s   uint32
		end int
	}
	var buf [256]laterMatch
	later := buf[:0]
	from := mid - (a.maxLen - 1) // the second walk's start; its bytes from mid on end occurrences past mid
	s1, s2 := uint32(0), uint32(0)
	for i := 0; i < mid; i++ {
		j := from + i
		s1 = next[s1+uint32(class[text[i]])]
		s2 = next[s2+uint32(class[text[j]])]
		if s1 >= first {
			out = a.report(s1, i+1, out)
		}
		if s2 >= first && j >= mid {
			later = append(later, laterMatch{s2, j + 1})
		}
	}
	for j := from + mid; j < len(text); j++ {
		s2 = next[s2+uint32(class[text[j]])]
		if s2 >= first {
			later = append(later, laterMatch{s2, j + 1})
		}
	}
	for _, m := range later {
		out = a.report(m.s, m.end, out)
	}
	return out
}

// report appends the patterns that match in state s, ending at end.
func (a *automaton) report(s uint32, end int, out []found) []found {
	k := int(s-a.firstMatch) / a.stride
	for _, p := range a.matches[a.matchIdx[k]:a.matchIdx[k+1]] {
		out = append(out, found{int(p), end - a.lens[p], end})
	}
	return out
}
