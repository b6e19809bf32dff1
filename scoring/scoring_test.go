package scoring

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"sourcescore"
)

var cfg = sourcescore.ScoringConfig{
	Families: map[sourcescore.Family]float64{"sourcing": 0.3, "dates": 0.25, "denial": 0.25, "translation": 0.2},
	Grades:   []sourcescore.GradeBand{{Grade: "A", Min: 90}, {Grade: "B", Min: 80}, {Grade: "C", Min: 65}, {Grade: "D", Min: 50}, {Grade: "F", Min: 0}},
}

func rs(id string, fam sourcescore.Family, score, weight float64, applied bool) sourcescore.RuleScore {
	return sourcescore.RuleScore{RuleID: id, Family: fam, Score: score, Weight: weight, Applied: applied}
}

func TestScore(t *testing.T) {
	tests := []struct {
		name  string
		rules []sourcescore.RuleScore
		score float64
		grade string
	}{
		{"all perfect", []sourcescore.RuleScore{rs("s.a", "sourcing", 1, 1, true), rs("d.a", "dates", 1, 1, true), rs("n.a", "denial", 1, 1, true), rs("t.a", "translation", 1, 1, true)}, 100, "A"},
		{"weighted inside and across families", []sourcescore.RuleScore{
			rs("s.a", "sourcing", 1, 2, true), rs("s.b", "sourcing", 0.4375, 3, true), rs("s.c", "sourcing", 0.32, 1, true),
			rs("d.a", "dates", 1, 6, true), rs("d.b", "dates", 0, 2, true),
			rs("n.a", "denial", 0, 1, true),
			rs("t.a", "translation", 1, 3, true), rs("t.b", "translation", 0, 3, false),
		}, 0.3*60.541666666666664 + 0.25*75 + 0 + 0.2*100, "D"},
		{"a family not scored is left out, not zero", []sourcescore.RuleScore{
			rs("s.a", "sourcing", 1, 1, true), rs("d.a", "dates", 1, 1, true), rs("n.a", "denial", 1, 1, true), rs("t.a", "translation", 0, 1, false),
		}, 100, "A"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &sourcescore.ArticleScore{Rules: tt.rules}
			Score(cfg, s)
			if math.Abs(s.Score-tt.score) > 1e-9 || s.Grade != tt.grade {
				t.Errorf("score %v grade %q, want %v %q", s.Score, s.Grade, tt.score, tt.grade)
			}
			// The ledger explains the score: earned points add up to it, and
			// earned plus lost to 100.
			checkLedger(t, s)
		})
	}
}

func TestFamilies_NotScoredSaysWhy(t *testing.T) {
	fs := Families(cfg, []sourcescore.RuleScore{{RuleID: "translation.x", Family: "translation", Note: "not scored: rule is for de, article language is fr"}})
	got := fs[3]
	want := sourcescore.FamilyScore{Family: "translation", Weight: 0.2, Note: "not scored for family translation (translation.x: not scored: rule is for de, article language is fr)"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if fs[0].Scored || fs[0].Note != "not scored for family sourcing (the rule set has no rule of this family)" {
		t.Errorf("sourcing: %+v", fs[0])
	}
}

func TestArticle_NothingScored(t *testing.T) {
	s := &sourcescore.ArticleScore{Article: &sourcescore.Article{}}
	Score(cfg, s)
	if s.Score != 0 || s.Grade != "" || s.Scored() || s.Status() != "not scored: language not detected" {
		t.Errorf("no family scored: score %v grade %q status %q, want 0, no grade and not scored", s.Score, s.Grade, s.Status())
	}
	s = &sourcescore.ArticleScore{Article: &sourcescore.Article{Meta: sourcescore.Metadata{Language: "fr"}},
		Rules: []sourcescore.RuleScore{{RuleID: "dates.x", Family: "dates", Note: "not scored: rule is for de, article language is fr"}}}
	Score(cfg, s)
	if want := "not scored: no rule applies (dates.x: rule is for de, article language is fr)"; s.Status() != want {
		t.Errorf("status %q, want %q", s.Status(), want)
	}
	s.Rules[0].Applied, s.Rules[0].Score, s.Rules[0].Weight = true, 1, 1
	Score(cfg, s)
	if !s.Scored() || s.Status() != "scored" {
		t.Errorf("a scored article: status %q", s.Status())
	}
}

func TestOutlets(t *testing.T) {
	o := NewOutlets()
	add := func(outlet string, score float64) {
		a := &sourcescore.Article{Meta: sourcescore.Metadata{Outlet: outlet}}
		o.Add(&sourcescore.ArticleScore{Article: a, Score: score, Grade: cfg.GradeFor(score)})
	}
	add("B", 95)
	add("", 40)
	add("B", 75)
	want := []sourcescore.OutletScore{{Outlet: sourcescore.UnknownOutlet, Articles: 1, Score: 40, Grade: "F"}, {Outlet: "B", Articles: 2, Score: 85, Grade: "B"}}
	if diff := cmp.Diff(want, o.Scores(cfg)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestOutlets_UnscoredArticleLeftOut(t *testing.T) {
	o := NewOutlets()
	a := &sourcescore.Article{Meta: sourcescore.Metadata{Outlet: "Le Monde"}}
	o.Add(&sourcescore.ArticleScore{Article: a, NotScored: "language not detected"})
	o.Add(&sourcescore.ArticleScore{Article: a, Score: 92, Grade: "A"})
	alone := &sourcescore.Article{Meta: sourcescore.Metadata{Outlet: "Kurzblatt"}}
	o.Add(&sourcescore.ArticleScore{Article: alone, NotScored: "language not detected"})
	want := []sourcescore.OutletScore{
		{Outlet: "Kurzblatt", NotScored: 1},
		{Outlet: "Le Monde", Articles: 1, NotScored: 1, Score: 92, Grade: "A"},
	}
	if diff := cmp.Diff(want, o.Scores(cfg)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// capCfg is cfg with grade caps.
func capCfg(caps ...sourcescore.GradeCap) sourcescore.ScoringConfig {
	c := cfg
	c.Caps = caps
	return c
}

func TestScore_Caps(t *testing.T) {
	// Every family scored; the article's weighted mean is
	// 0.3×100 + 0.25×60 + 0.25×100 + 0.2×80 = 86 (grade B).
	rules := []sourcescore.RuleScore{
		rs("sourcing.a", "sourcing", 1, 1, true),
		rs("dates.a", "dates", 0.6, 1, true),
		rs("denial.missing", "denial", 1, 1, true),
		rs("translation.likely_mt", "translation", 0, 1, true),
		rs("translation.b", "translation", 1, 4, true),
		rs("translation.en", "translation", 0, 1, false),
	}
	const mean = 0.3*100 + 0.25*60 + 0.25*100 + 0.2*80
	mt := sourcescore.GradeCap{RuleID: "translation.likely_mt", Grade: "C"}
	tests := []struct {
		name  string
		caps  []sourcescore.GradeCap
		rules []sourcescore.RuleScore        // nil: rules
		fams  map[sourcescore.Family]float64 // family weights; nil: cfg's
		score float64
		grade string
		want  []sourcescore.AppliedCap
	}{
		{name: "no caps", score: mean, grade: "B"},
		{name: "a rule that scored 0 caps at the top of C", caps: []sourcescore.GradeCap{mt},
			score: 79.9, grade: "C", want: []sourcescore.AppliedCap{{GradeCap: mt, Score: 0, Limit: 79.9}}},
		{name: "a rule that scored above at_most does not cap",
			caps:  []sourcescore.GradeCap{{RuleID: "denial.missing", Grade: "C"}},
			score: mean, grade: "B"},
		{name: "at_most: a rule that scored 0.6 is at most 0.6",
			caps:  []sourcescore.GradeCap{{RuleID: "dates.a", AtMost: 0.6, Grade: "D"}},
			score: 64.9, grade: "D",
			want: []sourcescore.AppliedCap{{GradeCap: sourcescore.GradeCap{RuleID: "dates.a", AtMost: 0.6, Grade: "D"}, Score: 0.6, Limit: 64.9}}},
		{name: "at_most allows for rounding: 1 − 0.4 is at most 0.6",
			caps:  []sourcescore.GradeCap{{RuleID: "dates.a", AtMost: 0.6, Grade: "D"}},
			rules: replace(rules, rs("dates.a", "dates", 1-0.4, 1, true)),
			score: 64.9, grade: "D",
			want: []sourcescore.AppliedCap{{GradeCap: sourcescore.GradeCap{RuleID: "dates.a", AtMost: 0.6, Grade: "D"}, Score: 1 - 0.4, Limit: 64.9}}},
		{name: "a rule that was not applied never caps",
			caps:  []sourcescore.GradeCap{{RuleID: "translation.en", Grade: "F"}},
			score: mean, grade: "B"},
		{name: "a rule the article has no score of never caps",
			caps:  []sourcescore.GradeCap{{RuleID: "sourcing.gone", Grade: "F"}},
			score: mean, grade: "B"},
		{name: "a family cap: dates scored 60, at most 60",
			caps:  []sourcescore.GradeCap{{Family: "dates", AtMost: 60, Grade: "D"}},
			score: 64.9, grade: "D",
			want: []sourcescore.AppliedCap{{GradeCap: sourcescore.GradeCap{Family: "dates", AtMost: 60, Grade: "D"}, Score: 60, Limit: 64.9}}},
		{name: "a family cap above the family's score does not apply",
			caps:  []sourcescore.GradeCap{{Family: "dates", AtMost: 59.9, Grade: "D"}},
			score: mean, grade: "B"},
		{name: "a family that was not scored never caps",
			caps:  []sourcescore.GradeCap{{Family: "denial", AtMost: 100, Grade: "F"}},
			rules: replace(rules, rs("denial.missing", "denial", 0, 1, false)),
			score: (0.3*100 + 0.25*60 + 0.2*80) / 0.75, grade: "B"},
		{name: "the lowest limit wins, every cap that applies is recorded",
			caps:  []sourcescore.GradeCap{mt, {Family: "dates", AtMost: 60, Grade: "D"}, {RuleID: "sourcing.a", AtMost: 1, Grade: "B"}},
			score: 64.9, grade: "D",
			want: []sourcescore.AppliedCap{
				{GradeCap: mt, Score: 0, Limit: 79.9},
				{GradeCap: sourcescore.GradeCap{Family: "dates", AtMost: 60, Grade: "D"}, Score: 60, Limit: 64.9},
				{GradeCap: sourcescore.GradeCap{RuleID: "sourcing.a", AtMost: 1, Grade: "B"}, Score: 1, Limit: 89.9},
			}},
		{name: "a cap at the best grade changes nothing",
			caps:  []sourcescore.GradeCap{{RuleID: "translation.likely_mt", Grade: "A"}},
			score: mean, grade: "B",
			want: []sourcescore.AppliedCap{{GradeCap: sourcescore.GradeCap{RuleID: "translation.likely_mt", Grade: "A"}, Score: 0, Limit: 100}}},
		{name: "a cap above the score applies and changes nothing",
			caps:  []sourcescore.GradeCap{{RuleID: "translation.likely_mt", Grade: "B"}},
			score: mean, grade: "B",
			want: []sourcescore.AppliedCap{{GradeCap: sourcescore.GradeCap{RuleID: "translation.likely_mt", Grade: "B"}, Score: 0, Limit: 89.9}}},
		{name: "an article no family scored has no caps",
			caps:  []sourcescore.GradeCap{mt},
			rules: []sourcescore.RuleScore{rs("translation.likely_mt", "translation", 0, 1, true)},
			fams:  map[sourcescore.Family]float64{"sourcing": 1},
			score: 0, grade: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.rules
			if in == nil {
				in = rules
			}
			c := capCfg(tt.caps...)
			if tt.fams != nil {
				c.Families = tt.fams
			}
			s := &sourcescore.ArticleScore{Rules: in}
			Score(c, s)
			if math.Abs(s.Score-tt.score) > 1e-9 || s.Grade != tt.grade {
				t.Errorf("score %v grade %q, want %v %q", s.Score, s.Grade, tt.score, tt.grade)
			}
			if diff := cmp.Diff(tt.want, s.Caps, cmpopts.EquateEmpty(), cmpopts.EquateApprox(0, 1e-9)); diff != "" {
				t.Errorf("caps (-want +got):\n%s", diff)
			}
			if s.Score > s.Uncapped {
				t.Errorf("score %v above the uncapped %v", s.Score, s.Uncapped)
			}
			if len(s.Caps) == 0 && s.Uncapped != s.Score {
				t.Errorf("no cap, but uncapped %v differs from score %v", s.Uncapped, s.Score)
			}
			checkLedger(t, s)
		})
	}
}

// replace returns rules with the rule of r's id replaced by r.
func replace(rules []sourcescore.RuleScore, r sourcescore.RuleScore) []sourcescore.RuleScore {
	out := append([]sourcescore.RuleScore(nil), rules...)
	for i := range out {
		if out[i].RuleID == r.RuleID {
			out[i] = r
		}
	}
	return out
}

// checkLedger checks the ledger's invariants: earned points add up to the
// score (the rules' alone to the uncapped score), earned plus lost to 100,
// and a cap line exactly when caps took points, carrying them.
func checkLedger(t *testing.T, s *sourcescore.ArticleScore) {
	t.Helper()
	var earned, lost, rulesEarned float64
	var capLine *Contribution
	ledger := Ledger(s)
	for i, c := range ledger {
		earned += c.Earned
		lost += c.Lost
		if c.RuleID == CapID {
			capLine = &ledger[i]
			continue
		}
		rulesEarned += c.Earned
	}
	if len(s.Rules) > 0 && s.Grade != "" {
		if math.Abs(earned-s.Score) > 1e-9 || math.Abs(earned+lost-100) > 1e-9 {
			t.Errorf("ledger earned %v lost %v, score %v", earned, lost, s.Score)
		}
		if math.Abs(rulesEarned-s.Uncapped) > 1e-9 {
			t.Errorf("rules earned %v, uncapped score %v", rulesEarned, s.Uncapped)
		}
	}
	took := s.Uncapped - s.Score
	switch {
	case took > 0 && capLine == nil:
		t.Errorf("caps took %v points, but the ledger has no cap line", took)
	case took == 0 && capLine != nil:
		t.Errorf("caps took nothing, but the ledger has a cap line %+v", *capLine)
	case capLine != nil && (math.Abs(capLine.Lost-took) > 1e-9 || math.Abs(capLine.Earned+took) > 1e-9 || capLine.Share != 0):
		t.Errorf("cap line %+v, want lost %v, earned %v, no share", *capLine, took, -took)
	}
	if len(ledger) != len(s.Rules)+map[bool]int{true: 1}[capLine != nil] || (capLine != nil && ledger[len(ledger)-1].RuleID != CapID) {
		t.Errorf("ledger has %d lines for %d rules; the cap line must come last", len(ledger), len(s.Rules))
	}
}

func TestOutlets_AverageCappedScores(t *testing.T) {
	c := capCfg(sourcescore.GradeCap{RuleID: "translation.likely_mt", Grade: "C"})
	o := NewOutlets()
	for _, mtScore := range []float64{0, 1} {
		s := &sourcescore.ArticleScore{
			Article: &sourcescore.Article{Meta: sourcescore.Metadata{Outlet: "X"}},
			Rules: []sourcescore.RuleScore{rs("sourcing.a", "sourcing", 1, 1, true),
				rs("translation.b", "translation", 1, 9, true), rs("translation.likely_mt", "translation", mtScore, 1, true)},
		}
		Score(c, s)
		o.Add(s)
	}
	// 79.9 (capped from (0.3 × 100 + 0.2 × 90) / 0.5 = 96) and 100.
	want := []sourcescore.OutletScore{{Outlet: "X", Articles: 2, Score: (79.9 + 100) / 2, Grade: "B"}}
	if diff := cmp.Diff(want, o.Scores(c), cmpopts.EquateApprox(0, 1e-9)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestOutlets_StoryScores: an outlet's articles of two stories, and one of
// none, get a row each beside the outlet's row over all of them.
func TestOutlets_StoryScores(t *testing.T) {
	o := NewOutlets()
	add := func(outlet, story string, score float64) {
		a := &sourcescore.Article{Meta: sourcescore.Metadata{Outlet: outlet, Story: story}}
		o.Add(&sourcescore.ArticleScore{Article: a, Score: score, Grade: cfg.GradeFor(score)})
	}
	add("", "wahl", 90)
	add("", "wahl", 80)
	add("", "brücke", 40)
	add("", "", 60)
	add("B", "wahl", 70)
	all := o.Scores(cfg)
	stories := o.StoryScores(cfg)
	want := []sourcescore.OutletScore{
		{Outlet: sourcescore.UnknownOutlet, Articles: 4, Score: 67.5, Grade: cfg.GradeFor(67.5)},
		{Outlet: sourcescore.UnknownOutlet, Story: sourcescore.NoStory, Articles: 1, Score: 60, Grade: cfg.GradeFor(60)},
		{Outlet: sourcescore.UnknownOutlet, Story: "brücke", Articles: 1, Score: 40, Grade: "F"},
		{Outlet: sourcescore.UnknownOutlet, Story: "wahl", Articles: 2, Score: 85, Grade: "B"},
		{Outlet: "B", Articles: 1, Score: 70, Grade: cfg.GradeFor(70)},
		{Outlet: "B", Story: "wahl", Articles: 1, Score: 70, Grade: cfg.GradeFor(70)},
	}
	if diff := cmp.Diff(want, WithStories(all, stories)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
