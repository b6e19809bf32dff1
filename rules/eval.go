package rules

import (
	"fmt"
	"sort"
	"strings"
)

// Label is one expected outcome in a labelled corpus: whether a rule (or
// any rule of a family) fires on an article.
type Label struct {
	File   string // article file, relative to the input folder
	Target string // rule id or family name
	Fires  bool   // expected: fires (true) or does not fire
	Line   int    // line in the labels file
}

// Confusion counts one target's outcomes against its labels.
type Confusion struct {
	Target         string
	TP, FP, FN, TN int
	Misses         []string // files of the false positives and negatives, with what went wrong
}

// Precision is TP / (TP + FP); ok is false when nothing fired.
func (c Confusion) Precision() (float64, bool) {
	if c.TP+c.FP == 0 {
		return 0, false
	}
	return float64(c.TP) / float64(c.TP+c.FP), true
}

// Recall is TP / (TP + FN); ok is false when nothing was expected to fire.
func (c Confusion) Recall() (float64, bool) {
	if c.TP+c.FN == 0 {
		return 0, false
	}
	return float64(c.TP) / float64(c.TP+c.FN), true
}

// Evaluation tallies labels against what the rules did.
type Evaluation struct {
	byTarget map[string]*Confusion
}

// NewEvaluation starts an empty tally.
func NewEvaluation() *Evaluation { return &Evaluation{byTarget: map[string]*Confusion{}} }

// Add counts one label against one article's result.
func (e *Evaluation) Add(l Label, res Result) {
	c := e.byTarget[l.Target]
	if c == nil {
		c = &Confusion{Target: l.Target}
		e.byTarget[l.Target] = c
	}
	fired := res.Fired(l.Target)
	switch {
	case l.Fires && fired:
		c.TP++
	case l.Fires:
		c.FN++
		c.Misses = append(c.Misses, fmt.Sprintf("%s: expected to fire, did not", l.File))
	case fired:
		c.FP++
		c.Misses = append(c.Misses, fmt.Sprintf("%s: fired, expected not to", l.File))
	default:
		c.TN++
	}
}

// Results returns the tallies sorted by target.
func (e *Evaluation) Results() []Confusion {
	out := make([]Confusion, 0, len(e.byTarget))
	for _, c := range e.byTarget {
		out = append(out, *c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Target < out[j].Target })
	return out
}

// KnownTarget reports whether target names a rule of the set or a family
// with rules in it.
func (s *Set) KnownTarget(target string) bool {
	for _, r := range s.Rules {
		if r.ID == target || strings.HasPrefix(r.ID, target+".") {
			return true
		}
	}
	return false
}
