package reports

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"unicode"
	"unicode/utf8"
)

// rowEncoder streams the rows of the big files (article_scores.csv,
// rule_scores.csv, findings.csv, and story_comparison.csv, with hundreds of
// thousands of rows in a large run) without gocsv.
//
// Why: speed, measured. On 20,000 articles those files hold about 640,000
// rows, and writing them with gocsv.MarshalCSVWithoutHeaders cost 1.7 s of
// the run: gocsv finds every cell by reflection and turns it into a new
// string, and it flushes its csv.Writer after every call, which (because
// csv.NewWriter reuses our bufio.Writer) made a write system call per file
// and article. With rowEncoder BenchmarkRunWriter_AddArticle went from 15.7
// to 3.5 µs per article (73 to 4 allocations) and the run's reports stage
// from 1.68 s to 0.47 s, commit and sync included.
//
// The bytes are the same as gocsv's, which writes each row with
// encoding/csv's Writer.Write: cells are formatted by the same code as the
// cell types' MarshalCSV methods (formulaLike as in Neutralise,
// decimal.appendTo, strconv.AppendInt for the ints gocsv prints with %v),
// and a cell that encoding/csv might quote is handed to an encoding/csv
// Writer with the same delimiter; only cells that encoding/csv certainly
// writes as they are (see plainCell) are copied directly.
// TestRowEncoder_sameAsGocsv, TestRunWriter_AddArticle_sameAsGocsv and
// FuzzRowEncoder compare the two byte for byte. gocsv still writes the
// header of every file and all rows of the small ones (outlet_scores.csv,
// skipped.csv, trend.csv).
type rowEncoder struct {
	out   io.Writer // where each line goes: an ArticleRows' buffer
	comma rune      // the field delimiter
	line  []byte    // the row being built
	cells int       // cells in line so far
	err   error     // the first cell error of the row being built

	head      []byte // the encoded cells the next rows begin with (setHead)
	headCells int    // cells in head
	headErr   error  // the first cell error of head

	quoter  *csv.Writer  // encodes one cell that may need quotes into scratch
	scratch bytes.Buffer // quoter's output
	one     [1]string    // quoter's record
}

// newRowEncoder returns an encoder writing rows to out with delimiter comma.
func newRowEncoder(out io.Writer, comma rune) *rowEncoder {
	e := &rowEncoder{out: out, comma: comma, line: make([]byte, 0, 512)}
	e.quoter = csv.NewWriter(&e.scratch)
	e.quoter.Comma = comma
	return e
}

// csvRow is a row struct that can write its cells, in the order of its csv
// tags, to a rowEncoder.
type csvRow interface {
	encodeCells(e *rowEncoder)
}

// write encodes r as one line and appends it to the file's buffer. A cell
// that cannot be formatted (a number that is not finite) is an error, and
// nothing of the row is written.
func (e *rowEncoder) write(r csvRow) error {
	e.line, e.cells, e.err = e.line[:0], 0, nil
	r.encodeCells(e)
	return e.endRow()
}

// endRow appends the row built in line to the file's buffer, unless one of
// its cells could not be formatted.
func (e *rowEncoder) endRow() error {
	if e.err != nil {
		return e.err
	}
	e.line = append(e.line, '\n')
	_, err := e.out.Write(e.line)
	return err
}

// headedRow is a row whose first cells (the article's) are the same in
// each of an article's rows: its encodeCells is encodeHead then
// encodeTail.
type headedRow interface {
	csvRow
	encodeHead(e *rowEncoder)
	encodeTail(e *rowEncoder)
}

// setHead encodes the head cells of r, which the rows writeTail writes
// next begin with: an article's rule_scores and findings rows repeat its
// run id, article id, file and outlet, and encoding them once per article
// instead of once per row made rows 25 % cheaper.
func (e *rowEncoder) setHead(r headedRow) {
	e.line, e.cells, e.err = e.line[:0], 0, nil
	r.encodeHead(e)
	e.head = append(e.head[:0], e.line...)
	e.headCells, e.headErr = e.cells, e.err
}

// writeTail writes r as write does, its head cells taken from setHead,
// which must have been given a row with the same head.
func (e *rowEncoder) writeTail(r headedRow) error {
	if e.headErr != nil {
		return e.headErr
	}
	e.line = append(e.line[:0], e.head...)
	e.cells, e.err = e.headCells, nil
	r.encodeTail(e)
	return e.endRow()
}

// start begins a cell: it writes the delimiter before every cell but the
// first, and returns where the cell's bytes begin in line.
func (e *rowEncoder) start() int {
	if e.cells > 0 {
		e.line = utf8.AppendRune(e.line, e.comma)
	}
	e.cells++
	return len(e.line)
}

// end finishes the cell that begins at line[from:], quoting it the way
// encoding/csv would when it is not plain.
func (e *rowEncoder) end(from int) {
	cell := e.line[from:]
	if plainCell(cell, e.comma) {
		return
	}
	e.one[0] = string(cell)
	e.line = e.line[:from]
	e.scratch.Reset()
	if err := e.quoter.Write(e.one[:]); err != nil {
		e.fail(err)
		return
	}
	e.quoter.Flush()
	if err := e.quoter.Error(); err != nil {
		e.fail(err)
		return
	}
	q := e.scratch.Bytes()
	e.line = append(e.line, q[:len(q)-1]...) // without the record's '\n'
}

// fail keeps the first error of the row.
func (e *rowEncoder) fail(err error) {
	if e.err == nil {
		e.err = err
	}
}

// plainCell reports whether encoding/csv's Writer, with delimiter comma,
// certainly writes cell unquoted and unchanged. It is conservative: it says
// false for every cell that Writer quotes (one that contains a quote, a
// carriage return, a line feed or the delimiter, starts with a Unicode space
// or is `\.`) and for a few more (cells that start with a control character
// or a backslash), which are then left to Writer to decide.
func plainCell(cell []byte, comma rune) bool {
	if len(cell) == 0 {
		return true
	}
	switch c := cell[0]; {
	case c <= ' ', c == '\\':
		return false
	case c >= utf8.RuneSelf:
		if r, _ := utf8.DecodeRune(cell); unicode.IsSpace(r) {
			return false
		}
	}
	if comma < utf8.RuneSelf {
		d := byte(comma)
		for _, c := range cell {
			if c == '"' || c == '\n' || c == '\r' || c == d {
				return false
			}
		}
		return true
	}
	return !bytes.ContainsAny(cell, "\"\r\n") && !bytes.ContainsRune(cell, comma)
}

// int writes an integer cell, as gocsv writes int fields (fmt's %v).
func (e *rowEncoder) int(v int64) {
	from := e.start()
	e.line = strconv.AppendInt(e.line, v, 10)
	e.end(from)
}

// text writes a text cell as text.MarshalCSV returns it: neutralised.
func (e *rowEncoder) text(t text) {
	from := e.start()
	if formulaLike(string(t)) { // Neutralise without building a string
		e.line = append(e.line, '\'')
	}
	e.line = append(e.line, t...)
	e.end(from)
}

// decimal writes a number cell as decimal.MarshalCSV returns it.
func (e *rowEncoder) decimal(d decimal) {
	from := e.start()
	var err error
	if e.line, err = d.appendTo(e.line); err != nil {
		e.fail(err)
		return
	}
	e.end(from)
}

// optInt writes an optInt cell as optInt.MarshalCSV returns it.
func (e *rowEncoder) optInt(n optInt) {
	from := e.start()
	if n != 0 {
		e.line = strconv.AppendInt(e.line, int64(n), 10)
	}
	e.end(from)
}

// The rows the encoder writes; TestRowEncoder_sameAsGocsv checks each
// against gocsv.
var (
	_ csvRow    = (*articleRow)(nil)
	_ headedRow = (*ruleScoreRow)(nil)
	_ headedRow = (*findingRow)(nil)
	_ csvRow    = (*storyRow)(nil)
)

// encodeCells writes the cells of r in the order of its csv tags.
func (r *articleRow) encodeCells(e *rowEncoder) {
	e.int(r.RunID)
	e.text(r.ArticleID)
	e.text(r.File)
	e.text(r.Outlet)
	e.text(r.Published)
	e.text(r.Language)
	e.text(r.Story)
	e.int(int64(r.Words))
	e.text(r.Status)
	e.decimal(r.Score)
	e.text(r.Grade)
	e.text(r.Cap)
	e.decimal(r.Uncapped)
	e.decimal(r.Sourcing)
	e.decimal(r.Dates)
	e.decimal(r.Denial)
	e.decimal(r.Translation)
	e.int(int64(r.Findings))
}

// encodeCells writes the cells of r in the order of its csv tags.
func (r *ruleScoreRow) encodeCells(e *rowEncoder) {
	r.encodeHead(e)
	r.encodeTail(e)
}

// encodeHead writes the cells every rule_scores row of an article has.
func (r *ruleScoreRow) encodeHead(e *rowEncoder) {
	e.int(r.RunID)
	e.text(r.ArticleID)
	e.text(r.Outlet)
}

// encodeTail writes the cells after encodeHead's.
func (r *ruleScoreRow) encodeTail(e *rowEncoder) {
	e.text(r.RuleID)
	e.text(r.Family)
	e.decimal(r.Score)
	e.decimal(r.Weight)
}

// encodeCells writes the cells of r in the order of its csv tags.
func (r *findingRow) encodeCells(e *rowEncoder) {
	r.encodeHead(e)
	r.encodeTail(e)
}

// encodeHead writes the cells every findings row of an article has.
func (r *findingRow) encodeHead(e *rowEncoder) {
	e.int(r.RunID)
	e.text(r.ArticleID)
	e.text(r.File)
	e.text(r.Outlet)
}

// encodeTail writes the cells after encodeHead's.
func (r *findingRow) encodeTail(e *rowEncoder) {
	e.text(r.RuleID)
	e.text(r.Family)
	e.text(r.Severity)
	e.text(r.Message)
	e.text(r.Evidence)
	e.optInt(r.Line)
	e.optInt(r.Column)
}

// encodeCells writes the cells of r in the order of its csv tags.
func (r *storyRow) encodeCells(e *rowEncoder) {
	e.int(r.RunID)
	e.text(r.Story)
	e.text(r.Outlet)
	e.text(r.ArticleID)
	e.text(r.File)
	e.text(r.Aspect)
	e.text(r.Item)
	e.text(r.Description)
	e.text(r.State)
	e.text(r.Given)
	e.text(r.Expected)
	e.text(r.Consensus)
	e.decimal(r.Share)
	e.decimal(r.Score)
	e.text(r.Grade)
	e.text(r.Evidence)
	e.optInt(r.Line)
	e.optInt(r.Column)
	e.text(r.Note)
}

// errNotFinite is the error of a number cell that is NaN or infinite.
func errNotFinite(v float64) error { return fmt.Errorf("number %v is not finite", v) }
