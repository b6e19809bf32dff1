package rules

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// testProfile is the head of the profile rule the tests below load: a
// threshold of 0.5, bias -2, min_words 5; each adds its features.
const testProfile = `  - id: translation.p
    family: translation
    kind: profile
    weight: 1
    severity: info
    description: d
    message: Reads translated
    threshold: 0.5
    bias: -2
    min_words: 5
`

// TestProfile: the rates, the logistic likelihood against the threshold,
// the note that lists every feature, and short bodies left unjudged.
func TestProfile(t *testing.T) {
	set, err := loadFiles(t, map[string]string{"scoring.yaml": minimalScoring, "r.yaml": "rules:\n" + testProfile + `    features:
      - {name: dass, phrases: [dass], typical: 50, weight: 0.02}
      - {name: commas, measure: commas, typical: 100, weight: 0.01}
      - {name: words per sentence, measure: words_per_sentence, typical: 10, weight: 0}
`})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, text string
		score      float64
		note       string
	}{
		// 10 words, 2 "dass" (200 per 1,000 words), 2 commas (200):
		// -2 + 0.02×150 + 0.01×100 = 2, likelihood 0.88.
		{"judged", "Er sagte, dass es regnet, und dass es kalt ist.", 0,
			"likelihood 0.88 (threshold 0.50): dass 200.0 (typical 50.0): +3.00; commas 200.0 (typical 100.0): +1.00; words per sentence 10.0 (typical 10.0): +0.00"},
		// 10 words, no "dass", no comma: -2 - 1 - 1 = -4, likelihood 0.02.
		{"not judged", "Es regnet heute in der ganzen Stadt sehr stark.", 1,
			"likelihood 0.02 (threshold 0.50): dass 0.0 (typical 50.0): -1.00; commas 0.0 (typical 100.0): -1.00; words per sentence 9.0 (typical 10.0): -0.00"},
		{"too short", "Es regnet.", 1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := set.Apply(article(tt.text, "de", "", ""))
			rs := ruleScore(t, res, "translation.p")
			if tt.note == "" {
				if rs.Applied || !strings.Contains(rs.Note, "2 words, fewer than the 5") {
					t.Errorf("short body: applied %v, note %q", rs.Applied, rs.Note)
				}
				return
			}
			if rs.Score != tt.score || rs.Note != tt.note {
				t.Errorf("score %v note %q,\nwant %v %q", rs.Score, rs.Note, tt.score, tt.note)
			}
			var got []string
			for _, f := range res.Findings {
				if f.RuleID == "translation.p" {
					got = append(got, f.Message)
				}
			}
			var want []string
			if tt.score == 0 {
				want = []string{"Reads translated: " + tt.note}
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
		})
	}
}

// TestProfile_Errors: a profile's mistakes are refused where they stand.
func TestProfile_Errors(t *testing.T) {
	_, err := loadFiles(t, map[string]string{"scoring.yaml": minimalScoring, "r.yaml": `rules:
  - id: translation.p
    family: translation
    kind: profile
    weight: 1
    severity: info
    description: d
    message: m
    threshold: 1.5
    features:
      - {name: a, phrases: [dass], measure: commas, typical: 1, weight: 1}
      - {name: b, measure: semicolons, typical: 1, weight: 1}
      - {name: a, typical: 1, weight: 1}
`})
	if err == nil {
		t.Fatal("a bad profile loaded without error")
	}
	want := []string{
		"rules/r.yaml:9:16: threshold 1.5 is out of range",
		"\ttry: a likelihood between 0 and 1, such as 0.9",
		`rules/r.yaml:11:45: feature "a" has both a measure and terms`,
		"\ttry: either measure: or phrases:/patterns:",
		`rules/r.yaml:12:28: unknown measure "semicolons"`,
		"\ttry: commas or words_per_sentence",
		`rules/r.yaml:13:10: feature "a" measures nothing`,
		"\ttry: add phrases:, patterns: or measure:",
		`rules/r.yaml:13:16: feature "a" is listed twice`,
		"\ttry: give each feature its own name",
	}
	if diff := cmp.Diff(want, errorLines(t, err)); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
}

// TestProfile_DecisiveAt: a combined rule's signal with decisive_at lets a
// profile finding decide by itself only at or above that likelihood; below
// it, the finding counts with its weight like any other.
func TestProfile_DecisiveAt(t *testing.T) {
	rules := func(at string) string {
		return "rules:\n" + testProfile + `    features:
      - {name: dass, phrases: [dass], typical: 50, weight: 0.02}
  - id: translation.judged
    family: translation
    kind: combined
    weight: 1
    severity: warning
    description: d
    message: Likely translated
    threshold: 1000
    min_findings: 1
    signals:
      - {rule: translation.p, weight: 1, decisive_at: ` + at + `}
`
	}
	// 10 words, 2 "dass": -2 + 0.02×150 = 1, likelihood 0.731.
	text := "Er sagte, dass es regnet, und dass es kalt ist."
	for _, tt := range []struct {
		at     string
		judged bool
	}{{"0.7", true}, {"0.75", false}, {"0", false}} {
		set, err := loadFiles(t, map[string]string{"scoring.yaml": minimalScoring, "r.yaml": rules(tt.at)})
		if err != nil {
			t.Fatal(err)
		}
		res := set.Apply(article(text, "de", "", ""))
		rs := ruleScore(t, res, "translation.judged")
		if judged := rs.Score == 0; judged != tt.judged {
			t.Errorf("decisive_at %s: judged %v (%s), want %v", tt.at, judged, rs.Note, tt.judged)
		}
		var msg string
		for _, f := range res.Findings {
			if f.RuleID == "translation.judged" {
				msg = f.Message
			}
		}
		if want := "decided by translation.p (likelihood 0.731, decisive at 0.7)"; tt.judged && !strings.Contains(msg, want) {
			t.Errorf("decisive_at %s: finding %q does not say %q", tt.at, msg, want)
		}
	}
}

// TestProfile_MaxContribution: no feature adds or takes more than
// max_contribution, and the note shows the bounded contribution.
func TestProfile_MaxContribution(t *testing.T) {
	set, err := loadFiles(t, map[string]string{"scoring.yaml": minimalScoring, "r.yaml": "rules:\n" + testProfile + `    max_contribution: 1.5
    features:
      - {name: dass, phrases: [dass], typical: 50, weight: 0.02}
      - {name: commas, measure: commas, typical: 100, weight: 0.01}
`})
	if err != nil {
		t.Fatal(err)
	}
	// 10 words, 2 "dass" (+3.00, bounded to +1.50), 2 commas (+1.00):
	// -2 + 1.5 + 1 = 0.5, likelihood 0.62.
	res := set.Apply(article("Er sagte, dass es regnet, und dass es kalt ist.", "de", "", ""))
	rs := ruleScore(t, res, "translation.p")
	want := "likelihood 0.62 (threshold 0.50): dass 200.0 (typical 50.0): +1.50; commas 200.0 (typical 100.0): +1.00"
	if rs.Score != 0 || rs.Note != want {
		t.Errorf("score %v note %q,\nwant 0 %q", rs.Score, rs.Note, want)
	}
}
