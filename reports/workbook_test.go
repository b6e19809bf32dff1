package reports

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"sourcescore"
)

// trickySample is newSample with the values spreadsheets are known to
// change: ids that read as numbers, evidence that reads as a date, text
// that reads as a formula, and a score halfway between two shown values.
func trickySample() sample {
	s := newSample()
	s.articles[0].Article.ID = "0123"
	s.articles[1].Article.ID = "87412e3142195614"
	s.articles[0].Score = 96.25 // the CSV shows 96.2: the workbook must too
	s.articles[0].Findings[0].Evidence = "15. November"
	s.articles[0].Findings[1].Evidence = "-- Anzeige --"
	s.articles[0].Findings[1].Message = "+49 30 1234"
	s.skipped[0].Reason = "@reason"
	return s
}

// openBook opens the workbook of run folder dir.
func openBook(t testing.TB, dir string) *excelize.File {
	t.Helper()
	f, err := excelize.OpenFile(filepath.Join(dir, WorkbookFile))
	if err != nil {
		t.Fatalf("open workbook: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// sheetRows returns the cells of sheet as a spreadsheet shows them, every
// row as long as the header.
func sheetRows(t testing.TB, f *excelize.File, sheet string) [][]string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatalf("sheet %s: %v", sheet, err)
	}
	for i := range rows {
		for len(rows[i]) < len(rows[0]) {
			rows[i] = append(rows[i], "")
		}
	}
	return rows
}

// TestWorkbook_sameAsCSV: every sheet shows what its CSV file holds, cell
// for cell (text without the quote the CSV puts before a formula-like
// cell), whatever the CSV options; the sheets are the CSV files in order,
// then About.
func TestWorkbook_sameAsCSV(t *testing.T) {
	// The rows held back for the limited sheets span several chunks.
	defer func(n int) { heldChunk = n }(heldChunk)
	heldChunk = 2
	for _, opt := range []Options{{}, {Delimiter: ';', BOM: true, DecimalComma: true}} {
		t.Run(fmt.Sprintf("%q", opt.Delimiter), func(t *testing.T) {
			dir := writeRun(t, t.TempDir(), 7, opt, trickySample())
			plain := writeRun(t, t.TempDir(), 7, Options{}, trickySample())
			f := openBook(t, dir)
			var want []string
			for _, name := range allFiles {
				want = append(want, strings.TrimSuffix(name, ".csv"))
			}
			if diff := cmp.Diff(append(want, AboutSheet), f.GetSheetList()); diff != "" {
				t.Errorf("sheets (-want +got):\n%s", diff)
			}
			for _, name := range allFiles {
				recs := readCSV(t, filepath.Join(plain, name), ',')
				for _, rec := range recs {
					for i, cell := range rec {
						if strings.HasPrefix(cell, "'") && formulaLike(cell[1:]) {
							rec[i] = cell[1:]
						}
					}
				}
				got := sheetRows(t, f, strings.TrimSuffix(name, ".csv"))
				if diff := cmp.Diff(recs, got); diff != "" {
					t.Errorf("%s: sheet differs from the CSV (-csv +sheet):\n%s", name, diff)
				}
			}
		})
	}
}

// TestWorkbook_cells: ids, evidence and formula-like text are text cells
// (no formula), scores numbers with the shown value, dates dates; the
// header row is frozen and filtered on every sheet.
func TestWorkbook_cells(t *testing.T) {
	dir := writeRun(t, t.TempDir(), 7, Options{}, trickySample())
	f := openBook(t, dir)
	tests := []struct {
		sheet, cell string
		typ         excelize.CellType
		raw, shown  string
	}{
		{"article_scores", "B2", excelize.CellTypeInlineString, "0123", "0123"},
		{"article_scores", "B3", excelize.CellTypeInlineString, "87412e3142195614", "87412e3142195614"},
		{"article_scores", "E2", excelize.CellTypeUnset, "45352", "2024-03-01"}, // a date: a day number, shown as a date
		{"article_scores", "E3", excelize.CellTypeUnset, "", ""},                // no date: no cell
		{"article_scores", "H2", excelize.CellTypeUnset, "412", "412"},
		{"article_scores", "J2", excelize.CellTypeUnset, "96.3", "96.3"}, // 96.25: an exact half, away from zero as SQL rounds it
		{"article_scores", "M2", excelize.CellTypeUnset, "", ""},         // no cap, no uncapped score
		{"article_scores", "M3", excelize.CellTypeUnset, "52.6", "52.6"},
		{"findings", "I2", excelize.CellTypeInlineString, "15. November", "15. November"},
		{"findings", "I3", excelize.CellTypeInlineString, "-- Anzeige --", "-- Anzeige --"},
		{"findings", "H3", excelize.CellTypeInlineString, "+49 30 1234", "+49 30 1234"},
		{"findings", "I4", excelize.CellTypeInlineString, `=HYPERLINK("http://x.example")`, `=HYPERLINK("http://x.example")`},
		{"findings", "J5", excelize.CellTypeUnset, "", ""}, // absent: no line
		{"rule_scores", "F4", excelize.CellTypeUnset, "0.667", "0.667"},
		{"rule_scores", "F5", excelize.CellTypeUnset, "", ""}, // did not apply
		{"rule_scores", "G4", excelize.CellTypeUnset, "1.25", "1.25"},
		{"skipped", "C2", excelize.CellTypeInlineString, "@reason", "@reason"},
		{"outlet_scores", "I4", excelize.CellTypeUnset, "-0.1", "-0.1"},                      // row 3: Kurzblatt, not scored
		{"trend", "D3", excelize.CellTypeUnset, "46347.271006944444", "2026-11-21 06:30:15"}, // in UTC
	}
	for _, tt := range tests {
		at := tt.sheet + "!" + tt.cell
		typ, err := f.GetCellType(tt.sheet, tt.cell)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := f.GetCellValue(tt.sheet, tt.cell, excelize.Options{RawCellValue: true})
		shown, _ := f.GetCellValue(tt.sheet, tt.cell)
		formula, _ := f.GetCellFormula(tt.sheet, tt.cell)
		if typ != tt.typ || raw != tt.raw || shown != tt.shown || formula != "" {
			t.Errorf("%s: type %v, raw %q, shown %q, formula %q; want type %v, raw %q, shown %q, no formula",
				at, typ, raw, shown, formula, tt.typ, tt.raw, tt.shown)
		}
	}
	for _, sheet := range f.GetSheetList() {
		panes, err := f.GetPanes(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if !panes.Freeze || panes.YSplit == 0 {
			t.Errorf("%s: panes %+v; want the header row frozen", sheet, panes)
		}
	}
	var filtered []string
	for _, n := range f.GetDefinedName() {
		if n.Name == "_xlnm._FilterDatabase" {
			filtered = append(filtered, n.RefersTo)
		}
	}
	want := []string{"'article_scores'!$A$1:$R$4", "'rule_scores'!$A$1:$G$8", "'findings'!$A$1:$K$5",
		"'outlet_scores'!$A$1:$J$5", "'skipped'!$A$1:$C$2", "'trend'!$A$1:$I$5", "'story_comparison'!$A$1:$S$6", "'About'!$A$5:$D$89"}
	if diff := cmp.Diff(want, filtered); diff != "" {
		t.Errorf("autofilters (-want +got):\n%s", diff)
	}

	// Grades are coloured, each grade its own fill; the header is bold.
	fill := func(cell string) string {
		t.Helper()
		id, err := f.GetCellStyle("article_scores", cell)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		if len(st.Fill.Color) == 0 {
			return ""
		}
		return st.Fill.Color[0]
	}
	if b, d := fill("K2"), fill("K3"); b != gradeFills["B"] || d != gradeFills["D"] {
		t.Errorf("grade fills B %q, D %q; want %q, %q", b, d, gradeFills["B"], gradeFills["D"])
	}
	id, _ := f.GetCellStyle("article_scores", "A1")
	if st, _ := f.GetStyle(id); st == nil || st.Font == nil || !st.Font.Bold {
		t.Errorf("header style %+v; want bold", st)
	}
	if w, _ := f.GetColWidth("findings", "H"); w < 20 || w > maxWidth {
		t.Errorf("findings message column width %v; want it fitted, at most %d", w, maxWidth)
	}
}

// TestColumns_described: every column of every report has a cell kind and
// a description for the About sheet, and the About sheet lists it.
func TestColumns_described(t *testing.T) {
	dir := writeRun(t, t.TempDir(), 7, Options{}, newSample())
	about := sheetRows(t, openBook(t, dir), AboutSheet)
	if len(reportRows) != len(allFiles) {
		t.Fatalf("reportRows lists %d reports, want %d", len(reportRows), len(allFiles))
	}
	for i, name := range allFiles {
		if reportAbout[name] == "" {
			t.Errorf("%s: no description of its rows in reportAbout", name)
		}
		if reportRows[i].file != name {
			t.Errorf("reportRows[%d] is %s, want %s", i, reportRows[i].file, name)
		}
		cols, err := columnsOf(reportRows[i].rowType)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		header := readCSV(t, filepath.Join(dir, name), ',')[0]
		var names []string
		for _, c := range cols {
			names = append(names, c.name)
			if c.about == "" {
				t.Errorf("%s: column %s has no about tag: describe it beside its field, for the About sheet", name, c.name)
			}
			if !slices.ContainsFunc(about, func(r []string) bool {
				return r[0] == strings.TrimSuffix(name, ".csv") && r[1] == c.name && r[3] == c.about
			}) {
				t.Errorf("%s: column %s not on the About sheet", name, c.name)
			}
		}
		if diff := cmp.Diff(header, names); diff != "" {
			t.Errorf("%s: columns (-csv +workbook):\n%s", name, diff)
		}
	}
}

// TestColumnsOf_refused: a field the workbook cannot show is an error
// naming it, not a column silently dropped.
func TestColumnsOf_refused(t *testing.T) {
	type badType struct {
		X float32 `csv:"x"`
	}
	type badTag struct {
		D decimal `csv:"d" xlsx:"date"`
	}
	for v, want := range map[any]string{badType{}: "badType.X: no workbook cell for Go type float32",
		badTag{}: `badTag.D: xlsx tag "date": want date, datetime or grade on a text field`} {
		if _, err := columnsOf(reflect.TypeOf(v)); err == nil || err.Error() != want {
			t.Errorf("columnsOf(%T): %v; want %s", v, err, want)
		}
	}
}

// TestWorkbook_continuation: a report longer than a sheet continues on
// further sheets, each with the header, and the About sheet says so.
func TestWorkbook_continuation(t *testing.T) {
	defer func(n int) { maxSheetRows = n }(maxSheetRows)
	maxSheetRows = 3 // the header and two rows
	s := newSample()
	for i := range 4 {
		s.skipped = append(s.skipped, sourcescore.Skipped{File: fmt.Sprintf("f%d.txt", i), Reason: "empty"})
	}
	dir := writeRun(t, t.TempDir(), 7, Options{}, s)
	f := openBook(t, dir)
	var got [][]string
	for _, sheet := range []string{"skipped", "skipped (2)", "skipped (3)"} {
		rows := sheetRows(t, f, sheet)
		if len(rows) == 0 || rows[0][1] != "file" || len(rows) > 3 {
			t.Errorf("%s: %q; want the header and at most two rows", sheet, rows)
			continue
		}
		got = append(got, rows[1:]...)
	}
	want := readCSV(t, filepath.Join(dir, SkippedFile), ',')[1:]
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("skipped rows over the sheets (-csv +workbook):\n%s", diff)
	}
	about := sheetRows(t, f, AboutSheet)
	if !slices.ContainsFunc(about, func(r []string) bool {
		return r[0] == "skipped" && strings.Contains(r[3], "Its 5 rows continue on the sheets skipped (2), skipped (3)")
	}) {
		t.Errorf("About does not say where skipped continues:\n%q", about)
	}
}

// TestWorkbook_rowLimit: a report with no more rows than its limit has
// them all on its sheet; one with more is left out of the workbook (its
// sheet holds the header only, the About sheet says why, LeftOutOfWorkbook
// says so), the CSV file holds every row, and the workbook passes
// CheckWorkbook.
func TestWorkbook_rowLimit(t *testing.T) {
	for _, report := range []string{RuleScoresFile, FindingsFile, StoryComparisonFile} {
		t.Run(report, func(t *testing.T) {
			defer func(n int) { bookRowLimits[report] = n }(bookRowLimits[report])
			s := newSample()
			rows := 0
			for _, a := range s.articles {
				switch report {
				case RuleScoresFile:
					rows += len(a.Rules)
				case FindingsFile:
					rows += len(a.Findings)
				}
			}
			if report == StoryComparisonFile {
				rows = len(s.story)
			}
			if rows < 2 {
				t.Fatalf("the sample has %d rows of %s; the test needs two or more", rows, report)
			}
			name := strings.TrimSuffix(report, ".csv")
			for _, limit := range []int{rows, rows - 1} {
				bookRowLimits[report] = limit
				w, err := NewRunWriter(t.TempDir(), 7, Options{})
				if err != nil {
					t.Fatal(err)
				}
				addAll(t, w, s)
				dir, err := w.Commit()
				if err != nil {
					t.Fatal(err)
				}
				csvRows := readCSV(t, filepath.Join(dir, report), ',')
				if len(csvRows) != rows+1 {
					t.Fatalf("limit %d: %s has %d rows, want the header and %d", limit, report, len(csvRows), rows)
				}
				f := openBook(t, dir)
				sheet := sheetRows(t, f, name)
				about := sheetRows(t, f, AboutSheet)
				leftOut := slices.ContainsFunc(about, func(r []string) bool {
					return r[0] == name && strings.Contains(r[3], fmt.Sprintf("LEFT OUT of this workbook: this run has %d of these rows, more than the %d", rows, limit))
				})
				if limit == rows {
					// (Cells may differ from the CSV file's, which neutralises
					// formulas: TestWorkbook_sameAsCSV compares them.)
					if len(sheet) != rows+1 || leftOut || len(w.LeftOutOfWorkbook()) != 0 {
						t.Errorf("limit %d = rows: the sheet has %d rows, about says left out: %v, LeftOutOfWorkbook %v; want every row", limit, len(sheet), leftOut, w.LeftOutOfWorkbook())
					}
					continue
				}
				if len(sheet) != 1 || sheet[0][1] != csvRows[0][1] {
					t.Errorf("limit %d < %d rows: the sheet holds %q; want the header only", limit, rows, sheet)
				}
				if !leftOut {
					t.Errorf("About does not say %s is left out:\n%q", name, about)
				}
				if diff := cmp.Diff(map[string]int{report: rows}, w.LeftOutOfWorkbook()); diff != "" {
					t.Errorf("LeftOutOfWorkbook (-want +got):\n%s", diff)
				}
				if err := CheckWorkbook(filepath.Join(dir, WorkbookFile), 7); err != nil {
					t.Errorf("CheckWorkbook: %v", err)
				}
			}
		})
	}
}

// TestFitCell: text longer than a cell holds is cut to fit, with a note
// naming the CSV file; shorter text is left alone.
func TestFitCell(t *testing.T) {
	if got := fitCell("kurz", FindingsFile); got != "kurz" {
		t.Errorf("fitCell(short) = %q", got)
	}
	long := strings.Repeat("ä😀", maxCellChars) // 3 UTF-16 units each
	got := fitCell(long, FindingsFile)
	if n := len(utf16.Encode([]rune(got))); n > maxCellChars || n < maxCellChars-3 {
		t.Errorf("cut text has %d UTF-16 units; want at most %d, nearly all used", n, maxCellChars)
	}
	if note := fmt.Sprintf(" … [cut: %d characters; the whole text is in findings.csv]", 2*maxCellChars); !strings.HasSuffix(got, note) || !strings.HasPrefix(long, strings.TrimSuffix(got, note)) {
		t.Errorf("cut text ends %q; want the start of the text and %q", got[len(got)-80:], note)
	}
}

// TestWorkbook_abortRemovesTemp: an aborted writer leaves no workbook and
// no temporary file of it in the run folder.
func TestWorkbook_abort(t *testing.T) {
	out := t.TempDir()
	w, err := NewRunWriter(out, 2, Options{})
	if err != nil {
		t.Fatal(err)
	}
	addAll(t, w, newSample())
	if err := w.Abort(); err != nil {
		t.Fatal(err)
	}
	if got, _ := filepath.Glob(filepath.Join(Dir(out, 2), "*xlsx*")); len(got) != 0 {
		t.Errorf("left after Abort: %q", got)
	}
}

// TestCheckWorkbook: a written workbook passes; one of another run, a cut
// one or a missing one does not.
func TestCheckWorkbook(t *testing.T) {
	dir := writeRun(t, t.TempDir(), 7, Options{}, newSample())
	path := filepath.Join(dir, WorkbookFile)
	if err := CheckWorkbook(path, 7); err != nil {
		t.Fatalf("a complete workbook: %v", err)
	}
	if err := CheckWorkbook(path, 8); err == nil {
		t.Error("run 7's workbook passed as run 8's")
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cut := filepath.Join(t.TempDir(), WorkbookFile)
	if err := os.WriteFile(cut, b[:len(b)/2], 0o644); err != nil {
		t.Fatal(err)
	}
	if err := CheckWorkbook(cut, 7); err == nil {
		t.Error("half a workbook passed")
	}
	if err := CheckWorkbook(filepath.Join(t.TempDir(), WorkbookFile), 7); err == nil {
		t.Error("a missing workbook passed")
	}
}

// TestNewStyles_sameOrder: the styles are added in one order, so that the
// same run writes the same styles.xml (the grade fills came from a map's
// order and moved from run to run).
func TestNewStyles_sameOrder(t *testing.T) {
	var first []int
	for range 20 {
		st, err := newStyles(excelize.NewFile())
		if err != nil {
			t.Fatal(err)
		}
		var ids []int
		for _, g := range slices.Sorted(maps.Keys(gradeFills)) {
			ids = append(ids, st.grades[g])
		}
		if first == nil {
			first = ids
		}
		if !slices.Equal(ids, first) || !slices.IsSorted(ids) {
			t.Fatalf("grade styles %v, want the same ascending ids each time (first %v)", ids, first)
		}
	}
}
