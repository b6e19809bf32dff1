package job

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"runtime"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"sourcescore"
	"sourcescore/analysis"
	"sourcescore/ingest"
	"sourcescore/reports"
	"sourcescore/rules"
	"sourcescore/scoring"
	"sourcescore/store"
)

// DefaultTrendRuns is how many runs trend.csv covers when Config.TrendRuns
// is 0.
const DefaultTrendRuns = 10

// Config is what one run needs.
type Config struct {
	Input        string          // input folder
	DB           string          // SQLite file
	Out          string          // reports folder; the run's CSVs go to <Out>/run-<id>/
	Workers      int             // worker goroutines; 0 means one per CPU
	CSV          reports.Options // spreadsheet options
	TrendRuns    int             // runs trend.csv covers, this one included; 0 means DefaultTrendRuns
	HTMLArticles int             // articles report.html shows with their ledger and text (the lowest-scoring when the run has more); 0 means reports.DefaultHTMLArticles
	TextsFrom    string          // where report.html of a stored run (Report, ReportHTML) reads the articles' texts from; "" means the run's input folder
	KeepReports  int             // after a successful run keep the newest KeepReports run folders of Out (the database keeps every run); 0 keeps all
	Limits       ingest.Limits   // what one input may cost: article and manifest size; zero fields take the defaults
	Rescore      bool            // score every article again, reusing no stored result
	Checksum     bool            // read and hash every file before reusing its result, trusting no file's state (ingest.Source.State)
	// Program names the program that scores (ProgramIdentity): a run
	// reuses no result that another program stored, as a new version may
	// score the same article under the same rules differently. "" records
	// none and does not compare (a library caller that does not say).
	Program string
	Now     func() time.Time // clock; nil means time.Now
	Log     *slog.Logger     // nil means slog.Default()
	// Progress, when set, is called after each article is scored, reused
	// or skipped, with the articles done and the total, from one goroutine.
	Progress func(done, total int)
}

// now returns the clock.
func (c Config) now() func() time.Time {
	if c.Now == nil {
		return time.Now
	}
	return c.Now
}

// log returns the logger.
func (c Config) log() *slog.Logger {
	if c.Log == nil {
		return slog.Default()
	}
	return c.Log
}

// trendRuns returns the runs trend.csv covers.
func (c Config) trendRuns() int {
	if c.TrendRuns <= 0 {
		return DefaultTrendRuns
	}
	return c.TrendRuns
}

// Summary is what a finished run reports.
type Summary struct {
	Run          sourcescore.Run
	ReusedFrom   int64                          // the run whose stored results Run.Reused articles reused; 0 when none
	Unread       int                            // of the Run.Reused articles, those whose files were not read: in the state the run ReusedFrom found them in
	Outlets      []sourcescore.OutletScore      // per outlet, over all its stories
	Stories      []sourcescore.OutletScore      // per outlet and story (OutletScore.Story set), by outlet, then story
	Previous     map[string]reports.Previous    // per outlet, its score in its latest earlier successful run, and whether that run used another rule set
	Worst        map[string]sourcescore.Finding // per outlet, its most severe finding
	Skipped      []sourcescore.Skipped
	ReportDir    string
	Pruned       []string              // report folders removed to keep Config.KeepReports
	Repaired     Repaired              // what earlier runs left under Config.Out, cleaned or written again at the start
	Warnings     []string              // input warnings (manifest rows without a file, ...)
	RuleWarnings []string              // the rule set's warnings (rules.Set.Warnings: a story fact's cue that is another date), each with its fix
	NoStory      []string              // the articles that match no story (so the story rules did not apply to them), in file order
	NotScored    []sourcescore.Skipped // the articles no rule could score (stored without a score), with why, in file order
	Mojibake     []string              // the articles read this run whose text was repaired before scoring (sourcescore.Article.Repaired), "file: what", in file order
	Timings      Timings               // where the run's time went
}

// Scored returns the run's articles that have a score.
func (s *Summary) Scored() int { return s.Run.Articles - len(s.NotScored) }

// NotScoredNotes says, one line per reason, how many articles have no
// score and why, naming the first few: "1 article not scored: language not
// detected (kurz.txt)"; none when every article has a score.
func (s *Summary) NotScoredNotes() []string {
	var reasons []string
	files := map[string][]string{}
	for _, n := range s.NotScored {
		if _, ok := files[n.Reason]; !ok {
			reasons = append(reasons, n.Reason)
		}
		files[n.Reason] = append(files[n.Reason], n.File)
	}
	notes := make([]string, len(reasons))
	for i, r := range reasons {
		f := files[r]
		what := "articles"
		if len(f) == 1 {
			what = "article"
		}
		const shown = 5
		names := strings.Join(f[:min(len(f), shown)], ", ")
		if len(f) > shown {
			names += fmt.Sprintf(" and %d more", len(f)-shown)
		}
		notes[i] = fmt.Sprintf("%d %s not scored: %s (%s)", len(f), what, r, names)
	}
	return notes
}

// NoStoryNote says how many articles match no story, so that the story
// rules (the denial rule, the date facts) were not applied to them, and
// names the first few; "" when every article matches a story.
func (s *Summary) NoStoryNote() string {
	if len(s.NoStory) == 0 {
		return ""
	}
	return noStoryNote(s.NoStory)
}

// MojibakeNote says how many articles read this run had their text
// repaired before scoring (mis-decoded characters, Summary.Mojibake) and
// names the first few; "" when none.
func (s *Summary) MojibakeNote() string {
	if len(s.Mojibake) == 0 {
		return ""
	}
	const shown = 5
	what := "articles' texts"
	if len(s.Mojibake) == 1 {
		what = "article's text"
	}
	note := fmt.Sprintf("%d %s repaired before scoring: %s", len(s.Mojibake), what, strings.Join(s.Mojibake[:min(len(s.Mojibake), shown)], "; "))
	if len(s.Mojibake) > shown {
		note += fmt.Sprintf("; and %d more", len(s.Mojibake)-shown)
	}
	return note
}

// RuleSource says where a rule set comes from and what it may hold.
type RuleSource struct {
	Dir     string       // rule folder; "": the built-in rules
	Stories string       // folder of story files added to the set; "": none
	Limits  rules.Limits // what a rule file and the set may hold; zero fields: the defaults
}

// LoadRules loads the rule set from src.Dir, or the built-in set when it
// is "", and adds the story files of the folder src.Stories unless it is
// "" (a story id the set has already is an error, as is anything but
// story: sections there), within src.Limits.
func LoadRules(src RuleSource) (*rules.Set, error) {
	var extra []rules.Folder
	if src.Stories != "" {
		f, err := rules.StoryFolder(src.Stories)
		if err != nil {
			return nil, err
		}
		extra = append(extra, f)
	}
	if src.Dir == "" {
		return src.Limits.Builtin(extra...)
	}
	return src.Limits.LoadDir(src.Dir, extra...)
}

// Run scores every article of cfg.Input with set and stores the run. The
// database receives the whole run or, on any failure after it is opened, a
// failed-run record only (a panic included). A bad article is skipped with
// its reason; it never stops the run.
//
// An article whose file bytes, manifest entry and rule set are those of the
// latest successful run over the same input folder is not scored again:
// the run shares that run's stored results and writes them again as they
// are (unless cfg.Rescore), which gives the same rows and files a fresh
// scoring would.
//
// A manifest that names a story the rule set does not have is refused
// before anything is stored (see CheckManifest).
func Run(ctx context.Context, cfg Config, set *rules.Set) (*Summary, error) {
	src, err := ingest.Open(cfg.Input, cfg.Limits)
	if err != nil {
		return nil, err
	}
	defer src.Close()
	if err := CheckManifest(src, set); err != nil {
		return nil, err
	}
	return runSource(ctx, cfg, set, src)
}

// RunUnattended loads the rule set of rs (as LoadRules does) and runs the job with it, as a scheduled run must: unlike
// Run, it also records in the database a run that fails before it starts
// scoring, such as a rule set that does not load (the run's error then
// lists every positioned rule error), an input folder that cannot be opened
// or a manifest naming a story the set does not have, so that every attempt
// of an unattended run leaves its trace. It never scores with part of a
// rule set: the rules load whole or not at all.
func RunUnattended(ctx context.Context, cfg Config, rs RuleSource) (sum *Summary, err error) {
	run := sourcescore.Run{Started: cfg.now()().UTC(), Input: cfg.Input, Program: cfg.Program}
	defer func() {
		if r := recover(); r != nil {
			cfg.log().Error("run panicked", "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
			sum, err = nil, recordFailure(ctx, cfg, run, fmt.Errorf("run panicked: %v", r))
		}
	}()
	set, err := LoadRules(rs)
	if err != nil {
		return nil, recordFailure(ctx, cfg, run, fmt.Errorf("rules not loaded:\n%w", err))
	}
	run.RuleSetHash = set.Hash
	src, err := ingest.Open(cfg.Input, cfg.Limits)
	if err != nil {
		return nil, recordFailure(ctx, cfg, run, err)
	}
	defer src.Close()
	if err := CheckManifest(src, set); err != nil {
		return nil, recordFailure(ctx, cfg, run, err)
	}
	return runSource(ctx, cfg, set, src)
}

// recordFailure opens the database and records run as failed with cause.
func recordFailure(ctx context.Context, cfg Config, run sourcescore.Run, cause error) error {
	db, err := store.Open(context.WithoutCancel(ctx), cfg.DB)
	if err != nil {
		cfg.log().Error("run failed", "error", cause.Error(), "outcome", "failed")
		return errors.Join(cause, fmt.Errorf("record failed run: %w", err))
	}
	defer db.Close()
	return failed(ctx, db, run, cfg, cause)
}

// result is one input file after the workers are done with it: a fresh
// score, a skipped file, or a stored score that is reused.
type result struct {
	index   int
	score   *sourcescore.ArticleScore
	skipped *sourcescore.Skipped
	fatal   error                // the file could not be read for a reason that is not its own (too many open files): the run fails
	reused  int64                // the stored results row score came from; 0 when scored afresh
	unread  bool                 // reused without reading the file: it is in the state the base run found it in
	err     error                // why stored results of an unchanged article could not be reused (it was scored again)
	rows    *reports.ArticleRows // score's rows of the per-article reports, encoded by the worker
	stages  workerStages
}

// workerStages is the time a worker spent on one file.
type workerStages struct {
	read, decode, extract, rules, scoring, reuse, rows time.Duration
}

// Timings says where a run's time went. The worker stages are summed over
// the workers, so together they may exceed the wall time; the writer
// stages are those of the one goroutine that writes the database and the
// reports while the workers score.
type Timings struct {
	Workers int           // worker goroutines
	Read    time.Duration // reading files (workers)
	Decode  time.Duration // hashing, decoding, normalising (workers)
	Extract time.Duration // body extraction and metadata (workers)
	Rules   time.Duration // applying the rules (workers)
	Scoring time.Duration // family, article scores (workers)
	Reuse   time.Duration // reading the stored results of unchanged articles (workers)
	Rows    time.Duration // encoding the per-article reports' rows (workers)
	Store   time.Duration // SQLite: the run's rows, outlets, history, commit (writer)
	Reports time.Duration // CSV reports (writer)
	Wall    time.Duration // the whole run
}

// StageTimes is Timings in seconds, with the run's article counts: what
// `sourcescore run --timings FILE` writes as JSON and `make bench` reads.
type StageTimes struct {
	Articles int     `json:"articles"`
	Reused   int     `json:"reused"`
	Unread   int     `json:"unread"`
	Workers  int     `json:"workers"`
	Read     float64 `json:"read_s"`
	Decode   float64 `json:"decode_s"`
	Extract  float64 `json:"extract_s"`
	Rules    float64 `json:"rules_s"`
	Scoring  float64 `json:"scoring_s"`
	Reuse    float64 `json:"reuse_s"`
	Rows     float64 `json:"rows_s"`
	Store    float64 `json:"store_s"`
	Reports  float64 `json:"reports_s"`
	Wall     float64 `json:"wall_s"`
}

// StageTimes returns the run's timings in seconds.
func (s *Summary) StageTimes() StageTimes {
	t := s.Timings
	return StageTimes{
		Articles: s.Run.Articles, Reused: s.Run.Reused, Unread: s.Unread, Workers: t.Workers,
		Read: t.Read.Seconds(), Decode: t.Decode.Seconds(), Extract: t.Extract.Seconds(),
		Rules: t.Rules.Seconds(), Scoring: t.Scoring.Seconds(), Reuse: t.Reuse.Seconds(), Rows: t.Rows.Seconds(), Store: t.Store.Seconds(),
		Reports: t.Reports.Seconds(), Wall: t.Wall.Seconds(),
	}
}

func (t *Timings) add(s workerStages) {
	t.Read += s.read
	t.Decode += s.decode
	t.Extract += s.extract
	t.Rules += s.rules
	t.Scoring += s.scoring
	t.Reuse += s.reuse
	t.Rows += s.rows
}

// runSource is Run on an opened input folder.
func runSource(ctx context.Context, cfg Config, set *rules.Set, src *ingest.Source) (sum *Summary, err error) {
	now, log := cfg.now(), cfg.log()
	// Opened whatever ctx says: a run cancelled while the database opens
	// (a signal in its first moments) must still be recorded as
	// cancelled, which needs the database open; the first step that takes
	// ctx then fails, and the deferred function below records the run.
	db, err := store.Open(context.WithoutCancel(ctx), cfg.DB)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	// A report folder of another database is refused before anything is
	// stored: it is no failure of a run of this one. The folder is
	// claimed (a file written in it) once the run's reports are.
	dbID, err := db.ID(context.WithoutCancel(ctx)) // a cancelled run is recorded as such below
	if err != nil {
		return nil, err
	}
	if err := reports.CheckClaim(cfg.Out, db.Path(), dbID); err != nil {
		return nil, err
	}

	run := sourcescore.Run{Started: now().UTC(), Status: sourcescore.RunRunning, Input: cfg.Input, RuleSetHash: set.Hash, Program: cfg.Program}
	var (
		tx        *store.RunTx
		rw        *reports.RunWriter
		committed bool // the run is in the database
	)
	defer func() {
		if r := recover(); r != nil {
			log.Error("run panicked", "run", run.ID, "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
			err = fmt.Errorf("run panicked: %v", r)
		}
		if err == nil {
			return
		}
		sum = nil
		if committed {
			return // stored whole; err says what failed after
		}
		if ctx.Err() != nil {
			// Whatever failed first, the cause is the cancellation.
			err = fmt.Errorf("run cancelled: %w", context.Cause(ctx))
		}
		if tx != nil {
			tx.Rollback()
		}
		if rw != nil {
			rw.Abort()
		}
		err = failed(ctx, db, run, cfg, err)
	}()

	// 0. What earlier runs left: temporary report files of a writer that
	// died, and stored runs whose report folder was not written.
	sum = &Summary{Worst: map[string]sourcescore.Finding{}, Warnings: src.Warnings(), RuleWarnings: ruleWarnings(set)}
	for _, w := range sum.RuleWarnings {
		log.Warn("rule set warning", "warning", w)
	}
	sum.Repaired = repairReports(ctx, cfg, db)

	// 1. What can be reused: the results of the latest successful run over
	// this folder, when it used the same rule set.
	// The workers' reads take an uncancellable context, as the writes do
	// (see step 3); a cancelled run stops handing them files.
	inFiles, listed := inputs(src)
	sc := &scorer{ctx: context.WithoutCancel(ctx), set: set, src: src, input: cfg.Input, db: db, listed: listed, checksum: cfg.Checksum}
	if !cfg.Rescore {
		base, err := reuseBase(ctx, db, cfg.Input, set.Hash, cfg.Program, log)
		if err != nil {
			return nil, err
		}
		sc.base, sum.ReusedFrom = base, base
	}

	// 2. The run's transaction and report files.
	files := make([]store.RuleFile, len(set.Files))
	for i, f := range set.Files {
		files[i] = store.RuleFile{Path: f.Path, Hash: f.Hash}
	}
	if tx, err = db.BeginRun(ctx, run, files); err != nil {
		return nil, err
	}
	run.ID = tx.ID()
	if rw, err = reports.NewRunWriter(cfg.Out, run.ID, cfg.CSV); err != nil {
		return nil, err
	}
	sc.rows = rw.Encode
	log.Info("run started", "run", run.ID, "input", cfg.Input, "files", len(src.Files()), "skipped_while_listing", len(listed),
		"rules", set.Source, "rule_set", shortHash(set.Hash), "reuse_from", sum.ReusedFrom)

	// 3. Every article, in file order: scored afresh or reused.
	//
	// The writes into the transaction take a context that is never
	// cancelled: mattn/go-sqlite3 runs every statement given a cancellable
	// context in a goroutine of its own, which costs more than the insert.
	// ctx still governs the run: database/sql rolls the transaction back
	// when ctx is cancelled (every later write then fails), the workers
	// stop, and Commit refuses a cancelled ctx.
	wctx := context.WithoutCancel(ctx)
	outlets := scoring.NewOutlets()
	var stories analysis.StoryCollector // the story comparison's rows
	tm := &sum.Timings
	tm.Workers = workers(cfg.Workers)
	// timed runs f, adding its time to *d.
	timed := func(d *time.Duration, f func() error) error {
		start := time.Now()
		err := f()
		*d += time.Since(start)
		return err
	}
	var pick *htmlPick // the articles report.html shows; nil without it
	// The previous run over the input, for report.html's section of
	// changes; when the two runs are small enough for the page to compare
	// them, what it needs of this run's articles is kept as they pass
	// (snaps), so that the page is rendered while the database commits.
	var prev previousRun
	var snaps []*analysis.ArticleSnap
	if !cfg.CSV.NoHTML {
		pick = newHTMLPick(cfg.HTMLArticles)
		prev = previousOf(ctx, db, run)
		if prev.err == nil && prev.run.Articles+len(inFiles) <= htmlDiffArticles {
			snaps = make([]*analysis.ArticleSnap, 0, len(inFiles))
		}
	}
	done := 0
	err = score(ctx, cfg.Workers, inFiles, sc.one, func(r result) error {
		tm.add(r.stages)
		if done++; cfg.Progress != nil {
			cfg.Progress(done, len(inFiles))
		}
		if r.fatal != nil {
			return r.fatal
		}
		if r.skipped != nil {
			run.Skipped++
			sum.Skipped = append(sum.Skipped, *r.skipped)
			if err := timed(&tm.Store, func() error { return tx.AddSkipped(wctx, *r.skipped) }); err != nil {
				return err
			}
			return timed(&tm.Reports, func() error { return rw.AddSkipped(*r.skipped) })
		}
		s := r.score
		if store.IsCorrupt(r.err) {
			// Not a stale row: the database file is damaged. Scoring
			// again would hide it; the run fails with what to do.
			return fmt.Errorf("database %s is malformed: read the stored results of %s: %w", cfg.DB, s.Article.File, r.err)
		}
		if r.err != nil {
			log.Warn("stored results not reused: scored again", "run", run.ID, "file", s.Article.File, "error", r.err.Error())
		}
		if s.Article.Repaired != "" {
			sum.Mojibake = append(sum.Mojibake, s.Article.File+": "+s.Article.Repaired)
		}
		run.Articles++
		run.Findings += len(s.Findings)
		if s.Article.Meta.Story == "" {
			sum.NoStory = append(sum.NoStory, s.Article.File)
		}
		if !s.Scored() {
			sum.NotScored = append(sum.NotScored, sourcescore.Skipped{File: s.Article.File, Reason: s.NotScored})
		}
		outlets.Add(s)
		stories.Add(s)
		noteWorst(sum.Worst, s)
		err := timed(&tm.Store, func() error {
			if r.reused != 0 {
				run.Reused++
				if r.unread {
					sum.Unread++
				}
				return tx.AddStored(wctx, r.reused, s)
			}
			return tx.AddArticle(wctx, s)
		})
		if err != nil {
			return err
		}
		if pick != nil {
			pick.add(s) // kept, not reused: each result is a score of its own
		}
		if snaps != nil {
			snaps = append(snaps, analysis.Snap(s))
		}
		return timed(&tm.Reports, func() error {
			if r.rows == nil {
				r.rows = rw.Encode(s)
			}
			return rw.AddRows(r.rows)
		})
	})
	if err != nil {
		return nil, err
	}

	// 4. Outlets, with their history.
	sum.Outlets, sum.Stories = outlets.Scores(set.Scoring), outlets.StoryScores(set.Scoring)
	outletRows := scoring.WithStories(sum.Outlets, sum.Stories)
	var trend []reports.TrendPoint
	err = timed(&tm.Store, func() (err error) {
		if err = tx.AddOutlets(wctx, outletRows); err != nil {
			return err
		}
		sum.Previous, trend, err = outletHistory(ctx, db, run, sum.Outlets, cfg.trendRuns())
		return err
	})
	if err != nil {
		return nil, err
	}
	err = timed(&tm.Reports, func() error {
		if err := rw.AddOutlets(outletRows, sum.Previous); err != nil {
			return err
		}
		if pick != nil {
			rw.SetRun(run)
			pick.addTo(rw, run, files, cfg.Input)
		}
		if err := rw.AddTrend(trend); err != nil {
			return err
		}
		return addComparison(rw, stories.Compare())
	})
	if err != nil {
		return nil, err
	}

	// 5. Commit: the database first (the run's reports pending), then the
	// files (renamed into place, latest moved), then the reports are
	// recorded as written. A crash before the database commit leaves no
	// run (and temporary files the next run removes); one after it, a run
	// whose reports are pending, which the next run writes again from the
	// database. While the database commits, the CSV files and the
	// workbook are written out under their temporary names (rw.Finish):
	// on a large run both take about a second, and the workers are done.
	var finishTime, pageTime time.Duration // Reports' share (they run side by side), added once both are done
	finished := make(chan error, 1)
	// report.html too, when its section of changes needs nothing of this
	// run's rows (a large run, or the input's first) or is made from the
	// articles kept as they passed (snaps).
	pageEarly := false
	if pick != nil {
		pageEarly = earlyChanges(rw, run, prev) || pendingChanges(ctx, db, rw, run, prev, files, snaps, sum.Outlets, log)
	}
	go func() { finished <- timed(&finishTime, rw.Finish) }()
	page := make(chan error, 1)
	if pageEarly {
		log.Debug("report.html rendered while the database commits", "run", run.ID)
		// Beside Finish, as Commit would run it: they share nothing.
		go func() { page <- timed(&pageTime, rw.RenderPage) }()
	} else {
		page <- nil
	}
	// Wait for both on every way out, a panic in the commit included: the
	// deferred clean-up above removes the files they write.
	waitFinish := sync.OnceValue(func() error { return errors.Join(<-finished, <-page) })
	defer waitFinish()
	err = timed(&tm.Store, func() error {
		if err := tx.SetReused(wctx, run.Reused); err != nil {
			return err
		}
		run.Ended = now().UTC()
		run.Status = sourcescore.RunSucceeded
		return tx.Commit(ctx, run)
	})
	finishErr := waitFinish()
	tm.Reports += max(finishTime, pageTime)
	if err != nil {
		return nil, err
	}
	committed = true
	hold(cfg.Out, "committed")
	var dir string
	err = timed(&tm.Reports, func() (err error) {
		if pick != nil && !pageEarly {
			addChangesFrom(ctx, db, rw, run, prev, log)
		}
		if finishErr != nil {
			return finishErr // Commit would fail with it too
		}
		dir, err = rw.Commit()
		return err
	})
	if err != nil {
		// The run is stored; only its files failed. Say so rather than
		// recording a failed run over a stored one: its reports are
		// recorded as failed, and the next run writes them again.
		rw.Abort() // the temporary files, which may fill a disk
		err = fmt.Errorf("run %d is stored, but its reports failed (the next run writes them again): %w", run.ID, err)
		if merr := db.ReportsFailed(context.WithoutCancel(ctx), run.ID, err.Error()); merr != nil {
			err = errors.Join(err, merr)
		}
		log.Error("run stored, reports failed", "run", run.ID, "error", err.Error(), "outcome", "reports failed")
		return nil, err
	}
	hold(cfg.Out, "renamed")
	for _, name := range slices.Sorted(maps.Keys(rw.LeftOutOfWorkbook())) {
		log.Info("report left out of the workbook: too many rows for a spreadsheet; the CSV file holds them all", "run", run.ID,
			"report", name, "rows", rw.LeftOutOfWorkbook()[name], "workbook", reports.WorkbookFile)
	}
	if err := reports.Claim(cfg.Out, db.Path(), dbID); err != nil {
		// The run and its reports are in place; the next run claims
		// the folder again.
		log.Warn("report folder not claimed for the database", "run", run.ID, "out", cfg.Out, "error", err.Error())
	}
	if err := db.ReportsWritten(context.WithoutCancel(ctx), run.ID); err != nil {
		err = fmt.Errorf("run %d is stored and its reports are written to %s, but they are not recorded as written (the next run writes them again): %w",
			run.ID, dir, err)
		log.Error("run stored, reports not recorded", "run", run.ID, "error", err.Error(), "outcome", "reports failed")
		return nil, err
	}
	sum.Run = run
	sum.ReportDir = dir
	tm.Wall = now().Sub(run.Started)
	if cfg.KeepReports > 0 {
		pruned, perr := reports.PruneRuns(cfg.Out, cfg.KeepReports)
		sum.Pruned = pruned
		if perr != nil {
			log.Warn("old reports not pruned", "run", run.ID, "error", perr.Error())
		} else if len(pruned) > 0 {
			log.Info("old reports pruned", "run", run.ID, "removed", len(pruned), "kept", cfg.KeepReports)
		}
	}
	logInput(log, run.ID, sum.Skipped, sum.Warnings)
	if len(sum.NoStory) > 0 {
		log.Warn("articles match no story: story rules not applied", "run", run.ID, "articles", len(sum.NoStory),
			"note", sum.NoStoryNote())
	}
	if note := sum.MojibakeNote(); note != "" {
		log.Info("texts repaired before scoring: mis-decoded characters (mojibake) put right", "run", run.ID,
			"articles", len(sum.Mojibake), "note", note)
	}
	for _, note := range sum.NotScoredNotes() {
		log.Warn("articles not scored: stored without a score, not averaged", "run", run.ID, "note", note)
	}
	log.Info("run finished", "run", run.ID, "articles", run.Articles, "not_scored", len(sum.NotScored), "scored", run.Articles-run.Reused,
		"reused", run.Reused, "unread", sum.Unread, "skipped", run.Skipped, "findings", run.Findings, "rule_set", shortHash(run.RuleSetHash),
		"duration", run.Ended.Sub(run.Started).Round(time.Millisecond).String(), "outcome", "succeeded")
	return sum, nil
}

// claimOut makes sure cfg.Out holds the reports of db only (see
// reports.Claim): a folder of another database is refused with an error
// matching sourcescore.ErrConfig.
func claimOut(ctx context.Context, cfg Config, db *store.DB) error {
	id, err := db.ID(ctx)
	if err != nil {
		return err
	}
	return reports.Claim(cfg.Out, db.Path(), id)
}

// failed records a failed run in its own transaction, logs it and returns
// the cause.
func failed(ctx context.Context, db *store.DB, run sourcescore.Run, cfg Config, cause error) error {
	run.Status = sourcescore.RunFailed
	run.Ended = cfg.now()().UTC()
	run.Error = cause.Error()
	run.Articles, run.Reused, run.Skipped, run.Findings = 0, 0, 0, 0
	outcome := "failed"
	if errors.Is(cause, context.Canceled) || errors.Is(cause, context.DeadlineExceeded) {
		outcome = "cancelled"
	}
	// Record even when ctx was cancelled: the failure itself must be kept.
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	id, err := db.RecordFailedRun(rctx, run)
	if err != nil {
		cause = errors.Join(cause, fmt.Errorf("record failed run: %w", err))
	}
	cfg.log().Error("run failed", "run", id, "error", cause.Error(),
		"duration", run.Ended.Sub(run.Started).Round(time.Millisecond).String(), "outcome", outcome)
	return cause
}

// noteWorst keeps, per outlet, the most severe warning or error (the first
// of equals); info findings are evidence, not problems.
func noteWorst(worst map[string]sourcescore.Finding, s *sourcescore.ArticleScore) {
	name := s.Article.Meta.OutletName()
	for _, f := range s.Findings {
		if f.Severity < sourcescore.SeverityWarning {
			continue
		}
		w, ok := worst[name]
		if !ok || f.Severity > w.Severity {
			worst[name] = f
		}
	}
}

// workers returns the number of worker goroutines for Config.Workers n.
func workers(n int) int {
	if n <= 0 {
		return runtime.GOMAXPROCS(0)
	}
	return n
}

// score turns every file into a result with one, on a fixed pool of
// workers, and hands the results to emit in file order.
func score(ctx context.Context, n int, files []string, one func(string) result, emit func(result) error) error {
	workers := workers(n)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan int)
	results := make(chan result, workers*2)
	done := make(chan struct{})
	go func() {
		defer close(jobs)
		for i := range files {
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	for w := 0; w < workers; w++ {
		go func() {
			defer func() { done <- struct{}{} }()
			for i := range jobs {
				r := one(files[i])
				r.index = i
				select {
				case results <- r:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() {
		for w := 0; w < workers; w++ {
			<-done
		}
		close(results)
	}()
	pending := map[int]result{}
	next := 0
	for r := range results {
		pending[r.index] = r
		for {
			p, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			if err := emit(p); err != nil {
				cancel()
				for range results {
				}
				return err
			}
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if next != len(files) {
		return fmt.Errorf("scored %d of %d files", next, len(files))
	}
	return nil
}

// inputs returns what a run goes through, in path order: every file of
// src and every file or folder it skipped while listing, with the reasons
// of the latter, so that each of those is a skipped row of the run.
func inputs(src *ingest.Source) (files []string, listed map[string]string) {
	files = src.Files()
	skipped := src.Skipped()
	if len(skipped) == 0 {
		return files, nil
	}
	listed = make(map[string]string, len(skipped))
	for _, s := range skipped {
		listed[s.File] = s.Reason
		files = append(files, s.File)
	}
	sort.Strings(files)
	return files, listed
}

// reason is the plain reason of an ingest error: the file name stands in
// its own column.
func reason(err error) string {
	var bad *ingest.BadArticleError
	if errors.As(err, &bad) {
		return bad.Reason
	}
	return err.Error()
}

// shortHash is the first 12 digits of a hash, for logs.
func shortHash(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}

// maxLoggedSkips is how many skipped articles the log names one by one;
// the rest are counted in one line (the skipped report has them all).
const maxLoggedSkips = 20

// logInput logs the run's skipped articles and input warnings, so that an
// unattended run's log says what its summary says: each skipped article
// with its reason up to maxLoggedSkips, then one line for the rest.
// (Warnings are already aggregated by kind where they are made.)
func logInput(log *slog.Logger, run int64, skipped []sourcescore.Skipped, warnings []string) {
	for i, s := range skipped {
		if i == maxLoggedSkips {
			rest := skipped[i:]
			var first []string
			for _, s := range rest[:min(len(rest), 5)] {
				first = append(first, s.File)
			}
			log.Warn("more articles skipped", "run", run, "count", len(rest), "first", strings.Join(first, ", "),
				"see", reports.SkippedFile+" of the run")
			break
		}
		log.Warn("article skipped", "run", run, "file", s.File, "reason", s.Reason)
	}
	for _, w := range warnings {
		log.Warn("input warning", "run", run, "warning", w)
	}
}

// ruleWarnings returns the rule set's warnings (what loads but is likely a
// mistake) as the run's warning lines, each with its fix.
func ruleWarnings(set *rules.Set) []string {
	var out []string
	for _, w := range set.Warnings {
		line := w.File
		if w.Line > 0 {
			line += fmt.Sprintf(":%d:%d", w.Line, w.Column)
		}
		line += ": " + w.Msg
		if w.Hint != "" {
			line += " (" + w.Hint + ")"
		}
		out = append(out, line)
	}
	return out
}
