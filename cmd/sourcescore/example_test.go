package main

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"sourcescore/internal/testutil"
)

// exampleDir is the second story shipped as an example: invented articles
// about an invented story, with their manifest, labels and story file.
const (
	exampleDir   = "../../examples/norvalis-2026"
	exampleStory = "norvalis-2026"
)

// exampleRules is the built-in rule set (without machine-dependent word
// lists) with the example's story file added to its stories.
func exampleRules(t testing.TB) string {
	t.Helper()
	dir := builtinRulesDir(t)
	story, err := os.ReadFile(filepath.Join(exampleDir, "story.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "stories", exampleStory+".yaml"), story, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestExample_Norvalis scores examples/norvalis-2026 end to end: every
// article of its manifest is scored against the example's story, the
// reports are written, and the rules meet every label of labels.csv.
func TestExample_Norvalis(t *testing.T) {
	rulesDir := exampleRules(t)
	if code, stdout, stderr := run(t, "rules", "check", "--rules", rulesDir); code != exitOK {
		t.Fatalf("the example's story does not load: exit %d\n%s%s", code, stdout, stderr)
	}
	input := testutil.CopyDir(t, exampleDir)
	manifest := testutil.ReadCSV(t, filepath.Join(input, "manifest.csv"))

	out := t.TempDir()
	reports := filepath.Join(out, "reports")
	code, stdout, stderr := run(t, "run", "--input", input, "--rules", rulesDir, "--db", filepath.Join(out, "s.db"), "--out", reports)
	if code != exitOK {
		t.Fatalf("run: exit %d\n%s%s", code, stdout, stderr)
	}
	latest := filepath.Join(reports, "latest")
	for _, name := range []string{"article_scores.csv", "rule_scores.csv", "findings.csv", "outlet_scores.csv", "skipped.csv"} {
		if _, err := os.Stat(filepath.Join(latest, name)); err != nil {
			t.Errorf("report %s: %v", name, err)
		}
	}

	// Every article of the manifest is scored, against the story.
	articles := testutil.ReadCSV(t, filepath.Join(latest, "article_scores.csv"))
	if len(articles) != len(manifest) {
		t.Errorf("%d articles scored, the manifest lists %d", len(articles), len(manifest))
	}
	byFile := map[string]map[string]string{}
	for _, a := range articles {
		byFile[a["file"]] = a
	}
	idOf := map[string]string{}
	for _, m := range manifest {
		a := byFile[m["file"]]
		switch {
		case a == nil:
			t.Errorf("%s: not in article_scores.csv", m["file"])
			continue
		case a["story"] != exampleStory:
			t.Errorf("%s: scored against story %q, want %s", m["file"], a["story"], exampleStory)
		case a["score"] == "" || a["grade"] == "":
			t.Errorf("%s: no score or grade: %v", m["file"], a)
		}
		idOf[a["article_id"]] = m["file"]
	}
	// The rules that read the story (its accused side, its primary source,
	// its facts) scored every article.
	scored := map[string]int{}
	for _, r := range testutil.ReadCSV(t, filepath.Join(latest, "rule_scores.csv")) {
		if idOf[r["article_id"]] == "" {
			t.Errorf("rule_scores.csv: article %s is not in the manifest", r["article_id"])
		}
		if r["score"] != "" {
			scored[r["rule_id"]]++
		}
	}
	for _, id := range []string{"denial.missing", "dates.fact_mismatch", "dates.fact_conflict", "sourcing.primary_source", "sourcing.attribution"} {
		if scored[id] != len(manifest) {
			t.Errorf("%s scored %d of %d articles", id, scored[id], len(manifest))
		}
	}

	// The labels cover every article for each family the example is about,
	// with both outcomes, so that meeting them means something.
	labels := testutil.ReadCSV(t, filepath.Join(input, "labels.csv"))
	outcomes := map[string]map[string]bool{} // family → expected outcomes
	covered := map[string]map[string]bool{}  // file → families labelled
	for _, l := range labels {
		family, _, _ := strings.Cut(l["rule"], ".")
		if outcomes[family] == nil {
			outcomes[family] = map[string]bool{}
		}
		outcomes[family][l["expected"]] = true
		if covered[l["file"]] == nil {
			covered[l["file"]] = map[string]bool{}
		}
		covered[l["file"]][family] = true
	}
	for _, family := range []string{"denial", "dates", "sourcing"} {
		if !outcomes[family]["fires"] || !outcomes[family]["does not fire"] {
			t.Errorf("labels.csv: family %s lacks fires or does-not-fire labels: %v", family, outcomes[family])
		}
		for _, m := range manifest {
			if !covered[m["file"]][family] {
				t.Errorf("labels.csv: %s has no %s label", m["file"], family)
			}
		}
	}

	// rules eval meets every label: no false positive, no false negative.
	evalCSV := filepath.Join(out, "eval.csv")
	code, stdout, stderr = run(t, "rules", "eval", "--labels", filepath.Join(input, "labels.csv"), "--rules", rulesDir, "--csv", evalCSV)
	if code != exitOK {
		t.Fatalf("rules eval: exit %d\n%s%s", code, stdout, stderr)
	}
	var missed []string
	targets := map[string]bool{}
	for _, r := range testutil.ReadCSV(t, evalCSV) {
		targets[r["target"]] = true
		if r["fp"] != "0" || r["fn"] != "0" {
			missed = append(missed, r["target"])
		}
	}
	for _, l := range labels {
		if !targets[l["rule"]] {
			t.Errorf("eval.csv has no row for %s", l["rule"])
		}
	}
	if len(missed) > 0 {
		sort.Strings(missed)
		t.Errorf("the rules miss labels of examples/norvalis-2026 (%s):\n%s", strings.Join(missed, ", "), stdout)
	}
}
