package sourcescore

import "regexp"

// CutRule is one boilerplate marker from the rule files. Ingest applies it
// line by line to the whitespace-trimmed lines of an article.
type CutRule struct {
	Name  string         // rule name, for explanations ("ads", "recommended")
	Start *regexp.Regexp // a trimmed line matching it is cut and may start a section
	Until *regexp.Regexp // with a section: the cut runs up to, not including, the first later line matching it
	ToEnd bool           // the cut runs from the matching line to the end of the file
	Block bool           // the whole paragraph (run of non-blank lines) holding the matching line is cut

	// StartLiterals and UntilLiterals are lower-cased texts one of which a
	// line must contain to match Start or Until: a cheap test before the
	// regular expression. Empty: no such test.
	StartLiterals, UntilLiterals []string
	// StartMaxLen and UntilMaxLen bound, in bytes, the trimmed lines Start
	// and Until can match (patterns anchored at both ends: "^Anzeige$"):
	// a longer line is not tried. 0: no bound.
	StartMaxLen, UntilMaxLen int
}

// Boilerplate is the set of cut rules: web-page furniture that is not the
// article (ads, recommendations, promos, comment counters). Text it cuts
// never reaches the rules.
type Boilerplate struct {
	Rules []CutRule // applied in order; a line cut by any rule is cut
}
