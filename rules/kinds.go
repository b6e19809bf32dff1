package rules

import (
	"fmt"
	"sort"

	"sourcescore"
)

// checker is a compiled rule of one kind. apply is pure: it reads the Doc
// and returns an outcome, so one checker serves many goroutines.
type checker interface {
	apply(d *Doc) outcome
}

// outcome is what one rule says about one article.
type outcome struct {
	score float64 // 0 to 1
	skip  string  // non-empty: the rule does not apply, and why
	note  string  // how the score came about
	hits  []hit   // findings

	sourcing *sourcescore.Sourcing // an attribution rule's counts, for the story comparison (storyNotes); nil from other kinds
}

// hit is one finding before it is placed in the original file.
type hit struct {
	start, end int                   // byte range in the body; start < 0 for a finding about absence
	detail     string                // appended to the rule's message
	severity   *sourcescore.Severity // overrides the rule's severity when set
	own        bool                  // detail is the whole message (positive evidence), not appended to the rule's
	message    bool                  // detail is the whole message, and the finding is no positive evidence
	likelihood float64               // a profile's likelihood (0 to 1), for a combined rule's decisive_at; 0 from other kinds
}

func notApplied(why string) outcome { return outcome{skip: why} }

// kindSpec is one entry of the kinds table: the parameters a kind takes
// (a pointer to a struct embedding Header, decoded strictly) and how to
// compile them.
type kindSpec struct {
	summary string                                                         // one line, for `rules check` and the reference
	params  func() any                                                     // a new *xxxSpec
	compile func(spec any, x node, ls *loadState, errs *ErrorList) checker // validate and compile
}

// kinds is the one table of rule kinds: it drives construction, the "kind
// must be one of" message and the reference.
var kinds = map[string]kindSpec{
	"presence":         presenceKind,
	"penalty":          penaltyKind,
	"attribution":      attributionKind,
	"denial":           denialKind,
	"date_facts":       dateFactsKind,
	"date_publication": datePublicationKind,
	"date_format":      dateFormatKind,
	"glued_words":      gluedKind,
	"name_article":     nameArticleKind,
	"combined":         combinedKind,
	"name_forms":       nameFormsKind,
	"word_sequence":    wordSequenceKind,
	"typography":       typographyKind,
	"repetition":       repetitionKind,
	"foreign_words":    foreignWordsKind,
	"profile":          profileKind,
}

// Kinds returns the names of the rule kinds, sorted, with their one-line
// summaries.
func Kinds() [][2]string {
	names := kindNames()
	out := make([][2]string, len(names))
	for i, n := range names {
		out[i] = [2]string{n, kinds[n].summary}
	}
	return out
}

func kindNames() []string {
	names := make([]string, 0, len(kinds))
	for n := range kinds {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// header returns the Header embedded in a kind's spec.
func header(spec any) *Header {
	if h, ok := spec.(interface{ header() *Header }); ok {
		return h.header()
	}
	panic(fmt.Sprintf("rules: %T does not embed Header", spec))
}

func (h *Header) header() *Header { return h }

// defaultFloat sets *v to def when it is zero.
func defaultFloat(v *float64, def float64) {
	if *v == 0 {
		*v = def
	}
}

// checkRange reports a parameter outside [lo, hi].
func checkRange(x node, key string, v, lo, hi float64, errs *ErrorList) {
	if v < lo || v > hi {
		*errs = append(*errs, x.get(key).errf(fmt.Sprintf("a value from %g to %g", lo, hi), "%s %g is out of range", key, v))
	}
}

// Penalty is the per-hit penalty and its cap, shared by the kinds that
// count hits.
type Penalty struct {
	PerHit       float64 `yaml:"per_hit"`        // score lost per counted hit (or per hit per 1,000 words)
	MaxPenalty   float64 `yaml:"max_penalty"`    // the most the rule can take off (default 1)
	Per1000Words bool    `yaml:"per_1000_words"` // penalise hits per 1,000 words instead of per hit
}

// setup applies the defaults and checks the ranges.
func (p *Penalty) setup(x node, defPerHit float64, errs *ErrorList) {
	defaultFloat(&p.PerHit, defPerHit)
	defaultFloat(&p.MaxPenalty, 1)
	checkRange(x, "per_hit", p.PerHit, 0, 1, errs)
	checkRange(x, "max_penalty", p.MaxPenalty, 0, 1, errs)
}

// score is the rule score after n counted hits in an article of the given
// words, with a note saying how it was counted.
func (p Penalty) score(n, words int) (float64, string) {
	if !p.Per1000Words {
		return penaltyScore(float64(n), p.PerHit, p.MaxPenalty), fmt.Sprintf("%d counted", n)
	}
	density := float64(n) * 1000 / float64(max(words, 1))
	return penaltyScore(density, p.PerHit, p.MaxPenalty), fmt.Sprintf("%d counted in %d words = %.1f per 1,000 words", n, words, density)
}

// penaltyScore is 1 minus per×n, capped at maxPenalty, never below 0.
func penaltyScore(n float64, per, maxPenalty float64) float64 {
	p := n * per
	if p > maxPenalty {
		p = maxPenalty
	}
	if p > 1 {
		p = 1
	}
	return 1 - p
}
