package rules

import (
	"fmt"
	"math"
	"strings"

	"sourcescore/rules/internal/engine"
)

// profileSpec: how an article uses a few common words and marks, against
// what careful writing in its language does. Each feature is a rate (per
// 1,000 words, or words per sentence); the profile adds up each rate's
// distance from its typical value times its weight, plus the bias, and
// turns the sum into a likelihood from 0 to 1 (the logistic function).
// At the threshold or above, the article is judged and one finding lists
// every feature's rate, its typical value and what it contributed.
//
// Unlike the other kinds it finds no single mistake: machine translation
// is mostly fluent, and what gives it away is often a profile (many "dass"
// clauses, few subjunctives, many commas in German translated from
// English). That makes it a weak, statistical signal: the built-in rules
// let it count towards a combined judgement only next to a finding of
// another rule.
type profileSpec struct {
	Header    `yaml:",inline"`
	Features  []profileFeature `yaml:"features"`  // the rates and their weights
	Bias      float64          `yaml:"bias"`      // the sum's value for an article whose every rate is typical
	Threshold float64          `yaml:"threshold"` // likelihood at which the article is judged (0 to 1)
	MinWords  int              `yaml:"min_words"` // shorter bodies are not judged: their rates say little (default 150)
	// MaxContribution bounds what one feature adds to or takes from the
	// sum (0: no bound), so that no single rate decides: a site's house
	// style (English closing quotes in all its German) is one habit,
	// however often it recurs.
	MaxContribution float64 `yaml:"max_contribution"`
}

// profileFeature is one rate of a profile: the matches of its phrases or
// patterns per 1,000 words, or a measure of the text.
type profileFeature struct {
	Name    string           `yaml:"name"` // shown in the finding ("dass", "commas")
	Terms   `yaml:",inline"` // phrases or patterns counted
	Measure string           `yaml:"measure"` // instead of terms: commas (per 1,000 words) or words_per_sentence
	Typical float64          `yaml:"typical"` // the rate of a typical article (the mean of the corpus the weights come from)
	Weight  float64          `yaml:"weight"`  // added to the sum per unit of rate above typical (negative: a sign of careful writing)
}

const (
	measureCommas           = "commas"
	measureWordsPerSentence = "words_per_sentence"
)

var profileKind = kindSpec{
	summary: "a likelihood from how often the article uses some words and marks (rates per 1,000 words against typical values, weighted, through the logistic function); one finding with every rate when it reaches the threshold",
	params:  func() any { return new(profileSpec) },
	compile: func(spec any, x node, ls *loadState, errs *ErrorList) checker {
		s := spec.(*profileSpec)
		if s.MinWords == 0 {
			s.MinWords = 150
		}
		if s.MinWords < 1 {
			*errs = append(*errs, x.get("min_words").errf("1 or more", "min_words %d is out of range", s.MinWords))
		}
		if s.Threshold <= 0 || s.Threshold >= 1 {
			*errs = append(*errs, x.get("threshold").errf("a likelihood between 0 and 1, such as 0.9", "threshold %g is out of range", s.Threshold))
		}
		checkRange(x, "bias", s.Bias, -100, 100, errs)
		checkRange(x, "max_contribution", s.MaxContribution, 0, 100, errs)
		if len(s.Features) == 0 {
			*errs = append(*errs, x.errf("add features: a list of {name, phrases or patterns or measure, typical, weight}", "rule %s can never fire: it has no features", s.ID))
		}
		p := &profile{spec: s, m: make([]*engine.Matcher, len(s.Features))}
		seen := map[string]bool{}
		for i := range s.Features {
			f := &s.Features[i]
			fx := x.get("features").index(i)
			if strings.TrimSpace(f.Name) == "" {
				*errs = append(*errs, fx.errf("name: a word or two for the finding", "feature %d has no name", i+1))
			} else if seen[f.Name] {
				*errs = append(*errs, fx.get("name").errf("give each feature its own name", "feature %q is listed twice", f.Name))
			}
			seen[f.Name] = true
			terms := len(f.Phrases)+len(f.Patterns) > 0
			switch {
			case f.Measure != "" && terms:
				*errs = append(*errs, fx.get("measure").errf("either measure: or phrases:/patterns:", "feature %q has both a measure and terms", f.Name))
			case f.Measure != "" && f.Measure != measureCommas && f.Measure != measureWordsPerSentence:
				*errs = append(*errs, fx.get("measure").errf(measureCommas+" or "+measureWordsPerSentence, "unknown measure %q", f.Measure))
			case f.Measure == "" && !terms:
				*errs = append(*errs, fx.errf("add phrases:, patterns: or measure:", "feature %q measures nothing", f.Name))
			case terms:
				p.m[i] = ls.compileTerms(f.Terms, fx, errs)
			}
			checkRange(fx, "typical", f.Typical, 0, 1e6, errs)
			checkRange(fx, "weight", f.Weight, -100, 100, errs)
		}
		return p
	},
}

type profile struct {
	spec *profileSpec
	m    []*engine.Matcher // each feature's terms; nil for a measure
}

var _ checker = (*profile)(nil)

func (p *profile) apply(d *Doc) outcome {
	words := d.A.Words
	if words < p.spec.MinWords {
		return notApplied(fmt.Sprintf("not scored: %d words, fewer than the %d a profile needs", words, p.spec.MinWords))
	}
	sum := p.spec.Bias
	parts := make([]string, 0, len(p.spec.Features))
	for i, f := range p.spec.Features {
		v := p.rate(d, i, words)
		c := f.Weight * (v - f.Typical)
		if m := p.spec.MaxContribution; m > 0 {
			c = max(-m, min(m, c))
		}
		sum += c
		parts = append(parts, fmt.Sprintf("%s %.1f (typical %.1f): %+.2f", f.Name, v, f.Typical, c))
	}
	like := 1 / (1 + math.Exp(-sum))
	note := fmt.Sprintf("likelihood %.2f (threshold %.2f): %s", like, p.spec.Threshold, strings.Join(parts, "; "))
	if like < p.spec.Threshold {
		return outcome{score: 1, note: note}
	}
	return outcome{score: 0, note: note, hits: []hit{{start: -1, detail: note, likelihood: like}}}
}

// rate is feature i's value for the article: matches per 1,000 words,
// commas per 1,000 words, or words per sentence.
func (p *profile) rate(d *Doc, i, words int) float64 {
	switch p.spec.Features[i].Measure {
	case measureCommas:
		return 1000 * float64(strings.Count(d.Body, ",")) / float64(words)
	case measureWordsPerSentence:
		return float64(words) / float64(max(len(d.sentences), 1))
	}
	return 1000 * float64(len(d.findTerms(p.m[i]))) / float64(words)
}
