package rules

import (
	"strings"
	"testing"
)

// TestBuiltin_Examples runs the examples of every built-in rule: what
// `sourcescore rules test` does, inside `make test`.
func TestBuiltin_Examples(t *testing.T) {
	set := builtin(t)
	for _, r := range set.Rules {
		if len(r.Examples.Fires) == 0 || len(r.Examples.Passes) == 0 {
			t.Errorf("%s: built-in rules need at least one fires and one passes example", r.ID)
		}
	}
	for _, res := range set.Test() {
		if !res.Passed {
			t.Errorf("%s:%d: %s %s[%d]:\n%s", res.File, res.Line, res.RuleID, res.Want, res.Index, res.Diff)
		}
	}
}

func TestSet_Test_BrokenExample(t *testing.T) {
	set, err := loadFiles(t, map[string]string{"scoring.yaml": minimalScoring, "r.yaml": `rules:
  - id: sourcing.vague
    family: sourcing
    kind: penalty
    weight: 1
    severity: warning
    description: d
    message: m
    phrases: [aus offiziellen Quellen]
    examples:
      fires:
        - text: "Das wissen wir aus offiziellen Quellen."
          evidence: [aus Quellen]
        - text: "Laut Peskow."
      passes:
        - text: "Aus offiziellen Quellen."
`})
	if err != nil {
		t.Fatal(err)
	}
	got := set.Test()
	want := []struct {
		line   int
		passed bool
		diff   string
	}{
		{12, false, "-want evidence [\"aus Quellen\"]\n+got  evidence [\"aus offiziellen Quellen\"]"},
		{14, false, "-want a finding\n+got  none (0 hits, 0 tolerated)"},
		{16, false, "-want no finding\n+got  [\"Aus offiziellen Quellen\"]"},
	}
	if len(got) != len(want) {
		t.Fatalf("%d results, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if g.Line != w.line || g.Passed != w.passed || g.Diff != w.diff {
			t.Errorf("result %d = line %d passed %v diff\n%s\nwant line %d passed %v diff\n%s", i, g.Line, g.Passed, g.Diff, w.line, w.passed, w.diff)
		}
	}
}

func TestLoad_ExampleErrors(t *testing.T) {
	_, err := loadFiles(t, map[string]string{"scoring.yaml": minimalScoring, "r.yaml": `rules:
  - id: sourcing.vague
    family: sourcing
    kind: penalty
    weight: 1
    severity: warning
    description: d
    message: m
    phrases: [x]
    examples:
      passes:
        - text: ""
          evidence: [x]
          published: 25.10.2024
`})
	got := strings.Join(errorLines(t, err), "\n")
	for _, want := range []string{
		"rules/r.yaml:12:11: example without text",
		"rules/r.yaml:13:21: a passes example has no findings, so no evidence",
		`rules/r.yaml:14:22: published "25.10.2024" is not a date`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("errors lack %q:\n%s", want, got)
		}
	}
}
