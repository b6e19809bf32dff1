package scoring

import (
	"fmt"
	"sort"
	"strings"

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

// Score fills in the Families, Uncapped, Caps, Score and Grade of s from
// its Rules: Uncapped is the weighted mean of the families, Score that
// mean lowered to the lowest limit of the grade caps that apply (Caps),
// and Grade the band of Score.
func Score(cfg sourcescore.ScoringConfig, s *sourcescore.ArticleScore) {
	s.Families = Families(cfg, s.Rules)
	score, ok := Article(s.Families)
	s.Uncapped, s.Score, s.Caps, s.Grade, s.NotScored = score, score, nil, "", ""
	if !ok {
		s.NotScored = NotScoredReason(s)
		return
	}
	s.Caps = Caps(cfg, s.Rules, s.Families)
	for _, c := range s.Caps {
		s.Score = min(s.Score, c.Limit)
	}
	s.Grade = cfg.GradeFor(s.Score)
}

// NotScoredReason says why no family of s could be scored, as reports
// write it after "not scored: ": "language not detected" when the article's
// language is unknown (every rule is for some languages), else "no rule
// applies" and the note of the first rule that did not apply.
func NotScoredReason(s *sourcescore.ArticleScore) string {
	if s.Article != nil && s.Article.Meta.Language == "" {
		return "language not detected"
	}
	for _, r := range s.Rules {
		if !r.Applied && r.Note != "" {
			return "no rule applies (" + r.RuleID + ": " + strings.TrimPrefix(r.Note, "not scored: ") + ")"
		}
	}
	return "no rule applies"
}

// capTolerance absorbs rounding in rule and family scores, so that a rule
// computed as 1 − 0.7 (0.30000000000000004) is "at most 0.3".
const capTolerance = 1e-9

// Caps returns the grade caps of cfg that apply to an article with these
// rule and family scores, in cfg.Caps order: a rule cap when its rule was
// applied and scored at most AtMost, a family cap when its family was
// scored and scored at most AtMost. A rule that was not applied, or a
// family not scored, never caps. A cap whose grade is not one of the bands
// is left out (rules.Load refuses it).
func Caps(cfg sourcescore.ScoringConfig, rules []sourcescore.RuleScore, families []sourcescore.FamilyScore) []sourcescore.AppliedCap {
	var out []sourcescore.AppliedCap
	for _, c := range cfg.Caps {
		limit, ok := cfg.CapLimit(c.Grade)
		if !ok {
			continue
		}
		score, applies := 0.0, false
		if c.RuleID != "" {
			for _, r := range rules {
				if r.RuleID == c.RuleID {
					score, applies = r.Score, r.Applied
					break
				}
			}
		} else {
			for _, f := range families {
				if f.Family == c.Family {
					score, applies = f.Score, f.Scored
					break
				}
			}
		}
		if applies && score <= c.AtMost+capTolerance {
			out = append(out, sourcescore.AppliedCap{GradeCap: c, Score: score, Limit: limit})
		}
	}
	return out
}

// CapID is the RuleID of the ledger's line for the grade caps. No rule can
// have it: rule ids are namespaced ("family.name").
const CapID = "cap"

// Contribution is how one rule moved one article's score: the points it
// could give (its share of the article score) and the points it lost. The
// ledger's cap line (RuleID CapID) has no share: it earned minus the
// points the grade caps took, and lost them.
type Contribution struct {
	RuleID   string // the rule, or CapID
	Family   sourcescore.Family
	Share    float64 // points (of 100) the rule controls in this article
	Lost     float64 // points lost: Share × (1 − rule score)
	Earned   float64 // points earned: Share × rule score
	Applied  bool
	Score    float64 // the rule's score, 0–1
	Weight   float64 // the rule's weight in its family
	FamilyWt float64 // the family's weight in the article score, re-normalised over scored families
}

// Ledger explains an article score rule by rule: one contribution per rule,
// in s.Rules order, then, when grade caps lowered the score, a cap line
// (RuleID CapID, Earned −s.CapPoints(), Lost s.CapPoints()). The earned
// points of all contributions add up to the article score, those of the
// rules alone to the uncapped score, and earned + lost to 100.
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
	if p := s.CapPoints(); p > 0 {
		out = append(out, Contribution{RuleID: CapID, Applied: true, Earned: -p, Lost: p})
	}
	return out
}

// Outlets aggregates article scores by outlet. It is fed one article at a
// time so a run never holds all articles.
type Outlets struct {
	all, byStory *outletSums
}

// outletSums are the sums of article scores by key: an outlet, or an
// outlet and a story.
type outletSums struct {
	sum       map[outletKey]float64
	count     map[outletKey]int
	notScored map[outletKey]int
}

// outletKey is an outlet, and a story for the rows by story ("" for all).
type outletKey struct{ outlet, story string }

func newOutletSums() *outletSums {
	return &outletSums{sum: map[outletKey]float64{}, count: map[outletKey]int{}, notScored: map[outletKey]int{}}
}

// add counts s under k.
func (o *outletSums) add(k outletKey, s *sourcescore.ArticleScore) {
	if !s.Scored() {
		o.notScored[k]++
		return
	}
	o.sum[k] += s.Score
	o.count[k]++
}

// scores returns the rows, sorted by outlet, then story.
func (o *outletSums) scores(cfg sourcescore.ScoringConfig) []sourcescore.OutletScore {
	out := make([]sourcescore.OutletScore, 0, len(o.count))
	for k, n := range o.count {
		score := o.sum[k] / float64(n)
		out = append(out, sourcescore.OutletScore{Outlet: k.outlet, Story: k.story, Articles: n, NotScored: o.notScored[k],
			Score: score, Grade: cfg.GradeFor(score)})
	}
	for k, n := range o.notScored {
		if o.count[k] == 0 {
			out = append(out, sourcescore.OutletScore{Outlet: k.outlet, Story: k.story, NotScored: n})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Outlet != out[j].Outlet {
			return out[i].Outlet < out[j].Outlet
		}
		return out[i].Story < out[j].Story
	})
	return out
}

// NewOutlets returns an empty aggregation.
func NewOutlets() *Outlets {
	return &Outlets{all: newOutletSums(), byStory: newOutletSums()}
}

// Add counts one article for its outlet (UnknownOutlet when it has none),
// with its score after grade caps. An article without a score
// (ArticleScore.NotScored) is counted apart: it has no score to average.
func (o *Outlets) Add(s *sourcescore.ArticleScore) {
	name, story := s.Article.Meta.OutletName(), s.Article.Meta.Story
	if story == "" {
		story = sourcescore.NoStory
	}
	o.all.add(outletKey{outlet: name}, s)
	o.byStory.add(outletKey{outlet: name, story: story}, s)
}

// Scores returns the outlet scores over all their articles (Story ""),
// sorted by outlet name: every outlet with an article, scored or not. An
// outlet none of whose articles has a score has no score and no grade
// (Articles 0).
func (o *Outlets) Scores(cfg sourcescore.ScoringConfig) []sourcescore.OutletScore {
	return o.all.scores(cfg)
}

// StoryScores returns the outlet scores by story, as Scores does for all
// stories: one per outlet and story of its articles (sourcescore.NoStory for
// those matching none), sorted by outlet, then story.
func (o *Outlets) StoryScores(cfg sourcescore.ScoringConfig) []sourcescore.OutletScore {
	return o.byStory.scores(cfg)
}

// WithStories returns each outlet of all (Scores) followed by its rows of
// stories (StoryScores), in the order of all: the order outlet_scores.csv
// lists them in.
func WithStories(all, stories []sourcescore.OutletScore) []sourcescore.OutletScore {
	by := map[string][]sourcescore.OutletScore{}
	for _, s := range stories {
		by[s.Outlet] = append(by[s.Outlet], s)
	}
	out := make([]sourcescore.OutletScore, 0, len(all)+len(stories))
	for _, o := range all {
		out = append(out, o)
		out = append(out, by[o.Outlet]...)
	}
	return out
}
