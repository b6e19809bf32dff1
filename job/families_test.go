package job

import (
	"context"
	"strings"
	"testing"

	"sourcescore"
	"sourcescore/store"
)

// TestRun_SeedsFamilies checks the judgements of the four families on the
// seeds, as an analyst would state them.
func TestRun_SeedsFamilies(t *testing.T) {
	sum, cfg := runSeeds(t, copySeeds(t), 2)
	db, err := store.Open(context.Background(), cfg.DB)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	scores, err := db.ArticleScores(context.Background(), sum.Run.ID)
	if err != nil {
		t.Fatal(err)
	}
	type counts map[string]int // "family/rule" → findings above info (honorific: all)
	got := map[string]counts{}
	evidence := map[string][]string{}
	for _, s := range scores {
		k := s.Article.File[:3]
		got[k] = counts{}
		for _, f := range s.Findings {
			if f.RuleID == "translation.honorific" {
				got[k][f.RuleID]++ // a hint, so info; found all the same
			}
			if f.Severity > sourcescore.SeverityInfo {
				got[k][string(f.Family)]++
				got[k][f.RuleID]++
				evidence[k] = append(evidence[k], f.Evidence)
			}
		}
	}
	ev := func(k string) string { return strings.Join(evidence[k], "|") }

	// 000: the wrong election date and the calqued honorifics.
	if got["000"]["dates.fact_mismatch"] != 1 || !strings.Contains(ev("000"), "15. November") {
		t.Errorf("000: dates findings %v, evidence %q; want the wrong election date", got["000"], ev("000"))
	}
	if got["000"]["translation.honorific"] < 2 {
		t.Errorf("000: %d honorific findings, want the calques", got["000"]["translation.honorific"])
	}
	// 002: denial missing, stale, vague sourcing.
	for _, rule := range []string{"denial.missing", "dates.stale", "sourcing.vague_only"} {
		if got["002"][rule] == 0 {
			t.Errorf("002: no %s finding", rule)
		}
	}
	for _, vague := range []string{"aus offiziellen Quellen", "Es hieß"} {
		if !strings.Contains(ev("002"), vague) {
			t.Errorf("002: %q not reported as vague sourcing", vague)
		}
	}
	// 004: at least five translation findings and the missing publication date.
	if got["004"]["translation"] < 5 || got["004"]["dates.publication_missing"] != 1 {
		t.Errorf("004: %d translation findings, publication_missing %d; want >= 5 and 1", got["004"]["translation"], got["004"]["dates.publication_missing"])
	}
	// 001 and 003: no translation or date finding above info.
	for _, k := range []string{"001", "003"} {
		if got[k]["translation"]+got[k]["dates"] != 0 {
			t.Errorf("%s: translation or date findings above info: %v (%q)", k, got[k], ev(k))
		}
	}
}
