package main

import (
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// decodeJSON parses out as one JSON document into v, refusing unknown
// fields (so that the test's struct names every field the README lists)
// and anything after the document.
func decodeJSON(t testing.TB, out string, v any) {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		t.Fatalf("not one JSON document: %v\n%s", err, out)
	}
	if dec.More() {
		t.Fatalf("more than one JSON document:\n%s", out)
	}
}

// diff --format json: one document with the same changes as the text and
// the CSV, the CSV written as with text.
func TestDiff_FormatJSON(t *testing.T) {
	input := seedsCopy(t)
	db := filepath.Join(t.TempDir(), "s.db")
	before := builtinRulesDir(t)
	setCaps(t, before)
	a := scoreRun(t, input, before, db)
	after := copyDir(t, before)
	setWeight(t, after, "translation.yaml", "translation.honorific", "6")
	os.Remove(filepath.Join(input, "003_76550508f9514cba.txt"))
	b := scoreRun(t, input, after, db)

	out := t.TempDir()
	code, stdout, stderr := run(t, "diff", "--db", db, "--out", out, "--format", "json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var doc diffJSON
	decodeJSON(t, stdout, &doc)
	if doc.RunA.ID != a.ID || doc.RunB.ID != b.ID || !doc.RuleSetChanged || doc.RunA.RuleSet != a.RuleSetHash {
		t.Errorf("runs %+v, %+v, rule set changed %v; want %d then %d, changed", doc.RunA, doc.RunB, doc.RuleSetChanged, a.ID, b.ID)
	}
	if d := cmp.Diff([]diffRuleFileJSON{{Path: "translation.yaml", Change: "rule_file_changed",
		OldHash: doc.RuleFiles[0].OldHash, NewHash: doc.RuleFiles[0].NewHash}}, doc.RuleFiles); d != "" || doc.RuleFiles[0].OldHash == doc.RuleFiles[0].NewHash {
		t.Errorf("rule files (-want +got):\n%s", d)
	}
	if doc.Articles != 5 {
		t.Errorf("articles %d, want 5 (in either run)", doc.Articles)
	}
	moved := 0
	byFile := map[string]diffArticleJSON{}
	for _, c := range doc.Changes {
		byFile[c.File] = c
		if c.Change != "findings_changed" {
			moved++
		}
		if c.Change != "article_moved" {
			continue
		}
		if c.Points == nil || c.Old.Score == nil || c.New.Score == nil {
			t.Fatalf("%s: moved without scores: %+v", c.File, c)
		}
		if math.Abs(*c.Points-(*c.New.Score-*c.Old.Score)) > 1e-9 {
			t.Errorf("%s: points %v, scores %v → %v", c.File, *c.Points, *c.Old.Score, *c.New.Score)
		}
		sum := 0.0
		for _, m := range c.Moved {
			sum += m.Points
			if m.RuleID == "translation.honorific" && (m.OldWeight == nil || *m.OldWeight != 2 || m.NewWeight == nil || *m.NewWeight != 6) {
				t.Errorf("%s: honorific weights %v → %v, want 2 → 6", c.File, deref(m.OldWeight), deref(m.NewWeight))
			}
		}
		if math.Abs(sum-*c.Points) > 1e-6 {
			t.Errorf("%s: moved_by adds up to %.4f, the score moved %.4f", c.File, sum, *c.Points)
		}
	}
	if moved != doc.Moved || moved < 2 {
		t.Errorf("moved %d, %d changes moved; want the same, at least 003 and one weight move", doc.Moved, moved)
	}
	gone := byFile["003_76550508f9514cba.txt"]
	if gone.Change != "article_removed" || gone.Old == nil || gone.New != nil || gone.Points != nil || len(gone.Removed) == 0 {
		t.Errorf("003: %+v, want removed with its old score and findings", gone)
	}

	// The text names the same number of moved articles, and the CSV the
	// document names has the rows it counts.
	_, text, _ := run(t, "diff", "--db", db, "--out", t.TempDir())
	if want := "Articles moved: " + itoa(int64(doc.Moved)) + " of 5"; !strings.Contains(text, want) {
		t.Errorf("text lacks %q:\n%s", want, text)
	}
	if doc.CSV != filepath.Join(out, "diff-1-2.csv") {
		t.Errorf("csv %q, want diff-1-2.csv in %s", doc.CSV, out)
	}
	f, err := os.Open(doc.CSV)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil || len(rows)-1 != doc.CSVRows {
		t.Errorf("%s: %d rows after the header (%v), the document says %d", doc.CSV, len(rows)-1, err, doc.CSVRows)
	}

	if code, _, stderr := run(t, "diff", "--db", db, "--format", "xml"); code != exitUsage || !strings.Contains(stderr, `--format "xml": use text or json`) {
		t.Errorf("--format xml: exit %d, %s", code, stderr)
	}
}

// history --format json: the runs the table shows, with the same scores
// and changes, null where the table shows none.
func TestHistory_FormatJSON(t *testing.T) {
	db, _ := threeRuns(t)
	code, stdout, stderr := run(t, "history", "ddbnews.org", "--db", db, "--format", "json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var doc historyJSON
	decodeJSON(t, stdout, &doc)
	if doc.Outlet != "ddbnews.org" || doc.Database != db || doc.RunsAll != 3 || len(doc.Runs) != 3 {
		t.Fatalf("document %+v: want ddbnews.org, %s, 3 runs", doc, db)
	}
	_, text, _ := run(t, "history", "ddbnews.org", "--db", db)
	for i, r := range rowsOf(t, text, "RUN") {
		j := doc.Runs[i]
		if itoa(j.Run) != r[0] || j.Score == nil || one(*j.Score) != r[3] || j.Grade != r[4] || len(j.RuleSet) != 64 || !strings.HasPrefix(j.RuleSet, r[len(r)-1]) || j.RuleSetChanged {
			t.Errorf("run %d: %+v; the table says %q", i+1, j, r)
		}
		switch {
		case i == 0 && j.Change != nil:
			t.Errorf("first run: change %v, want null", *j.Change)
		case i > 0 && (j.Change == nil || signedTenths(int(math.Round(*j.Change*10))) != strings.Join(r[5:len(r)-1], "")):
			t.Errorf("run %d: change %v; the table says %q", i+1, j.Change, r[5:len(r)-1])
		}
	}
	if *doc.Runs[2].Change <= 0 {
		t.Errorf("third run: change %v, want a rise (the denial was added)", *doc.Runs[2].Change)
	}

	code, stdout, _ = run(t, "history", "--format", "json", "--limit", "1", "--db", db, "ddbnews.org")
	var last historyJSON
	decodeJSON(t, stdout, &last)
	if code != exitOK || last.RunsAll != 3 || len(last.Runs) != 1 || !cmp.Equal(last.Runs[0], doc.Runs[2]) {
		t.Errorf("--limit 1: exit %d, %+v; want the third run of %+v", code, last, doc.Runs)
	}
}

// deref shows a pointer's value, or nil.
func deref[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}
