package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestRulesTest_Builtin(t *testing.T) {
	code, stdout, stderr := run(t, "rules", "test")
	if code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	if !strings.HasSuffix(stdout, " passed, 0 failed\n") {
		t.Errorf("no summary line:\n%s", stdout)
	}
}

func TestRulesTest_BrokenExampleFailsWithADiff(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := run(t, "rules", "init", dir); code != exitOK {
		t.Fatal(stderr)
	}
	path := filepath.Join(dir, "translation.yaml")
	data, _ := os.ReadFile(path)
	broken := bytes.Replace(data, []byte("evidence: [Herrn Peskow, Herr Musk, Herrn Trump]"), []byte("evidence: [Herrn Peskow, Herr Musk]"), 1)
	if bytes.Equal(broken, data) {
		t.Fatal("the honorific example was not found to break")
	}
	os.WriteFile(path, broken, 0o644)
	code, stdout, stderr := run(t, "rules", "test", "--rules", dir)
	if code != exitFailed {
		t.Errorf("exit %d, want 1", code)
	}
	want := `FAIL  translation.honorific
      ` + path + `:`
	if !strings.Contains(stdout, want) {
		t.Errorf("output lacks %q:\n%s", want, stdout)
	}
	for _, want := range []string{
		`-want evidence ["Herrn Peskow", "Herr Musk"]`,
		`+got  evidence ["Herrn Peskow", "Herr Musk", "Herrn Trump"]`,
		" passed, 1 failed\n",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	if !strings.Contains(stderr, "rule examples failed") {
		t.Errorf("stderr: %q", stderr)
	}
}

func TestRulesEval(t *testing.T) {
	input := seedsCopy(t)
	labels := filepath.Join(input, "labels.csv")
	os.WriteFile(labels, []byte("file,rule,expected\n"+
		"002_b69c8368de298335.txt,denial.missing,fires\n"+
		"001_19431bf1eb7bd27f.txt,denial.missing,fires\n"+ // wrong on purpose: 001 reports the denial
		"004_10c273515bf542bd.txt,translation,fires\n"+
		"003_76550508f9514cba.txt,translation,does not fire\n"), 0o644)
	out := filepath.Join(t.TempDir(), "eval.csv")
	code, stdout, stderr := run(t, "rules", "eval", "--labels", labels, "--csv", out)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		"denial.missing  1   0   1   0   1.00       0.50",
		"translation     1   0   0   1   1.00       1.00",
		"denial.missing: 001_19431bf1eb7bd27f.txt: expected to fire, did not",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if want := "target,tp,fp,fn,tn,precision,recall\ndenial.missing,1,0,1,0,1.00,0.50\ntranslation,1,0,0,1,1.00,1.00\n"; string(data) != want {
		t.Errorf("eval.csv:\n%s\nwant:\n%s", data, want)
	}
}

func TestRulesEval_BadLabels(t *testing.T) {
	input := seedsCopy(t)
	labels := filepath.Join(input, "labels.csv")
	os.WriteFile(labels, []byte("file,rule,expected\n002_b69c8368de298335.txt,denial.mising,fires\n002_b69c8368de298335.txt,denial.missing,maybe\n"), 0o644)
	code, _, stderr := run(t, "rules", "eval", "--labels", labels)
	if code != exitUsage {
		t.Errorf("exit %d, want 2", code)
	}
	for _, want := range []string{labels + `:2: "denial.mising" is neither a rule id nor a family`, labels + `:3: expected "maybe" must be fires or does not fire`} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
}

func TestRulesEval_SeedLabels(t *testing.T) {
	code, stdout, stderr := run(t, "rules", "eval", "--labels", "../../seeds/labels.csv")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !regexpMust(`(?m)^all\s+\d+\s+0\s+0\s+\d+\s+1\.00\s+1\.00$`).MatchString(stdout) {
		t.Errorf("the seed labels are not all met:\n%s", stdout)
	}
}

func regexpMust(expr string) *regexp.Regexp { return regexp.MustCompile(expr) }

// A grade cap on a rule the set does not have (yet) is refused at its
// position.
func TestRulesCheck_CapOfAMissingRule(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := run(t, "rules", "init", dir); code != exitOK {
		t.Fatal(stderr)
	}
	path := filepath.Join(dir, "scoring.yaml")
	data, _ := os.ReadFile(path)
	line := bytes.Count(data, []byte("\n")) + 1
	os.WriteFile(path, append(data, "    - {rule: translation.not_written_yet, grade: C}\n"...), 0o644)
	code, stdout, _ := run(t, "rules", "check", "--rules", dir)
	want := fmt.Sprintf("%s:%d:14: unknown rule id \"translation.not_written_yet\" in a grade cap\n"+
		"\ttry: add the rule first, or name one of the set's rules (sourcescore rules test lists them)\n", path, line)
	if code != exitUsage || !strings.Contains(stdout, want) {
		t.Errorf("exit %d, stdout:\n%s\nwant 2 and %q", code, stdout, want)
	}
}

func TestRulesCheck_ThreeMistakesThreeMessages(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := run(t, "rules", "init", dir); code != exitOK {
		t.Fatal(stderr)
	}
	path := filepath.Join(dir, "sourcing.yaml")
	data, _ := os.ReadFile(path)
	data = bytes.Replace(data, []byte("    weight: 2\n"), []byte("    wieght: 2\n"), 1)    // unknown key
	data = bytes.Replace(data, []byte("kind: attribution"), []byte("kind: atribution"), 1) // unknown kind
	// A regex RE2 refuses, first in the patterns of the rule after per_hit: 0.34 (vague_only).
	at := bytes.Index(data, []byte("    per_hit: 0.34\n"))
	at += bytes.Index(data[at:], []byte("    patterns:\n")) + len("    patterns:\n")
	data = append(data[:at:at], append([]byte("      - '(?<=x)y'\n"), data[at:]...)...)
	os.WriteFile(path, data, 0o644)
	code, stdout, _ := run(t, "rules", "check", "--rules", dir)
	if code != exitUsage {
		t.Errorf("exit %d, want 2", code)
	}
	var positioned []string
	for _, line := range strings.Split(stdout, "\n") {
		if regexpMust(`^` + regexp.QuoteMeta(path) + `:\d+:\d+: `).MatchString(line) {
			positioned = append(positioned, line)
		}
	}
	if len(positioned) != 3 {
		t.Fatalf("%d positioned errors, want 3:\n%s", len(positioned), stdout)
	}
	for i, want := range []string{`unknown key "wieght"`, `unknown kind "atribution"`, `bad pattern "(?<=x)y"`} {
		if !strings.Contains(positioned[i], want) {
			t.Errorf("error %d = %q, want %q", i, positioned[i], want)
		}
	}
}

// TestRuleLimits_Flags: the rule-set limits are flags of every command
// that loads rules: a tighter one refuses the built-in set at the list
// that passes it (exit 2, file:line:column), and a bad value is a usage
// error.
func TestRuleLimits_Flags(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	for _, args := range [][]string{
		{"rules", "check", "--max-phrases", "50"},
		{"rules", "test", "--max-phrases", "50"},
		{"run", "--max-phrases", "50", "--db", db, "--out", filepath.Join(t.TempDir(), "out")},
	} {
		code, stdout, stderr := run(t, args...)
		if code != exitUsage {
			t.Errorf("%v: exit %d, want %d\n%s%s", args, code, exitUsage, stdout, stderr)
		}
		if !regexp.MustCompile(`builtin/\w+\.yaml:\d+:\d+: the rule set's phrase lists hold \d+ phrases here, more than the limit of 50 \(--max-phrases\)`).MatchString(stdout + stderr) {
			t.Errorf("%v: no positioned limit error:\n%s%s", args, stdout, stderr)
		}
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("run created the database although its rules were refused")
	}
	code, stdout, stderr := run(t, "rules", "check", "--max-rule-file-bytes", "10000")
	if code != exitUsage || !strings.Contains(stdout, "builtin/translation.yaml:1:1: rule file of ") {
		t.Errorf("--max-rule-file-bytes 10000: exit %d\n%s%s", code, stdout, stderr)
	}
	code, stdout, stderr = run(t, "rules", "check", "--max-yaml-depth", "0")
	if code != exitUsage || !strings.Contains(stderr, "--max-yaml-depth 0: use 1 or more") {
		t.Errorf("--max-yaml-depth 0: exit %d\n%s%s", code, stdout, stderr)
	}
	if code, stdout, stderr := run(t, "rules", "check", "--max-phrases", "1000000"); code != exitOK {
		t.Errorf("--max-phrases 1000000: exit %d\n%s%s", code, stdout, stderr)
	}
}

// TestRules_FolderArgument: `rules check DIR` and `rules test DIR` check
// DIR, as `rules init DIR` writes it (they ignored it and checked the
// built-in rules, exit 0, on a broken folder); --rules and a different
// folder together, or two folders, are usage errors.
func TestRules_FolderArgument(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "r")
	if code, _, stderr := run(t, "rules", "init", dir); code != exitOK {
		t.Fatal(stderr)
	}
	if code, stdout, stderr := run(t, "rules", "check", dir); code != exitOK || !strings.HasPrefix(stdout, dir+": ") {
		t.Errorf("rules check DIR: exit %d\n%s%s", code, stdout, stderr)
	}
	f, _ := os.OpenFile(filepath.Join(dir, "scoring.yaml"), os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString("wieght: [\n")
	f.Close()
	for _, args := range [][]string{{"rules", "check", dir}, {"rules", "test", dir}, {"rules", "check", "--rules", dir, dir}} {
		code, stdout, stderr := run(t, args...)
		if code == exitOK || !strings.Contains(stdout+stderr, filepath.Join(dir, "scoring.yaml")+":") {
			t.Errorf("%v on a broken folder: exit %d\n%s%s", args, code, stdout, stderr)
		}
	}
	for _, args := range [][]string{{"rules", "check", "--rules", t.TempDir(), dir}, {"rules", "test", dir, dir + "2"}} {
		if code, _, stderr := run(t, args...); code != exitUsage {
			t.Errorf("%v: exit %d, want 2\n%s", args, code, stderr)
		}
	}
}

// TestRules_FormatJSON: rules check and rules eval --format json write one
// JSON document, parsed back here: the set or its positioned errors (with
// the same exit codes as the text), the counts and ratios per target.
func TestRules_FormatJSON(t *testing.T) {
	code, stdout, stderr := run(t, "rules", "check", "--format", "json")
	var doc checkJSONDoc
	if code != exitOK || json.Unmarshal([]byte(stdout), &doc) != nil || !doc.OK || doc.Rules == 0 || len(doc.RuleSet) != 64 {
		t.Errorf("built-in: exit %d %+v\n%s%s", code, doc, stdout, stderr)
	}
	dir := filepath.Join(t.TempDir(), "r")
	run(t, "rules", "init", dir)
	f, _ := os.OpenFile(filepath.Join(dir, "scoring.yaml"), os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString("x: [\n")
	f.Close()
	code, stdout, _ = run(t, "rules", "check", "--format", "json", dir)
	doc = checkJSONDoc{}
	if code != exitUsage || json.Unmarshal([]byte(stdout), &doc) != nil || doc.OK {
		t.Fatalf("broken: exit %d\n%s", code, stdout)
	}
	found := false
	for _, e := range doc.Errors {
		found = found || e.File == filepath.Join(dir, "scoring.yaml") && e.Line > 0 && e.Column > 0
	}
	if !found {
		t.Errorf("no positioned error in scoring.yaml: %+v", doc.Errors)
	}
	input := seedsCopy(t)
	code, stdout, _ = run(t, "rules", "eval", "--format", "json", "--labels", filepath.Join(input, "labels.csv"))
	var ev evalJSON
	if code != exitOK || json.Unmarshal([]byte(stdout), &ev) != nil || len(ev.Targets) == 0 {
		t.Fatalf("eval: exit %d\n%s", code, stdout)
	}
	sum := 0
	for _, c := range ev.Targets {
		sum += c.TP + c.FP + c.FN + c.TN
		if c.TP+c.FP == 0 && c.Precision != nil {
			t.Errorf("%s: precision %v with nothing fired, want null", c.Target, *c.Precision)
		}
	}
	if all := ev.All; all.TP+all.FP+all.FN+all.TN != sum || all.Precision == nil {
		t.Errorf("all: %+v, targets sum to %d", all, sum)
	}
}
