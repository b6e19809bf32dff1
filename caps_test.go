package sourcescore

import (
	"math"
	"testing"
)

func TestScoringConfig_CapLimit(t *testing.T) {
	cfg := ScoringConfig{Grades: []GradeBand{{Grade: "A", Min: 90}, {Grade: "B", Min: 80}, {Grade: "C", Min: 65}, {Grade: "F", Min: 0}}}
	tests := []struct {
		grade string
		limit float64
		ok    bool
	}{
		{"A", 100, true}, // the best grade limits nothing
		{"B", 89.9, true},
		{"C", 79.9, true},
		{"F", 64.9, true},
		{"E", 0, false},
	}
	for _, tt := range tests {
		limit, ok := cfg.CapLimit(tt.grade)
		if limit != tt.limit || ok != tt.ok {
			t.Errorf("CapLimit(%q) = %v, %v; want %v, %v", tt.grade, limit, ok, tt.limit, tt.ok)
		}
		if ok && cfg.GradeFor(limit) != tt.grade {
			t.Errorf("the top of band %s, %v, has grade %s", tt.grade, limit, cfg.GradeFor(limit))
		}
	}
}

func TestArticleScore_Caps(t *testing.T) {
	s := &ArticleScore{Score: 64.9, Uncapped: 86.25, Caps: []AppliedCap{
		{GradeCap: GradeCap{RuleID: "translation.likely_mt", Grade: "C"}, Limit: 79.9},
		{GradeCap: GradeCap{Family: FamilyDates, AtMost: 40, Grade: "D"}, Score: 38, Limit: 64.9},
	}}
	if got, want := s.CapsString(), "C by translation.likely_mt; D by family dates"; got != want {
		t.Errorf("CapsString() = %q, want %q", got, want)
	}
	if got := s.CapPoints(); math.Abs(got-21.35) > 1e-9 {
		t.Errorf("CapPoints() = %v, want 21.35", got)
	}
	// A cap above the score took nothing; without caps, nothing either,
	// whatever Uncapped holds.
	for _, s := range []*ArticleScore{{Score: 58.6, Uncapped: 58.6, Caps: s.Caps[:1]}, {Score: 70}} {
		if got := s.CapPoints(); got != 0 {
			t.Errorf("CapPoints() of %+v = %v, want 0", s, got)
		}
	}
	if got := (&ArticleScore{}).CapsString(); got != "" {
		t.Errorf("CapsString() without caps = %q", got)
	}
}
