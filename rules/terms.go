package rules

import (
	"regexp"
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
		m.Patterns = append(m.Patterns, ls.regex(re, x.get("patterns").index(i)))
	}
	return m
}

// regex registers a compiled pattern, written at x, with the set's engine,
// warning when the engine cannot gate it (engine.Regex.Ungated): it would
// run over the whole text of every article. Every rule pattern goes
// through here.
func (ls *loadState) regex(re *regexp.Regexp, x node) *engine.Regex {
	gr := ls.eng.Regex(re)
	if gr.Ungated() {
		ls.warnings = append(ls.warnings, x.errf(
			"give every alternative a word of three or more letters (or begin the pattern with (?m)^): the engine then runs it only where that word stands",
			"the pattern has no literal text to look for first, so it runs over the whole text of every article: on a large run it costs more than a hundred other patterns"))
	}
	return gr
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
