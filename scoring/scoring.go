package scoring

import (
	"fmt"
	"sort"

	"sourcescore"
)

// Families computes one FamilyScore per family, in sourcescore.Families
// order, from the rule scores of one article.
func Families(cfg sourcescore.ScoringConfig, rules []sourcescore.RuleScore) []sourcescore.FamilyScore {
	out := make([]sourcescore.FamilyScore, 0, len(sourcescore.Families))
	for _, f := range sourcescore.Families {
		fs := sourcescore.FamilyScore{Family: f, Weight: cfg.Families[f]}
		var sum, weights float64
		var skipped []string
		for _, r := range rules {
			if r.Family != f {
				continue
			}
			if !r.Applied {
				skipped = append(skipped, r.RuleID+": "+r.Note)
				continue
			}
			sum += r.Weight * r.Score
			weights += r.Weight
		}
		if weights > 0 {
			fs.Scored = true
			fs.Score = 100 * sum / weights
		} else {
			fs.Note = fmt.Sprintf("not scored for family %s", f)
			if len(skipped) > 0 {
				fs.Note += " (" + skipped[0] + ")"
			} else {
				fs.Note += " (the rule set has no rule of this family)"
			}
		}
		out = append(out, fs)
	}
	return out
}

// Article computes the article score (0–100) from its family scores: the
// weighted mean of the scored families. ok is false when no family with a
// weight was scored; the score is then 0.
func Article(families []sourcescore.FamilyScore) (score float64, ok bool) {
	var sum, weights float64
	for _, f := range families {
		if f.Scored && f.Weight > 0 {
			sum += f.Weight * f.Score
			weights += f.Weight
		}
	}
	if weights == 0 {
		return 0, false
	}
	return sum / weights, true
}

// Score fills in the Families, Score and Grade of s from its Rules.
func Score(cfg sourcescore.ScoringConfig, s *sourcescore.ArticleScore) {
	s.Families = Families(cfg, s.Rules)
	score, ok := Article(s.Families)
	s.Score = score
	s.Grade = ""
	if ok {
		s.Grade = cfg.GradeFor(score)
	}
}

// Contribution is how one rule moved one article's score: the points it
// could give (its share of the article score) and the points it lost.
type Contribution struct {
	RuleID   string
	Family   sourcescore.Family
	Share    float64 // points (of 100) the rule controls in this article
	Lost     float64 // points lost: Share × (1 − rule score)
	Earned   float64 // points earned: Share × rule score
	Applied  bool
	Score    float64 // the rule's score, 0–1
	Weight   float64 // the rule's weight in its family
	FamilyWt float64 // the family's weight in the article score, re-normalised over scored families
}

// Ledger explains an article score rule by rule: the earned points of all
// contributions add up to the article score, and earned + lost to 100.
func Ledger(s *sourcescore.ArticleScore) []Contribution {
	var famTotal float64
	famWeight := map[sourcescore.Family]float64{}
	for _, f := range s.Families {
		if f.Scored && f.Weight > 0 {
			famTotal += f.Weight
			famWeight[f.Family] = f.Weight
		}
	}
	ruleTotal := map[sourcescore.Family]float64{}
	for _, r := range s.Rules {
		if r.Applied {
			ruleTotal[r.Family] += r.Weight
		}
	}
	out := make([]Contribution, 0, len(s.Rules))
	for _, r := range s.Rules {
		c := Contribution{RuleID: r.RuleID, Family: r.Family, Applied: r.Applied, Score: r.Score, Weight: r.Weight}
		if r.Applied && famTotal > 0 && famWeight[r.Family] > 0 {
			c.FamilyWt = famWeight[r.Family] / famTotal
			c.Share = 100 * c.FamilyWt * r.Weight / ruleTotal[r.Family]
			c.Earned = c.Share * r.Score
			c.Lost = c.Share - c.Earned
		}
		out = append(out, c)
	}
	return out
}

// Outlets aggregates article scores by outlet. It is fed one article at a
// time so a run never holds all articles.
type Outlets struct {
	sum   map[string]float64
	count map[string]int
}

// NewOutlets returns an empty aggregation.
func NewOutlets() *Outlets {
	return &Outlets{sum: map[string]float64{}, count: map[string]int{}}
}

// Add counts one article for its outlet (UnknownOutlet when it has none).
// An article no family could score (it has no grade) is left out: it has no
// score to average.
func (o *Outlets) Add(s *sourcescore.ArticleScore) {
	if s.Grade == "" {
		return
	}
	name := s.Article.Meta.OutletName()
	o.sum[name] += s.Score
	o.count[name]++
}

// Scores returns the outlet scores, sorted by outlet name.
func (o *Outlets) Scores(cfg sourcescore.ScoringConfig) []sourcescore.OutletScore {
	out := make([]sourcescore.OutletScore, 0, len(o.count))
	for name, n := range o.count {
		score := o.sum[name] / float64(n)
		out = append(out, sourcescore.OutletScore{Outlet: name, Articles: n, Score: score, Grade: cfg.GradeFor(score)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Outlet < out[j].Outlet })
	return out
}
