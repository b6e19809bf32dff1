package reports

import (
	"archive/zip"
	"bufio"
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// WorkbookFile is the run's workbook: the rows of every CSV report, one
// sheet per report, with typed cells, plus an About sheet that explains
// every column. It is the file to open in a spreadsheet.
const WorkbookFile = "report.xlsx"

// AboutSheet is the name of the workbook's sheet that explains the columns.
const AboutSheet = "About"

// The workbook is built from the same row structs as the CSV files, by
// reflection over their fields: each field with a csv tag is a column, in
// field order, and its Go type says what kind of cell it is (see
// columnsOf). A field's `about` tag is the column's line on the About
// sheet, and its optional `xlsx` tag refines a text column: "date" (YYYY-MM-DD),
// "datetime" (trendTimeLayout) or "grade" (coloured by letter). So a column
// added to a row struct appears in the workbook without other changes, and
// its description sits beside its definition.

// cellKind is how a column's values become workbook cells.
type cellKind int

const (
	kindInt      cellKind = iota // int, int64: a whole number
	kindOptInt                   // optInt: a whole number, no cell for 0
	kindText                     // text: a text cell in Text format, never read as a number, date or formula
	kindDecimal                  // decimal: a number with the decimals the CSV shows; no cell when empty
	kindDate                     // text tagged xlsx:"date": a date cell; text if it does not parse
	kindDateTime                 // text tagged xlsx:"datetime": a date-and-time cell (UTC); text if it does not parse
	kindGrade                    // text tagged xlsx:"grade": a text cell coloured by grade
)

// kindNames are the cell kinds as the About sheet names them.
var kindNames = map[cellKind]string{
	kindInt:      "number",
	kindOptInt:   "number",
	kindText:     "text",
	kindDecimal:  "number",
	kindDate:     "date",
	kindDateTime: "date and time (UTC)",
	kindGrade:    "text",
}

// bookColumn is one column of a sheet: a field of the row struct.
type bookColumn struct {
	field int      // index of the struct field
	name  string   // the csv tag: the header cell
	about string   // what the column holds, for the About sheet
	kind  cellKind // how its values become cells
}

var (
	typeText    = reflect.TypeFor[text]()
	typeDecimal = reflect.TypeFor[decimal]()
	typeOptInt  = reflect.TypeFor[optInt]()
)

// columnsOf returns the columns of row struct type t, in the order of its
// fields, which is the order of the CSV's columns. A field type the
// workbook has no cell kind for is an error, as is an unknown xlsx tag.
func columnsOf(t reflect.Type) ([]bookColumn, error) {
	var cols []bookColumn
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("csv"), ",")
		if name == "" || name == "-" {
			continue
		}
		c := bookColumn{field: i, name: name, about: f.Tag.Get("about")}
		switch tag := f.Tag.Get("xlsx"); {
		case f.Type == typeText && tag == "":
			c.kind = kindText
		case f.Type == typeText && tag == "date":
			c.kind = kindDate
		case f.Type == typeText && tag == "datetime":
			c.kind = kindDateTime
		case f.Type == typeText && tag == "grade":
			c.kind = kindGrade
		case tag != "":
			return nil, fmt.Errorf("%s.%s: xlsx tag %q: want date, datetime or grade on a text field", t.Name(), f.Name, tag)
		case f.Type == typeDecimal:
			c.kind = kindDecimal
		case f.Type == typeOptInt:
			c.kind = kindOptInt
		case f.Type.Kind() == reflect.Int || f.Type.Kind() == reflect.Int64:
			c.kind = kindInt
		default:
			return nil, fmt.Errorf("%s.%s: no workbook cell for Go type %s", t.Name(), f.Name, f.Type)
		}
		cols = append(cols, c)
	}
	return cols, nil
}

// maxSheetRows is the number of rows a sheet holds, its header included
// (1,048,576 in Excel and LibreOffice). A report with more rows continues
// on further sheets, "rule_scores (2)" and on. Tests lower it.
var maxSheetRows = excelize.TotalRows

// bookRowLimits are the reports whose sheet the workbook leaves out when
// they have more rows than the limit: rule_scores (a row per rule and
// article, 45 per article with the built-in rules), findings (about 20
// per article) and story_comparison (about 9 per article about a story, with the seeds' story file)
// pass what a spreadsheet opens, filters and sorts at ease
// (and, at 23,000 and 50,000 articles, the 1,048,575 rows of a sheet) long
// before the other reports do, and writing them cost most of the
// workbook's time. Their rows are held back until the end; when there are
// more, the sheet holds the header only and the About sheet says so. The
// CSV files always hold every row; the other reports continue on further
// sheets when one is full.
var bookRowLimits = map[string]int{RuleScoresFile: 100_000, FindingsFile: 100_000, StoryComparisonFile: 100_000}

// Limits of a sheet.
const (
	// maxCellChars is the most a text cell holds, in UTF-16 code units;
	// excelize cuts longer text without a word, so the workbook cuts it
	// itself and says so in the cell.
	maxCellChars = excelize.TotalCellChars
	// sampleRows is how many rows of a sheet are held back to size its
	// columns before any is written (a stream's widths are set first).
	sampleRows = 200
	// minWidth and maxWidth bound a column's width, in characters.
	minWidth, maxWidth = 6, 60
)

// gradeFills are the fill colours of grade cells, green for the best grade
// to red for the worst. A grade not listed (a scoring.yaml with other
// letters) is not coloured.
var gradeFills = map[string]string{
	"A": "C6EFCE",
	"B": "E2EFDA",
	"C": "FFF2CC",
	"D": "FCE4D6",
	"E": "F8CBAD",
	"F": "FFC7CE",
}

// styles are the cell styles of the workbook, by excelize style id.
type styles struct {
	header   int            // bold on grey, the header row
	text     int            // Text format (@): what is typed stays text too
	whole    int            // 0
	decimals map[int]int    // by digits after the point: 0.0, 0.000; -1 General
	date     int            // yyyy-mm-dd
	dateTime int            // yyyy-mm-dd hh:mm:ss
	grades   map[string]int // text format, filled by grade
	wrap     int            // text that wraps, on the About sheet
	title    int            // bold, the About sheet's first line
}

// newStyles adds the workbook's styles to f.
func newStyles(f *excelize.File) (styles, error) {
	var errs []error
	add := func(s *excelize.Style) int {
		id, err := f.NewStyle(s)
		errs = append(errs, err)
		return id
	}
	custom := func(format string) int { return add(&excelize.Style{CustomNumFmt: &format}) }
	st := styles{
		header: add(&excelize.Style{
			Font:   &excelize.Font{Bold: true},
			Fill:   excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9D9D9"}},
			Border: []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}},
			NumFmt: 49,
		}),
		text:     add(&excelize.Style{NumFmt: 49}),
		whole:    add(&excelize.Style{NumFmt: 1}),
		decimals: map[int]int{-1: 0, 1: custom("0.0"), 3: custom("0.000")},
		date:     custom("yyyy-mm-dd"),
		dateTime: custom("yyyy-mm-dd hh:mm:ss"),
		grades:   map[string]int{},
		wrap:     add(&excelize.Style{NumFmt: 49, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}),
		title:    add(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 13}}),
	}
	// In the order of the grades, so that the same run gives the same
	// styles.xml byte for byte (a map's order changed it from run to run).
	for _, g := range slices.Sorted(maps.Keys(gradeFills)) {
		color := gradeFills[g]
		st.grades[g] = add(&excelize.Style{
			NumFmt:    49,
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}},
			Alignment: &excelize.Alignment{Horizontal: "center"},
		})
	}
	return st, errors.Join(errs...)
}

// decimalStyle returns the style of a number with prec decimals: the ones
// the CSV shows.
func (st styles) decimalStyle(f *excelize.File, prec int) (int, error) {
	if id, ok := st.decimals[prec]; ok {
		return id, nil
	}
	format := "0." + strings.Repeat("0", prec)
	id, err := f.NewStyle(&excelize.Style{CustomNumFmt: &format})
	if err == nil {
		st.decimals[prec] = id
	}
	return id, err
}

// workbook streams the rows of one run into an xlsx file: a StreamWriter
// per sheet, whose rows excelize keeps in memory up to 16 MiB and then in
// a temporary file of the system's temporary folder (removed by close).
type workbook struct {
	f      *excelize.File
	runID  int64
	st     styles
	sheets []*sheet // in the order of the CSV files
}

// sheet is the sheet (or the sheets, past maxSheetRows) of one report.
type sheet struct {
	book   *workbook
	report string       // the CSV file, e.g. "findings.csv"
	about  string       // what one row is
	cols   []bookColumn // the columns
	widths []float64

	names   []string // the sheet's names: base, "base (2)", …
	sw      *excelize.StreamWriter
	row     int     // the last row written to sw (1: the header)
	rows    int     // data rows over all sheets
	sample  [][]any // rows held back until the widths are known
	cells   []any   // reused for each row
	written bool    // widths set, the sample written

	limit   int             // bookRowLimits: rows held back up to it, the sheet left out above it; 0: none
	held    []reflect.Value // the rows held back: slices of the row type of heldChunk rows at most, copies
	omitted bool            // more rows than limit: the sheet is left out
}

// newWorkbook starts the workbook of run runID. excelize spills large
// sheets to temporary files ("excelize-*"); they go into tmpDir, the run
// folder, where the next run's CleanStale finds them if this process is
// killed (in the system's temporary folder nobody would).
func newWorkbook(runID int64, tmpDir string) (*workbook, error) {
	f := excelize.NewFile(excelize.Options{TmpDir: tmpDir})
	st, err := newStyles(f)
	if err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("workbook styles: %w", err)
	}
	return &workbook{f: f, runID: runID, st: st}, nil
}

// addSheet adds the sheet of CSV report name, whose rows are rowType
// structs and each of which is what about says.
func (b *workbook) addSheet(name string, rowType reflect.Type, about string) (*sheet, error) {
	cols, err := columnsOf(rowType)
	if err != nil {
		return nil, err
	}
	s := &sheet{book: b, report: name, about: about, cols: cols, widths: make([]float64, len(cols)),
		cells: make([]any, len(cols)), limit: bookRowLimits[name]}
	for i, c := range cols {
		s.widths[i] = float64(utf8.RuneCountInString(c.name)) + 3 // room for the filter button
	}
	if err := s.newPart(); err != nil {
		return nil, err
	}
	b.sheets = append(b.sheets, s)
	return s, nil
}

// sheetName is the name of part n (1, 2, …) of the sheet of report.
func sheetName(report string, n int) string {
	base := strings.TrimSuffix(report, ".csv")
	if n == 1 {
		return base
	}
	return fmt.Sprintf("%s (%d)", base, n)
}

// newPart starts the next sheet of s: the first or a continuation.
func (s *sheet) newPart() error {
	f := s.book.f
	name := sheetName(s.report, len(s.names)+1)
	if len(s.book.sheets) == 0 && len(s.names) == 0 {
		// The first sheet of a new file exists already, as "Sheet1".
		if err := f.SetSheetName(f.GetSheetName(0), name); err != nil {
			return err
		}
	} else if _, err := f.NewSheet(name); err != nil {
		return err
	}
	if err := printLayout(f, name); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	s.names, s.sw, s.row = append(s.names, name), sw, 0
	if s.written {
		return s.startPart()
	}
	return nil
}

// printLayout makes sheet print landscape, all its columns on the width of
// a page. It must come before the sheet's stream writer, which writes
// these settings when it starts.
func printLayout(f *excelize.File, sheet string) error {
	fit := true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	landscape, wide, tall := "landscape", 1, 0
	return f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &landscape, FitToWidth: &wide, FitToHeight: &tall})
}

// startPart sets the current sheet's widths and frozen header row and
// writes the header.
func (s *sheet) startPart() error {
	for i, w := range s.widths {
		if err := s.sw.SetColWidth(i+1, i+1, min(max(w, minWidth), maxWidth)); err != nil {
			return err
		}
	}
	if err := s.sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	header := make([]any, len(s.cols))
	for i, c := range s.cols {
		header[i] = excelize.Cell{StyleID: s.book.st.header, Value: c.name}
	}
	return s.put(header)
}

// put writes one row after the last one of the current sheet.
func (s *sheet) put(cells []any) error {
	s.row++
	return s.sw.SetRow("A"+strconv.Itoa(s.row), cells)
}

// add appends the row struct v (a struct value of the sheet's row type).
func (s *sheet) add(v reflect.Value) error {
	if s.limit == 0 {
		return s.write(v)
	}
	s.rows++
	switch {
	case s.omitted:
	case s.rows > s.limit:
		s.omitted, s.held = true, nil
	default:
		c := s.chunk(v.Type())
		grown := c.Slice(0, c.Len()+1)
		grown.Index(c.Len()).Set(v)
		s.held[len(s.held)-1] = grown
	}
	return nil
}

// heldChunk is how many rows one slice of held rows takes: rows are copied
// once into chunks of it, never moved again as a growing slice would be
// (0.45 of 5.9 CPU seconds of a rerun of 20,000 articles went to growing
// one slice of copies, which the collector scans as it is moved). Tests
// lower it.
var heldChunk = 4096

// chunk returns the last chunk of held rows of row type t, a new one when
// it is full.
func (s *sheet) chunk(t reflect.Type) reflect.Value {
	if last := len(s.held) - 1; last >= 0 && s.held[last].Len() < s.held[last].Cap() {
		return s.held[last]
	}
	s.held = append(s.held, reflect.MakeSlice(reflect.SliceOf(t), 0, heldChunk))
	return s.held[len(s.held)-1]
}

// hold copies the rows of the slice v (of the sheet's row type) to the
// rows held back.
func (s *sheet) hold(v reflect.Value) {
	for off, n := 0, v.Len(); off < n; {
		c := s.chunk(v.Type().Elem())
		k := min(n-off, c.Cap()-c.Len())
		grown := c.Slice(0, c.Len()+k)
		reflect.Copy(grown.Slice(c.Len(), grown.Len()), v.Slice(off, off+k))
		s.held[len(s.held)-1] = grown
		off += k
	}
}

// addAll appends the rows of the slice v (of the sheet's row type): as add
// does row by row, with one append for all of them while they are held.
func (s *sheet) addAll(v reflect.Value) error {
	n := v.Len()
	if s.limit == 0 || s.omitted || s.rows+n > s.limit {
		for i := range n {
			if err := s.add(v.Index(i)); err != nil {
				return err
			}
		}
		return nil
	}
	s.rows += n
	s.hold(v)
	return nil
}

// expect tells the sheet that n more rows are coming: when they are more
// than its limit, it is left out at once and holds none of them back.
func (s *sheet) expect(n int) {
	if s.limit > 0 && !s.omitted && s.rows+n > s.limit {
		s.omitted, s.held = true, nil
	}
}

// writeHeld writes the rows held back, unless there are too many.
func (s *sheet) writeHeld() error {
	if s.limit == 0 || s.omitted {
		return nil
	}
	held := s.held
	s.held, s.limit, s.rows = nil, 0, 0
	for _, c := range held {
		for i := range c.Len() {
			if err := s.write(c.Index(i)); err != nil {
				return err
			}
		}
	}
	return nil
}

// write converts the row struct v to cells and writes them (or holds them
// back until the widths are known).
func (s *sheet) write(v reflect.Value) error {
	cells, err := s.cellsOf(v, s.cells)
	if err != nil {
		return err
	}
	s.rows++
	if !s.written {
		s.measure(cells)
		s.sample = append(s.sample, append([]any(nil), cells...))
		if len(s.sample) < sampleRows {
			return nil
		}
		return s.writeSample()
	}
	return s.addCells(cells)
}

// addCells writes a row of cells, on a new sheet when the current one is
// full.
func (s *sheet) addCells(cells []any) error {
	if s.row == maxSheetRows {
		if err := s.endPart(); err != nil {
			return err
		}
		if err := s.newPart(); err != nil {
			return err
		}
	}
	return s.put(cells)
}

// writeSample sets the widths from the rows held back and writes them.
func (s *sheet) writeSample() error {
	s.written = true
	if err := s.startPart(); err != nil {
		return err
	}
	for _, cells := range s.sample {
		if err := s.addCells(cells); err != nil {
			return err
		}
	}
	s.sample = nil
	return nil
}

// measure widens the columns to fit cells.
func (s *sheet) measure(cells []any) {
	for i, c := range cells {
		cell, ok := c.(excelize.Cell)
		if !ok {
			continue
		}
		var w int
		switch v := cell.Value.(type) {
		case string:
			w = utf8.RuneCountInString(v)
		case time.Time:
			w = len(trendTimeLayout)
			if s.cols[i].kind == kindDate {
				w = len(time.DateOnly)
			}
		case float64:
			w = len(strconv.FormatFloat(v, 'f', -1, 64)) + 1
		case int64:
			w = len(strconv.FormatInt(v, 10))
		}
		s.widths[i] = max(s.widths[i], float64(w)+2)
	}
}

// endPart finishes the current sheet: autofilter over its rows, flushed.
func (s *sheet) endPart() error {
	if !s.written {
		if err := s.writeSample(); err != nil {
			return err
		}
	}
	name := s.names[len(s.names)-1]
	last, err := excelize.CoordinatesToCellName(len(s.cols), max(s.row, 1))
	if err != nil {
		return err
	}
	// On the sheet the stream writes (the same worksheet object), before
	// Flush writes its end: the filter is written with it.
	if err := s.book.f.AutoFilter(name, "A1:"+last, nil); err != nil {
		return fmt.Errorf("autofilter %s: %w", name, err)
	}
	// The header on every printed page.
	if err := s.book.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: "'" + name + "'!$1:$1", Scope: name}); err != nil {
		return fmt.Errorf("print titles %s: %w", name, err)
	}
	return s.sw.Flush()
}

// cellsOf converts the row struct v into cells (dst reused): nil for an
// empty cell, an excelize.Cell with its value and style for the others.
func (s *sheet) cellsOf(v reflect.Value, dst []any) ([]any, error) {
	st := &s.book.st
	for i, c := range s.cols {
		fv := v.Field(c.field)
		var cell any
		switch c.kind {
		case kindInt:
			cell = excelize.Cell{StyleID: st.whole, Value: fv.Int()}
		case kindOptInt:
			if n := fv.Int(); n != 0 {
				cell = excelize.Cell{StyleID: st.whole, Value: n}
			}
		case kindText:
			cell = s.textCell(fv.String(), st.text)
		case kindGrade:
			style, ok := st.grades[fv.String()]
			if !ok {
				style = st.text
			}
			cell = s.textCell(fv.String(), style)
		case kindDate, kindDateTime:
			cell = s.timeCell(fv.String(), c.kind)
		case kindDecimal:
			d := fv.Interface().(decimal)
			if d.empty {
				break
			}
			x, err := d.shown()
			if err != nil {
				return nil, fmt.Errorf("%s: %w", c.name, err)
			}
			style, err := st.decimalStyle(s.book.f, d.prec)
			if err != nil {
				return nil, err
			}
			cell = excelize.Cell{StyleID: style, Value: x}
		}
		dst[i] = cell
	}
	return dst, nil
}

// textCell is a text cell holding t as it is: no quote in front as in the
// CSV files, because a typed text cell in Text format is never read as a
// formula, a number or a date, not even when it is edited. An empty t is
// no cell. Text longer than a cell holds is cut, with a note saying so.
func (s *sheet) textCell(t string, style int) any {
	if t == "" {
		return nil
	}
	if len(t) > maxCellChars { // bytes ≥ UTF-16 units: only long text is counted
		t = fitCell(t, s.report)
	}
	return excelize.Cell{StyleID: style, Value: t}
}

// fitCell cuts t to what a cell holds, ending it with a note that the whole
// text is in the CSV file report.
func fitCell(t, report string) string {
	if len(utf16.Encode([]rune(t))) <= maxCellChars {
		return t
	}
	note := fmt.Sprintf(" … [cut: %d characters; the whole text is in %s]", utf8.RuneCountInString(t), report)
	room := maxCellChars - len(utf16.Encode([]rune(note)))
	units := 0
	for i, r := range t {
		if units += utf16.RuneLen(r); units > room {
			return t[:i] + note
		}
	}
	return t + note
}

// timeCell is a date (kindDate) or date-and-time cell for the text t as
// the CSV writes it; empty t is no cell, and t that does not parse stays a
// text cell (never lost).
func (s *sheet) timeCell(t string, kind cellKind) any {
	if t == "" {
		return nil
	}
	layout, style := time.DateOnly, s.book.st.date
	if kind == kindDateTime {
		layout, style = trendTimeLayout, s.book.st.dateTime
	}
	tm, err := time.Parse(layout, t)
	if err != nil {
		return s.textCell(t, s.book.st.text)
	}
	return excelize.Cell{StyleID: style, Value: tm}
}

// shown returns d's value as its CSV cell shows it (rounded to d.prec
// decimals by the same code), so that the workbook and the CSV agree to
// the last digit. The decimal comma is a matter of the CSV text only.
func (d decimal) shown() (float64, error) {
	d.comma = false
	b, err := d.appendTo(nil)
	if err != nil {
		return 0, err
	}
	return strconv.ParseFloat(string(b), 64)
}

// addSlice appends the rows of rows, a slice of the sheet's row structs.
func (s *sheet) addSlice(rows any) error {
	return s.addAll(reflect.ValueOf(rows))
}

// writeTo finishes every sheet, adds the About sheet and writes the
// workbook to w. The zip is streamed to w: excelize's own Write builds the
// whole file in memory first.
func (b *workbook) writeTo(w io.Writer) error {
	for _, s := range b.sheets {
		if err := s.writeHeld(); err != nil {
			return fmt.Errorf("sheet %s: %w", s.names[len(s.names)-1], err)
		}
		if err := s.endPart(); err != nil {
			return fmt.Errorf("sheet %s: %w", s.names[len(s.names)-1], err)
		}
	}
	if err := b.about(); err != nil {
		return fmt.Errorf("sheet %s: %w", AboutSheet, err)
	}
	bw := bufio.NewWriterSize(w, 256<<10)
	var zw *zip.Writer
	b.f.SetZipWriter(func(io.Writer) excelize.ZipWriter {
		zw = zip.NewWriter(bw)
		// Fastest deflate: the sheets' XML is repetitive, so the file is
		// barely larger, and writing it takes a third of the time.
		zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
			return flate.NewWriter(w, flate.BestSpeed)
		})
		return zw
	})
	buf, err := b.f.WriteToBuffer()
	if err != nil {
		return err
	}
	if zw == nil || buf.Len() != 0 {
		return errors.New("workbook: excelize did not write through the zip writer given to it")
	}
	return bw.Flush()
}

// aboutTitle is the first line of the About sheet of run runID.
func aboutTitle(runID int64) string { return fmt.Sprintf("sourcescore: the reports of run %d", runID) }

// reportRows are the reports with their row types, in the order of the
// workbook's sheets (NewRunWriter opens them in this order;
// TestCheckWorkbook checks it).
var reportRows = []struct {
	file    string       // the CSV file
	rowType reflect.Type // its row struct
}{
	{ArticleScoresFile, reflect.TypeFor[articleRow]()},
	{RuleScoresFile, reflect.TypeFor[ruleScoreRow]()},
	{FindingsFile, reflect.TypeFor[findingRow]()},
	{OutletScoresFile, reflect.TypeFor[outletRow]()},
	{SkippedFile, reflect.TypeFor[skippedRow]()},
	{TrendFile, reflect.TypeFor[trendRow]()},
	{StoryComparisonFile, reflect.TypeFor[storyRow]()},
}

// omitted returns the reports whose sheet is left out, with their rows.
func (b *workbook) omitted() map[string]int {
	out := map[string]int{}
	for _, s := range b.sheets {
		if s.omitted {
			out[s.report] = s.rows
		}
	}
	return out
}

// close removes excelize's temporary files.
func (b *workbook) close() error { return b.f.Close() }

// about writes the About sheet: what the workbook is, then one line per
// sheet and per column.
func (b *workbook) about() error {
	f, st := b.f, b.st
	if _, err := f.NewSheet(AboutSheet); err != nil {
		return err
	}
	row := 0
	set := func(style int, values ...any) error {
		row++
		for i, v := range values {
			cell, _ := excelize.CoordinatesToCellName(i+1, row)
			if err := f.SetCellValue(AboutSheet, cell, v); err != nil {
				return err
			}
			if err := f.SetCellStyle(AboutSheet, cell, cell, style); err != nil {
				return err
			}
		}
		return nil
	}
	intro := []string{
		aboutTitle(b.runID),
		"This workbook holds the rows of the CSV files of the same folder, one sheet per file, so that a spreadsheet shows exactly what the run computed. Open this workbook in a spreadsheet; read the CSV files with code.",
		"Ids, file names, messages and evidence are text cells and stay as written (an id such as 0123 or 87412e3142195614, evidence such as 15. November or =HYPERLINK(...) is text, never a number, date or formula). Scores are numbers with the decimals the CSV files show; dates are dates. An empty cell is a value the run did not have or could not compute, never zero.",
	}
	for i, line := range intro {
		style := st.wrap
		if i == 0 {
			style = st.title
		}
		if err := set(style, line); err != nil {
			return err
		}
	}
	row++ // a blank line
	if err := set(st.header, "sheet", "column", "type", "description"); err != nil {
		return err
	}
	headerRow := row
	for _, s := range b.sheets {
		desc := s.about
		if len(s.names) > 1 {
			desc += fmt.Sprintf(" Its %d rows continue on the sheets %s (a sheet holds at most %d rows).",
				s.rows, strings.Join(s.names[1:], ", "), maxSheetRows-1)
		}
		if s.omitted {
			desc += fmt.Sprintf(" LEFT OUT of this workbook: this run has %d of these rows, more than the %d the workbook takes (a spreadsheet is slow to open, filter and sort so many); the sheet holds the header only, and %s holds every row.",
				s.rows, s.limit, s.report)
		}
		if err := set(st.text, s.names[0], "", "", desc+" Written as "+s.report+"."); err != nil {
			return err
		}
		for _, c := range s.cols {
			if err := set(st.text, s.names[0], c.name, kindNames[c.kind], c.about); err != nil {
				return err
			}
		}
	}
	for col, width := range map[string]float64{"A": 16, "B": 18, "C": 18, "D": 130} {
		if err := f.SetColWidth(AboutSheet, col, col, width); err != nil {
			return err
		}
	}
	if err := f.MergeCell(AboutSheet, "A2", "D2"); err != nil {
		return err
	}
	if err := f.MergeCell(AboutSheet, "A3", "D3"); err != nil {
		return err
	}
	for _, r := range []int{2, 3} {
		if err := f.SetRowHeight(AboutSheet, r, 48); err != nil {
			return err
		}
	}
	top := "A" + strconv.Itoa(headerRow+1)
	if err := f.SetPanes(AboutSheet, &excelize.Panes{Freeze: true, YSplit: headerRow, TopLeftCell: top, ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if err := f.AutoFilter(AboutSheet, fmt.Sprintf("A%d:D%d", headerRow, row), nil); err != nil {
		return err
	}
	return printLayout(f, AboutSheet) // after AutoFilter, which replaces the sheet's properties
}

// CheckWorkbook returns what is wrong with the workbook at path as a
// complete run's workbook of run runID: it must open, hold a sheet per
// report with the report's header (and the About sheet), and say it is of
// that run. It reads the whole file, so a cut file fails.
func CheckWorkbook(path string, runID int64) error {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	defer f.Close()
	for _, r := range reportRows {
		cols, err := columnsOf(r.rowType)
		if err != nil {
			return err
		}
		sheet := sheetName(r.file, 1)
		rows, err := f.GetRows(sheet)
		if err != nil {
			return fmt.Errorf("%s: sheet %s: %w", path, sheet, err)
		}
		if len(rows) == 0 || len(rows[0]) != len(cols) {
			return fmt.Errorf("%s: sheet %s has no header of %d columns", path, sheet, len(cols))
		}
		for i, c := range cols {
			if rows[0][i] != c.name {
				return fmt.Errorf("%s: sheet %s: column %d is %q, want %q", path, sheet, i+1, rows[0][i], c.name)
			}
		}
	}
	title, err := f.GetCellValue(AboutSheet, "A1")
	if err != nil {
		return fmt.Errorf("%s: sheet %s: %w", path, AboutSheet, err)
	}
	if want := aboutTitle(runID); title != want {
		return fmt.Errorf("%s: %s says %q, want %q", path, AboutSheet, title, want)
	}
	return nil
}
