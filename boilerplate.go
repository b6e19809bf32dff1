package sourcescore

import (
	"regexp"
	"strings"
)

// CutRule is one boilerplate marker from the rule files. Ingest applies it
// line by line to the whitespace-trimmed lines of an article.
type CutRule struct {
	Name  string         // rule name, for explanations ("ads", "recommended")
	Start *regexp.Regexp // a trimmed line matching it is cut and may start a section
	Until *regexp.Regexp // with a section: the cut runs up to, not including, the first later line matching it
	ToEnd bool           // the cut runs from the matching line to the end of the file
	Block bool           // the whole paragraph (run of non-blank lines) holding the matching line is cut

	// StartFilter and UntilFilter are cheap tests a line must pass before
	// Start or Until is tried on it; the rules loader derives them from the
	// patterns. The zero LineFilter passes every line.
	StartFilter, UntilFilter LineFilter
}

// Boilerplate is the set of cut rules: web-page furniture that is not the
// article (ads, recommendations, promos, comment counters). Text it cuts
// never reaches the rules.
type Boilerplate struct {
	Rules []CutRule // applied in order; a line cut by any rule is cut

	// MayCut, when set, sets may[i] (len(may) == len(Rules)) to whether
	// Rules[i] can cut a line of an article whose whole text, lower-cased
	// by LowerSameLength, is lower: false only when no literal of its
	// StartFilter occurs in lower. For a rule whose StartFilter has
	// literals, it also sets lines[i] (len(lines) == len(Rules)) to the
	// lines (0-based, split at '\n', ascending, no repeats) where one of
	// them ends: the only lines its Start can match. The rules loader makes
	// it, one pass of an automaton for all rules; without it, ingest
	// searches each rule's literals in turn.
	MayCut func(lower string, may []bool, lines [][]int)
}

// LineFilter tells, without a regular expression, that a line cannot match
// one. Every field is optional.
type LineFilter struct {
	MaxLen   int      // a matching line has at most this many bytes; 0: no bound
	TailLen  int      // every match ends the line and is at most this many bytes long, so only the line's end need be searched; 0: no bound
	Prefixes []string // lower-cased; a matching line begins with one of them
	Suffixes []string // lower-cased; a matching line ends with one of them
	Literals []string // lower-cased; a matching line contains one of them
}

// May reports whether line, whose lower-cased form (by LowerSameLength) is
// lower, can match. Each field is a condition every match meets, so all
// are tested: a line that begins right but ends wrong cannot match.
func (f *LineFilter) May(line, lower string) bool {
	return f.MayHolding(line, lower, false)
}

// MayHolding is May for a line already known to hold one of the literals
// (held: Boilerplate.MayCut found one on it), which it then does not search
// again unless only the line's tail counts.
func (f *LineFilter) MayHolding(line, lower string, held bool) bool {
	switch {
	case f.MaxLen > 0 && len(line) > f.MaxLen:
		return false
	case len(f.Prefixes) > 0 && !anyOf(f.Prefixes, lower, strings.HasPrefix):
		return false
	case len(f.Suffixes) > 0 && !anyOf(f.Suffixes, lower, strings.HasSuffix):
		return false
	case len(f.Literals) > 0 && !(held && f.TailLen == 0) && !anyOf(f.Literals, f.tail(lower), strings.Contains):
		return false
	}
	return true
}

// tail is the end of lower where every match lies when TailLen bounds it
// (with a character's bytes more), else all of lower.
func (f *LineFilter) tail(lower string) string {
	if from := len(lower) - f.TailLen - 4; f.TailLen > 0 && from > 0 {
		return lower[from:]
	}
	return lower
}

func anyOf(list []string, s string, test func(s, x string) bool) bool {
	for _, x := range list {
		if test(s, x) {
			return true
		}
	}
	return false
}
