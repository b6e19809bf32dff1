package reports

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/gocarina/gocsv"

	"sourcescore"
)

// The report files of a run, by final name.
const (
	ArticleScoresFile = "article_scores.csv" // one row per article
	RuleScoresFile    = "rule_scores.csv"    // one row per article and rule
	FindingsFile      = "findings.csv"       // one row per finding
	OutletScoresFile  = "outlet_scores.csv"  // one row per outlet
	SkippedFile       = "skipped.csv"        // one row per input that could not be scored
	TrendFile         = "trend.csv"          // one row per outlet of the run and recent run that scored it
)

// reportAbout says what one row of each report is, for the workbook's
// About sheet.
var reportAbout = map[string]string{
	ArticleScoresFile:   "One row per article scored in the run.",
	RuleScoresFile:      "One row per article and rule of the rule set, in the order the rules are listed (a rule that did not apply has an empty score).",
	FindingsFile:        "One row per finding: what a rule found in an article, with the words it rests on and where they are.",
	OutletScoresFile:    "One row per outlet of the run, with its change since its latest earlier successful run.",
	SkippedFile:         "One row per input file that could not be scored, with why.",
	TrendFile:           "One row per outlet of the run and recent successful run that scored it, oldest first, the run itself last: a chart's data.",
	StoryComparisonFile: "One row per article about a story and aspect of the story's matrix (publication date, the accused side's denial, the primary source, each dated fact, each key claim, likely machine translation, the share of named sources, score): the outlets compared on what the story file knows (sourcescore compare prints the matrix).",
}

// LatestLink is the name of the symlink in the output folder that points at
// the newest committed run folder.
const LatestLink = "latest"

// bom is the UTF-8 byte order mark Excel needs to read a CSV file as UTF-8.
const bom = "\xEF\xBB\xBF"

// Options says how the CSV files are written.
type Options struct {
	Delimiter    rune // field delimiter; 0 means ','; use ';' for German-locale Excel
	BOM          bool // write a UTF-8 byte order mark first, so that Excel reads UTF-8
	DecimalComma bool // write 0,75 instead of 0.75 (German-locale Excel)
	NoHTML       bool // write no report.html
}

// Dir returns the folder of run runID inside outDir: <outDir>/run-<id>.
func Dir(outDir string, runID int64) string {
	return filepath.Join(outDir, runDirName(runID))
}

// runDirName is the base name of a run folder.
func runDirName(runID int64) string { return "run-" + strconv.FormatInt(runID, 10) }

// RunWriter streams the reports of one run into temporary files in the run
// folder; Commit gives them their final names and points latest at the run.
// Rows are written in the order they are given. A RunWriter is not safe for
// concurrent use: the job calls it from one goroutine, in sorted order; only
// Encode may be called from others at the same time.
//
// Use it as
//
//	w, err := reports.NewRunWriter(out, runID, opt)
//	if err != nil { ... }
//	defer w.Abort() // a no-op after a successful Commit
//	... w.AddArticle(s), w.AddSkipped(k), w.AddOutlets(o) ...
//	dir, err := w.Commit()
type RunWriter struct {
	outDir       string      // the output folder
	runID        int64       // the run
	dir          string      // the run folder
	nums         numbers     // number formats from Options
	opt          Options     // the CSV options, for the files opened late (story_comparison.csv)
	files        []*csvOut   // all files, in a fixed order
	err          error       // the first write error; it sticks
	info         fs.FileInfo // the run folder as made or found (Lstat); Commit checks it is still the same folder
	refused      error       // why the run folder may not be written (a symlink); rows are dropped and Commit fails with it
	done         bool        // committed or aborted
	finished     bool        // Finish wrote the CSV files and the workbook: no more rows
	pageRendered bool        // RenderPage ran (report.html written, or the error returned)

	articles, rules, findings, outlets, skipped, trend, story *csvOut
	book                                                      *workbook   // report.xlsx, fed the same rows
	bookTmp                                                   string      // its temporary file, once Commit writes it
	page                                                      *HTMLReport // report.html's content; nil with Options.NoHTML
	pageTmp                                                   string      // its temporary file, once Commit writes it

}

// csvOut is one report file being written.
type csvOut struct {
	name string               // final name, e.g. "findings.csv"
	tmp  string               // path of the temporary file
	f    *os.File             // the temporary file; nil once closed
	buf  *bufio.Writer        // buffers between the csv writer and f
	csv  *gocsv.SafeCSVWriter // this file's own writer (never gocsv's global one)
	xl   *sheet               // the file's sheet in the workbook
}

// NewRunWriter creates the run folder <outDir>/run-<id>/ (and outDir if
// needed) and, in it, one temporary file per report with its header row
// (after a byte order mark when opt.BOM). Temporary report files already
// in the folder were left by a writer of the same run whose process died
// (killed mid-run, the run was never stored and its id is given out again):
// they are removed. Only one writer may write a run folder at a time. An
// invalid opt.Delimiter is an error wrapping sourcescore.ErrConfig.
func NewRunWriter(outDir string, runID int64, opt Options) (*RunWriter, error) {
	if opt.Delimiter == 0 {
		opt.Delimiter = ','
	}
	if !validDelimiter(opt.Delimiter) {
		return nil, fmt.Errorf("%w: csv delimiter %q cannot separate fields", sourcescore.ErrConfig, opt.Delimiter)
	}
	if runID < 1 {
		return nil, fmt.Errorf("create reports: run id %d is not positive", runID)
	}
	dir := Dir(outDir, runID)
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return nil, fmt.Errorf("create output folder: %w", err)
	}
	info, err := makeRunDir(dir)
	if errors.Is(err, ErrRunDirNotFolder) {
		// Not written through, and not a reason to lose the run: the
		// rows are dropped and Commit fails with err.
		return &RunWriter{outDir: outDir, runID: runID, dir: dir, refused: err}, nil
	}
	if err != nil {
		return nil, err
	}
	removeStale(dir)
	w := &RunWriter{outDir: outDir, runID: runID, dir: dir, info: info, opt: opt, nums: numbers{comma: opt.DecimalComma}}
	if w.book, err = newWorkbook(runID, dir); err != nil {
		return nil, err
	}
	if !opt.NoHTML {
		w.page = NewHTMLReport(runID)
	}
	open := func(name string, header any) *csvOut {
		if err != nil {
			return nil
		}
		var c *csvOut
		c, err = createCSV(dir, name, opt, header)
		if c != nil {
			w.files = append(w.files, c)
		}
		if err == nil {
			c.xl, err = w.book.addSheet(name, reflect.TypeOf(header).Elem(), reportAbout[name])
		}
		return c
	}
	w.articles = open(ArticleScoresFile, []articleRow{})
	w.rules = open(RuleScoresFile, []ruleScoreRow{})
	w.findings = open(FindingsFile, []findingRow{})
	w.outlets = open(OutletScoresFile, []outletRow{})
	w.skipped = open(SkippedFile, []skippedRow{})
	w.trend = open(TrendFile, []trendRow{})
	if err != nil {
		_ = w.Abort()
		return nil, err
	}
	return w, nil
}

// ErrRunDirNotFolder is wrapped by the error of a run folder that exists
// as something other than a folder, such as a symlink (whose target may lie
// anywhere): reports are never written through it.
var ErrRunDirNotFolder = errors.New("not a folder")

// makeRunDir creates the run folder dir exclusively, or takes the folder of
// that name that a writer of the same run left (its process died). It
// returns the folder's Lstat. A dir that exists as a symlink or anything
// else is refused with an error wrapping ErrRunDirNotFolder: it is never
// followed.
func makeRunDir(dir string) (fs.FileInfo, error) {
	err := os.Mkdir(dir, 0o755)
	if err != nil && !errors.Is(err, fs.ErrExist) {
		return nil, fmt.Errorf("create run folder: %w", err)
	}
	fi, lerr := os.Lstat(dir)
	if lerr != nil {
		return nil, fmt.Errorf("create run folder: %w", lerr)
	}
	if !fi.IsDir() {
		return nil, notFolder(dir, fi)
	}
	return fi, nil
}

// notFolder is the refusal of run folder dir, which is fi (from Lstat).
func notFolder(dir string, fi fs.FileInfo) error {
	what := "a " + fi.Mode().Type().String()
	if fi.Mode()&fs.ModeSymlink != 0 {
		target, _ := os.Readlink(dir)
		what = fmt.Sprintf("a symlink (to %s)", target)
	} else if fi.Mode().IsRegular() {
		what = "a file"
	}
	return fmt.Errorf("run folder %s is %s, %w: refused, reports are never written through a link or over another file\n\ttry: remove it (sourcescore report --repair writes the run's reports again)", dir, what, ErrRunDirNotFolder)
}

// sameRunDir says why w's run folder is no longer the folder NewRunWriter
// made or found (replaced by a symlink meanwhile), or nil.
func (w *RunWriter) sameRunDir() error {
	fi, err := os.Lstat(w.dir)
	if err != nil {
		return fmt.Errorf("run folder: %w", err)
	}
	if !fi.IsDir() {
		return notFolder(w.dir, fi)
	}
	if !os.SameFile(fi, w.info) {
		return fmt.Errorf("run folder %s was replaced while the run wrote it (%w made by this run): refused", w.dir, ErrRunDirNotFolder)
	}
	return nil
}

// removeStale removes the temporary report files in dir, as createCSV
// names them, that a dead writer left behind. Failures are left alone: the
// files are hidden and do no harm.
func removeStale(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if isTempReport(e) {
			_ = os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// validDelimiter mirrors the check encoding/csv makes when writing, so a bad
// delimiter fails at once and not at the first row.
func validDelimiter(r rune) bool {
	return r != 0 && r != '"' && r != '\r' && r != '\n' && utf8.ValidRune(r) && r != utf8.RuneError
}

// createCSV creates the temporary file of report name in dir and writes the
// byte order mark (if asked) and the header, which gocsv writes for an empty
// slice of the row type.
func createCSV(dir, name string, opt Options, header any) (*csvOut, error) {
	f, err := os.CreateTemp(dir, "."+name+".tmp-*")
	if err != nil {
		return nil, fmt.Errorf("create %s: %w", name, err)
	}
	c := &csvOut{name: name, tmp: f.Name(), f: f, buf: bufio.NewWriterSize(f, 64<<10)}
	cw := csv.NewWriter(c.buf)
	cw.Comma = opt.Delimiter
	c.csv = gocsv.NewSafeCSVWriter(cw)
	if opt.BOM {
		if _, err := c.buf.WriteString(bom); err != nil {
			return c, fmt.Errorf("write %s: %w", name, err)
		}
	}
	if err := gocsv.MarshalCSV(header, c.csv); err != nil {
		return c, fmt.Errorf("write %s: %w", name, err)
	}
	return c, nil
}

// write appends rows (a slice of row structs) to c with gocsv, which
// flushes c's buffer to the file after each call: fine for the small files,
// whose rows come in a few calls. The big per-article ones go through Encode
// and AddRows.
func (w *RunWriter) write(c *csvOut, rows any) error {
	if err := w.addable(); err != nil || w.refused != nil {
		return err
	}
	if err := gocsv.MarshalCSVWithoutHeaders(rows, c.csv); err != nil {
		w.err = fmt.Errorf("write %s: %w", c.name, err)
		return w.err
	}
	if err := c.xl.addSlice(rows); err != nil {
		w.err = fmt.Errorf("write %s: %s: %w", WorkbookFile, c.name, err)
		return w.err
	}
	return nil
}

// ArticleRows is one article's rows of article_scores.csv, rule_scores.csv
// and findings.csv, encoded by RunWriter.Encode, which any goroutine may
// call: a run's workers encode the rows of the articles they score or
// reuse, and the one goroutine that writes the reports only appends the
// bytes (AddRows), in the run's order. On a rerun, where reading the
// stored results back is quick, that writer had been the slowest part.
type ArticleRows struct {
	s        *sourcescore.ArticleScore
	err      error           // the first row that could not be encoded: AddRows fails with it
	lines    [3]bytes.Buffer // the encoded lines of article_scores, rule_scores and findings
	enc      [3]*rowEncoder
	comma    rune
	article  articleRow // the rows, for the workbook's sheets
	rules    []ruleScoreRow
	findings []findingRow
}

// articleRowsPool holds ArticleRows that AddRows is done with.
var articleRowsPool sync.Pool

// Encode encodes the rows AddArticle writes for s. It reads only what
// NewRunWriter set (the run id and the options), so any goroutine may call
// it while another adds rows. A cell that cannot be written (a number that
// is not finite) is kept as the rows' error: AddRows fails with it.
func (w *RunWriter) Encode(s *sourcescore.ArticleScore) *ArticleRows {
	r, _ := articleRowsPool.Get().(*ArticleRows)
	if r == nil {
		r = &ArticleRows{}
	}
	r.s, r.err = s, nil
	switch {
	case s == nil || s.Article == nil:
		r.err = errors.New("add article: article score without an article")
		return r
	case w.refused != nil:
		return r // the run folder may not be written: AddRows drops the rows
	}
	if r.comma != w.opt.Delimiter {
		r.comma = w.opt.Delimiter
		for i := range r.enc {
			r.enc[i] = newRowEncoder(&r.lines[i], w.opt.Delimiter)
		}
	}
	names := [3]string{ArticleScoresFile, RuleScoresFile, FindingsFile}
	put := func(i int, row csvRow) {
		if err := r.enc[i].write(row); err != nil && r.err == nil {
			r.err = fmt.Errorf("write %s: %w", names[i], err)
		}
	}
	r.article = articleRowOf(w.runID, w.nums, s)
	put(0, &r.article)
	// The rows of one article share their head cells (setHead).
	putTail := func(i int, row headedRow) {
		if err := r.enc[i].writeTail(row); err != nil && r.err == nil {
			r.err = fmt.Errorf("write %s: %w", names[i], err)
		}
	}
	r.rules = ruleScoreRowsOf(r.rules[:0], w.runID, w.nums, s)
	for i := range r.rules {
		if i == 0 {
			r.enc[1].setHead(&r.rules[0])
		}
		putTail(1, &r.rules[i])
	}
	r.findings = findingRowsOf(r.findings[:0], w.runID, s)
	for i := range r.findings {
		if i == 0 {
			r.enc[2].setHead(&r.findings[0])
		}
		putTail(2, &r.findings[i])
	}
	return r
}

// AddRows writes rows that Encode made, as AddArticle does, and gives
// their memory back: rows must not be used again.
func (w *RunWriter) AddRows(rows *ArticleRows) error {
	defer func() {
		rows.s = nil
		for i := range rows.lines {
			rows.lines[i].Reset()
		}
		if rows.lines[0].Cap()+rows.lines[1].Cap()+rows.lines[2].Cap() <= 1<<20 {
			articleRowsPool.Put(rows)
		}
	}()
	if err := w.addable(); err != nil {
		return err
	}
	if rows.err != nil {
		if rows.s == nil || rows.s.Article == nil {
			return rows.err
		}
		w.err = rows.err
		return w.err
	}
	if w.refused != nil {
		return nil
	}
	for i, c := range [3]*csvOut{w.articles, w.rules, w.findings} {
		if _, err := c.buf.Write(rows.lines[i].Bytes()); err != nil {
			w.err = fmt.Errorf("write %s: %w", c.name, err)
			return w.err
		}
	}
	add := func(c *csvOut, r any) error {
		if err := c.xl.add(reflect.ValueOf(r).Elem()); err != nil {
			w.err = fmt.Errorf("write %s: %s: %w", WorkbookFile, c.name, err)
			return w.err
		}
		return nil
	}
	if err := add(w.articles, &rows.article); err != nil {
		return err
	}
	for _, all := range [...]struct {
		c    *csvOut
		rows any
	}{{w.rules, rows.rules}, {w.findings, rows.findings}} {
		if err := all.c.xl.addAll(reflect.ValueOf(all.rows)); err != nil {
			w.err = fmt.Errorf("write %s: %s: %w", WorkbookFile, all.c.name, err)
			return w.err
		}
	}
	if w.page != nil {
		w.page.AddArticle(rows.s)
	}
	return nil
}

// usable returns why the writer cannot take rows, or nil.
func (w *RunWriter) usable() error {
	if w.done {
		return errors.New("write reports: run writer already committed or aborted")
	}
	return w.err
}

// addable is usable, and also refuses rows once Finish has closed the files.
func (w *RunWriter) addable() error {
	if w.finished {
		return errors.New("write reports: rows added after Finish")
	}
	return w.usable()
}

// AddArticle writes one article_scores row for s, one rule_scores row per
// rule in s.Rules (all of them: a rule that did not apply has an empty
// score) and one findings row per finding, in the order of s.Rules and
// s.Findings.
func (w *RunWriter) AddArticle(s *sourcescore.ArticleScore) error {
	if err := w.addable(); err != nil {
		return err
	}
	return w.AddRows(w.Encode(s))
}

// AddSkipped writes one skipped row.
func (w *RunWriter) AddSkipped(s sourcescore.Skipped) error {
	if w.page != nil && w.usable() == nil {
		w.page.AddSkipped()
	}
	return w.write(w.skipped, []skippedRow{{RunID: w.runID, File: text(s.File), Reason: text(s.Reason)}})
}

// AddOutlets writes one outlet_scores row per outlet score, in the order
// given: an outlet's score over all its stories (Story "", written as
// "(all stories)") and its scores by story (scoring.WithStories gives them
// in that order). Only the rows over all stories have a previous_score and
// a delta: history follows the outlet's score.
// previous maps an outlet to its score in its latest earlier run: its
// previous_score (and rule_set_changed, whether that run used another rule
// set), and delta is the change from it to score as the two cells
// show them (one decimal each), so that previous_score + delta = score. An
// outlet not in previous, or with no scored article (whose score is empty),
// has both cells empty. It may be called more than
// once.
func (w *RunWriter) AddOutlets(o []sourcescore.OutletScore, previous map[string]Previous) error {
	if len(o) == 0 || w.refused != nil {
		return w.usable()
	}
	rows := make([]outletRow, len(o))
	for i, s := range o {
		prev, ok := previous[s.Outlet]
		ok = ok && s.Scored() && s.Story == ""
		story := s.Story
		if story == "" {
			story = sourcescore.AllStories
		}
		rows[i] = outletRow{
			RunID:          w.runID,
			Outlet:         text(s.Outlet),
			Story:          text(story),
			Articles:       s.Articles,
			NotScored:      s.NotScored,
			Score:          w.nums.optScore100(s.Score, s.Scored()),
			Grade:          text(s.Grade),
			PreviousScore:  w.nums.optScore100(prev.Score, ok),
			Delta:          w.nums.optScore100(shown100(s.Score)-shown100(prev.Score), ok),
			RuleSetChanged: yesNo(ok, prev.RuleSetChanged),
		}
	}
	if w.page != nil && w.usable() == nil {
		w.page.AddOutlets(o, previous)
	}
	return w.write(w.outlets, rows)
}

// Previous is an outlet's score in its latest earlier run, which its
// previous_score and delta compare with.
type Previous struct {
	Score          float64 // the outlet's score in that run
	RuleSetChanged bool    // that run used another rule set than this one: the delta is partly the rules'
}

// TrendPoint is an outlet's score in one run: a row of trend.csv.
type TrendPoint struct {
	RunID          int64     // the run the score is from
	Started        time.Time // when that run started
	Outlet         string    // the outlet
	Articles       int       // its articles in that run
	Score          float64   // its score in that run, 0 to 100
	Grade          string    // its grade in that run
	RuleSet        string    // the hash of that run's rule set
	HasPrevious    bool      // an earlier run scored the outlet; when false, rule_set_changed is empty
	RuleSetChanged bool      // the outlet's run before used another rule set
}

// trendTimeLayout is how trend.csv writes when a run started: in UTC, in a
// form spreadsheets read as a date and time.
const trendTimeLayout = "2006-01-02 15:04:05"

// AddTrend writes one trend.csv row per point, in the order given. It may
// be called more than once.
func (w *RunWriter) AddTrend(points []TrendPoint) error {
	if len(points) == 0 || w.refused != nil {
		return w.usable()
	}
	rows := make([]trendRow, len(points))
	for i, p := range points {
		rows[i] = trendRow{
			RunID:           w.runID,
			Outlet:          text(p.Outlet),
			TrendRunID:      p.RunID,
			TrendRunStarted: text(p.Started.UTC().Format(trendTimeLayout)),
			Articles:        p.Articles,
			Score:           w.nums.score100(p.Score),
			Grade:           text(p.Grade),
			RuleSet:         text(p.RuleSet),
			RuleSetChanged:  yesNo(p.HasPrevious, p.RuleSetChanged),
		}
	}
	if w.page != nil && w.usable() == nil {
		w.page.AddTrend(points)
	}
	return w.write(w.trend, rows)
}

// Commit finishes the run: it flushes, syncs and closes every temporary
// file, renames each to its final name, syncs the run folder and points
// latest at the run (see below). It returns the run folder.
//
// If Commit fails before the renames are done, no final-named file of the
// run is left behind and Abort removes the temporary files. If only moving
// latest fails, the run folder is complete and is returned with the error.
//
// A run folder that is not a folder (a symlink planted as run-<id>, found
// by NewRunWriter or put in the folder's place while the run wrote) is
// never written through: Commit fails with an error wrapping
// ErrRunDirNotFolder.
//
// latest is moved only forward: when it already points at an existing run
// folder with a higher id (an older run was written again), it is left alone.
func (w *RunWriter) Commit() (dir string, err error) {
	if err := w.usable(); err != nil {
		return "", err
	}
	if w.refused != nil {
		w.err = w.refused
		return "", w.refused
	}
	// 1. Everything on disk: the CSV files, then the workbook (unless
	// Finish wrote them already); report.html meanwhile on another
	// goroutine (it reads none of them, and at this point of a run the
	// other core is idle: both take a few tenths of a second).
	page := make(chan error, 1)
	go func() { page <- w.RenderPage() }()
	err = w.Finish()
	if perr := <-page; err == nil {
		err = perr
	}
	if err != nil {
		w.err = err
		return "", err
	}
	// 2. Final names, in the folder made or found; on a failure, take
	// back the ones already renamed.
	if err := w.sameRunDir(); err != nil {
		w.err = err
		return "", err
	}
	renames := make([][2]string, 0, len(w.files)+1) // temporary path, final name
	for _, c := range w.files {
		renames = append(renames, [2]string{c.tmp, c.name})
	}
	renames = append(renames, [2]string{w.bookTmp, WorkbookFile})
	if w.pageTmp != "" {
		renames = append(renames, [2]string{w.pageTmp, HTMLFile})
	}
	for i, r := range renames {
		if err := os.Rename(r[0], filepath.Join(w.dir, r[1])); err != nil {
			for _, d := range renames[:i] {
				_ = os.Remove(filepath.Join(w.dir, d[1]))
			}
			w.err = fmt.Errorf("rename %s: %w", r[1], err)
			return "", w.err
		}
	}
	w.done = true
	if err := syncDir(w.dir); err != nil {
		return w.dir, fmt.Errorf("sync run folder: %w", err)
	}
	// 3. latest.
	if err := pointLatest(w.outDir, w.runID); err != nil {
		return w.dir, err
	}
	return w.dir, nil
}

// Finish writes out the CSV files (flushed, synced and closed) and the
// workbook, still under their temporary names, so that Commit has only
// report.html and the renames left. A run calls it while the database
// commits, which takes as long on a large run (SQLite copies the run's
// pages from its log into the database file): the two touch nothing of
// each other's. After Finish no row can be added; SetChanges and the
// other parts of report.html still can, until Commit. Commit calls it when
// the caller did not. It returns the first error, and then Commit fails
// with it.
func (w *RunWriter) Finish() error {
	if err := w.usable(); err != nil {
		return err
	}
	if w.refused != nil {
		w.err = w.refused
		return w.refused
	}
	if w.finished {
		return nil
	}
	if _, err := w.storyOut(); err != nil {
		return err
	}
	if err := w.finishFiles(); err != nil {
		w.err = err
		return err
	}
	w.finished = true
	return nil
}

// finishFiles writes out the CSV files, then the workbook.
func (w *RunWriter) finishFiles() error {
	for _, c := range w.files {
		if err := c.finish(); err != nil {
			return err
		}
	}
	return w.writeBook()
}

// LeftOutOfWorkbook returns the reports whose sheet the workbook leaves
// out (it holds their header only) because they have more rows than it
// takes, with their number of rows; the CSV files hold every row. Known
// once Commit has written the workbook.
func (w *RunWriter) LeftOutOfWorkbook() map[string]int { return w.book.omitted() }

// writeBook writes the workbook into a temporary file of the run folder
// (named as createCSV names the CSV files), synced and closed, and removes
// excelize's own temporary files.
func (w *RunWriter) writeBook() error {
	f, err := os.CreateTemp(w.dir, "."+WorkbookFile+".tmp-*")
	if err != nil {
		return fmt.Errorf("create %s: %w", WorkbookFile, err)
	}
	w.bookTmp = f.Name()
	err = w.book.writeTo(f)
	if cerr := w.book.close(); err == nil && cerr != nil {
		err = cerr
	}
	if err == nil {
		err = f.Chmod(0o644) // CreateTemp makes it 0600; reports are for other people
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", WorkbookFile, err)
	}
	return nil
}

// SetRun tells report.html which run it reports: when it started, its
// input folder and rule set.
func (w *RunWriter) SetRun(run sourcescore.Run) {
	if w.page != nil {
		w.page.SetRun(run)
	}
}

// AddArticleText adds an article's section to report.html, as
// HTMLReport.AddArticleText does.
func (w *RunWriter) AddArticleText(a HTMLArticle, why string) {
	if w.page != nil && w.usable() == nil {
		w.page.AddArticleText(a, why)
	}
}

// AddStory adds a story's matrix to report.html, as HTMLReport.AddStory
// does.
func (w *RunWriter) AddStory(st HTMLStory) {
	if w.page != nil && w.usable() == nil {
		w.page.AddStory(st)
	}
}

// ShowsInHTML reports whether report.html explains the article with this
// id, as HTMLReport.Shows does; false without a page.
func (w *RunWriter) ShowsInHTML(id string) bool {
	return w.page != nil && w.page.Shows(id)
}

// SetChanges gives report.html what changed since the previous run, as
// HTMLReport.SetChanges does.
func (w *RunWriter) SetChanges(c HTMLChanges) {
	if w.page != nil && w.usable() == nil {
		w.page.SetChanges(c)
	}
}

// writePage writes report.html into a temporary file of the run folder,
// synced and closed, as writeBook does the workbook.
// RenderPage writes report.html under its temporary name, once: call it
// when everything the page shows has been given (SetChanges included),
// before Commit, which renames it (and renders it itself when it was not).
// It may run beside Finish, as both read the rows already given and write
// files of their own, but not beside anything that gives rows.
func (w *RunWriter) RenderPage() error {
	if w.pageRendered {
		return nil
	}
	w.pageRendered = true
	return w.writePage()
}

func (w *RunWriter) writePage() error {
	if w.page == nil {
		return nil
	}
	f, err := os.CreateTemp(w.dir, "."+HTMLFile+".tmp-*")
	if err != nil {
		return fmt.Errorf("create %s: %w", HTMLFile, err)
	}
	w.pageTmp = f.Name()
	buf := bufio.NewWriterSize(f, 64<<10)
	err = w.page.Render(buf)
	if err == nil {
		err = buf.Flush()
	}
	if err == nil {
		err = f.Chmod(0o644)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", HTMLFile, err)
	}
	return nil
}

// finish flushes, syncs and closes c's temporary file.
func (c *csvOut) finish() error {
	c.csv.Flush()
	if err := c.csv.Error(); err != nil {
		return fmt.Errorf("write %s: %w", c.name, err)
	}
	if err := c.buf.Flush(); err != nil {
		return fmt.Errorf("write %s: %w", c.name, err)
	}
	// CreateTemp makes the file 0600; reports are for other people.
	if err := c.f.Chmod(0o644); err != nil {
		return fmt.Errorf("chmod %s: %w", c.name, err)
	}
	if err := c.f.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", c.name, err)
	}
	f := c.f
	c.f = nil
	if err := f.Close(); err != nil {
		return fmt.Errorf("close %s: %w", c.name, err)
	}
	return nil
}

// Abort closes and removes the temporary files, and the run folder if that
// leaves it empty. It is safe to call more than once and after Commit, when
// it does nothing.
func (w *RunWriter) Abort() error {
	if w.done {
		return nil
	}
	w.done = true
	var errs []error
	for _, c := range w.files {
		if c.f != nil {
			_ = c.f.Close()
			c.f = nil
		}
		if err := os.Remove(c.tmp); err != nil && !errors.Is(err, os.ErrNotExist) {
			errs = append(errs, fmt.Errorf("remove %s: %w", c.tmp, err))
		}
	}
	if w.book != nil {
		if err := w.book.close(); err != nil {
			errs = append(errs, fmt.Errorf("remove the workbook's temporary files: %w", err))
		}
	}
	if w.bookTmp != "" {
		if err := os.Remove(w.bookTmp); err != nil && !errors.Is(err, os.ErrNotExist) {
			errs = append(errs, fmt.Errorf("remove %s: %w", w.bookTmp, err))
		}
	}
	if w.pageTmp != "" {
		if err := os.Remove(w.pageTmp); err != nil && !errors.Is(err, os.ErrNotExist) {
			errs = append(errs, fmt.Errorf("remove %s: %w", w.pageTmp, err))
		}
	}
	if w.info == nil || w.sameRunDir() != nil {
		return errors.Join(errs...) // not ours: left alone, never followed
	}
	if entries, err := os.ReadDir(w.dir); err == nil && len(entries) == 0 {
		if err := os.Remove(w.dir); err != nil {
			errs = append(errs, fmt.Errorf("remove run folder: %w", err))
		}
	}
	return errors.Join(errs...)
}
