package scoring

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"

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
			var earned, lost float64
			for _, c := range Ledger(s) {
				earned += c.Earned
				lost += c.Lost
			}
			if math.Abs(earned-s.Score) > 1e-9 || math.Abs(earned+lost-100) > 1e-9 {
				t.Errorf("ledger earned %v lost %v, score %v", earned, lost, s.Score)
			}
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
	s := &sourcescore.ArticleScore{}
	Score(cfg, s)
	if s.Score != 0 || s.Grade != "" {
		t.Errorf("no family scored: score %v grade %q, want 0 and no grade", s.Score, s.Grade)
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
	o.Add(&sourcescore.ArticleScore{Article: a, Score: 0, Grade: ""})
	o.Add(&sourcescore.ArticleScore{Article: a, Score: 92, Grade: "A"})
	want := []sourcescore.OutletScore{{Outlet: "Le Monde", Articles: 1, Score: 92, Grade: "A"}}
	if diff := cmp.Diff(want, o.Scores(cfg)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
