package reports

import (
	"bytes"
	"errors"
	"flag"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"sourcescore"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

func TestRunWriter_Commit_golden(t *testing.T) {
	tests := []struct {
		name   string
		opt    Options
		golden string // folder of the golden files
	}{
		{"default", Options{}, "testdata/golden"},
		{"german excel", Options{Delimiter: ';', BOM: true, DecimalComma: true}, "testdata/golden/excel"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeRun(t, t.TempDir(), 7, tt.opt, newSample())
			for _, name := range allFiles {
				got, err := os.ReadFile(filepath.Join(dir, name))
				if err != nil {
					t.Fatal(err)
				}
				path := filepath.Join(tt.golden, name)
				if *update {
					if err := os.MkdirAll(tt.golden, 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(path, got, 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (run with -update to create it)", err)
				}
				if diff := cmp.Diff(string(want), string(got)); diff != "" {
					t.Errorf("%s differs from %s (-want +got):\n%s", name, path, diff)
				}
			}
		})
	}
}

func TestRunWriter_Commit_deterministic(t *testing.T) {
	opt := Options{Delimiter: ';', BOM: true, DecimalComma: true}
	a := writeRun(t, t.TempDir(), 3, opt, newSample())
	b := writeRun(t, t.TempDir(), 3, opt, newSample())
	sameFiles(t, a, b, "two runs of the same input")
}

func TestRunWriter_NewRunWriter_headers(t *testing.T) {
	want := map[string]string{
		ArticleScoresFile:   "run_id,article_id,file,outlet,published,language,story,words,status,score,grade,cap,uncapped,sourcing,dates,denial,translation,findings\n",
		RuleScoresFile:      "run_id,article_id,outlet,rule_id,family,score,weight\n",
		FindingsFile:        "run_id,article_id,file,outlet,rule_id,family,severity,message,evidence,line,column\n",
		OutletScoresFile:    "run_id,outlet,story,articles,not_scored,score,grade,previous_score,delta,rule_set_changed\n",
		SkippedFile:         "run_id,file,reason\n",
		TrendFile:           "run_id,outlet,trend_run_id,trend_run_started,articles,score,grade,rule_set,rule_set_changed\n",
		StoryComparisonFile: "run_id,story,outlet,article_id,file,aspect,item,description,state,given,expected,consensus,share,score,grade,evidence,line,column,note\n",
	}
	tests := []struct {
		name   string
		opt    Options
		prefix string
		comma  string
	}{
		{"default", Options{}, "", ","},
		{"semicolon with bom", Options{Delimiter: ';', BOM: true}, bom, ";"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeRun(t, t.TempDir(), 1, tt.opt, sample{}) // nothing at all
			for _, name := range allFiles {
				got, err := os.ReadFile(filepath.Join(dir, name))
				if err != nil {
					t.Fatal(err)
				}
				w := tt.prefix + strings.ReplaceAll(want[name], ",", tt.comma)
				if diff := cmp.Diff(w, string(got)); diff != "" {
					t.Errorf("%s (-want +got):\n%s", name, diff)
				}
			}
		})
	}
}

func TestRunWriter_NewRunWriter_badOptions(t *testing.T) {
	tests := []struct {
		name  string
		runID int64
		opt   Options
		isCfg bool
	}{
		{"quote delimiter", 1, Options{Delimiter: '"'}, true},
		{"newline delimiter", 1, Options{Delimiter: '\n'}, true},
		{"invalid rune", 1, Options{Delimiter: utf8RuneError}, true},
		{"run id zero", 0, Options{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := t.TempDir()
			w, err := NewRunWriter(out, tt.runID, tt.opt)
			if err == nil {
				w.Abort()
				t.Fatal("NewRunWriter succeeded, want an error")
			}
			if got := errors.Is(err, sourcescore.ErrConfig); got != tt.isCfg {
				t.Errorf("errors.Is(%v, ErrConfig) = %v, want %v", err, got, tt.isCfg)
			}
			if entries, _ := os.ReadDir(out); len(entries) != 0 {
				t.Errorf("output folder not empty after a failed NewRunWriter: %v", entries)
			}
		})
	}
}

const utf8RuneError = '\uFFFD' // utf8.RuneError, which encoding/csv refuses as a delimiter

func TestRunWriter_AddArticle_values(t *testing.T) {
	tests := []struct {
		name   string
		opt    Options
		comma  rune
		file   string
		column string
		want   []string
	}{
		{"article score one decimal", Options{}, ',', ArticleScoresFile, "score", []string{"73.4", "41.3", ""}},
		{"article score decimal comma", Options{Delimiter: ';', DecimalComma: true}, ';', ArticleScoresFile, "score", []string{"73,4", "41,3", ""}},
		{"outlet from OutletName", Options{}, ',', ArticleScoresFile, "outlet", []string{"taz", "(unknown)", "Kurzblatt"}},
		{"published or empty", Options{}, ',', ArticleScoresFile, "published", []string{"2024-03-01", "", ""}},
		{"number of findings", Options{}, ',', ArticleScoresFile, "findings", []string{"2", "2", "0"}},
		{"caps that applied, empty when none", Options{}, ',', ArticleScoresFile, "cap", []string{"", "D by denial.missing; C by family dates", ""}},
		{"uncapped score, empty when no cap", Options{DecimalComma: true}, ',', ArticleScoresFile, "uncapped", []string{"", "52,6", ""}},
		{"rule score three decimals, empty when not applied", Options{}, ',', RuleScoresFile, "score",
			[]string{"1.000", "0.500", "0.667", "", "0.000", "0.000", ""}},
		{"rule score with decimal comma", Options{DecimalComma: true}, ',', RuleScoresFile, "score",
			[]string{"1,000", "0,500", "0,667", "", "0,000", "0,000", ""}},
		{"weight as given", Options{}, ',', RuleScoresFile, "weight", []string{"1", "0.5", "1.25", "1", "1", "0.5", "1"}},
		{"rule rows for every rule", Options{}, ',', RuleScoresFile, "rule_id",
			[]string{"dates.future", "denial.missing", "sourcing.anonymous", "translation.calque", "dates.future", "denial.missing", "dates.future"}},
		{"line empty for absence", Options{}, ',', FindingsFile, "line", []string{"3", "12", "2", ""}},
		{"column empty for absence", Options{}, ',', FindingsFile, "column", []string{"14", "7", "1", ""}},
		{"severity by name", Options{}, ',', FindingsFile, "severity", []string{"warning", "info", "error", "error"}},
		{"outlet score", Options{DecimalComma: true}, ',', OutletScoresFile, "score", []string{"41,3", "", "73,4", "73,4"}},
		{"outlet articles scored and not", Options{}, ',', OutletScoresFile, "not_scored", []string{"0", "1", "0", "0"}},
		{"delta empty without a score, and by story", Options{}, ',', OutletScoresFile, "delta", []string{"", "", "-0.1", ""}},
		{"outlet rows of all stories, then by story", Options{}, ',', OutletScoresFile, "story", []string{"(all stories)", "(all stories)", "(all stories)", "wahl-2024"}},
		{"family score, empty when not scored", Options{}, ',', ArticleScoresFile, "sourcing", []string{"66.7", "", ""}},
		{"family score with decimal comma", Options{DecimalComma: true}, ',', ArticleScoresFile, "denial", []string{"50,0", "0,0", ""}},
		{"family not scored is empty", Options{}, ',', ArticleScoresFile, "translation", []string{"", "", ""}},
		{"article status", Options{}, ',', ArticleScoresFile, "status", []string{"scored", "scored", "not scored: language not detected"}},
		{"grade empty when not scored", Options{}, ',', ArticleScoresFile, "grade", []string{"B", "D", ""}},
		{"skipped reason", Options{}, ',', SkippedFile, "reason", []string{"bad article: empty file"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeRun(t, t.TempDir(), 1, tt.opt, newSample())
			got := column(t, readCSV(t, filepath.Join(dir, tt.file), tt.comma), tt.column)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%s %s (-want +got):\n%s", tt.file, tt.column, diff)
			}
		})
	}
}

func TestRunWriter_AddArticle_injection(t *testing.T) {
	tests := []struct {
		evidence string
		want     string
	}{
		{`=HYPERLINK("http://evil.example","click")`, `'=HYPERLINK("http://evil.example","click")`},
		{"+1", "'+1"},
		{"-- Anzeige --", "'-- Anzeige --"},
		{"@SUM(A1:A9)", "'@SUM(A1:A9)"},
		{"\tx", "'\tx"},
		{"\rx", "'\rx"},
		{"plain words", "plain words"},
		{"a=b", "a=b"},
		{"", ""},
	}
	for _, opt := range []Options{{}, {Delimiter: ';', BOM: true, DecimalComma: true}} {
		a := &sourcescore.Article{ID: "-id", File: "=file.txt", Meta: sourcescore.Metadata{Outlet: "@outlet", Story: "+story"}}
		s := &sourcescore.ArticleScore{
			Article: a, Score: 50, Grade: "-", Uncapped: -60,
			Caps:  []sourcescore.AppliedCap{{GradeCap: sourcescore.GradeCap{RuleID: "dates.x", Grade: "-"}, Limit: 50}},
			Rules: []sourcescore.RuleScore{{RuleID: "=rule", Family: "dates", Score: 0.25, Weight: -0.5, Applied: true}},
		}
		for _, tt := range tests {
			s.Findings = append(s.Findings, sourcescore.Finding{RuleID: "dates.x", Family: "dates", Message: "-msg", Evidence: tt.evidence, Pos: sourcescore.Position{Line: 1, Column: 1}})
		}
		out := t.TempDir()
		w, err := NewRunWriter(out, 1, opt)
		if err != nil {
			t.Fatal(err)
		}
		if err := w.AddArticle(s); err != nil {
			t.Fatal(err)
		}
		if err := w.AddSkipped(sourcescore.Skipped{File: "-x.txt", Reason: "=1+1"}); err != nil {
			t.Fatal(err)
		}
		dir, err := w.Commit()
		if err != nil {
			t.Fatal(err)
		}
		comma := opt.Delimiter
		if comma == 0 {
			comma = ','
		}
		findings := readCSV(t, filepath.Join(dir, FindingsFile), comma)
		evidence := column(t, findings, "evidence")
		for i, tt := range tests {
			t.Run(tt.evidence, func(t *testing.T) {
				if evidence[i] != tt.want {
					t.Errorf("evidence cell = %q, want %q", evidence[i], tt.want)
				}
			})
		}
		articles := readCSV(t, filepath.Join(dir, ArticleScoresFile), comma)
		rules := readCSV(t, filepath.Join(dir, RuleScoresFile), comma)
		skipped := readCSV(t, filepath.Join(dir, SkippedFile), comma)
		dec := func(s string) string {
			if opt.DecimalComma {
				return strings.ReplaceAll(s, ".", ",")
			}
			return s
		}
		cells := []struct {
			name string
			got  []string
			want []string
		}{
			{"article_id", column(t, articles, "article_id"), []string{"'-id"}},
			{"file", column(t, articles, "file"), []string{"'=file.txt"}},
			{"outlet", column(t, articles, "outlet"), []string{"'@outlet"}},
			{"story", column(t, articles, "story"), []string{"'+story"}},
			{"grade", column(t, articles, "grade"), []string{"'-"}},
			{"article score untouched", column(t, articles, "score"), []string{dec("50.0")}},
			{"cap", column(t, articles, "cap"), []string{"'- by dates.x"}},
			{"uncapped score untouched", column(t, articles, "uncapped"), []string{dec("-60.0")}},
			{"rule_id", column(t, rules, "rule_id"), []string{"'=rule"}},
			{"negative weight untouched", column(t, rules, "weight"), []string{dec("-0.5")}},
			{"message", column(t, findings, "message")[:1], []string{"'-msg"}},
			{"line untouched", column(t, findings, "line")[:1], []string{"1"}},
			{"skipped file", column(t, skipped, "file"), []string{"'-x.txt"}},
			{"skipped reason", column(t, skipped, "reason"), []string{"'=1+1"}},
		}
		for _, c := range cells {
			if diff := cmp.Diff(c.want, c.got); diff != "" {
				t.Errorf("delimiter %q: %s (-want +got):\n%s", comma, c.name, diff)
			}
		}
	}
}

func TestRunWriter_AddArticle_roundTrip(t *testing.T) {
	nasty := "He said \"no\"; then, after a pause,\nhe left.\n\"Quote\" at the start; and a tab\tinside"
	for _, opt := range []Options{{}, {Delimiter: ';', BOM: true, DecimalComma: true}, {Delimiter: '\t'}} {
		comma := opt.Delimiter
		if comma == 0 {
			comma = ','
		}
		t.Run(string(comma), func(t *testing.T) {
			a := &sourcescore.Article{ID: "id;1,2", File: "dir/a \"b\", c; d.txt", Meta: sourcescore.Metadata{Outlet: "Die \"Zeit\"; online"}}
			s := &sourcescore.ArticleScore{Article: a, Score: 12.34, Grade: "E", Findings: []sourcescore.Finding{
				{RuleID: "sourcing.x", Family: "sourcing", Message: nasty, Evidence: nasty, Pos: sourcescore.Position{Line: 4, Column: 2}},
			}}
			out := t.TempDir()
			w, err := NewRunWriter(out, 1, opt)
			if err != nil {
				t.Fatal(err)
			}
			if err := w.AddArticle(s); err != nil {
				t.Fatal(err)
			}
			dir, err := w.Commit()
			if err != nil {
				t.Fatal(err)
			}
			got := readCSV(t, filepath.Join(dir, FindingsFile), comma)
			want := [][]string{
				{"run_id", "article_id", "file", "outlet", "rule_id", "family", "severity", "message", "evidence", "line", "column"},
				{"1", "id;1,2", "dir/a \"b\", c; d.txt", "Die \"Zeit\"; online", "sourcing.x", "sourcing", "info", nasty, nasty, "4", "2"},
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("findings read back (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRunWriter_Abort(t *testing.T) {
	tests := []struct {
		name string
		// finish ends run 2 and returns the error Commit gave, if it was called.
		finish     func(t *testing.T, w *RunWriter) error
		wantCommit bool // Commit was called and must fail
		dirGone    bool // run-2 must not exist afterwards
	}{
		{
			name:    "aborted",
			finish:  func(t *testing.T, w *RunWriter) error { return w.Abort() },
			dirGone: true,
		},
		{
			name: "never committed",
			finish: func(t *testing.T, w *RunWriter) error {
				// The writer is still open: only temporary files exist.
				entries, err := os.ReadDir(w.dir)
				if err != nil {
					t.Fatal(err)
				}
				for _, e := range entries {
					if !strings.HasPrefix(e.Name(), ".") || !strings.Contains(e.Name(), ".tmp-") {
						t.Errorf("open writer left %s, want only hidden temp files", e.Name())
					}
				}
				return nil
			},
		},
		{
			name: "write error then commit",
			finish: func(t *testing.T, w *RunWriter) error {
				bad := newSample().articles[0]
				bad.Score = math.NaN()
				if err := w.AddArticle(bad); err == nil || !strings.Contains(err.Error(), "write article_scores.csv") {
					t.Errorf("AddArticle(NaN score) error = %v, want a write article_scores.csv error", err)
				}
				_, err := w.Commit()
				if err := w.Abort(); err != nil {
					t.Errorf("Abort: %v", err)
				}
				return err
			},
			wantCommit: true,
			dirGone:    true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := t.TempDir()
			first := writeRun(t, out, 1, Options{}, newSample())
			before, err := os.ReadFile(filepath.Join(first, ArticleScoresFile))
			if err != nil {
				t.Fatal(err)
			}

			w, err := NewRunWriter(out, 2, Options{})
			if err != nil {
				t.Fatal(err)
			}
			addAll(t, w, newSample())
			err = tt.finish(t, w)
			if tt.wantCommit && err == nil {
				t.Error("Commit succeeded after a write error")
			}
			if !tt.wantCommit && err != nil {
				t.Errorf("finish: %v", err)
			}

			second := Dir(out, 2)
			if got := finalFiles(t, second); len(got) != 0 {
				t.Errorf("run-2 has final files %v, want none", got)
			}
			if _, err := os.Stat(second); tt.dirGone && !errors.Is(err, os.ErrNotExist) {
				t.Errorf("run-2 folder still there (stat error %v)", err)
			}
			if got := readLatest(t, out); got != "run-1" {
				t.Errorf("latest -> %q, want run-1", got)
			}
			after, err := os.ReadFile(filepath.Join(out, LatestLink, ArticleScoresFile))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(before, after) {
				t.Error("latest/article_scores.csv changed")
			}
			if err := w.Abort(); err != nil { // idempotent
				t.Errorf("second Abort: %v", err)
			}
			if _, err := os.Stat(second); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("run-2 folder still there after Abort (stat error %v)", err)
			}
		})
	}
}

func TestRunWriter_Abort_afterCommit(t *testing.T) {
	out := t.TempDir()
	w, err := NewRunWriter(out, 1, Options{})
	if err != nil {
		t.Fatal(err)
	}
	addAll(t, w, newSample())
	dir, err := w.Commit()
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Abort(); err != nil {
		t.Errorf("Abort after Commit: %v", err)
	}
	if diff := cmp.Diff(allOutputs, finalFiles(t, dir)); diff != "" {
		t.Errorf("files after Commit and Abort (-want +got):\n%s", diff)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != len(allOutputs) {
		t.Errorf("run folder holds %d entries, want %d (no temp files)", len(entries), len(allOutputs))
	}
	if err := w.AddSkipped(sourcescore.Skipped{File: "x"}); err == nil {
		t.Error("AddSkipped after Commit succeeded")
	}
	if _, err := w.Commit(); err == nil {
		t.Error("second Commit succeeded")
	}
}

func TestRunWriter_Commit_latest(t *testing.T) {
	tests := []struct {
		name    string
		commits []int64
		want    string
	}{
		{"one run", []int64{1}, "run-1"},
		{"two runs", []int64{1, 2}, "run-2"},
		{"same run again", []int64{4, 4}, "run-4"},
		{"older run written again keeps the newest", []int64{2, 5, 3}, "run-5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := t.TempDir()
			var last string
			for _, id := range tt.commits {
				last = writeRun(t, out, id, Options{}, newSample())
				if last != Dir(out, id) {
					t.Errorf("Commit returned %s, want %s", last, Dir(out, id))
				}
			}
			if got := readLatest(t, out); got != tt.want {
				t.Errorf("latest -> %q, want %q", got, tt.want)
			}
			if _, err := os.Stat(filepath.Join(out, LatestLink, FindingsFile)); err != nil {
				t.Errorf("latest does not resolve: %v", err)
			}
			entries, err := os.ReadDir(out)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range entries {
				if strings.HasPrefix(e.Name(), ".") {
					t.Errorf("leftover %s in output folder", e.Name())
				}
			}
		})
	}
}

func TestRunWriter_Commit_latestDangling(t *testing.T) {
	out := t.TempDir()
	writeRun(t, out, 9, Options{}, newSample())
	if err := os.RemoveAll(Dir(out, 9)); err != nil {
		t.Fatal(err)
	}
	writeRun(t, out, 3, Options{}, newSample())
	if got := readLatest(t, out); got != "run-3" {
		t.Errorf("latest -> %q, want run-3 (run-9 no longer exists)", got)
	}
}

// TestRunWriter_Finish: Finish before Commit (as a run does while the
// database commits) gives the same files as Commit alone; rows added after
// it are refused, the run's files untouched; a second Finish is a no-op.
func TestRunWriter_Finish(t *testing.T) {
	want := writeRun(t, t.TempDir(), 4, Options{}, newSample())
	w, err := NewRunWriter(t.TempDir(), 4, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	s := newSample()
	addAll(t, w, s)
	if err := w.Finish(); err != nil {
		t.Fatalf("Finish: %v", err)
	}
	if err := w.AddArticle(s.articles[0]); err == nil {
		t.Error("AddArticle after Finish: want an error")
	}
	if err := w.AddSkipped(sourcescore.Skipped{File: "x.txt", Reason: "late"}); err == nil {
		t.Error("AddSkipped after Finish: want an error")
	}
	if err := w.Finish(); err != nil {
		t.Fatalf("second Finish: %v", err)
	}
	got, err := w.Commit()
	if err != nil {
		t.Fatalf("Commit after Finish: %v", err)
	}
	sameFiles(t, want, got, "Commit alone and Finish, then Commit")
}

// TestRunWriter_Encode_concurrent: rows encoded on other goroutines while
// the writer appends earlier ones (as a run's workers do) give the files
// AddArticle gives. Run with -race, it also checks that Encode reads
// nothing the writer changes.
func TestRunWriter_Encode_concurrent(t *testing.T) {
	want := writeRun(t, t.TempDir(), 5, Options{}, newSample())
	w, err := NewRunWriter(t.TempDir(), 5, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	s := newSample()
	encoded := make([]chan *ArticleRows, len(s.articles))
	for i, a := range s.articles {
		encoded[i] = make(chan *ArticleRows, 1)
		go func() { encoded[i] <- w.Encode(a) }()
	}
	for i := range s.articles {
		if err := w.AddRows(<-encoded[i]); err != nil {
			t.Fatalf("AddRows %d: %v", i, err)
		}
	}
	s.articles = nil // added above
	addAll(t, w, s)
	got, err := w.Commit()
	if err != nil {
		t.Fatal(err)
	}
	sameFiles(t, want, got, "AddArticle and Encode on other goroutines, then AddRows")
}

// TestRunWriter_AddRows_cellError: a rule weight that is not a number
// cannot be written: AddArticle fails with the file's name, the error
// sticks (later rows and Commit fail) and nothing of that article is in
// the files.
func TestRunWriter_AddRows_cellError(t *testing.T) {
	w, err := NewRunWriter(t.TempDir(), 6, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	s := newSample()
	bad := *s.articles[0]
	bad.Rules = append([]sourcescore.RuleScore(nil), bad.Rules...)
	if len(bad.Rules) == 0 {
		t.Fatal("sample article without rules")
	}
	bad.Rules[0].Weight = math.NaN()
	err = w.AddArticle(&bad)
	if err == nil || !strings.Contains(err.Error(), RuleScoresFile) {
		t.Fatalf("AddArticle with a NaN weight: %v, want an error naming %s", err, RuleScoresFile)
	}
	if err := w.AddArticle(s.articles[1]); err == nil {
		t.Error("AddArticle after a write error: want the error again")
	}
	if _, err := w.Commit(); err == nil {
		t.Error("Commit after a write error: want an error")
	}
}
