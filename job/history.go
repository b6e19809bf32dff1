package job

import (
	"bytes"
	"context"
	"fmt"
	"time"

	"sourcescore"
	"sourcescore/analysis"
	"sourcescore/reports"
	"sourcescore/scoring"
	"sourcescore/store"
)

// outletHistory returns, for the outlet scores of run, each outlet's score
// in its latest earlier successful run (previous_score), and the trend
// points of run's outlets: their scores in the last n-1 successful runs
// before run, then in run itself, by outlet in the order of outlets. run
// may be a run still being written: only its id and start are used.
//
// Each previous score and trend point says whether the rule set changed
// since the outlet's run before it (for run itself: whether run's rule
// set differs from that of the outlet's previous run), so that a move made
// by tuning the rules is never read as the outlet's.
func outletHistory(ctx context.Context, db *store.DB, run sourcescore.Run, outlets []sourcescore.OutletScore, n int) (map[string]reports.Previous, []reports.TrendPoint, error) {
	prevRuns, err := db.PreviousOutletRuns(ctx, run)
	if err != nil {
		return nil, nil, err
	}
	previous := make(map[string]reports.Previous, len(prevRuns))
	for name, p := range prevRuns {
		previous[name] = reports.Previous{Score: p.Score, RuleSetChanged: p.RuleSetHash != run.RuleSetHash}
	}
	past, err := db.OutletTrend(ctx, run, n-1)
	if err != nil {
		return nil, nil, err
	}
	byOutlet := map[string][]reports.TrendPoint{}
	for _, p := range past {
		pt := trendPoint(p.RunID, p.Started, p.RuleSetHash, p.OutletScore)
		// Also the outlet's first point in the window compares with its
		// run before, if any: OutletTrend looks beyond the window.
		pt.HasPrevious, pt.RuleSetChanged = p.HasPrevious, p.RuleSetChanged
		byOutlet[p.Outlet] = append(byOutlet[p.Outlet], pt)
	}
	var trend []reports.TrendPoint
	for _, o := range outlets {
		if !o.Scored() {
			continue // no score, no point of the trend
		}
		trend = append(trend, byOutlet[o.Outlet]...)
		pt := trendPoint(run.ID, run.Started, run.RuleSetHash, o)
		if p, ok := previous[o.Outlet]; ok {
			pt.HasPrevious, pt.RuleSetChanged = true, p.RuleSetChanged
		}
		trend = append(trend, pt)
	}
	return previous, trend, nil
}

// trendPoint is outlet score o of a run as a row of trend.csv.
func trendPoint(runID int64, started time.Time, ruleSet string, o sourcescore.OutletScore) reports.TrendPoint {
	return reports.TrendPoint{RunID: runID, Started: started.UTC(), Outlet: o.Outlet, Articles: o.Articles, Score: o.Score, Grade: o.Grade,
		RuleSet: ruleSet}
}

// Report writes the reports of a stored successful run again, from the
// database alone, to <cfg.Out>/run-<id>/ (replacing the files there
// atomically), and returns that folder. The files are those the run wrote,
// byte for byte, when cfg.CSV and cfg.TrendRuns are those of the run: the
// history columns count only runs before it. Only cfg.DB, cfg.Out, cfg.CSV,
// cfg.TrendRuns, cfg.HTMLArticles and cfg.TextsFrom are used (report.html
// reads the articles' texts again, from the run's input folder unless
// cfg.TextsFrom says otherwise; a text that changed since the run is not
// shown); the database is only read. A run that is not stored, or did not
// succeed, is an error matching sourcescore.ErrNotFound.
func Report(ctx context.Context, cfg Config, runID int64) (dir string, err error) {
	// Only read: the database opens read-only (no migration, no write), so
	// a report works while a run writes and on a read-only database.
	db, err := store.OpenReadOnly(ctx, cfg.DB)
	if err != nil {
		return "", err
	}
	defer db.Close()
	run, err := db.Run(ctx, runID)
	if err != nil {
		return "", err
	}
	if run.Status == sourcescore.RunSucceeded { // else writeReports says why there is nothing to write
		if err := claimOut(ctx, cfg, db); err != nil {
			return "", err
		}
	}
	return writeReports(ctx, db, cfg, run)
}

// writeReports writes the reports of the stored run to <cfg.Out>/run-<id>/,
// as Report does, reading them from db.
func writeReports(ctx context.Context, db *store.DB, cfg Config, run sourcescore.Run) (dir string, err error) {
	if run.Status != sourcescore.RunSucceeded {
		return "", fmt.Errorf("run %d %s; it has no scores: %w", run.ID, run.Status, sourcescore.ErrNotFound)
	}
	rw, err := reports.NewRunWriter(cfg.Out, run.ID, cfg.CSV)
	if err != nil {
		return "", err
	}
	defer rw.Abort()
	var pick *htmlPick
	if !cfg.CSV.NoHTML {
		pick = newHTMLPick(cfg.HTMLArticles)
	}
	var compare analysis.StoryCollector
	err = db.EachArticleScore(ctx, run.ID, func(s *sourcescore.ArticleScore) error {
		if pick != nil {
			pick.add(s)
		}
		compare.Add(s)
		return rw.AddArticle(s)
	})
	if err != nil {
		return "", err
	}
	skipped, err := db.SkippedFiles(ctx, run.ID)
	if err != nil {
		return "", err
	}
	for _, s := range skipped {
		if err := rw.AddSkipped(s); err != nil {
			return "", err
		}
	}
	outlets, err := db.OutletScores(ctx, run.ID)
	if err != nil {
		return "", err
	}
	stories, err := db.OutletStoryScores(ctx, run.ID)
	if err != nil {
		return "", err
	}
	previous, trend, err := outletHistory(ctx, db, run, outlets, cfg.trendRuns())
	if err != nil {
		return "", err
	}
	if err := rw.AddOutlets(scoring.WithStories(outlets, stories), previous); err != nil {
		return "", err
	}
	if pick != nil {
		files, err := db.RuleFiles(ctx, run.ID)
		if err != nil {
			return "", err
		}
		rw.SetRun(run)
		pick.addTo(rw, run, files, cfg.textInput(run))
		addChanges(ctx, db, rw, run, cfg.log())
	}
	if err := rw.AddTrend(trend); err != nil {
		return "", err
	}
	if err := addComparison(rw, compare.Compare()); err != nil {
		return "", err
	}
	return rw.Commit()
}

// textInput is the folder report.html of a stored run reads the articles'
// texts from: cfg.TextsFrom when set, else the run's input folder.
func (c Config) textInput(run sourcescore.Run) string {
	if c.TextsFrom != "" {
		return c.TextsFrom
	}
	return run.Input
}

// ReportHTML writes report.html of a stored successful run alone, from the
// database and the articles' texts read again, into <cfg.Out>/run-<id>/
// (replacing the page there atomically; the run's other files are left as
// they are), and returns its path. It uses what Report uses.
func ReportHTML(ctx context.Context, cfg Config, runID int64) (path string, err error) {
	db, err := store.OpenReadOnly(ctx, cfg.DB)
	if err != nil {
		return "", err
	}
	defer db.Close()
	run, err := db.Run(ctx, runID)
	if err != nil {
		return "", err
	}
	if run.Status != sourcescore.RunSucceeded {
		return "", fmt.Errorf("run %d %s; it has no scores: %w", run.ID, run.Status, sourcescore.ErrNotFound)
	}
	if err := claimOut(ctx, cfg, db); err != nil {
		return "", err
	}
	page := reports.NewHTMLReport(run.ID)
	pick := newHTMLPick(cfg.HTMLArticles)
	var compare analysis.StoryCollector
	err = db.EachArticleScore(ctx, run.ID, func(s *sourcescore.ArticleScore) error {
		pick.add(s)
		compare.Add(s)
		page.AddArticle(s)
		return nil
	})
	if err != nil {
		return "", err
	}
	skipped, err := db.SkippedFiles(ctx, run.ID)
	if err != nil {
		return "", err
	}
	for range skipped {
		page.AddSkipped()
	}
	outlets, err := db.OutletScores(ctx, run.ID)
	if err != nil {
		return "", err
	}
	stories, err := db.OutletStoryScores(ctx, run.ID)
	if err != nil {
		return "", err
	}
	previous, trend, err := outletHistory(ctx, db, run, outlets, cfg.trendRuns())
	if err != nil {
		return "", err
	}
	page.AddOutlets(scoring.WithStories(outlets, stories), previous)
	files, err := db.RuleFiles(ctx, run.ID)
	if err != nil {
		return "", err
	}
	page.SetRun(run)
	pick.addTo(page, run, files, cfg.textInput(run))
	addChanges(ctx, db, page, run, cfg.log())
	page.AddTrend(trend)
	for _, st := range analysis.HTMLStories(compare.Compare(), page.Shows) {
		page.AddStory(st)
	}
	var b bytes.Buffer
	if err := page.Render(&b); err != nil {
		return "", err
	}
	return reports.WriteHTML(cfg.Out, run.ID, b.Bytes())
}
