package reports

import (
	"fmt"
	"iter"
	"reflect"
)

// StoryComparisonFile is the story comparison of a run: per story, a
// matrix of its articles against what the story file knows, one row per
// cell.
const StoryComparisonFile = "story_comparison.csv"

// The aspects of a story comparison: the columns of the matrix
// (StoryCell.Aspect).
const (
	AspectPublished     = "published"      // the publication date
	AspectDenial        = "denial"         // the accused side's denial
	AspectPrimarySource = "primary_source" // the primary source
	AspectFact          = "fact"           // one dated fact of the story file
	AspectClaim         = "claim"          // one key claim of the story file
	AspectTranslation   = "translation"    // likely machine translation
	AspectNamedShare    = "named_share"    // the share of named sources among the attributions
	AspectScore         = "score"          // the article's score and grade
)

// StoryCell is one cell of a story comparison: one article (a row of the
// matrix) and one aspect (a column), one row of story_comparison.csv.
// Which fields are set depends on Aspect; the others are left zero and
// written as empty cells.
type StoryCell struct {
	Story       string   // the story's id
	Outlet      string   // the article's outlet
	ArticleID   string   // the article
	File        string   // its file
	Aspect      string   // Aspect*
	Item        string   // a fact's or claim's id
	Description string   // what the fact or claim is
	State       string   // the cell's value in words: reported, buried, missing, named, not_named, right, wrong, not_given, stated, not_stated, likely, unlikely, known; "" when it cannot be computed
	Given       string   // the date the article gives (published, fact)
	Expected    string   // the story file's date (fact)
	Consensus   string   // the date most outlets give (fact)
	Share       *float64 // the share of named sources, 0–1; nil when none was counted
	Score       *float64 // the article's score; nil when not scored
	Grade       string   // its grade
	Evidence    string   // the article's words the cell rests on
	Line        int      // where they start; 0 when the article does not say it
	Column      int
	Note        string // anything else: the denial's sentence, an omission ("reported by 7 of 9 outlets; not here"), the attributions counted
}

// storyRow is a row of story_comparison.csv.
type storyRow struct {
	RunID       int64   `csv:"run_id" about:"The run that wrote the row."`
	Story       text    `csv:"story" about:"The story the article is about (the story file's id)."`
	Outlet      text    `csv:"outlet" about:"The article's outlet; (unknown) when none is known. With the file, the row of the story's matrix."`
	ArticleID   text    `csv:"article_id" about:"The article's id, as on the article_scores sheet."`
	File        text    `csv:"file" about:"The article's file, relative to the input folder."`
	Aspect      text    `csv:"aspect" about:"The column of the matrix: published, denial, primary_source, fact, claim, translation (likely machine translation), named_share or score."`
	Item        text    `csv:"item" about:"For a fact or a claim: its id in the story file."`
	Description text    `csv:"description" about:"For a fact or a claim: what it is, from the story file."`
	State       text    `csv:"state" about:"The cell in words: published known or missing; denial reported, buried or missing; primary_source named or not_named; fact right, wrong, not_given or unplaced; claim stated or not_stated; translation likely or unlikely; empty when it cannot be computed (a run stored before the comparison kept no notes, or no rule of the kind applied)."`
	Given       text    `csv:"given" xlsx:"date" about:"The date the article gives: its publication date, or the day it gives a fact; empty when none."`
	Expected    text    `csv:"expected" xlsx:"date" about:"For a fact: its date in the story file."`
	Consensus   text    `csv:"consensus" xlsx:"date" about:"For a fact: the date most outlets give (on a tie, the story file's date, else the earlier); empty when no outlet gives one."`
	Share       decimal `csv:"share" about:"For named_share: the named sources among the article's attributions (named, specific anonymous and vague), 0 to 1 (three decimals); empty when none was counted."`
	Score       decimal `csv:"score" about:"For score: the article's score, 0 to 100 (one decimal); empty when not scored."`
	Grade       text    `csv:"grade" xlsx:"grade" about:"For score: the article's grade; empty when not scored."`
	Evidence    text    `csv:"evidence" about:"The article's words the cell rests on: the denial, the primary source's name, the date as written, the claim's words."`
	Line        optInt  `csv:"line" about:"The line of the article's file where the evidence starts; empty when there is none."`
	Column      optInt  `csv:"column" about:"The column, in characters of that line, where the evidence starts; empty when there is none."`
	Note        text    `csv:"note" about:"Anything else: the sentence the denial is in; for a fact, whether the date differs from the consensus; for a claim, an omission (reported by 7 of 9 outlets; not here) or only here; for named_share, the attributions counted."`
}

// storyRowOf converts c to its cells.
func storyRowOf(runID int64, n numbers, c StoryCell) storyRow {
	opt := func(v *float64, prec int) decimal {
		if v == nil {
			return decimal{empty: true}
		}
		return decimal{v: *v, prec: prec, comma: n.comma}
	}
	return storyRow{RunID: runID, Story: text(c.Story), Outlet: text(c.Outlet), ArticleID: text(c.ArticleID), File: text(c.File),
		Aspect: text(c.Aspect), Item: text(c.Item), Description: text(c.Description), State: text(c.State),
		Given: text(c.Given), Expected: text(c.Expected), Consensus: text(c.Consensus), Share: opt(c.Share, 3),
		Score: opt(c.Score, 1), Grade: text(c.Grade), Evidence: text(c.Evidence), Line: optInt(c.Line), Column: optInt(c.Column),
		Note: text(c.Note)}
}

// AddStoryCells writes the n story_comparison rows of cells, in their
// order (it may be called more than once), one at a time, so that a run's
// comparison is never held whole as rows: a story of tens of thousands of articles has
// hundreds of thousands of cells. n says in advance whether the
// workbook's sheet takes them (see bookRowLimits); cells must yield n.
func (w *RunWriter) AddStoryCells(n int, cells iter.Seq[StoryCell]) error {
	if n == 0 || w.refused != nil {
		return w.usable()
	}
	c, err := w.storyOut()
	if err != nil {
		return err
	}
	c.xl.expect(n)
	// Each row through a rowEncoder, as the per-article files: a story of
	// many articles has hundreds of thousands of cells, and gocsv's
	// reflection took most of a large run's last second.
	enc := newRowEncoder(c.buf, w.opt.Delimiter)
	for cell := range cells {
		if err := w.addable(); err != nil {
			return err
		}
		row := storyRowOf(w.runID, w.nums, cell)
		if err := enc.write(&row); err != nil {
			w.err = fmt.Errorf("write %s: %w", c.name, err)
			return w.err
		}
		if err := c.xl.add(reflect.ValueOf(&row).Elem()); err != nil {
			w.err = fmt.Errorf("write %s: %s: %w", WorkbookFile, c.name, err)
			return w.err
		}
	}
	return nil
}

// storyOut returns story_comparison.csv, creating it (and its sheet) on
// first use: its rows come at the end of a run, so the file is not held
// open while the articles are read (a low limit of open files is spent on
// them).
func (w *RunWriter) storyOut() (*csvOut, error) {
	if w.story != nil {
		return w.story, nil
	}
	if err := w.usable(); err != nil || w.refused != nil {
		return nil, err
	}
	c, err := createCSV(w.dir, StoryComparisonFile, w.opt, []storyRow{})
	if c != nil {
		w.files = append(w.files, c)
	}
	if err == nil {
		c.xl, err = w.book.addSheet(StoryComparisonFile, reflect.TypeFor[storyRow](), reportAbout[StoryComparisonFile])
	}
	if err != nil {
		w.err = fmt.Errorf("create %s: %w", StoryComparisonFile, err)
		return nil, w.err
	}
	w.story = c
	return c, nil
}
