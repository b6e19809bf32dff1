package rules

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"sourcescore"
)

// combinedSet is a rule set with two penalty rules and a combined rule
// reading them; extra is appended to the combined rule's entry.
const combinedRules = `rules:
  - {id: translation.a, family: translation, kind: penalty, severity: warning, weight: 1,
     description: d, message: A, phrases: [alpha]}
  - {id: translation.b, family: translation, kind: penalty, severity: warning, weight: 1,
     description: d, message: B, phrases: [beta]}
  - {id: translation.c, family: translation, kind: penalty, severity: warning, weight: 1,
     description: d, message: C, phrases: [gamma]}
  - id: translation.judged
    family: translation
    kind: combined
    severity: warning
    weight: 2
    description: d
    message: Judged
`

func loadCombined(t *testing.T, extra string) *Set {
	t.Helper()
	set, err := loadFiles(t, map[string]string{"s.yaml": minimalScoring, "r.yaml": combinedRules + extra})
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	return set
}

// filler returns n words that no rule looks for.
func filler(n int) string {
	return strings.Repeat("wort ", n)
}

func TestCombined_Judgement(t *testing.T) {
	set := loadCombined(t, `    threshold: 10
    min_findings: 2
    signals:
      - {rule: translation.a, weight: 2, max: 2}
      - {rule: translation.b}
      - {rule: translation.c, decisive: true}
`)
	tests := []struct {
		name    string
		text    string
		judged  bool
		message string // the judgement's message, when judged
	}{
		{name: "nothing found", text: filler(50)},
		{name: "one finding is no pattern, however dense", text: "alpha " + filler(9)},
		{name: "two findings, dense enough", text: "alpha beta " + filler(98),
			judged: true, message: "Judged: 30.0 weighted findings per 1,000 words (threshold 10) from translation.a 1×2 (1:1); translation.b 1×1 (1:7)"},
		{name: "two findings in a long text are below the threshold", text: "alpha beta " + filler(398)},
		{name: "max limits a noisy signal", text: "alpha alpha alpha alpha alpha " + filler(495)},
		{name: "max counts up to its limit", text: "alpha alpha alpha " + filler(297),
			judged: true, message: "Judged: 13.3 weighted findings per 1,000 words (threshold 10) from translation.a 2×2 (1:1, 1:7)"},
		{name: "a decisive signal decides alone", text: "gamma " + filler(999),
			judged: true, message: "Judged: decided by translation.c; 1.0 weighted findings per 1,000 words (threshold 10) from translation.c 1×1 (1:1)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := set.Apply(article(tc.text, "de", "", ""))
			rs := ruleScore(t, res, "translation.judged")
			if got := res.Fired("translation.judged"); got != tc.judged {
				t.Fatalf("judged = %v, want %v (note: %s)", got, tc.judged, rs.Note)
			}
			want := 1.0
			if tc.judged {
				want = 0
			}
			if rs.Score != want {
				t.Errorf("score = %v, want %v", rs.Score, want)
			}
			var msgs []string
			for _, f := range res.Findings {
				if f.RuleID == "translation.judged" {
					msgs = append(msgs, f.Message)
					if f.Offset != -1 || f.Severity != sourcescore.SeverityWarning {
						t.Errorf("finding %+v: want an absence finding of severity warning", f)
					}
				}
			}
			var wantMsgs []string
			if tc.judged {
				wantMsgs = []string{tc.message}
			}
			if diff := cmp.Diff(wantMsgs, msgs); diff != "" {
				t.Errorf("messages (-want +got):\n%s", diff)
			}
		})
	}
}

// A set whose rules are filtered (as the family benchmarks do) judges from
// the signal rules it still has, and never from another rule's outcome.
func TestCombined_FilteredSet(t *testing.T) {
	full := loadCombined(t, `    threshold: 1
    min_findings: 1
    signals: [{rule: translation.b}]
`)
	set := *full
	set.Rules = nil
	for _, r := range full.Rules {
		if r.ID != "translation.b" {
			set.Rules = append(set.Rules, r)
		}
	}
	res := set.Apply(article("alpha alpha gamma "+filler(10), "de", "", ""))
	if res.Fired("translation.judged") {
		t.Errorf("judged from rules that are not its signals: %+v", res.Rules)
	}
	if res := full.Apply(article("beta "+filler(10), "de", "", "")); !res.Fired("translation.judged") {
		t.Errorf("the full set did not judge from its signal")
	}
}

func TestCombined_MinRules(t *testing.T) {
	set := loadCombined(t, `    threshold: 1
    min_rules: 2
    signals: [{rule: translation.a}, {rule: translation.b}]
`)
	if res := set.Apply(article("alpha alpha alpha "+filler(10), "de", "", "")); res.Fired("translation.judged") {
		t.Errorf("one rule's findings judged the article with min_rules 2")
	}
	if res := set.Apply(article("alpha beta "+filler(10), "de", "", "")); !res.Fired("translation.judged") {
		t.Errorf("findings of two rules did not judge the article with min_rules 2")
	}
}

func TestCombined_MinWeight(t *testing.T) {
	set := loadCombined(t, `    threshold: 1
    min_findings: 1
    min_weight: 3
    signals: [{rule: translation.a, weight: 3}, {rule: translation.b, weight: 1}]
`)
	if res := set.Apply(article("beta beta "+filler(10), "de", "", "")); res.Fired("translation.judged") {
		t.Errorf("two weak findings weighing 2 judged the article with min_weight 3")
	}
	if res := set.Apply(article("alpha "+filler(10), "de", "", "")); !res.Fired("translation.judged") {
		t.Errorf("one strong finding weighing 3 did not judge the article with min_weight 3")
	}
}

// TestCombined_Distinct: with distinct, one word found again and again
// (in any case) counts once; without, each time.
func TestCombined_Distinct(t *testing.T) {
	set := loadCombined(t, `    threshold: 1
    min_findings: 2
    signals: [{rule: translation.a, distinct: true}]
`)
	if res := set.Apply(article("alpha Alpha alpha "+filler(10), "de", "", "")); res.Fired("translation.judged") {
		t.Errorf("one word found three times counted more than once with distinct")
	}
	set = loadCombined(t, `    threshold: 1
    min_findings: 2
    signals: [{rule: translation.a}]
`)
	if res := set.Apply(article("alpha Alpha alpha "+filler(10), "de", "", "")); !res.Fired("translation.judged") {
		t.Errorf("without distinct, one word found three times did not count three times")
	}
}

// TestCombined_NotAlone: a not_alone signal's findings judge nothing by
// themselves, however many, and count in full next to another rule's; the
// note says why an article was not judged.
func TestCombined_NotAlone(t *testing.T) {
	set := loadCombined(t, `    threshold: 1
    min_findings: 1
    signals: [{rule: translation.a, not_alone: true}, {rule: translation.b}, {rule: translation.c, not_alone: true}]
`)
	res := set.Apply(article("alpha alpha alpha "+filler(10), "de", "", ""))
	if res.Fired("translation.judged") {
		t.Errorf("a not_alone rule's findings judged the article alone")
	}
	if note := ruleScore(t, res, "translation.judged").Note; !strings.Contains(note, "translation.a counts only next to another rule's finding") {
		t.Errorf("note does not say why: %s", note)
	}
	for _, text := range []string{"alpha beta ", "beta alpha ", "alpha gamma "} {
		if res := set.Apply(article(text+filler(10), "de", "", "")); !res.Fired("translation.judged") {
			t.Errorf("%q: a not_alone rule next to another rule's finding did not judge the article", text)
		}
	}
	if res := set.Apply(article("beta "+filler(10), "de", "", "")); !res.Fired("translation.judged") {
		t.Errorf("a rule without not_alone did not judge the article alone")
	}
}

func TestCombined_SignalNotApplied(t *testing.T) {
	// A signal rule for another language contributes nothing.
	set, err := loadFiles(t, map[string]string{"s.yaml": minimalScoring, "r.yaml": `rules:
  - {id: translation.a, family: translation, kind: penalty, severity: warning, weight: 1,
     description: d, message: A, phrases: [alpha], languages: [en]}
  - {id: translation.judged, family: translation, kind: combined, severity: warning, weight: 1,
     description: d, message: J, threshold: 1, min_findings: 1, signals: [{rule: translation.a}]}
`})
	if err != nil {
		t.Fatal(err)
	}
	res := set.Apply(article("alpha alpha "+filler(10), "de", "", ""))
	if res.Fired("translation.judged") {
		t.Errorf("a signal that did not apply judged the article")
	}
}

func TestCombined_LoadErrors(t *testing.T) {
	tests := []struct {
		name  string
		extra string
		want  []string
	}{
		{
			name: "ranges",
			extra: `    threshold: -1
    min_rules: 3
    signals: [{rule: translation.a}, {rule: translation.b, max: -1}]
`,
			want: []string{
				`rules/r.yaml:15:16: threshold -1 is out of range`,
				`	try: a value from 0 to 1000`,
				`rules/r.yaml:16:16: min_rules 3 is out of range`,
				`	try: 1 to 2 (the number of signals)`,
				`rules/r.yaml:17:65: max -1 is out of range`,
				`	try: 0 (all) or more`,
			},
		},
		{
			// Signals are resolved once every rule has loaded.
			name: "signals",
			extra: `    threshold: 1
    signals:
      - {rule: translation.aa}
      - {rule: translation.judged}
      - {rule: translation.a}
      - {rule: translation.a}
`,
			want: []string{
				`rules/r.yaml:20:16: signal "translation.a" is listed twice`,
				`	try: list each rule once`,
			},
		},
		{
			name: "unknown and nested signals",
			extra: `    threshold: 1
    signals:
      - {rule: translation.aa}
      - {rule: translation.judged}
`,
			want: []string{
				`rules/r.yaml:17:16: signal of translation.judged: no rule "translation.aa" in the rule set`,
				`	try: translation.a`,
				`rules/r.yaml:18:16: signal of translation.judged: "translation.judged" is a combined rule itself`,
				`	try: name the rules it combines instead`,
			},
		},
		{
			name: "decisive_at out of range",
			extra: `    threshold: 1
    signals:
      - {rule: translation.b, decisive_at: 2}
`,
			want: []string{
				`rules/r.yaml:17:44: decisive_at 2 is out of range`,
				`	try: a value from 0 to 1`,
			},
		},
		{
			// Only a profile's findings have a likelihood.
			name: "decisive_at of another kind",
			extra: `    threshold: 1
    signals:
      - {rule: translation.a, decisive_at: 0.9}
`,
			want: []string{
				`rules/r.yaml:17:44: signal of translation.judged: decisive_at needs a rule of kind profile, whose findings have a likelihood; "translation.a" is of kind penalty`,
				`	try: use decisive: true, or name a rule of kind profile`,
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := loadFiles(t, map[string]string{"s.yaml": minimalScoring, "r.yaml": combinedRules + tc.extra})
			if err == nil {
				t.Fatal("loaded a bad combined rule")
			}
			if diff := cmp.Diff(tc.want, errorLines(t, err)); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
}

func TestPenalty_OnlyWith(t *testing.T) {
	set, err := loadFiles(t, map[string]string{"s.yaml": minimalScoring, "r.yaml": `rules:
  - {id: translation.a, family: translation, kind: penalty, severity: warning, weight: 1,
     description: d, message: A, phrases: [alpha], only_with: {phrases: [omega]}}
`})
	if err != nil {
		t.Fatal(err)
	}
	if got := findingsOf(set.Apply(article("alpha beta", "de", "", "")), "translation.a", 0); got != nil {
		t.Errorf("without omega: findings %q, want none", got)
	}
	if got := findingsOf(set.Apply(article("alpha omega", "de", "", "")), "translation.a", 0); !cmp.Equal(got, []string{"alpha"}) {
		t.Errorf("with omega: findings %q, want [alpha]", got)
	}
}
