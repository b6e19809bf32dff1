package rules

import (
	"fmt"

	"sourcescore"
	"sourcescore/rules/internal/engine"
)

// presenceSpec: reward an article for containing something, e.g. the
// primary source being named.
type presenceSpec struct {
	Header       `yaml:",inline"`
	Terms        `yaml:",inline"`
	StoryTerms   string `yaml:"story_terms"`   // also look for the story's "primary_source" or "accused" names
	MinCount     int    `yaml:"min_count"`     // matches needed for the full score (default 1)
	FoundMessage string `yaml:"found_message"` // when set, the first match is reported as an info finding with this message
}

var presenceKind = kindSpec{
	summary: "rewards an article that contains one of the phrases or patterns (score = matches / min_count, at most 1); a finding when too few",
	params:  func() any { return new(presenceSpec) },
	compile: func(spec any, x node, ls *loadState, errs *ErrorList) checker {
		s := spec.(*presenceSpec)
		if s.MinCount == 0 {
			s.MinCount = 1
		}
		if s.MinCount < 0 {
			*errs = append(*errs, x.get("min_count").errf("a count of 1 or more", "min_count %d is out of range", s.MinCount))
		}
		switch s.StoryTerms {
		case "", "primary_source", "accused":
		default:
			*errs = append(*errs, x.get("story_terms").errf("primary_source or accused", "unknown story_terms %q", s.StoryTerms))
		}
		m := ls.compileTerms(s.Terms, x, errs)
		if len(s.Phrases)+len(s.Patterns) == 0 && s.StoryTerms == "" {
			*errs = append(*errs, x.errf("add phrases:, patterns: or story_terms:", "rule %s can never fire: it has nothing to look for", s.ID))
		}
		return &presence{spec: s, m: m}
	},
}

type presence struct {
	spec *presenceSpec
	m    *engine.Matcher
}

var _ checker = (*presence)(nil)

func (p *presence) apply(d *Doc) outcome {
	var found []engine.Match
	if p.spec.StoryTerms != "" {
		if d.Story == nil {
			return notApplied("not scored: the article matches no story")
		}
		set := d.Story.primary
		if p.spec.StoryTerms == "accused" {
			set = d.Story.accused
		}
		found = d.find(set)
	}
	found = engine.LeftmostLongest(append(found, d.findTerms(p.m)...))
	n := len(found)
	o := outcome{score: float64(n) / float64(p.spec.MinCount), note: fmt.Sprintf("%d found, %d needed", n, p.spec.MinCount)}
	if n < p.spec.MinCount {
		o.hits = append(o.hits, hit{start: -1, detail: fmt.Sprintf("%d found, %d needed", n, p.spec.MinCount)})
		if n > 0 {
			o.hits[0] = hit{start: found[0].Start, end: found[0].End, detail: fmt.Sprintf("only %d found, %d needed", n, p.spec.MinCount)}
		}
	} else if p.spec.FoundMessage != "" {
		info := sourcescore.SeverityInfo
		o.hits = append(o.hits, hit{start: found[0].Start, end: found[0].End, detail: p.spec.FoundMessage, severity: &info, own: true})
	}
	return o
}
