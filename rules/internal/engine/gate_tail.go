package engine

import (
	"regexp"
	"regexp/syntax"
	"strings"
	"unicode/utf8"
)

// tailSlot splits an anchored regex of the form HEAD(?P<g>[class]{min,max})
// (an {after} cue: the cue words, then a greedy run of the characters a
// source may hold) so that the run needs no regex: HEAD, which has no
// capture group, is matched anchored on a short input (Go's backtracker
// clears a bitmap as long as its input times its program, and the run
// makes both long), and the run is read rune by rune.
//
// The regex prefers HEAD's preferred match (the one HEAD alone finds) and
// then the longest run, so when at least min characters of the class
// follow HEAD's match, the regex's match is HEAD's match and the longest
// run of up to max of them; otherwise it may take a less preferred way
// through HEAD, and match runs the whole regex.
type tailSlot struct {
	head      *regexp.Regexp // ^(?:HEAD)
	lits      []string       // HEAD's strings in the order the regex tries them, when it is a few literals; else nil
	headReach int            // the longest match of HEAD in bytes; 0: unbounded
	class     []rune         // the run's character class, as syntax ranges lo, hi, lo, hi, ...
	ascii     [utf8.RuneSelf]bool
	min, max  int
}

// newTailSlot returns the tail split of the (unanchored) expression expr
// with ngroups capture groups, or nil when it does not have that form: a
// concatenation ending in capture group 1 of a greedy bounded repeat of one
// character class, with no other capture group.
func newTailSlot(expr string, ngroups int) *tailSlot {
	if ngroups != 1 {
		return nil
	}
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil || re.Op != syntax.OpConcat || len(re.Sub) < 2 {
		return nil
	}
	last := re.Sub[len(re.Sub)-1]
	if last.Op != syntax.OpCapture || last.Cap != 1 {
		return nil
	}
	rep := last.Sub[0]
	if rep.Op != syntax.OpRepeat || rep.Flags&syntax.NonGreedy != 0 || rep.Min < 1 || rep.Max < rep.Min ||
		rep.Sub[0].Op != syntax.OpCharClass {
		return nil
	}
	headRe := &syntax.Regexp{Op: syntax.OpConcat, Flags: re.Flags, Sub: re.Sub[:len(re.Sub)-1]}
	if headRe.MaxCap() != 0 {
		return nil
	}
	head, err := regexp.Compile(`^(?:` + printExpr(headRe) + `)`)
	if err != nil || head.NumSubexp() != 0 {
		return nil
	}
	t := &tailSlot{head: head, class: rep.Sub[0].Rune, min: rep.Min, max: rep.Max}
	if plainHead(headRe) {
		// HEAD is a few literals ("sagte |sagt |erklärte "): its preferred
		// match is the first of them, in the order the regex tries them,
		// that the input begins with.
		if lits, ok := exactCase(headRe); ok && len(lits) > 0 {
			t.lits = lits
		}
	}
	if n, ok := maxLen(headRe); ok {
		t.headReach = n
	}
	for c := range t.ascii {
		t.ascii[c] = t.in(rune(c))
	}
	return t
}

// in reports whether r is in the run's class.
func (t *tailSlot) in(r rune) bool {
	for i := 0; i+1 < len(t.class); i += 2 {
		if r < t.class[i] {
			return false
		}
		if r <= t.class[i+1] {
			return true
		}
	}
	return false
}

// match returns what re.FindStringSubmatchIndex(s) returns, re being the
// anchored regex the slot was split from.
func (t *tailSlot) match(re *regexp.Regexp, s string) []int {
	h := s
	if t.headReach > 0 && len(h) > t.headReach+utf8.UTFMax {
		// HEAD cannot match more than headReach bytes; the next rune,
		// which an assertion at its end may look at, is kept, and so
		// is the end of s when it is within reach.
		h = h[:t.headReach+utf8.UTFMax]
	}
	var loc []int
	if t.lits != nil {
		for _, l := range t.lits {
			if strings.HasPrefix(s, l) {
				loc = []int{0, len(l)}
				break
			}
		}
	} else {
		loc = t.head.FindStringIndex(h)
	}
	if loc == nil {
		return nil
	}
	start, i, n := loc[1], loc[1], 0
	for n < t.max && i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if !t.ascii[c] {
				break
			}
			i++
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			if !t.in(r) {
				break
			}
			i += size
		}
		n++
	}
	if n < t.min {
		return re.FindStringSubmatchIndex(s)
	}
	return []int{0, i, start, i}
}
