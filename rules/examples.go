package rules

import (
	"fmt"
	"strings"
	"time"
	"unicode"

	"sourcescore"
)

// checkExamples validates a rule's examples at load time.
func checkExamples(r *Rule, x node, errs *ErrorList) {
	ex := x.get("examples")
	for _, list := range []struct {
		key   string
		items []Example
	}{{"fires", r.Examples.Fires}, {"passes", r.Examples.Passes}} {
		for i, e := range list.items {
			ix := ex.get(list.key).index(i)
			if strings.TrimSpace(e.Text) == "" {
				*errs = append(*errs, ix.errf("add text: the article text to test", "example without text"))
			}
			if list.key == "passes" && len(e.Evidence) > 0 {
				*errs = append(*errs, ix.get("evidence").errf("move it to fires, or remove evidence", "a passes example has no findings, so no evidence"))
			}
			if e.Published != "" {
				if _, err := time.Parse("2006-01-02", e.Published); err != nil {
					*errs = append(*errs, ix.get("published").errf("write the date as YYYY-MM-DD", "published %q is not a date", e.Published))
				}
			}
		}
	}
}

// TestResult is the outcome of one example of one rule.
type TestResult struct {
	RuleID string // the rule
	File   string // its file
	Line   int    // the example's line in the file
	Want   string // "fires" or "passes"
	Index  int    // position in its list
	Passed bool
	Diff   string // what was expected and what was found, when it failed
}

// Test runs every rule's examples. Each example is an article of its own,
// scored by its rule alone.
func (s *Set) Test() []TestResult {
	var out []TestResult
	for _, r := range s.Rules {
		for i, e := range r.Examples.Fires {
			out = append(out, s.testExample(r, e, "fires", i))
		}
		for i, e := range r.Examples.Passes {
			out = append(out, s.testExample(r, e, "passes", i))
		}
	}
	return out
}

func (s *Set) testExample(r *Rule, e Example, want string, i int) TestResult {
	res := TestResult{RuleID: r.ID, File: r.File, Line: r.exampleLines[want][i], Want: want, Index: i}
	lang := e.Language
	if lang == "" {
		lang = "de"
		if len(r.Languages) > 0 {
			lang = r.Languages[0]
		}
	}
	a := &sourcescore.Article{ID: "example", File: "example", Text: e.Text, Body: e.Text, Words: countWords(e.Text)}
	a.Lines = sourcescore.NewLineIndex(e.Text, nil)
	a.Meta.Language = lang
	a.Meta.Story = e.Story
	a.Meta.Published, _ = time.Parse("2006-01-02", e.Published)
	d, _ := s.prepare(a)
	if e.Story != "" && d.Story == nil {
		res.Diff = fmt.Sprintf("story %q is not in the rule set", e.Story)
		return res
	}
	if !r.appliesTo(lang) {
		res.Diff = fmt.Sprintf("the rule does not apply to language %q", lang)
		return res
	}
	dt, _ := s.translationDoc(a, d)
	if dt != d {
		defer dt.release()
	}
	var o outcome
	if _, ok := r.check.(*combined); ok {
		// A combined rule judges from its signal rules: run them all on the example.
		outcomes := make([]outcome, len(s.Rules))
		s.applyAll(d, dt, outcomes)
		for j, x := range s.Rules {
			if x == r {
				o = outcomes[j]
			}
		}
	} else if r.family == sourcescore.FamilyTranslation {
		o = r.check.apply(dt)
	} else {
		o = r.check.apply(d)
	}
	if o.skip != "" && want == "fires" {
		res.Diff = "-want fires\n+got  not scored: " + strings.TrimPrefix(o.skip, "not scored: ")
		return res
	}
	var got []string
	for _, h := range o.hits {
		if !h.own {
			ev := "(absence: " + h.detail + ")"
			if h.start >= 0 {
				ev = strings.TrimSpace(e.Text[h.start:h.end])
			}
			got = append(got, ev)
		}
	}
	switch {
	case want == "passes" && len(got) > 0:
		res.Diff = "-want no finding\n+got  " + quoteAll(got)
	case want == "fires" && len(got) == 0:
		res.Diff = fmt.Sprintf("-want a finding\n+got  none (%s)", o.note)
	case want == "fires" && len(e.Evidence) > 0 && strings.Join(got, "\x00") != strings.Join(e.Evidence, "\x00"):
		res.Diff = "-want evidence " + quoteAll(e.Evidence) + "\n+got  evidence " + quoteAll(got)
	default:
		res.Passed = true
	}
	return res
}

func quoteAll(s []string) string {
	q := make([]string, len(s))
	for i, x := range s {
		q[i] = fmt.Sprintf("%q", x)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// countWords counts runs of letters and digits.
func countWords(s string) int {
	n, in := 0, false
	for _, r := range s {
		w := unicode.IsLetter(r) || unicode.IsDigit(r)
		if w && !in {
			n++
		}
		in = w
	}
	return n
}
