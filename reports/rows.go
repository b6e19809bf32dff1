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
	if d.prec >= 0 {
		dst = sourcescore.AppendDecimal(dst, d.v, d.prec) // the rule of SQL's round(): exact halves away from zero
	} else {
		dst = strconv.AppendFloat(dst, d.v, 'f', d.prec, 64)
	}
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
func shown100(v float64) float64 { return sourcescore.RoundDecimal(v, 1) }

// The rows of the reports. Each field with a csv tag is a column, in
// field order, of the CSV file and of its sheet in the workbook; its about
// tag is the column's description on the workbook's About sheet (every
// column must have one: TestColumns_described), and its xlsx tag, if any,
// makes a text column a date, a date and time, or a grade (see columnsOf).

// articleRow is a row of article_scores.csv.
type articleRow struct {
	RunID       int64   `csv:"run_id" about:"The run that wrote the row (sourcescore history lists the runs)."`
	ArticleID   text    `csv:"article_id" about:"The article's id, made from its file's path: the same in every run and every file of a run (text, never a number)."`
	File        text    `csv:"file" about:"The article's file, relative to the input folder."`
	Outlet      text    `csv:"outlet" about:"The outlet that published the article, from manifest.csv; (unknown) when none is known."`
	Published   text    `csv:"published" xlsx:"date" about:"The day the article was published (from manifest.csv or, when marked inferred in the database, from the text); empty when unknown."`
	Language    text    `csv:"language" about:"The article's language (ISO 639-1 code, e.g. de)."`
	Story       text    `csv:"story" about:"The story file whose rules applied to the article; empty when it matches no story (story rules not applied)."`
	Words       int     `csv:"words" about:"The number of words of the article's text."`
	Status      text    `csv:"status" about:"scored, or not scored: and why (language not detected: a text too short or in no language a rule is for); an article not scored has no score and no grade and is not averaged."` // "scored", or "not scored: " and why
	Score       decimal `csv:"score" about:"The article's score, 0 to 100 (one decimal): the weighted mean of its family scores, lowered by the grade caps in cap; empty when not scored."`
	Grade       text    `csv:"grade" xlsx:"grade" about:"The grade of the score (bands in scoring.yaml; by default A from 90, B 80, C 65, D 50, E 35, F below); empty when not scored."`
	Cap         text    `csv:"cap" about:"The grade caps that applied, as C by denial.missing or D by family dates, several joined with ; (empty when none applied)."` // the grade caps that applied: "C by translation.likely_mt; D by family dates"; empty when none
	Uncapped    decimal `csv:"uncapped" about:"The article's score before the grade caps (one decimal); empty when no cap applied."`                                   // the score before the caps; empty when none applied
	Sourcing    decimal `csv:"sourcing" about:"The article's sourcing family score, 0 to 100 (one decimal): the weighted mean of its sourcing rules; empty when no rule of the family applied or the article is not scored."`
	Dates       decimal `csv:"dates" about:"The article's dates family score, 0 to 100 (one decimal); empty when no rule of the family applied or the article is not scored."`
	Denial      decimal `csv:"denial" about:"The article's denial family score, 0 to 100 (one decimal); empty when no rule of the family applied (an article matching no story) or the article is not scored."`
	Translation decimal `csv:"translation" about:"The article's translation family score, 0 to 100 (one decimal); empty when no rule of the family applied or the article is not scored."`
	Findings    int     `csv:"findings" about:"The number of the article's findings (info ones included): its rows on the findings sheet."`
}

// ruleScoreRow is a row of rule_scores.csv.
type ruleScoreRow struct {
	RunID     int64   `csv:"run_id" about:"The run that wrote the row."`
	ArticleID text    `csv:"article_id" about:"The article's id, as on the article_scores sheet."`
	Outlet    text    `csv:"outlet" about:"The article's outlet; (unknown) when none is known."`
	RuleID    text    `csv:"rule_id" about:"The rule's id, named by its family (dates.future, denial.missing)."`
	Family    text    `csv:"family" about:"The rule's family: sourcing, dates, denial or translation."`
	Score     decimal `csv:"score" about:"The rule's score for the article, 0 to 1 (three decimals); empty when the rule did not apply (another language, no story)."`
	Weight    decimal `csv:"weight" about:"The rule's weight within its family, from its rule file."`
}

// findingRow is a row of findings.csv.
type findingRow struct {
	RunID     int64  `csv:"run_id" about:"The run that wrote the row."`
	ArticleID text   `csv:"article_id" about:"The article's id, as on the article_scores sheet."`
	File      text   `csv:"file" about:"The article's file, relative to the input folder."`
	Outlet    text   `csv:"outlet" about:"The article's outlet; (unknown) when none is known."`
	RuleID    text   `csv:"rule_id" about:"The id of the rule that found it."`
	Family    text   `csv:"family" about:"The rule's family: sourcing, dates, denial or translation."`
	Severity  text   `csv:"severity" about:"info (evidence, such as a named source), warning or error."`
	Message   text   `csv:"message" about:"What the rule found, in words."`
	Evidence  text   `csv:"evidence" about:"The article's words the finding rests on, exactly as in the text; empty for something absent."`
	Line      optInt `csv:"line" about:"The line of the article's file where the evidence starts (from 1); empty for something absent."`
	Column    optInt `csv:"column" about:"The column, in characters of that line (from 1), where the evidence starts; empty for something absent."`
}

// outletRow is a row of outlet_scores.csv.
type outletRow struct {
	RunID          int64   `csv:"run_id" about:"The run that wrote the row."`
	Outlet         text    `csv:"outlet" about:"The outlet; (unknown) for the articles whose outlet is not known."`
	Story          text    `csv:"story" about:"The story of the articles the row covers: (all stories) for the outlet's row over all its articles (its score, which history follows), then one row per story, (no story) for its articles matching none."`
	Articles       int     `csv:"articles" about:"The number of the outlet's articles in the run that have a score: the ones score averages."`
	NotScored      int     `csv:"not_scored" about:"The number of the outlet's articles in the run that have no score (see status on article_scores): not averaged."`
	Score          decimal `csv:"score" about:"The outlet's score, 0 to 100 (one decimal): the mean of its articles' scores after grade caps; empty when none of them has a score."`
	Grade          text    `csv:"grade" xlsx:"grade" about:"The grade of the outlet's score."`
	PreviousScore  decimal `csv:"previous_score" about:"The outlet's score in its latest earlier successful run (one decimal); empty the first time it is scored."`
	Delta          decimal `csv:"delta" about:"score minus previous_score, as the two cells show them; empty the first time the outlet is scored."`
	RuleSetChanged text    `csv:"rule_set_changed" about:"yes when previous_score is from a run with another rule set (the delta is then partly or wholly the rules', e.g. a tuned weight, not the outlet's), no when from the same rule set; empty without a previous score and on the rows by story."`
}

// trendRow is a row of trend.csv.
type trendRow struct {
	RunID           int64   `csv:"run_id" about:"The run that wrote the row."`
	Outlet          text    `csv:"outlet" about:"The outlet."`
	TrendRunID      int64   `csv:"trend_run_id" about:"The run this point of the outlet's trend is from."`
	TrendRunStarted text    `csv:"trend_run_started" xlsx:"datetime" about:"When that run started, in UTC."`
	Articles        int     `csv:"articles" about:"The number of the outlet's articles with a grade in that run."`
	Score           decimal `csv:"score" about:"The outlet's score in that run, 0 to 100 (one decimal)."`
	Grade           text    `csv:"grade" xlsx:"grade" about:"The grade of that score."`
	RuleSet         text    `csv:"rule_set" about:"The hash (SHA-256) of the rule set that run scored with, as runs.rule_set_hash in the database."`
	RuleSetChanged  text    `csv:"rule_set_changed" about:"yes when that run's rule set differs from the one of the outlet's run before (the move is then partly or wholly the rules'), no when the same; empty for the outlet's first run."`
}

// yesNo is the cell of a rule_set_changed column: empty when there is
// nothing to compare with.
func yesNo(compared, changed bool) text {
	switch {
	case !compared:
		return ""
	case changed:
		return "yes"
	}
	return "no"
}

// skippedRow is a row of skipped.csv.
type skippedRow struct {
	RunID  int64 `csv:"run_id" about:"The run that wrote the row."`
	File   text  `csv:"file" about:"The input file, relative to the input folder."`
	Reason text  `csv:"reason" about:"Why it could not be scored."`
}

// articleRowOf builds the article_scores row of s.
func articleRowOf(runID int64, n numbers, s *sourcescore.ArticleScore) articleRow {
	a := s.Article
	return articleRow{
		RunID:       runID,
		ArticleID:   text(a.ID),
		File:        text(a.File),
		Outlet:      text(a.Meta.OutletName()),
		Published:   text(a.Meta.PublishedString()),
		Language:    text(a.Meta.Language),
		Story:       text(a.Meta.Story),
		Words:       a.Words,
		Status:      text(s.Status()),
		Score:       n.optScore100(s.Score, s.Scored()),
		Grade:       text(s.Grade),
		Cap:         text(s.CapsString()),
		Uncapped:    n.optScore100(s.Uncapped, len(s.Caps) > 0),
		Sourcing:    n.family(s, sourcescore.FamilySourcing),
		Dates:       n.family(s, sourcescore.FamilyDates),
		Denial:      n.family(s, sourcescore.FamilyDenial),
		Translation: n.family(s, sourcescore.FamilyTranslation),
		Findings:    len(s.Findings),
	}
}

// family is the score of family f in s, 0–100 with one decimal; empty when
// the family was not scored or the article has no score.
func (n numbers) family(s *sourcescore.ArticleScore, f sourcescore.Family) decimal {
	for _, fs := range s.Families {
		if fs.Family == f {
			return n.optScore100(fs.Score, fs.Scored && s.Scored())
		}
	}
	return n.optScore100(0, false)
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
