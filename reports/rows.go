package reports

import (
	"bytes"
	"math"
	"strconv"

	"github.com/gocarina/gocsv"

	"sourcescore"
)

// The cell types. gocsv calls MarshalCSV on each of them, and rowEncoder
// formats them with the same code, so the rules for a kind of cell
// (neutralise text, format numbers) live in one place and a row struct
// cannot forget them. Everything a cell needs, such as the decimal
// comma, travels inside the cell value: the writers of one process may have
// different Options, so nothing is read from package state.
var (
	_ gocsv.TypeMarshaller = text("")
	_ gocsv.TypeMarshaller = decimal{}
	_ gocsv.TypeMarshaller = optInt(0)
)

// text is a free-text cell; it is written neutralised (see Neutralise).
type text string

// MarshalCSV returns the neutralised text.
func (t text) MarshalCSV() (string, error) { return Neutralise(string(t)), nil }

// decimal is a number cell with a fixed format.
type decimal struct {
	v     float64 // the value
	prec  int     // digits after the point; -1 for as many as v needs
	comma bool    // write a decimal comma instead of a point
	empty bool    // write an empty cell whatever v is
}

// MarshalCSV formats the number (see appendTo).
func (d decimal) MarshalCSV() (string, error) {
	b, err := d.appendTo(nil)
	return string(b), err
}

// appendTo appends the number to dst as MarshalCSV returns it: nothing when
// d.empty, else d.v with d.prec decimals, with no minus sign when it shows
// as zero ("-0.0" for -0 or a tiny negative) and a comma for the point when
// d.comma. It refuses NaN and infinities, which no score or weight may be
// and which spreadsheets would read as text (or, for "+Inf", as a formula).
func (d decimal) appendTo(dst []byte) ([]byte, error) {
	if d.empty {
		return dst, nil
	}
	if math.IsNaN(d.v) || math.IsInf(d.v, 0) {
		return dst, errNotFinite(d.v)
	}
	from := len(dst)
	dst = strconv.AppendFloat(dst, d.v, 'f', d.prec, 64)
	if num := dst[from:]; num[0] == '-' && len(bytes.Trim(num, "-0.")) == 0 {
		dst = append(dst[:from], num[1:]...) // no "-0.0"
	}
	if d.comma {
		if i := bytes.IndexByte(dst[from:], '.'); i >= 0 {
			dst[from+i] = ','
		}
	}
	return dst, nil
}

// optInt is an integer cell that is empty when zero (line and column of a
// finding about absence).
type optInt int

// MarshalCSV returns the number, or "" for zero.
func (n optInt) MarshalCSV() (string, error) {
	if n == 0 {
		return "", nil
	}
	return strconv.Itoa(int(n)), nil
}

// numbers makes number cells for one writer's Options.
type numbers struct {
	comma bool // decimal comma
}

// score100 is an article or outlet score, 0–100, with one decimal.
func (n numbers) score100(v float64) decimal { return decimal{v: v, prec: 1, comma: n.comma} }

// score1 is a rule score, 0–1, with three decimals; empty unless applied.
func (n numbers) score1(v float64, applied bool) decimal {
	return decimal{v: v, prec: 3, comma: n.comma, empty: !applied}
}

// exact is a number with as many decimals as it needs (weights).
func (n numbers) exact(v float64) decimal { return decimal{v: v, prec: -1, comma: n.comma} }

// optScore100 is a score100 that is empty when ok is false.
func (n numbers) optScore100(v float64, ok bool) decimal {
	d := n.score100(v)
	d.empty = !ok
	return d
}

// shown100 is v as a score100 cell shows it: rounded to one decimal the way
// the cell formats it, so that differences of shown values add up.
func shown100(v float64) float64 {
	r, err := strconv.ParseFloat(strconv.FormatFloat(v, 'f', 1, 64), 64)
	if err != nil {
		return v
	}
	return r
}

// articleRow is a row of article_scores.csv.
type articleRow struct {
	RunID     int64   `csv:"run_id"`
	ArticleID text    `csv:"article_id"`
	File      text    `csv:"file"`
	Outlet    text    `csv:"outlet"`
	Published text    `csv:"published"`
	Language  text    `csv:"language"`
	Story     text    `csv:"story"`
	Words     int     `csv:"words"`
	Score     decimal `csv:"score"`
	Grade     text    `csv:"grade"`
	Cap       text    `csv:"cap"`      // the grade caps that applied: "C by translation.likely_mt; D by family dates"; empty when none
	Uncapped  decimal `csv:"uncapped"` // the score before the caps; empty when none applied
	Findings  int     `csv:"findings"`
}

// ruleScoreRow is a row of rule_scores.csv.
type ruleScoreRow struct {
	RunID     int64   `csv:"run_id"`
	ArticleID text    `csv:"article_id"`
	Outlet    text    `csv:"outlet"`
	RuleID    text    `csv:"rule_id"`
	Family    text    `csv:"family"`
	Score     decimal `csv:"score"`
	Weight    decimal `csv:"weight"`
}

// findingRow is a row of findings.csv.
type findingRow struct {
	RunID     int64  `csv:"run_id"`
	ArticleID text   `csv:"article_id"`
	File      text   `csv:"file"`
	Outlet    text   `csv:"outlet"`
	RuleID    text   `csv:"rule_id"`
	Family    text   `csv:"family"`
	Severity  text   `csv:"severity"`
	Message   text   `csv:"message"`
	Evidence  text   `csv:"evidence"`
	Line      optInt `csv:"line"`
	Column    optInt `csv:"column"`
}

// outletRow is a row of outlet_scores.csv.
type outletRow struct {
	RunID         int64   `csv:"run_id"`
	Outlet        text    `csv:"outlet"`
	Articles      int     `csv:"articles"`
	Score         decimal `csv:"score"`
	Grade         text    `csv:"grade"`
	PreviousScore decimal `csv:"previous_score"`
	Delta         decimal `csv:"delta"`
}

// trendRow is a row of trend.csv.
type trendRow struct {
	RunID           int64   `csv:"run_id"`
	Outlet          text    `csv:"outlet"`
	TrendRunID      int64   `csv:"trend_run_id"`
	TrendRunStarted text    `csv:"trend_run_started"`
	Articles        int     `csv:"articles"`
	Score           decimal `csv:"score"`
	Grade           text    `csv:"grade"`
}

// skippedRow is a row of skipped.csv.
type skippedRow struct {
	RunID  int64 `csv:"run_id"`
	File   text  `csv:"file"`
	Reason text  `csv:"reason"`
}

// articleRowOf builds the article_scores row of s.
func articleRowOf(runID int64, n numbers, s *sourcescore.ArticleScore) articleRow {
	a := s.Article
	return articleRow{
		RunID:     runID,
		ArticleID: text(a.ID),
		File:      text(a.File),
		Outlet:    text(a.Meta.OutletName()),
		Published: text(a.Meta.PublishedString()),
		Language:  text(a.Meta.Language),
		Story:     text(a.Meta.Story),
		Words:     a.Words,
		Score:     n.score100(s.Score),
		Grade:     text(s.Grade),
		Cap:       text(s.CapsString()),
		Uncapped:  n.optScore100(s.Uncapped, len(s.Caps) > 0),
		Findings:  len(s.Findings),
	}
}

// ruleScoreRowsOf appends the rule_scores rows of s to rows.
func ruleScoreRowsOf(rows []ruleScoreRow, runID int64, n numbers, s *sourcescore.ArticleScore) []ruleScoreRow {
	a := s.Article
	for _, r := range s.Rules {
		rows = append(rows, ruleScoreRow{
			RunID:     runID,
			ArticleID: text(a.ID),
			Outlet:    text(a.Meta.OutletName()),
			RuleID:    text(r.RuleID),
			Family:    text(r.Family),
			Score:     n.score1(r.Score, r.Applied),
			Weight:    n.exact(r.Weight),
		})
	}
	return rows
}

// findingRowsOf appends the findings rows of s to rows.
func findingRowsOf(rows []findingRow, runID int64, s *sourcescore.ArticleScore) []findingRow {
	a := s.Article
	for _, f := range s.Findings {
		row := findingRow{
			RunID:     runID,
			ArticleID: text(a.ID),
			File:      text(a.File),
			Outlet:    text(a.Meta.OutletName()),
			RuleID:    text(f.RuleID),
			Family:    text(f.Family),
			Severity:  text(f.Severity.String()),
			Message:   text(f.Message),
			Evidence:  text(f.Evidence),
		}
		if f.Pos.Line != 0 {
			row.Line, row.Column = optInt(f.Pos.Line), optInt(f.Pos.Column)
		}
		rows = append(rows, row)
	}
	return rows
}
