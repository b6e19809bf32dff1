package reports

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/gocarina/gocsv"

	"sourcescore"
)

// DiffFile returns the name of the diff report of runs a and b:
// diff-<a>-<b>.csv.
func DiffFile(a, b int64) string { return fmt.Sprintf("diff-%d-%d.csv", a, b) }

// DiffRow is one change between two runs, one row of a diff report. Which
// fields are set depends on Change; the others are left zero and written
// as empty cells.
type DiffRow struct {
	Change    string   // what changed, e.g. "article_moved", "rule", "cap", "finding_added"
	ArticleID string   // the article, for article, rule and finding rows
	File      string   // the article's file
	Outlet    string   // the article's outlet, or the outlet of an outlet row
	RuleID    string   // the rule, for rule and finding rows
	RuleFile  string   // the rule file, for rule-file rows
	RuleRow   bool     // Old and New are rule scores (0–1) and Points a rule's or the grade caps' contribution
	Old, New  *float64 // the score in run A and run B; nil when there is none
	Points    *float64 // the change in points: New - Old for articles and outlets, the contribution change for rules and caps
	OldGrade  string   // the grade in run A
	NewGrade  string   // the grade in run B
	OldWeight *float64 // a rule's weight in run A
	NewWeight *float64 // a rule's weight in run B
	Severity  string   // a finding's severity
	Evidence  string   // a finding's evidence
	Line      int      // a finding's line; 0 for a finding about absence
	Column    int      // a finding's column
	Detail    string   // anything else: hashes, a finding's message, why a rule's share changed
}

// diffRow is a row of a diff report.
type diffRow struct {
	RunA      int64   `csv:"run_a"`
	RunB      int64   `csv:"run_b"`
	Change    text    `csv:"change"`
	ArticleID text    `csv:"article_id"`
	File      text    `csv:"file"`
	Outlet    text    `csv:"outlet"`
	RuleID    text    `csv:"rule_id"`
	RuleFile  text    `csv:"rule_file"`
	Old       decimal `csv:"old_score"`
	New       decimal `csv:"new_score"`
	Points    decimal `csv:"points"`
	OldGrade  text    `csv:"old_grade"`
	NewGrade  text    `csv:"new_grade"`
	OldWeight decimal `csv:"old_weight"`
	NewWeight decimal `csv:"new_weight"`
	Severity  text    `csv:"severity"`
	Evidence  text    `csv:"evidence"`
	Line      optInt  `csv:"line"`
	Column    optInt  `csv:"column"`
	Detail    text    `csv:"detail"`
}

// diffRowOf converts r to its cells: article and outlet scores and points
// with one decimal, rule scores with three and rule points with two,
// weights as they are.
func diffRowOf(a, b int64, n numbers, r DiffRow) diffRow {
	opt := func(v *float64, prec int) decimal {
		if v == nil {
			return decimal{empty: true}
		}
		return decimal{v: *v, prec: prec, comma: n.comma}
	}
	scorePrec, pointsPrec := 1, 1
	if r.RuleRow {
		scorePrec, pointsPrec = 3, 2
	}
	return diffRow{
		RunA: a, RunB: b,
		Change:    text(r.Change),
		ArticleID: text(r.ArticleID),
		File:      text(r.File),
		Outlet:    text(r.Outlet),
		RuleID:    text(r.RuleID),
		RuleFile:  text(r.RuleFile),
		Old:       opt(r.Old, scorePrec),
		New:       opt(r.New, scorePrec),
		Points:    opt(r.Points, pointsPrec),
		OldGrade:  text(r.OldGrade),
		NewGrade:  text(r.NewGrade),
		OldWeight: opt(r.OldWeight, -1),
		NewWeight: opt(r.NewWeight, -1),
		Severity:  text(r.Severity),
		Evidence:  text(r.Evidence),
		Line:      optInt(r.Line),
		Column:    optInt(r.Column),
		Detail:    text(r.Detail),
	}
}

// WriteDiff writes the diff report of runs a and b to <dir>/DiffFile(a, b)
// (creating dir when needed) and returns its path. The columns, in order:
//
//	run_a, run_b, change, article_id, file, outlet, rule_id, rule_file,
//	old_score, new_score, points, old_grade, new_grade, old_weight,
//	new_weight, severity, evidence, line, column, detail
//
// The file is written atomically (a temporary file renamed when complete,
// so a reader never sees half of it) with the same spreadsheet options,
// number formats and injection-safe text cells as the run reports. An
// invalid opt.Delimiter is an error wrapping sourcescore.ErrConfig.
func WriteDiff(dir string, a, b int64, rows []DiffRow, opt Options) (path string, err error) {
	if opt.Delimiter == 0 {
		opt.Delimiter = ','
	}
	if !validDelimiter(opt.Delimiter) {
		return "", fmt.Errorf("%w: csv delimiter %q cannot separate fields", sourcescore.ErrConfig, opt.Delimiter)
	}
	name := DiffFile(a, b)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("create %s: %w", name, err)
	}
	c, err := createCSV(dir, name, opt, []diffRow{})
	defer func() {
		if err != nil && c != nil {
			if c.f != nil {
				_ = c.f.Close()
			}
			_ = os.Remove(c.tmp)
		}
	}()
	if err != nil {
		return "", err
	}
	n := numbers{comma: opt.DecimalComma}
	cells := make([]diffRow, len(rows))
	for i, r := range rows {
		cells[i] = diffRowOf(a, b, n, r)
	}
	if len(cells) > 0 {
		if err := gocsv.MarshalCSVWithoutHeaders(cells, c.csv); err != nil {
			return "", fmt.Errorf("write %s: %w", name, err)
		}
	}
	if err := c.finish(); err != nil {
		return "", err
	}
	path = filepath.Join(dir, name)
	if err := os.Rename(c.tmp, path); err != nil {
		return "", fmt.Errorf("rename %s: %w", name, err)
	}
	if err := syncDir(dir); err != nil {
		return path, fmt.Errorf("sync %s: %w", dir, err)
	}
	return path, nil
}
