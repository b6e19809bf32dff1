package rules

import (
	"fmt"
	"strings"
)

// combinedSpec: one judgement from the findings of other rules. Each
// signal rule's findings count with the signal's weight; when the weighted
// findings per 1,000 words reach the threshold (and there are enough of
// them, from enough rules), the article is judged: score 0 and one finding
// that lists what contributed. A decisive signal decides by itself.
type combinedSpec struct {
	Header      `yaml:",inline"`
	Signals     []signalSpec `yaml:"signals"`      // the rules whose findings count
	Threshold   float64      `yaml:"threshold"`    // weighted findings per 1,000 words at which the judgement is made
	MinFindings int          `yaml:"min_findings"` // and at least this many findings (default 2): one slip is no pattern
	MinRules    int          `yaml:"min_rules"`    // and from at least this many signal rules (default 1)
	MinWeight   float64      `yaml:"min_weight"`   // and weighing at least this much together (default 0), so that one weak finding in a short text is not enough
}

// signalSpec is one rule a combined judgement reads.
type signalSpec struct {
	Rule     string  `yaml:"rule"`     // rule id
	Weight   float64 `yaml:"weight"`   // weight of each of its findings (default 1)
	Max      int     `yaml:"max"`      // at most this many of its findings count (0: all)
	Decisive bool    `yaml:"decisive"` // one finding of this rule decides the judgement by itself
	// DecisiveAt, for a rule of kind profile: its finding decides the
	// judgement by itself when its likelihood is at least this (0: never).
	DecisiveAt float64 `yaml:"decisive_at"`
	// Distinct counts findings with the same evidence (any case) once: a
	// name spelled one way ten times is one choice of spelling.
	Distinct bool `yaml:"distinct"`
	// NotAlone counts the rule's findings only next to a finding of
	// another signal rule: a habit some careful writers share with
	// translations ("Herr Trinh" in a Swiss feature) is a hint, never
	// the whole case.
	NotAlone bool `yaml:"not_alone"`
}

var combinedKind = kindSpec{
	summary: "one judgement from other rules' findings: weighted findings per 1,000 words against a threshold; score 0 and a finding listing the contributions when reached",
	params:  func() any { return new(combinedSpec) },
	compile: func(spec any, x node, ls *loadState, errs *ErrorList) checker {
		s := spec.(*combinedSpec)
		if s.MinFindings == 0 {
			s.MinFindings = 2
		}
		if s.MinRules == 0 {
			s.MinRules = 1
		}
		checkRange(x, "threshold", s.Threshold, 0, 1000, errs)
		checkRange(x, "min_weight", s.MinWeight, 0, 1000, errs)
		if s.MinFindings < 1 {
			*errs = append(*errs, x.get("min_findings").errf("1 or more", "min_findings %d is out of range", s.MinFindings))
		}
		if len(s.Signals) == 0 {
			*errs = append(*errs, x.errf("add signals: a list of {rule: ID, weight: N}", "rule %s can never fire: it has no signals", s.ID))
		}
		if s.MinRules < 1 || s.MinRules > max(len(s.Signals), 1) {
			*errs = append(*errs, x.get("min_rules").errf(fmt.Sprintf("1 to %d (the number of signals)", len(s.Signals)), "min_rules %d is out of range", s.MinRules))
		}
		c := &combined{spec: s, at: make([]node, len(s.Signals))}
		seen := map[string]bool{}
		for i := range s.Signals {
			sg := &s.Signals[i]
			sx := x.get("signals").index(i)
			c.at[i] = sx
			defaultFloat(&sg.Weight, 1)
			checkRange(sx, "weight", sg.Weight, 0, 100, errs)
			if sg.Max < 0 {
				*errs = append(*errs, sx.get("max").errf("0 (all) or more", "max %d is out of range", sg.Max))
			}
			checkRange(sx, "decisive_at", sg.DecisiveAt, 0, 1, errs)
			if seen[sg.Rule] {
				*errs = append(*errs, sx.get("rule").errf("list each rule once", "signal %q is listed twice", sg.Rule))
			}
			seen[sg.Rule] = true
		}
		return c
	},
}

// combined is a compiled combinedSpec. Its signals are resolved to rule
// indexes once the whole set is loaded (resolve).
type combined struct {
	spec *combinedSpec
	at   []node // each signal's position, for errors found when resolving
	// signal maps each signal's rule to its index in spec.Signals. Rules,
	// not their places in the set: a set whose rules are filtered (a
	// benchmark of one family) still finds the ones it has.
	signal map[*Rule]int
}

var _ checker = (*combined)(nil)

// apply is never called on the article path: Apply runs combined rules
// after the others with combine. A combined rule alone judges nothing.
func (c *combined) apply(*Doc) outcome {
	return notApplied("not scored: a combined rule needs the outcomes of its signal rules")
}

// resolve ties the signals to the set's rules: each must exist, and none
// may be a combined rule itself.
func (c *combined) resolve(self *Rule, rules []*Rule, errs *ErrorList) {
	byID := make(map[string]int, len(rules))
	for i, r := range rules {
		byID[r.ID] = i
	}
	c.signal = make(map[*Rule]int, len(c.spec.Signals))
	for i, sg := range c.spec.Signals {
		j, ok := byID[sg.Rule]
		if !ok {
			ids := make([]string, 0, len(rules))
			for _, r := range rules {
				ids = append(ids, r.ID)
			}
			hint := closest(sg.Rule, ids)
			if hint == "" {
				hint = "a rule id of the set"
			}
			*errs = append(*errs, c.at[i].get("rule").errf(hint, "signal of %s: no rule %q in the rule set", self.ID, sg.Rule))
			continue
		}
		if _, nested := rules[j].check.(*combined); nested {
			*errs = append(*errs, c.at[i].get("rule").errf("name the rules it combines instead", "signal of %s: %q is a combined rule itself", self.ID, sg.Rule))
			continue
		}
		if _, isProfile := rules[j].check.(*profile); sg.DecisiveAt > 0 && !isProfile {
			*errs = append(*errs, c.at[i].get("decisive_at").errf("use decisive: true, or name a rule of kind profile", "signal of %s: decisive_at needs a rule of kind profile, whose findings have a likelihood; %q is of kind %s", self.ID, sg.Rule, rules[j].Kind))
		}
		c.signal[rules[j]] = i
	}
}

// combine judges the article from the outcomes of the set's other rules
// (outcomes[i] belongs to rules[i]; a rule that did not apply has skip set).
func (c *combined) combine(d *Doc, rules []*Rule, outcomes []outcome) outcome {
	var (
		weighted  float64
		findings  int
		fromRules int
		decisive  string
		parts     []string
		alone     string // the signal rule that fired, when it is not_alone and the only one so far
	)
	// Where each signal's rule is in this set (-1: not in it).
	var buf [64]int
	at := buf[:0]
	if len(c.spec.Signals) > len(buf) {
		at = make([]int, 0, len(c.spec.Signals))
	}
	for range c.spec.Signals {
		at = append(at, -1)
	}
	for j, r := range rules {
		if i, ok := c.signal[r]; ok {
			at[i] = j
		}
	}
	for i, sg := range c.spec.Signals {
		if at[i] < 0 {
			continue
		}
		o := &outcomes[at[i]]
		if o.skip != "" {
			continue
		}
		var pos []string
		n := 0
		strong := 0.0 // the likelihood that decided, when one did
		var seen map[string]bool
		for _, h := range o.hits {
			if h.own {
				continue
			}
			if sg.Distinct && h.start >= 0 {
				ev := strings.ToLower(d.Body[h.start:h.end])
				if seen[ev] {
					continue
				}
				if seen == nil {
					seen = map[string]bool{}
				}
				seen[ev] = true
			}
			if sg.DecisiveAt > 0 && h.likelihood >= sg.DecisiveAt {
				strong = h.likelihood
			}
			n++
			if sg.Max > 0 && n > sg.Max {
				continue
			}
			if h.start >= 0 {
				p := d.A.Position(h.start)
				pos = append(pos, fmt.Sprintf("%d:%d", p.Line, p.Column))
			}
		}
		if n == 0 {
			continue
		}
		counted := n
		if sg.Max > 0 && counted > sg.Max {
			counted = sg.Max
		}
		findings += counted
		fromRules++
		if sg.NotAlone && fromRules == 1 {
			alone = sg.Rule
		}
		weighted += sg.Weight * float64(counted)
		if (sg.Decisive || strong > 0) && decisive == "" {
			decisive = sg.Rule
			if strong > 0 {
				decisive += fmt.Sprintf(" (likelihood %.3f, decisive at %g)", strong, sg.DecisiveAt)
			}
		}
		part := fmt.Sprintf("%s %d×%g", sg.Rule, counted, sg.Weight)
		if len(pos) > 0 {
			part += " (" + strings.Join(pos, ", ") + ")"
		}
		parts = append(parts, part)
	}
	words := max(d.A.Words, 1)
	density := weighted * 1000 / float64(words)
	note := fmt.Sprintf("%d findings from %d rules, weighted %g in %d words = %.1f per 1,000 words (threshold %g; at least %d findings from %d rules weighing %g)",
		findings, fromRules, weighted, words, density, c.spec.Threshold, c.spec.MinFindings, c.spec.MinRules, c.spec.MinWeight)
	if len(parts) > 0 {
		note += ": " + strings.Join(parts, "; ")
	}
	lone := fromRules == 1 && alone != ""
	if lone {
		note += "; " + alone + " counts only next to another rule's finding"
	}
	judged := decisive != "" || (!lone && density >= c.spec.Threshold && findings >= c.spec.MinFindings && fromRules >= c.spec.MinRules && weighted >= c.spec.MinWeight)
	if !judged {
		return outcome{score: 1, note: note}
	}
	detail := fmt.Sprintf("%.1f weighted findings per 1,000 words (threshold %g) from %s", density, c.spec.Threshold, strings.Join(parts, "; "))
	if decisive != "" {
		detail = "decided by " + decisive + "; " + detail
	}
	return outcome{score: 0, note: note, hits: []hit{{start: -1, detail: detail}}}
}
