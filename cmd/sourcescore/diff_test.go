package main

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"sourcescore"
	"sourcescore/analysis"
	"sourcescore/internal/testutil"
	"sourcescore/reports"
	"sourcescore/store"
)

// setWeight changes the weight of one rule in a rule folder.
func setWeight(t testing.TB, dir, file, ruleID, weight string) {
	t.Helper()
	path := filepath.Join(dir, file)
	data := string(mustRead(t, path))
	re := regexp.MustCompile(`(?s)(- id: ` + regexp.QuoteMeta(ruleID) + `\n.*?\n\s+weight: )[\d.]+`)
	if !re.MatchString(data) {
		t.Fatalf("no weight of %s in %s", ruleID, path)
	}
	if err := os.WriteFile(path, []byte(re.ReplaceAllString(data, "${1}"+weight)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// loadDiff computes the diff of two runs as the command does.
func loadDiff(t testing.TB, db string, a, b int64) *analysis.RunDiff {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ra, rb, err := pickRuns(ctx, st, []string{itoa(a), itoa(b)})
	if err != nil {
		t.Fatal(err)
	}
	d, err := analysis.Diff(ctx, st, ra, rb)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// The loop: copy the rules, change one weight, run again; diff
// names the articles that moved and the rule that moved them.
func TestDiff_OneWeightChanged(t *testing.T) {
	input := seedsCopy(t)
	db := filepath.Join(t.TempDir(), "s.db")
	before := builtinRulesDir(t)
	setCaps(t, before) // no caps: a capped article's score would not move with the weight
	a := scoreRun(t, input, before, db)
	after := copyDir(t, before)
	setWeight(t, after, "translation.yaml", "translation.honorific", "6")
	b := scoreRun(t, input, after, db)

	// Which articles must move: those whose translation family has a rule
	// below 1, so that a heavier honorific rule changes its mean.
	want := map[string]bool{}
	for _, file := range []string{"000_b1e9ed358f7a1a99.txt", "001_19431bf1eb7bd27f.txt", seed002, "003_76550508f9514cba.txt", "004_10c273515bf542bd.txt"} {
		for _, r := range storedScoreOf(t, db, a.ID, file).Rules {
			if r.Family == sourcescore.FamilyTranslation && r.Applied && r.Score < 1 {
				want[file] = true
			}
		}
	}
	if !want["000_b1e9ed358f7a1a99.txt"] {
		t.Fatalf("seed 000 has no translation rule below 1; the test needs one (%v)", want)
	}

	out := t.TempDir()
	code, stdout, stderr := run(t, "diff", "--db", db, "--out", out, itoa(a.ID), itoa(b.ID))
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, s := range []string{"Rule set changed: " + a.RuleSetHash + " → " + b.RuleSetHash, "changed  translation.yaml",
		"translation.honorific", "weight 2 → 6", "Written: " + filepath.Join(out, "diff-1-2.csv")} {
		if !strings.Contains(stdout, s) {
			t.Errorf("output lacks %q:\n%s", s, stdout)
		}
	}

	// The table adds up: each article's change is the sum of its rules'
	// points as shown.
	checkMovedTable(t, stdout)

	// diff.csv: the rule set, the one changed file, the articles that
	// moved, with the honorific rule named for seed 000 first.
	rows := readDiffCSV(t, filepath.Join(out, "diff-1-2.csv"))
	got := map[string]bool{}
	var files []string
	rulesOf := map[string][]map[string]string{}
	for _, r := range rows {
		switch r["change"] {
		case analysis.ChangeArticleMoved:
			got[r["file"]] = true
		case analysis.ChangeRule:
			rulesOf[r["file"]] = append(rulesOf[r["file"]], r)
		case analysis.ChangeRuleFileChanged, analysis.ChangeRuleFileAdded, analysis.ChangeRuleFileRemoved:
			files = append(files, r["change"]+" "+r["rule_file"])
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("articles moved (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"rule_file_changed translation.yaml"}, files); diff != "" {
		t.Errorf("rule files (-want +got):\n%s", diff)
	}
	if rows[0]["change"] != analysis.ChangeRuleSet || rows[0]["detail"] != a.RuleSetHash+" -> "+b.RuleSetHash {
		t.Errorf("first row %v, want the rule set change", rows[0])
	}
	first := rulesOf["000_b1e9ed358f7a1a99.txt"]
	if len(first) == 0 || first[0]["rule_id"] != "translation.honorific" || first[0]["old_weight"] != "2" ||
		first[0]["new_weight"] != "6" || first[0]["detail"] != "weight 2 -> 6" || !strings.HasPrefix(first[0]["points"], "-") {
		t.Errorf("seed 000's first rule row %v, want translation.honorific costing points, weight 2 -> 6", first)
	}
	for file := range want {
		for _, r := range rulesOf[file] {
			if !strings.HasPrefix(r["rule_id"], "translation.") {
				t.Errorf("%s: rule %s held responsible for a change of translation weights", file, r["rule_id"])
			}
		}
	}

	// The rules' points add up to each article's change; no finding moved.
	d := loadDiff(t, db, a.ID, b.ID)
	for _, c := range d.Articles {
		if c.Change != analysis.ChangeArticleMoved {
			t.Errorf("%s: change %q, want only moved articles", c.Snap().File, c.Change)
			continue
		}
		var sum float64
		for _, r := range c.Rules {
			sum += r.Points
		}
		if delta := c.New.Score - c.Old.Score; math.Abs(sum-delta) > 1e-6 {
			t.Errorf("%s: rules' points add up to %.4f, the score moved %.4f", c.New.File, sum, delta)
		}
		if len(c.Added)+len(c.Removed) != 0 {
			t.Errorf("%s: findings changed with a weight: +%v -%v", c.New.File, c.Added, c.Removed)
		}
	}
	var outlets []string
	for _, o := range d.Outlets {
		outlets = append(outlets, o.Outlet)
	}
	var wantOutlets []string
	for _, file := range sortedKeys(want) {
		wantOutlets = append(wantOutlets, storedScoreOf(t, db, a.ID, file).Article.Meta.OutletName())
	}
	sort.Strings(wantOutlets)
	if diff := cmp.Diff(wantOutlets, outlets); diff != "" {
		t.Errorf("outlets moved (-want +got):\n%s", diff)
	}
}

// setCaps replaces the grade caps of the built-in scoring.yaml in a rule
// folder (its last section) with caps (list items, one a line).
func setCaps(t testing.TB, dir string, caps ...string) {
	t.Helper()
	path := filepath.Join(dir, "scoring.yaml")
	data := string(mustRead(t, path))
	i := strings.Index(data, "\n  caps:\n")
	if i < 0 {
		t.Fatalf("%s has no caps section:\n%s", path, data)
	}
	data = data[:i+1] + "  caps:"
	if len(caps) == 0 {
		data += " []"
	}
	data += "\n"
	for _, c := range caps {
		data += "    - " + c + "\n"
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Grade caps that appear, go and change move articles, and diff says so
// with a cap line whose points add up with the rules' to the change.
func TestDiff_Caps(t *testing.T) {
	input := seedsCopy(t)
	db := filepath.Join(t.TempDir(), "s.db")
	builtin := builtinRulesDir(t)
	setCaps(t, builtin, "{rule: denial.missing, grade: C}")
	scoreRun(t, input, builtin, db) // run 1: one cap, denial.missing at most C
	// Run 2: calqued honorifics cap seed 000 (86.1 when this was written) at C.
	capped := copyDir(t, builtin)
	setCaps(t, capped, "{rule: denial.missing, grade: C}", "{rule: translation.honorific, at_most: 0.9, grade: C}")
	scoreRun(t, input, capped, db)
	// Run 3: the honorific rule weighs 6 (000 then scores below B's 89.9
	// before caps) and caps at B only; no denial cap.
	changed := copyDir(t, builtin)
	setWeight(t, changed, "translation.yaml", "translation.honorific", "6")
	setCaps(t, changed, "{rule: translation.honorific, at_most: 0.9, grade: B}")
	scoreRun(t, input, changed, db)

	// What the caps took in each run, from the stored scores (the numbers
	// move with the rules: 000 took 6.2 points in run 2 when this was written).
	took := func(run int64, file string) float64 { return storedScoreOf(t, db, run, file).CapPoints() }
	const seed000 = "000_b1e9ed358f7a1a99.txt"
	if took(2, seed000) <= 0 || took(3, seed000) != 0 {
		t.Fatalf("seed 000: caps took %v points in run 2 and %v in run 3; want some, then none", took(2, seed000), took(3, seed000))
	}
	type capLine struct {
		Why    string
		Points string // exact, two decimals
	}
	points := func(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }
	tests := []struct {
		a, b int64
		want map[string]capLine // the cap line of each article whose caps moved it
	}{
		{1, 2, map[string]capLine{
			seed000: {fmt.Sprintf("none → C by translation.honorific, took 0.0 → %.1f points", took(2, seed000)), points(-took(2, seed000))},
		}},
		{2, 3, map[string]capLine{
			seed000: {fmt.Sprintf("C by translation.honorific → B by translation.honorific, took %.1f → 0.0 points", took(2, seed000)),
				points(took(2, seed000))},
			seed002: {"C by denial.missing → none", points(0)},
		}},
	}
	for _, tt := range tests {
		t.Run(itoa(tt.a)+"-"+itoa(tt.b), func(t *testing.T) {
			out := t.TempDir()
			code, stdout, stderr := run(t, "diff", "--db", db, "--out", out, itoa(tt.a), itoa(tt.b))
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			checkMovedTable(t, stdout)

			// Every article with a cap line, and the exact points of rules
			// and caps adding up to its change.
			d := loadDiff(t, db, tt.a, tt.b)
			got := map[string]capLine{}
			for _, c := range d.Articles {
				if c.Change != analysis.ChangeArticleMoved {
					t.Errorf("%s: change %q, want only moved articles", c.Snap().File, c.Change)
					continue
				}
				var sum float64
				for _, ct := range c.Contributions() {
					sum += ct.Points
					if ct.ID == analysis.ChangeCap {
						got[c.New.File] = capLine{ct.Why, points(ct.Points)}
					}
				}
				if math.Abs(sum-(c.New.Score-c.Old.Score)) > 1e-6 {
					t.Errorf("%s: rules' and caps' points add up to %.4f, the score moved %.4f", c.New.File, sum, c.New.Score-c.Old.Score)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("cap lines (-want +got):\n%s\n%s", diff, stdout)
			}
			for file, l := range tt.want {
				if !regexp.MustCompile(`(?m)^\S+  `+regexp.QuoteMeta(file)+`  .*$`).MatchString(stdout) || !strings.Contains(stdout, "  cap ") ||
					!strings.Contains(stdout, l.Why) {
					t.Errorf("the table lacks %s's cap line %q:\n%s", file, l.Why, stdout)
				}
			}

			// diff.csv: a cap row after the article's row, with the points
			// the change of caps gave back or cost, exact.
			var capRows []string
			for _, r := range readDiffCSV(t, filepath.Join(out, reports.DiffFile(tt.a, tt.b))) {
				if r["change"] == analysis.ChangeCap {
					capRows = append(capRows, r["file"]+": "+r["points"]+" "+r["detail"])
				}
			}
			var wantRows []string
			for _, c := range d.Articles {
				if c.Cap != nil {
					wantRows = append(wantRows, c.New.File+": "+strconv.FormatFloat(c.Cap.Points, 'f', 2, 64)+" "+strings.ReplaceAll(c.Cap.Why(), "→", "->"))
				}
			}
			if len(wantRows) == 0 {
				t.Fatal("no cap change")
			}
			if diff := cmp.Diff(wantRows, capRows); diff != "" {
				t.Errorf("cap rows of diff.csv (-want +got):\n%s", diff)
			}
		})
	}
}

// checkMovedTable checks that in the table of moved articles the points of
// each article's rules and caps add up to its change, in tenths as shown.
func checkMovedTable(t *testing.T, out string) {
	t.Helper()
	start := strings.Index(out, "\nARTICLE ")
	if start < 0 {
		t.Fatalf("no table of moved articles:\n%s", out)
	}
	lines := strings.Split(out[start+1:], "\n")
	col := func(name string) int {
		i := strings.Index(lines[0], name)
		if i < 0 {
			t.Fatalf("no column %s in %q", name, lines[0])
		}
		return len([]rune(lines[0][:i]))
	}
	change, rule, points, what := col("CHANGE"), col("RULE"), col("POINTS"), col("WHAT CHANGED")
	cell := func(r []rune, from, to int) string {
		if from >= len(r) {
			return ""
		}
		return strings.TrimSpace(string(r[from:min(to, len(r))]))
	}
	var articles int
	want, sum := 0, 0
	flush := func() {
		if articles > 0 && sum != want {
			t.Errorf("an article's rules add up to %d tenths, its change is %d:\n%s", sum, want, out)
		}
	}
	for _, line := range lines[1:] {
		if strings.TrimSpace(line) == "" {
			break
		}
		r := []rune(line)
		if c := cell(r, change, rule); c != "" {
			flush()
			articles++
			want, sum = tenthsOf(t, c), 0
		}
		sum += tenthsOf(t, cell(r, points, what))
	}
	flush()
	if articles == 0 {
		t.Errorf("no moved article in the table:\n%s", out)
	}
}

func sortedKeys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// storedScoreOf reads one article score of a run.
func storedScoreOf(t testing.TB, db string, runID int64, file string) *sourcescore.ArticleScore {
	t.Helper()
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	scores, err := st.ArticleScores(context.Background(), runID)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range scores {
		if s.Article.File == file {
			return s
		}
	}
	t.Fatalf("%s not in run %d", file, runID)
	return nil
}

func TestDiff_SameRules(t *testing.T) {
	input := seedsCopy(t)
	db := filepath.Join(t.TempDir(), "s.db")
	rulesDir := builtinRulesDir(t)
	scoreRun(t, input, rulesDir, db)
	scoreRun(t, input, copyDir(t, rulesDir), db) // another folder, the same files
	out := t.TempDir()
	code, stdout, stderr := run(t, "diff", "--db", db, "--out", out) // the two latest runs
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "Run 1 (before) against run 2 (after)") || !strings.Contains(stdout, "No changes") {
		t.Errorf("output:\n%s", stdout)
	}
	if rows := readDiffCSV(t, filepath.Join(out, "diff-1-2.csv")); len(rows) != 0 {
		t.Errorf("diff.csv of identical runs has rows: %v", rows)
	}
}

// Articles that appear and disappear, and findings that change with the
// text, are listed; the rule set is the same.
func TestDiff_ArticlesAndFindings(t *testing.T) {
	input := seedsCopy(t)
	db := filepath.Join(t.TempDir(), "s.db")
	rulesDir := builtinRulesDir(t)
	a := scoreRun(t, input, rulesDir, db)

	os.Remove(filepath.Join(input, "003_76550508f9514cba.txt"))
	if err := os.MkdirAll(filepath.Join(input, "extra"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(input, "extra", "005.txt"), mustRead(t, filepath.Join(input, seed002)), 0o644); err != nil {
		t.Fatal(err)
	}
	p000 := filepath.Join(input, "000_b1e9ed358f7a1a99.txt")
	text := string(mustRead(t, p000))
	if !strings.Contains(text, "Herrn Peskow") {
		t.Fatal("seed 000 no longer says Herrn Peskow")
	}
	os.WriteFile(p000, []byte(strings.Replace(text, "Herrn Peskow", "Dmitri Peskow", 1)), 0o644)
	b := scoreRun(t, input, rulesDir, db)

	d := loadDiff(t, db, a.ID, b.ID)
	changes := map[string]string{}
	var removed []string
	for _, c := range d.Articles {
		changes[c.Snap().File] = c.Change
		for _, f := range c.Removed {
			removed = append(removed, c.Snap().File+" "+f.RuleID+" "+f.Evidence)
		}
	}
	if changes["003_76550508f9514cba.txt"] != analysis.ChangeArticleRemoved || changes["extra/005.txt"] != analysis.ChangeArticleAdded {
		t.Errorf("changes %v, want 003 removed and extra/005.txt added", changes)
	}
	if _, ok := changes[seed002]; ok {
		t.Errorf("seed 002 listed although nothing about it changed: %v", changes)
	}
	found := false
	for _, r := range removed {
		if r == "000_b1e9ed358f7a1a99.txt translation.honorific Herrn Peskow" {
			found = true
		}
	}
	if !found {
		t.Errorf("removed findings %v lack 000's honorific \"Herrn Peskow\"", removed)
	}
	if d.A.RuleSetHash != d.B.RuleSetHash || len(d.RuleFiles) != 0 {
		t.Errorf("rule set reported as changed: %v", d.RuleFiles)
	}

	out := t.TempDir()
	code, stdout, stderr := run(t, "diff", "--db", db, "--out", out, "1", "latest")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, s := range []string{"Rule set: the same", "removed", "added", "extra/005.txt",
		"-  000_b1e9ed358f7a1a99.txt  5:206", "»Herrn Peskow«"} {
		if !strings.Contains(stdout, s) {
			t.Errorf("output lacks %q:\n%s", s, stdout)
		}
	}
	var kinds []string
	for _, r := range readDiffCSV(t, filepath.Join(out, "diff-1-2.csv")) {
		if r["change"] == analysis.ChangeFindingRemoved && r["evidence"] == "Herrn Peskow" {
			kinds = append(kinds, r["change"]+" "+r["rule_id"]+" "+r["line"]+":"+r["column"])
		}
		if r["change"] == analysis.ChangeArticleAdded || r["change"] == analysis.ChangeArticleRemoved {
			kinds = append(kinds, r["change"]+" "+r["file"])
		}
	}
	sort.Strings(kinds)
	want := []string{"article_added extra/005.txt", "article_removed 003_76550508f9514cba.txt", "finding_removed translation.honorific 5:206"}
	if diff := cmp.Diff(want, kinds); diff != "" {
		t.Errorf("diff.csv rows (-want +got):\n%s", diff)
	}
}

func TestDiff_Errors(t *testing.T) {
	input := seedsCopy(t)
	db := filepath.Join(t.TempDir(), "s.db")
	scoreRun(t, input, builtinRulesDir(t), db)
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"one run", []string{"diff", "--db", db, "1"}, "diff takes two runs"},
		{"not a number", []string{"diff", "--db", db, "1", "two"}, `run "two": give a run id`},
		{"unknown run", []string{"diff", "--db", db, "1", "9"}, "run 9 is not in " + db + "\n\ttry: 1 (the newest successful run)"},
		{"only one run", []string{"diff", "--db", db}, "diff needs two successful runs; " + db + " holds 1"},
		{"bad delimiter", []string{"diff", "--db", db, "--csv-delimiter", "|", "1", "1"}, `--csv-delimiter "|"`},
		{"no database", []string{"diff", "--db", filepath.Join(t.TempDir(), "x.db"), "1", "2"}, "does not exist"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := run(t, tt.args...)
			if code != exitUsage || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, stderr, tt.want)
			}
		})
	}
	code, out, _ := run(t, "diff", "--help")
	if code != exitOK || !strings.Contains(out, "Usage:\n  sourcescore diff") || !strings.Contains(out, "Examples:") {
		t.Errorf("diff --help: exit %d\n%s", code, out)
	}
}

func TestCompareRuleFiles(t *testing.T) {
	a := []store.RuleFile{
		{Path: "builtin/dates.yaml", Hash: "d1"},
		{Path: "builtin/stories/s.yaml", Hash: "s1"},
		{Path: "builtin/translation.yaml", Hash: "t1"},
		{Path: "wordlist:/usr/share/dict/ngerman", Hash: "w1"},
	}
	b := []store.RuleFile{
		{Path: "/tmp/my rules/dates.yaml", Hash: "d1"},
		{Path: "/tmp/my rules/extra.yaml", Hash: "e2"},
		{Path: "/tmp/my rules/stories/s.yaml", Hash: "s2"},
		{Path: "wordlist:/usr/share/dict/ngerman", Hash: "w1"},
	}
	dirA, dirB, got := analysis.CompareRuleFiles(a, b)
	want := []analysis.RuleFileChange{
		{Path: "extra.yaml", Change: analysis.ChangeRuleFileAdded, NewHash: "e2"},
		{Path: "stories/s.yaml", Change: analysis.ChangeRuleFileChanged, OldHash: "s1", NewHash: "s2"},
		{Path: "translation.yaml", Change: analysis.ChangeRuleFileRemoved, OldHash: "t1"},
	}
	if dirA != "builtin" || dirB != "/tmp/my rules" {
		t.Errorf("folders %q and %q, want builtin and /tmp/my rules", dirA, dirB)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("changes (-want +got):\n%s", diff)
	}
}

func TestCompareFindings(t *testing.T) {
	f := func(rule, ev string, line int) sourcescore.Finding {
		return sourcescore.Finding{RuleID: rule, Evidence: ev, Pos: sourcescore.Position{Line: line, Column: 1}}
	}
	old := []sourcescore.Finding{f("a", "x", 1), f("a", "x", 1), f("b", "", 0), f("c", "y", 2)}
	new := []sourcescore.Finding{f("a", "x", 1), f("b", "", 0), f("c", "y", 3), f("d", "z", 4)}
	added, removed := analysis.CompareFindings(old, new)
	if diff := cmp.Diff([]sourcescore.Finding{f("c", "y", 3), f("d", "z", 4)}, added); diff != "" {
		t.Errorf("added (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]sourcescore.Finding{f("a", "x", 1), f("c", "y", 2)}, removed); diff != "" {
		t.Errorf("removed (-want +got):\n%s", diff)
	}
}

// copyDir copies a folder to a new temporary one.
func copyDir(t testing.TB, dir string) string { return testutil.CopyDir(t, dir) }

// readDiffCSV reads a diff report into rows of column → value.
func readDiffCSV(t testing.TB, path string) []map[string]string { return testutil.ReadCSV(t, path) }
