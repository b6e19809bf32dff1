package job

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"time"

	"sourcescore"
	"sourcescore/ingest"
	"sourcescore/reports"
	"sourcescore/rules"
	"sourcescore/scoring"
	"sourcescore/store"
)

// Config is what one run needs.
type Config struct {
	Input   string           // input folder
	DB      string           // SQLite file
	Out     string           // reports folder; the run's CSVs go to <Out>/run-<id>/
	Workers int              // worker goroutines; 0 means one per CPU
	CSV     reports.Options  // spreadsheet options
	Now     func() time.Time // clock; nil means time.Now
	Log     *slog.Logger     // nil means slog.Default()
}

// Summary is what a finished run reports.
type Summary struct {
	Run       sourcescore.Run
	Outlets   []sourcescore.OutletScore
	Worst     map[string]sourcescore.Finding // per outlet, its most severe finding
	Skipped   []sourcescore.Skipped
	ReportDir string
	Warnings  []string // input warnings (manifest rows without a file, ...)
}

// LoadRules loads the rule set from dir, or the built-in set when dir is "".
func LoadRules(dir string) (*rules.Set, error) {
	if dir == "" {
		return rules.Builtin()
	}
	return rules.LoadDir(dir)
}

// result is one input file after the workers are done with it.
type result struct {
	index   int
	score   *sourcescore.ArticleScore
	skipped *sourcescore.Skipped
}

// Run scores every article of cfg.Input with set and stores the run. The
// database receives the whole run or, on any failure, a failed-run record
// only. A bad article is skipped with its reason; it never stops the run.
func Run(ctx context.Context, cfg Config, set *rules.Set) (sum *Summary, err error) {
	now := cfg.Now
	if now == nil {
		now = time.Now
	}
	log := cfg.Log
	if log == nil {
		log = slog.Default()
	}
	src, err := ingest.Open(cfg.Input)
	if err != nil {
		return nil, err
	}
	db, err := store.Open(ctx, cfg.DB)
	if err != nil {
		return nil, err
	}
	defer db.Close()

	run := sourcescore.Run{Started: now().UTC(), Status: sourcescore.RunRunning, Input: cfg.Input, RuleSetHash: set.Hash}
	files := make([]store.RuleFile, len(set.Files))
	for i, f := range set.Files {
		files[i] = store.RuleFile{Path: f.Path, Hash: f.Hash}
	}
	tx, err := db.BeginRun(ctx, run, files)
	if err != nil {
		return nil, err
	}
	run.ID = tx.ID()
	rw, err := reports.NewRunWriter(cfg.Out, run.ID, cfg.CSV)
	if err != nil {
		tx.Rollback()
		return nil, failed(ctx, db, run, now, err)
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("run %d panicked: %v", run.ID, r)
		}
		if err != nil {
			tx.Rollback()
			rw.Abort()
			err = failed(ctx, db, run, now, err)
			sum = nil
		}
	}()

	sum = &Summary{Worst: map[string]sourcescore.Finding{}, Warnings: src.Warnings()}
	outlets := scoring.NewOutlets()
	err = score(ctx, cfg, set, src, func(r result) error {
		if r.skipped != nil {
			run.Skipped++
			sum.Skipped = append(sum.Skipped, *r.skipped)
			if err := tx.AddSkipped(ctx, *r.skipped); err != nil {
				return err
			}
			return rw.AddSkipped(*r.skipped)
		}
		s := r.score
		run.Articles++
		run.Findings += len(s.Findings)
		outlets.Add(s)
		noteWorst(sum.Worst, s)
		if err := tx.AddArticle(ctx, s); err != nil {
			return err
		}
		return rw.AddArticle(s)
	})
	if err != nil {
		return nil, err
	}
	sum.Outlets = outlets.Scores(set.Scoring)
	if err = tx.AddOutlets(ctx, sum.Outlets); err != nil {
		return nil, err
	}
	if err = rw.AddOutlets(sum.Outlets); err != nil {
		return nil, err
	}
	run.Ended = now().UTC()
	run.Status = sourcescore.RunSucceeded
	if err = tx.Commit(ctx, run); err != nil {
		return nil, err
	}
	dir, err := rw.Commit()
	if err != nil {
		// The run is stored; only its files failed. Say so rather than
		// recording a failed run over a stored one.
		return nil, fmt.Errorf("run %d is stored, but its reports failed: %w", run.ID, err)
	}
	sum.Run = run
	sum.ReportDir = dir
	log.Info("run finished", "run", run.ID, "articles", run.Articles, "skipped", run.Skipped,
		"findings", run.Findings, "duration", run.Ended.Sub(run.Started).Round(time.Millisecond).String(), "outcome", "succeeded")
	return sum, nil
}

// failed records a failed run in its own transaction and returns the cause.
func failed(ctx context.Context, db *store.DB, run sourcescore.Run, now func() time.Time, cause error) error {
	run.Status = sourcescore.RunFailed
	run.Ended = now().UTC()
	run.Error = cause.Error()
	run.Articles, run.Skipped, run.Findings = 0, 0, 0
	// Record even when ctx was cancelled: the failure itself must be kept.
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if _, err := db.RecordFailedRun(rctx, run); err != nil {
		return errors.Join(cause, fmt.Errorf("record failed run: %w", err))
	}
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

// score reads, applies and scores every file with a fixed pool of workers
// and hands the results to emit in file order.
func score(ctx context.Context, cfg Config, set *rules.Set, src *ingest.Source, emit func(result) error) error {
	workers := cfg.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	files := src.Files()
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
				r := scoreOne(set, src, files[i])
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

// scoreOne turns one file into an article score, or a skipped entry with
// its reason. A panic in the rules skips the article instead of the run.
func scoreOne(set *rules.Set, src *ingest.Source, file string) (r result) {
	defer func() {
		if p := recover(); p != nil {
			r = result{skipped: &sourcescore.Skipped{File: file, Reason: fmt.Sprintf("internal error while scoring: %v", p)}}
		}
	}()
	a, err := src.Read(file, &set.Boilerplate)
	if err != nil {
		return result{skipped: &sourcescore.Skipped{File: file, Reason: reason(err)}}
	}
	res := set.Apply(a)
	if res.StoryInferred && a.Meta.Story == "" {
		a.Meta.Story = res.Story
		a.Meta.Inferred = append(a.Meta.Inferred, "story")
	}
	s := &sourcescore.ArticleScore{Article: a, Rules: res.Rules, Findings: res.Findings}
	scoring.Score(set.Scoring, s)
	return result{score: s}
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
