package rules

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"sourcescore"
	"sourcescore/rules/internal/engine"
)

// penaltySpec: penalise each occurrence of something, up to a cap.
type penaltySpec struct {
	Header        `yaml:",inline"`
	Terms         `yaml:",inline"`
	Penalty       `yaml:",inline"` // per_hit (default 0.25), max_penalty
	FreeHits      int              `yaml:"free_hits"`      // hits tolerated before any penalty or finding (default 0)
	OutsideQuotes bool             `yaml:"outside_quotes"` // count only hits that do not lie wholly inside a quotation
	OutsideNames  bool             `yaml:"outside_names"`  // a hit between two capitalised words, spaces only between, is part of a name or title and does not count ("Institute for the Study of War")
	Exceptions    []string         `yaml:"exceptions"`     // matched texts that never count (case-insensitive)
	OnlyWith      Terms            `yaml:"only_with"`      // when set, hits count only in an article that also has one of these phrases or patterns
}

var penaltyKind = kindSpec{
	summary: "penalises every match of the phrases or patterns (per_hit each, or per 1,000 words), up to max_penalty; each counted match is a finding",
	params:  func() any { return new(penaltySpec) },
	compile: func(spec any, x node, ls *loadState, errs *ErrorList) checker {
		s := spec.(*penaltySpec)
		s.Penalty.setup(x, 0.25, errs)
		if s.FreeHits < 0 {
			*errs = append(*errs, x.get("free_hits").errf("0 or more", "free_hits %d is out of range", s.FreeHits))
		}
		m := ls.compileTerms(s.Terms, x, errs)
		if len(s.Phrases)+len(s.Patterns) == 0 {
			*errs = append(*errs, x.errf("add phrases: or patterns:", "rule %s can never fire: it has no phrases or patterns", s.ID))
		}
		ex := map[string]bool{}
		for _, e := range s.Exceptions {
			ex[sourcescore.LowerSameLength(e)] = true
		}
		p := &penalty{spec: s, m: m, exceptions: ex}
		if len(s.OnlyWith.Phrases)+len(s.OnlyWith.Patterns) > 0 {
			p.with = ls.compileTerms(s.OnlyWith, x.get("only_with"), errs)
		}
		return p
	},
}

type penalty struct {
	spec       *penaltySpec
	m          *engine.Matcher
	exceptions map[string]bool
	with       *engine.Matcher // only_with; nil when not set
}

var _ checker = (*penalty)(nil)

func (p *penalty) apply(d *Doc) outcome {
	var hits []hit
	for _, m := range d.findTerms(p.m) {
		if p.spec.OutsideQuotes && d.inQuote(m.Start) && d.inQuote(m.End-1) {
			continue // inside a quotation; one that begins at its closing mark ('…,” underlined the minister') is outside
		}
		if p.exceptions[strings.TrimSpace(d.Lower[m.Start:m.End])] {
			continue
		}
		if p.spec.OutsideNames && betweenCapitals(d.Body, m.Start, m.End) {
			continue
		}
		hits = append(hits, hit{start: m.Start, end: m.End})
	}
	if len(hits) > 0 && p.with != nil && len(d.findTerms(p.with)) == 0 {
		return outcome{score: 1, note: fmt.Sprintf("%d hits, not counted: the article has none of only_with", len(hits))}
	}
	n := len(hits) - p.spec.FreeHits
	if n <= 0 {
		return outcome{score: 1, note: fmt.Sprintf("%d hits, %d tolerated", len(hits), p.spec.FreeHits)}
	}
	score, counted := p.spec.score(n, d.A.Words)
	return outcome{score: score, note: fmt.Sprintf("%d hits, %d tolerated, %s", len(hits), p.spec.FreeHits, counted), hits: hits}
}

// betweenCapitals reports whether body[start:end] has a capitalised word
// right before it and one right after it, with spaces only between: a part
// of a name or title ("Institute for the Study of War", "Bank of the West").
func betweenCapitals(body string, start, end int) bool {
	i := start
	for i > 0 && body[i-1] == ' ' {
		i--
	}
	if i == start || i == 0 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(body[:i])
	if !isWordRune(r) {
		return false // punctuation before: "Krieg. For the"
	}
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(body[:i])
		if !isWordRune(r) && r != '-' {
			break
		}
		i -= size
	}
	if first, _ := utf8.DecodeRuneInString(body[i:]); !unicode.IsUpper(first) {
		return false
	}
	j := end
	for j < len(body) && body[j] == ' ' {
		j++
	}
	if j == end || j == len(body) {
		return false
	}
	next, _ := utf8.DecodeRuneInString(body[j:])
	return unicode.IsUpper(next)
}
