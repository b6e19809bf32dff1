package rules

import (
	"strings"

	"sourcescore/rules/internal/engine"
)

// compileTerms compiles t into the set's engine, reporting bad patterns at
// their own position.
func (ls *loadState) compileTerms(t Terms, x node, errs *ErrorList) *engine.Matcher {
	m := &engine.Matcher{Phrases: ls.eng.Phrases(t.Phrases)}
	for i, p := range t.Phrases {
		if strings.TrimSpace(p) == "" {
			*errs = append(*errs, x.get("phrases").index(i).errf("remove it", "empty phrase"))
		}
	}
	for i, p := range t.Patterns {
		re, err := engine.CompilePattern(p)
		if err != nil {
			*errs = append(*errs, x.get("patterns").index(i).errf("check the pattern; Go uses RE2 syntax (no look-around, no backreferences)", "%v", err))
			continue
		}
		gr := ls.eng.Regex(re)
		if gr.Ungated() {
			ls.warnUngated(x.get("patterns").index(i))
		}
		m.Patterns = append(m.Patterns, gr)
	}
	return m
}

// warnUngated warns that the pattern at x runs over the whole text of
// every article (engine.Regex.Ungated).
func (ls *loadState) warnUngated(x node) {
	ls.warnings = append(ls.warnings, x.errf(
		"give every alternative a word of three or more letters (or begin the pattern with (?m)^): the engine then runs it only where that word stands",
		"the pattern has no literal text to look for first, so it runs over the whole text of every article: on a large run it costs more than a hundred other patterns"))
}

// find returns the matches of a phrase set in the body (see
// engine.Text.FindPhrases).
func (d *Doc) find(ps *engine.PhraseSet) []engine.Match { return d.txt.FindPhrases(ps) }

// findTerms returns the matches of a rule's phrases and patterns in the
// body (see engine.Text.FindTerms).
func (d *Doc) findTerms(m *engine.Matcher) []engine.Match { return d.txt.FindTerms(m) }

// findRegex returns the matches of a pattern in the body, as
// regexp.FindAllStringSubmatchIndex does.
func (d *Doc) findRegex(r *engine.Regex) [][]int { return r.FindAll(&d.txt) }
