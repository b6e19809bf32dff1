package engine

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

// maxCells is the most cells (states × byte classes) newAutomaton builds,
// a table of 32 MB: a larger set of patterns (a rule file of a hundred
// thousand phrases) gets a compactAutomaton, whose memory grows with the
// patterns' bytes alone, so that memory per phrase stays a small multiple
// of the phrase.
const maxCells = 1 << 23

// patternFinder finds every occurrence of every pattern of a set in a text,
// in the order described at automaton.
type patternFinder interface {
	appendAll(text string, out []found) []found
}

// newPatternFinder returns the dense automaton of patterns when its table
// is small enough, or else the compact one.
func newPatternFinder(patterns []string) patternFinder {
	if a := newAutomaton(patterns); a != nil {
		return a
	}
	return newCompactAutomaton(patterns)
}

// newAutomaton builds the automaton of patterns, or returns nil when one
// is empty (it would match at every position) or when its table would pass
// maxCells: newPatternFinder then makes a compactAutomaton.
func newAutomaton(patterns []string) *automaton {
	a := &automaton{lens: make([]int, len(patterns))}
	// Classes: each byte used in a pattern is its own class.
	used := [256]bool{}
	total := 1 // states at most: the root and one a byte of each pattern
	for i, p := range patterns {
		if p == "" {
			return nil
		}
		a.lens[i] = len(p)
		a.maxLen = max(a.maxLen, len(p))
		total += len(p)
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
	if total*a.stride > maxCells {
		return nil
	}
	stride := a.stride
	// The trie, as a table of state × class → child (0: none; the root is
	// never a child), and each state's own patterns as a list through
	// ownNext, in the order given.
	delta := make([]int32, stride, 64*stride)
	ownHead, ownTail := []int32{-1}, []int32{-1}
	ownNext := make([]int32, len(patterns))
	for i, p := range patterns {
		s := int32(0)
		for j := 0; j < len(p); j++ {
			c := int32(a.class[p[j]])
			t := delta[s*int32(stride)+c]
			if t == 0 {
				t = int32(len(ownHead))
				delta[s*int32(stride)+c] = t
				delta = append(delta, make([]int32, stride)...)
				ownHead, ownTail = append(ownHead, -1), append(ownTail, -1)
			}
			s = t
		}
		ownNext[i] = -1
		if ownTail[s] < 0 {
			ownHead[s] = int32(i)
		} else {
			ownNext[ownTail[s]] = int32(i)
		}
		ownTail[s] = int32(i)
	}
	n := len(ownHead)
	// Breadth first: fail links, complete transitions (in place: a state's
	// fail state is shallower, so it is complete first) and whether a state
	// has matches (its own, or its fail state's).
	fail := make([]int32, n)
	matches := make([]bool, n)
	order := make([]int32, 1, n)
	for k := 0; k < len(order); k++ {
		s := order[k]
		matches[s] = ownHead[s] >= 0 || s != 0 && matches[fail[s]]
		row := delta[int(s)*stride : int(s)*stride+stride]
		for c := 0; c < stride; c++ {
			t := row[c]
			switch {
			case t != 0 && (s != 0 || c != 0):
				if s != 0 {
					fail[t] = delta[int(fail[s])*stride+c]
				}
				order = append(order, t)
			case s != 0:
				row[c] = delta[int(fail[s])*stride+c]
			}
		}
	}
	// Renumber: states without matches first (the root first of all).
	id := make([]int32, n)
	next := 0
	for pass := 0; pass < 2; pass++ {
		for _, s := range order {
			if matches[s] == (pass == 1) {
				if pass == 1 && a.firstMatch == 0 {
					a.firstMatch = uint32(next * stride)
				}
				id[s] = int32(next)
				next++
			}
		}
	}
	if a.firstMatch == 0 {
		a.firstMatch = uint32(n * stride) // no state matches (no patterns)
	}
	a.next = make([]uint32, n*stride)
	for s := 0; s < n; s++ {
		for c := 0; c < stride; c++ {
			a.next[int(id[s])*stride+c] = uint32(int(id[delta[s*stride+c]]) * stride)
		}
	}
	delta = nil
	// Each matching state's patterns: its own, then its fail state's, and
	// so on up the fail links.
	first := int(a.firstMatch) / stride
	byID := make([]int32, n)
	for s := range id {
		byID[id[s]] = int32(s)
	}
	a.matchIdx = make([]int32, n-first+1)
	for i := first; i < n; i++ {
		a.matchIdx[i-first] = int32(len(a.matches))
		for s := byID[i]; ; s = fail[s] {
			for p := ownHead[s]; p >= 0; p = ownNext[p] {
				a.matches = append(a.matches, p)
			}
			if s == 0 {
				break
			}
		}
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
