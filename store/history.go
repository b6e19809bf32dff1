package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"sourcescore"
)

// This file holds what scheduled, incremental runs need from earlier runs:
// the run to reuse results from, its articles without their rows, the
// number of reused articles, and the history of outlet scores.

// SetReused records in the run row how many of the run's articles reused
// the results of an earlier run instead of being scored again. n must not
// exceed the articles added so far. Call it before Commit.
func (t *RunTx) SetReused(ctx context.Context, n int) error {
	if err := t.usable(); err != nil {
		return fmt.Errorf("set reused: %w", err)
	}
	if n < 0 || n > t.articles {
		return t.abort(ctx, fmt.Errorf("set reused: %d reused of %d articles", n, t.articles))
	}
	if _, err := t.tx.ExecContext(ctx, `UPDATE runs SET reused = ? WHERE id = ?`, n, t.id); err != nil {
		return t.abort(ctx, fmt.Errorf("set reused of run %d: %w", t.id, err))
	}
	return nil
}

// LatestRunOfInput returns the most recently started successful run over
// the input folder input, as the run recorded it, or an error matching
// sourcescore.ErrNotFound when there is none.
func (db *DB) LatestRunOfInput(ctx context.Context, input string) (sourcescore.Run, error) {
	r, err := scanRun(db.db.QueryRowContext(ctx, `SELECT `+runColumns+` FROM runs
		WHERE status = 'succeeded' AND input = ? ORDER BY started DESC, id DESC LIMIT 1`, input))
	if errors.Is(err, sql.ErrNoRows) {
		return r, fmt.Errorf("latest successful run of %s: %w", input, sourcescore.ErrNotFound)
	}
	if err != nil {
		return r, fmt.Errorf("read latest successful run of %s: %w", input, err)
	}
	return r, nil
}

// PreviousRunOfInput returns the successful run over run's input folder
// that started last before run (by start, then id), or an error matching
// sourcescore.ErrNotFound when there is none.
func (db *DB) PreviousRunOfInput(ctx context.Context, run sourcescore.Run) (sourcescore.Run, error) {
	started := run.Started.UTC().Format(timeLayout)
	r, err := scanRun(db.db.QueryRowContext(ctx, `SELECT `+runColumns+` FROM runs
		WHERE status = 'succeeded' AND input = ? AND id <> ? AND (started < ? OR (started = ? AND id < ?))
		ORDER BY started DESC, id DESC LIMIT 1`, run.Input, run.ID, started, started, run.ID))
	if errors.Is(err, sql.ErrNoRows) {
		return r, fmt.Errorf("successful run of %s before run %d: %w", run.Input, run.ID, sourcescore.ErrNotFound)
	}
	if err != nil {
		return r, fmt.Errorf("read the successful run of %s before run %d: %w", run.Input, run.ID, err)
	}
	return r, nil
}

// StoredArticle is an article of a stored run. From StoredArticles it has
// no details; from Stored its details are read, ready for Full to decode.
type StoredArticle struct {
	Score  *sourcescore.ArticleScore // Article (ID, File, ContentHash, Meta, Words; FileState from Stored only), Score, Grade and Uncapped
	Result int64                     // the results row the run holds it by (RunTx.AddStored)

	details *details // families, rules, findings, caps as stored; nil when not read
}

// StoredArticles returns every article of a run, keyed by article id, with
// its Article (ID, File, ContentHash, Meta, Words), Score, Grade and
// Uncapped but without family scores, rule scores, findings and caps, in
// one query.
// EachArticleScore gives the whole scores of a run.
func (db *DB) StoredArticles(ctx context.Context, runID int64) (map[string]StoredArticle, error) {
	out := map[string]StoredArticle{}
	err := db.queryRun(ctx, "articles", runID, selectArticles, func(rows *sql.Rows) error {
		s, result, err := scanArticle(rows, false)
		if err != nil {
			return err
		}
		out[s.Article.ID] = StoredArticle{Score: s, Result: result}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Stored reads article articleID of run runID, with its details left to
// Full to decode, so that a caller who finds the article changed pays for
// no decoding, and the state its file was in when that run read it
// (Article.FileState). It returns an error matching sourcescore.ErrNotFound when
// the run holds no such article. It is safe for concurrent use: the job's
// workers call it for each file of a rerun, one query by index each, so
// that no run's articles are ever held in memory all at once.
func (db *DB) Stored(ctx context.Context, runID int64, articleID string) (StoredArticle, error) {
	// Prepared once: a rerun asks for every article. The results row is
	// found by a subquery on the link: written as a join, the same lookup
	// took three times as long (20,000 articles: 1.2 s against 0.36 s).
	db.storedOnce.Do(func() {
		db.stored, db.storedErr = db.db.PrepareContext(context.WithoutCancel(ctx), `SELECT r.article_id, r.file,
			r.content_hash, r.outlet, r.url, r.published, r.language, r.story, r.inferred, r.words, r.score, r.grade,
			r.uncapped, r.not_scored, r.id`+detailColumns+`,
			(SELECT file_state FROM run_articles WHERE run_id = ?1 AND article_id = ?2) FROM results r
			WHERE r.id = (SELECT result_id FROM run_articles WHERE run_id = ?1 AND article_id = ?2)`)
	})
	if db.storedErr != nil {
		return StoredArticle{}, fmt.Errorf("read stored article %s: %w", articleID, db.storedErr)
	}
	rows, err := db.stored.QueryContext(ctx, runID, articleID)
	if err != nil {
		return StoredArticle{}, fmt.Errorf("read stored article %s of run %d: %w", articleID, runID, err)
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return StoredArticle{}, fmt.Errorf("read stored article %s of run %d: %w", articleID, runID, err)
		}
		return StoredArticle{}, fmt.Errorf("stored article %s of run %d: %w", articleID, runID, sourcescore.ErrNotFound)
	}
	var (
		a     StoredArticle
		d     details
		state string
	)
	a.Score, a.Result, err = scanArticleDetails(rows, &d, &state)
	if err != nil {
		return StoredArticle{}, fmt.Errorf("read stored article %s of run %d: %w", articleID, runID, err)
	}
	a.Score.Article.FileState = state
	a.details = &d
	return a, nil
}

// Full returns a's whole score: a copy of a.Score with the family scores,
// rule scores, findings and caps that Stored read. An article from
// StoredArticles has none to give.
func (a StoredArticle) Full() (*sourcescore.ArticleScore, error) {
	if a.details == nil {
		return nil, fmt.Errorf("stored article %s: details not read", a.Score.Article.ID)
	}
	s := *a.Score
	if err := decodeDetails(&s, *a.details); err != nil {
		return nil, fmt.Errorf("read stored article: %w", err)
	}
	return &s, nil
}

// OutletRun is an outlet's score in one successful run.
type OutletRun struct {
	RunID          int64     // the run
	Started        time.Time // when the run started (UTC)
	RuleSetHash    string    // the rule set the run scored with
	HasPrevious    bool      // an earlier successful run scored the outlet (with a score)
	RuleSetChanged bool      // that run, the outlet's previous, used another rule set; false for its first
	sourcescore.OutletScore
}

// outletRunsWithChange selects, from the successful runs (r) that scored
// an outlet (o), the run id, start, rule set, whether the rule set changed
// since the outlet's previous such run, and the outlet's score: the rows
// outletRuns scans, before any run is left out, so that the first run
// shown of an outlet still compares with the one before it.
const outletRunsWithChange = `SELECT r.id, r.started, r.rule_set_hash,
		lag(r.id) OVER (PARTITION BY o.outlet ORDER BY r.started, r.id) IS NOT NULL AS has_previous,
		coalesce(lag(r.rule_set_hash) OVER (PARTITION BY o.outlet ORDER BY r.started, r.id) <> r.rule_set_hash, 0) AS changed,
		o.outlet, o.articles, o.score, o.grade
	FROM outlet_scores o JOIN runs r ON r.id = o.run_id
	WHERE r.status = 'succeeded' AND o.score IS NOT NULL`

// successfulBefore selects the successful runs that started before run
// (?, ?), that is before the run's started time and id, in the order
// LatestRun and Runs use. The run itself is not among them.
const successfulBefore = `r.status = 'succeeded' AND (r.started, r.id) < (?, ?)`

// PreviousOutletScores returns, for every outlet scored (with a score) by a successful
// run before run (by start time, then id), its score in the latest such
// run that scored it. Only run.ID and run.Started are used, so run may be
// one still being written.
func (db *DB) PreviousOutletScores(ctx context.Context, run sourcescore.Run) (map[string]float64, error) {
	prev, err := db.PreviousOutletRuns(ctx, run)
	if err != nil {
		return nil, err
	}
	out := make(map[string]float64, len(prev))
	for name, p := range prev {
		out[name] = p.Score
	}
	return out, nil
}

// PreviousOutletRuns is PreviousOutletScores with the whole of each
// outlet's latest earlier run: its id, start and rule set (RuleSetChanged
// compares it with the run before it, not with run).
func (db *DB) PreviousOutletRuns(ctx context.Context, run sourcescore.Run) (map[string]OutletRun, error) {
	list, err := db.outletRuns(ctx, `SELECT id, started, rule_set_hash, has_previous, changed, outlet, articles, score, grade FROM (
		SELECT *, row_number() OVER (PARTITION BY outlet ORDER BY started DESC, id DESC) AS n
		FROM (`+outletRunsWithChange+`) r WHERE (r.started, r.id) < (?, ?)) WHERE n = 1`, formatTime(run.Started), run.ID)
	if err != nil {
		return nil, fmt.Errorf("read previous outlet scores of run %d: %w", run.ID, err)
	}
	out := make(map[string]OutletRun, len(list))
	for _, o := range list {
		out[o.Outlet] = o
	}
	return out, nil
}

// OutletTrend returns the outlet scores of the last n successful runs
// before run (by start time, then id), sorted by outlet, then oldest run
// first. Only run.ID and run.Started are used. n <= 0 gives none.
func (db *DB) OutletTrend(ctx context.Context, run sourcescore.Run, n int) ([]OutletRun, error) {
	if n <= 0 {
		return nil, nil
	}
	out, err := db.outletRuns(ctx, `WITH recent AS (
			SELECT r.id FROM runs r WHERE `+successfulBefore+`
			ORDER BY r.started DESC, r.id DESC LIMIT ?)
		SELECT o.* FROM (`+outletRunsWithChange+`) o
		WHERE o.id IN (SELECT id FROM recent)
		ORDER BY o.outlet, o.started, o.id`, formatTime(run.Started), run.ID, n)
	if err != nil {
		return nil, fmt.Errorf("read outlet trend before run %d: %w", run.ID, err)
	}
	return out, nil
}

// OutletHistory returns the outlet's score in every successful run that
// scored it, oldest first, each with its rule set and whether that changed
// since the run before. An outlet no run scored gives none.
func (db *DB) OutletHistory(ctx context.Context, outlet string) ([]OutletRun, error) {
	out, err := db.outletRuns(ctx, `SELECT * FROM (`+outletRunsWithChange+` AND o.outlet = ?)
		ORDER BY started, id`, outlet)
	if err != nil {
		return nil, fmt.Errorf("read history of outlet %s: %w", outlet, err)
	}
	return out, nil
}

// OutletNames returns every outlet a successful run scored, sorted.
func (db *DB) OutletNames(ctx context.Context) ([]string, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT DISTINCT o.outlet FROM outlet_scores o
		JOIN runs r ON r.id = o.run_id WHERE r.status = 'succeeded' AND o.score IS NOT NULL ORDER BY o.outlet`)
	if err != nil {
		return nil, fmt.Errorf("list outlets: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, fmt.Errorf("list outlets: %w", err)
		}
		out = append(out, name)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list outlets: %w", err)
	}
	return out, nil
}

// outletRuns runs a query whose rows are run id, started, rule set hash,
// whether the outlet has an earlier run, whether the rule set changed since, outlet, articles, score and grade.
func (db *DB) outletRuns(ctx context.Context, query string, args ...any) ([]OutletRun, error) {
	rows, err := db.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []OutletRun
	for rows.Next() {
		var (
			o       OutletRun
			started sql.NullString
		)
		if err := rows.Scan(&o.RunID, &started, &o.RuleSetHash, &o.HasPrevious, &o.RuleSetChanged, &o.Outlet, &o.Articles, &o.Score, &o.Grade); err != nil {
			return nil, err
		}
		if o.Started, err = parseTime(started); err != nil {
			return nil, fmt.Errorf("run %d: %w", o.RunID, err)
		}
		out = append(out, o)
	}
	return out, rows.Err()
}
