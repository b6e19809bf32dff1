package reports

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"sourcescore"
)

// allFiles lists the CSV report files in the order the tests check them.
var allFiles = []string{ArticleScoresFile, RuleScoresFile, FindingsFile, OutletScoresFile, SkippedFile, TrendFile, StoryComparisonFile}

// allOutputs lists every file of a run folder: the CSV files and the
// workbook.
var allOutputs = append(append([]string(nil), allFiles...), WorkbookFile, HTMLFile)

// sample is a small run: two articles (one without outlet, date or story,
// with a finding of absence and two grade caps), one skipped file and two outlets, one of them
// with a previous score, and their trend over three runs.
type sample struct {
	articles []*sourcescore.ArticleScore
	skipped  []sourcescore.Skipped
	outlets  []sourcescore.OutletScore
	previous map[string]Previous
	trend    []TrendPoint
	story    []StoryCell
}

func newSample() sample {
	taz := &sourcescore.Article{
		ID:    "a1b2c3d4",
		File:  "taz/2024-03-01-wahl.txt",
		Words: 412,
		Meta: sourcescore.Metadata{
			Outlet:    "taz",
			Published: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC),
			Language:  "de",
			Story:     "wahl-2024",
		},
	}
	anon := &sourcescore.Article{
		ID:    "e5f6a7b8",
		File:  `misc/leak; "draft", v2.txt`,
		Words: 97,
		Meta:  sourcescore.Metadata{Language: "en"},
	}
	return sample{
		articles: []*sourcescore.ArticleScore{
			{
				Article: taz,
				Score:   73.44,
				Grade:   "B",
				Families: []sourcescore.FamilyScore{
					{Family: sourcescore.FamilySourcing, Score: 200.0 / 3, Weight: 0.3, Scored: true},
					{Family: sourcescore.FamilyDates, Score: 100, Weight: 0.25, Scored: true},
					{Family: sourcescore.FamilyDenial, Score: 50, Weight: 0.25, Scored: true},
					{Family: sourcescore.FamilyTranslation, Weight: 0.2, Note: "not scored for family translation"},
				},
				Rules: []sourcescore.RuleScore{
					{RuleID: "dates.future", Family: sourcescore.FamilyDates, Score: 1, Weight: 1, Applied: true},
					{RuleID: "denial.missing", Family: sourcescore.FamilyDenial, Score: 0.5, Weight: 0.5, Applied: true},
					{RuleID: "sourcing.anonymous", Family: sourcescore.FamilySourcing, Score: 2.0 / 3, Weight: 1.25, Applied: true},
					{RuleID: "translation.calque", Family: sourcescore.FamilyTranslation, Score: 0, Weight: 1, Applied: false, Note: "language de"},
				},
				Findings: []sourcescore.Finding{
					{RuleID: "sourcing.anonymous", Family: sourcescore.FamilySourcing, Severity: sourcescore.SeverityWarning,
						Message: "anonymous source", Evidence: "Kreisen zufolge", Offset: 120, Pos: sourcescore.Position{Line: 3, Column: 14}},
					{RuleID: "denial.missing", Family: sourcescore.FamilyDenial, Severity: sourcescore.SeverityInfo,
						Message: "Die Beschuldigten äußern sich, aber spät", Evidence: "wies zurück", Offset: 900, Pos: sourcescore.Position{Line: 12, Column: 7}},
				},
			},
			{
				Article:  anon,
				Score:    41.27,
				Grade:    "D",
				Uncapped: 52.56,
				Families: []sourcescore.FamilyScore{
					{Family: sourcescore.FamilyDates, Score: 0, Weight: 0.25, Scored: true},
					{Family: sourcescore.FamilyDenial, Score: 0, Weight: 0.25, Scored: true},
				},
				Caps: []sourcescore.AppliedCap{
					{GradeCap: sourcescore.GradeCap{RuleID: "denial.missing", Grade: "D"}, Score: 0, Limit: 41.27},
					{GradeCap: sourcescore.GradeCap{Family: sourcescore.FamilyDates, AtMost: 40, Grade: "C"}, Score: 0, Limit: 64.9},
				},
				Rules: []sourcescore.RuleScore{
					{RuleID: "dates.future", Family: sourcescore.FamilyDates, Score: 0, Weight: 1, Applied: true},
					{RuleID: "denial.missing", Family: sourcescore.FamilyDenial, Score: 0, Weight: 0.5, Applied: true},
				},
				Findings: []sourcescore.Finding{
					{RuleID: "dates.future", Family: sourcescore.FamilyDates, Severity: sourcescore.SeverityError,
						Message: `date lies in the future; check "Stand"`, Evidence: `=HYPERLINK("http://x.example")`, Offset: 10, Pos: sourcescore.Position{Line: 2, Column: 1}},
					{RuleID: "denial.missing", Family: sourcescore.FamilyDenial, Severity: sourcescore.SeverityError,
						Message: "no response from the accused", Evidence: "", Offset: -1},
				},
			},
			{
				// An article no rule could score: empty score and grade.
				Article: &sourcescore.Article{ID: "art-c9d0e1f2", File: "kurz/notiz.txt", Words: 19,
					Meta: sourcescore.Metadata{Outlet: "Kurzblatt"}},
				NotScored: "language not detected",
				Rules: []sourcescore.RuleScore{
					{RuleID: "dates.future", Family: sourcescore.FamilyDates, Weight: 1, Note: "not scored: rule is for de, article language is unknown"},
				},
			},
		},
		skipped: []sourcescore.Skipped{{File: "broken/empty.txt", Reason: "bad article: empty file"}},
		outlets: []sourcescore.OutletScore{
			{Outlet: sourcescore.UnknownOutlet, Articles: 1, Score: 41.27, Grade: "D"},
			{Outlet: "Kurzblatt", NotScored: 1},
			{Outlet: "taz", Articles: 1, Score: 73.44, Grade: "B"},
			{Outlet: "taz", Story: "wahl-2024", Articles: 1, Score: 73.44, Grade: "B"},
		},
		// 73.44 shows as 73.4 and 73.46 as 73.5: the delta is -0.1, as shown.
		// Kurzblatt has no score this time: no delta either.
		previous: map[string]Previous{"taz": {Score: 73.46}, "gone": {Score: 12}, "Kurzblatt": {Score: 50}},
		trend: []TrendPoint{
			{RunID: 3, Started: time.Date(2026, 11, 20, 6, 0, 0, 0, time.UTC), Outlet: "taz", Articles: 3, Score: 70.04, Grade: "B",
				RuleSet: "aaaa", HasPrevious: true},
			{RunID: 5, Started: time.Date(2026, 11, 21, 7, 30, 15, 0, time.FixedZone("CET", 3600)), Outlet: "taz", Articles: 2, Score: 73.46, Grade: "B",
				RuleSet: "bbbb", HasPrevious: true, RuleSetChanged: true},
			{RunID: 7, Started: time.Date(2026, 11, 22, 6, 0, 0, 0, time.UTC), Outlet: "taz", Articles: 1, Score: 73.44, Grade: "B",
				RuleSet: "bbbb", HasPrevious: true},
			{RunID: 7, Started: time.Date(2026, 11, 22, 6, 0, 0, 0, time.UTC), Outlet: sourcescore.UnknownOutlet, Articles: 1, Score: 41.27, Grade: "D",
				RuleSet: "bbbb"},
		},
		story: []StoryCell{
			{Story: "wahl-2024", Outlet: "taz", ArticleID: "a1b2c3d4", File: "taz/2024-03-01-wahl.txt", Aspect: AspectPublished,
				State: "known", Given: "2024-03-01"},
			{Story: "wahl-2024", Outlet: "taz", ArticleID: "a1b2c3d4", File: "taz/2024-03-01-wahl.txt", Aspect: AspectFact,
				Item: "vote", Description: "the vote", State: "wrong", Given: "2024-03-15", Expected: "2024-03-05", Consensus: "2024-03-05",
				Evidence: "15. März", Line: 3, Column: 12, Note: "differs from the date 2 of 3 outlets give"},
			{Story: "wahl-2024", Outlet: "taz", ArticleID: "a1b2c3d4", File: "taz/2024-03-01-wahl.txt", Aspect: AspectClaim,
				Item: "recount", Description: "a recount was ordered", State: "not_stated", Note: "reported by 2 of 3 outlets; not here"},
			{Story: "wahl-2024", Outlet: "taz", ArticleID: "a1b2c3d4", File: "taz/2024-03-01-wahl.txt", Aspect: AspectNamedShare,
				Share: ptrF(2.0 / 3), Note: "2 named, 1 specific anonymous, 0 vague"},
			{Story: "wahl-2024", Outlet: "taz", ArticleID: "a1b2c3d4", File: "taz/2024-03-01-wahl.txt", Aspect: AspectScore,
				Score: ptrF(73.44), Grade: "B"},
		},
	}
}

// writeRun writes s as run id into out and commits it.
func writeRun(t testing.TB, out string, id int64, opt Options, s sample) string {
	t.Helper()
	w, err := NewRunWriter(out, id, opt)
	if err != nil {
		t.Fatalf("NewRunWriter: %v", err)
	}
	defer w.Abort()
	addAll(t, w, s)
	dir, err := w.Commit()
	if err != nil {
		t.Fatalf("Commit: %v", err)
	}
	return dir
}

// addAll adds everything in s to w.
func addAll(t testing.TB, w *RunWriter, s sample) {
	t.Helper()
	for _, a := range s.articles {
		if err := w.AddArticle(a); err != nil {
			t.Fatalf("AddArticle(%s): %v", a.Article.ID, err)
		}
	}
	for _, k := range s.skipped {
		if err := w.AddSkipped(k); err != nil {
			t.Fatalf("AddSkipped: %v", err)
		}
	}
	if err := w.AddOutlets(s.outlets, s.previous); err != nil {
		t.Fatalf("AddOutlets: %v", err)
	}
	if err := w.AddTrend(s.trend); err != nil {
		t.Fatalf("AddTrend: %v", err)
	}
	if err := w.AddStoryCells(len(s.story), slices.Values(s.story)); err != nil {
		t.Fatalf("AddStoryCells: %v", err)
	}
}

// readCSV reads a report back with encoding/csv, without its BOM.
func readCSV(t testing.TB, path string, comma rune) [][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte(bom))))
	r.Comma = comma
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	return recs
}

// column returns the cells of the named column of recs (header first).
func column(t testing.TB, recs [][]string, name string) []string {
	t.Helper()
	for i, h := range recs[0] {
		if h == name {
			var out []string
			for _, r := range recs[1:] {
				out = append(out, r[i])
			}
			return out
		}
	}
	t.Fatalf("no column %q in %v", name, recs[0])
	return nil
}

// finalFiles lists the report files with their final names in dir.
func finalFiles(t testing.TB, dir string) []string {
	t.Helper()
	var got []string
	for _, name := range allOutputs {
		if _, err := os.Lstat(filepath.Join(dir, name)); err == nil {
			got = append(got, name)
		}
	}
	return got
}

// readLatest returns the target of out/latest.
func readLatest(t testing.TB, out string) string {
	t.Helper()
	target, err := os.Readlink(filepath.Join(out, LatestLink))
	if err != nil {
		t.Fatalf("read latest: %v", err)
	}
	return target
}

func ptrF(v float64) *float64 { return &v }

// sameFiles fails t for each report of allFiles whose bytes differ between
// the run folders a and b; between says what the two are.
func sameFiles(t testing.TB, a, b, between string) {
	t.Helper()
	for _, name := range allFiles {
		x, err := os.ReadFile(filepath.Join(a, name))
		if err != nil {
			t.Fatal(err)
		}
		y, err := os.ReadFile(filepath.Join(b, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between %s", name, between)
		}
	}
}
