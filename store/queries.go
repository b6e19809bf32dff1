package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"sourcescore"
)

const runColumns = `id, started, ended, status, input, rule_set_hash, program, articles, reused, skipped, findings, error`

// scanRun reads one row of runColumns.
func scanRun(row interface{ Scan(...any) error }) (sourcescore.Run, error) {
	var (
		r              sourcescore.Run
		started, ended sql.NullString
		status         string
	)
	if err := row.Scan(&r.ID, &started, &ended, &status, &r.Input, &r.RuleSetHash, &r.Program,
		&r.Articles, &r.Reused, &r.Skipped, &r.Findings, &r.Error); err != nil {
		return r, err
	}
	r.Status = sourcescore.RunStatus(status)
	var err error
	if r.Started, err = parseTime(started); err != nil {
		return r, fmt.Errorf("run %d: %w", r.ID, err)
	}
	if r.Ended, err = parseTime(ended); err != nil {
		return r, fmt.Errorf("run %d: %w", r.ID, err)
	}
	return r, nil
}

// Run returns the run with the given id, or an error matching
// sourcescore.ErrNotFound.
func (db *DB) Run(ctx context.Context, id int64) (sourcescore.Run, error) {
	r, err := scanRun(db.db.QueryRowContext(ctx, `SELECT `+runColumns+` FROM runs WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return r, fmt.Errorf("run %d: %w", id, sourcescore.ErrNotFound)
	}
	if err != nil {
		return r, fmt.Errorf("read run %d: %w", id, err)
	}
	return r, nil
}

// LatestRun returns the most recently started run with the given status, or
// of any status when status is "". It returns an error matching
// sourcescore.ErrNotFound when there is none.
func (db *DB) LatestRun(ctx context.Context, status sourcescore.RunStatus) (sourcescore.Run, error) {
	query, args := `SELECT `+runColumns+` FROM runs ORDER BY started DESC, id DESC LIMIT 1`, []any{}
	if status != "" {
		query, args = `SELECT `+runColumns+` FROM runs WHERE status = ? ORDER BY started DESC, id DESC LIMIT 1`, []any{string(status)}
	}
	r, err := scanRun(db.db.QueryRowContext(ctx, query, args...))
	if errors.Is(err, sql.ErrNoRows) {
		if status == "" {
			return r, fmt.Errorf("latest run: %w", sourcescore.ErrNotFound)
		}
		return r, fmt.Errorf("latest %s run: %w", status, sourcescore.ErrNotFound)
	}
	if err != nil {
		return r, fmt.Errorf("read latest run: %w", err)
	}
	return r, nil
}

// Runs returns up to limit runs, newest (latest started) first; limit <= 0
// means all.
func (db *DB) Runs(ctx context.Context, limit int) ([]sourcescore.Run, error) {
	if limit <= 0 {
		limit = -1 // SQLite: no limit
	}
	rows, err := db.db.QueryContext(ctx, `SELECT `+runColumns+` FROM runs
		ORDER BY started DESC, id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("list runs: %w", err)
	}
	defer rows.Close()
	var runs []sourcescore.Run
	for rows.Next() {
		r, err := scanRun(rows)
		if err != nil {
			return nil, fmt.Errorf("list runs: %w", err)
		}
		runs = append(runs, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list runs: %w", err)
	}
	return runs, nil
}

// checkRun returns an error matching sourcescore.ErrNotFound when run id
// does not exist, so that queries can tell "no rows" from "no run".
func checkRun(ctx context.Context, q queryer, id int64) error {
	var one int
	err := q.QueryRowContext(ctx, `SELECT 1 FROM runs WHERE id = ?`, id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("run %d: %w", id, sourcescore.ErrNotFound)
	}
	return err
}

// queryRun runs a query over one run's rows, calling scan for each row. It
// fails with sourcescore.ErrNotFound when the run does not exist.
func (db *DB) queryRun(ctx context.Context, what string, runID int64, query string, scan func(*sql.Rows) error) error {
	if err := checkRun(ctx, db.db, runID); err != nil {
		return fmt.Errorf("read %s: %w", what, err)
	}
	rows, err := db.db.QueryContext(ctx, query, runID)
	if err != nil {
		return fmt.Errorf("read %s of run %d: %w", what, runID, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return fmt.Errorf("read %s of run %d: %w", what, runID, err)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read %s of run %d: %w", what, runID, err)
	}
	return nil
}

// OutletScores returns the outlet scores of a run over all of each
// outlet's stories (Story ""), sorted by outlet.
func (db *DB) OutletScores(ctx context.Context, runID int64) ([]sourcescore.OutletScore, error) {
	var out []sourcescore.OutletScore
	err := db.queryRun(ctx, "outlet scores", runID, `SELECT outlet, articles, not_scored, coalesce(score, 0), grade
		FROM outlet_scores WHERE run_id = ? ORDER BY outlet`, func(rows *sql.Rows) error {
		var o sourcescore.OutletScore
		if err := rows.Scan(&o.Outlet, &o.Articles, &o.NotScored, &o.Score, &o.Grade); err != nil {
			return err
		}
		out = append(out, o)
		return nil
	})
	return out, err
}

// ID returns the database's id: 32 hex digits made at random when the
// database was created (or upgraded to schema version 10), the same for
// the database's whole life and different for every other database, also
// one at the same path made again. A copy of the file has the same id.
func (db *DB) ID(ctx context.Context) (string, error) {
	var id string
	if err := db.db.QueryRowContext(ctx, `SELECT id FROM database_id WHERE one = 1`).Scan(&id); err != nil {
		return "", fmt.Errorf("read database id of %s: %w", db.path, err)
	}
	return id, nil
}

// OutletStoryScores returns the outlet scores of a run by story (Story
// set), sorted by outlet, then story; none for runs stored before schema
// version 9.
func (db *DB) OutletStoryScores(ctx context.Context, runID int64) ([]sourcescore.OutletScore, error) {
	var out []sourcescore.OutletScore
	err := db.queryRun(ctx, "outlet scores by story", runID, `SELECT outlet, story, articles, not_scored,
		coalesce(score, 0), grade FROM outlet_story_scores WHERE run_id = ? ORDER BY outlet, story`, func(rows *sql.Rows) error {
		var o sourcescore.OutletScore
		if err := rows.Scan(&o.Outlet, &o.Story, &o.Articles, &o.NotScored, &o.Score, &o.Grade); err != nil {
			return err
		}
		out = append(out, o)
		return nil
	})
	return out, err
}

// SkippedFiles returns the files a run skipped, in the order they were added.
func (db *DB) SkippedFiles(ctx context.Context, runID int64) ([]sourcescore.Skipped, error) {
	var out []sourcescore.Skipped
	err := db.queryRun(ctx, "skipped files", runID, `SELECT file, reason
		FROM skipped_files WHERE run_id = ? ORDER BY id`, func(rows *sql.Rows) error {
		var s sourcescore.Skipped
		if err := rows.Scan(&s.File, &s.Reason); err != nil {
			return err
		}
		out = append(out, s)
		return nil
	})
	return out, err
}

// RuleFiles returns the rule files a run used, sorted by path.
func (db *DB) RuleFiles(ctx context.Context, runID int64) ([]RuleFile, error) {
	var out []RuleFile
	err := db.queryRun(ctx, "rule files", runID, `SELECT path, hash
		FROM run_rule_files WHERE run_id = ? ORDER BY path`, func(rows *sql.Rows) error {
		var f RuleFile
		if err := rows.Scan(&f.Path, &f.Hash); err != nil {
			return err
		}
		out = append(out, f)
		return nil
	})
	return out, err
}

// ArticleScores returns every article score of a run, sorted by file, each
// rebuilt with its Article (ID, File, ContentHash, Meta and Words; no Text,
// Body or Lines), score before caps, family scores, rule scores, findings
// and caps in the order they were added. An article stored before grade
// caps existed has none, and Uncapped equal to Score. It holds the whole run in memory; EachArticleScore streams.
func (db *DB) ArticleScores(ctx context.Context, runID int64) ([]*sourcescore.ArticleScore, error) {
	var out []*sourcescore.ArticleScore
	err := db.EachArticleScore(ctx, runID, func(s *sourcescore.ArticleScore) error {
		out = append(out, s)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// EachArticleScore calls fn with each article score of a run, rebuilt as
// ArticleScores does and in the same order, holding only one article in
// memory at a time. It stops at the first error fn returns and returns it,
// wrapped.
func (db *DB) EachArticleScore(ctx context.Context, runID int64, fn func(*sourcescore.ArticleScore) error) error {
	if err := db.eachArticleScore(ctx, runID, fn); err != nil {
		return fmt.Errorf("read article scores of run %d: %w", runID, err)
	}
	return nil
}

// The articles of a run, in file order, from the run's links to their
// results; selectScores adds the details (detail.go).
const (
	articleColumns = `ra.article_id, ra.file, r.content_hash, r.outlet, r.url, r.published, r.language, r.story,
		r.inferred, r.words, r.score, r.grade, r.uncapped, r.not_scored, r.id`
	detailColumns = `, r.families, r.rules, r.findings, r.caps, r.story_notes`
	runArticles   = ` FROM run_articles ra JOIN results r ON r.id = ra.result_id WHERE ra.run_id = ?`

	selectArticles = `SELECT ` + articleColumns + runArticles + ` ORDER BY ra.file, ra.article_id`
	selectScores   = `SELECT ` + articleColumns + detailColumns + runArticles + ` ORDER BY ra.file, ra.article_id`
)

// details are an article's details as stored, undecoded: the JSON of its
// family scores, rule scores, findings and caps, and of its story notes
// ("" when it has none).
type details [5]string

func (db *DB) eachArticleScore(ctx context.Context, runID int64, fn func(*sourcescore.ArticleScore) error) error {
	// One connection: both statements read one snapshot of the database.
	conn, err := db.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if err := checkRun(ctx, conn, runID); err != nil {
		return err
	}
	rows, err := conn.QueryContext(ctx, selectScores, runID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		s, _, err := scanArticle(rows, true)
		if err != nil {
			return err
		}
		if err := fn(s); err != nil {
			return err
		}
	}
	return rows.Err()
}

// scanArticle reads one row of articleColumns, followed by the
// detailColumns when withDetails is set (decoded into the score), and
// returns the article score and the id of its results row.
func scanArticle(rows *sql.Rows, withDetails bool) (*sourcescore.ArticleScore, int64, error) {
	if !withDetails {
		return scanArticleDetails(rows, nil)
	}
	var d details
	s, result, err := scanArticleDetails(rows, &d)
	if err != nil {
		return nil, 0, err
	}
	if err := decodeDetails(s, d); err != nil {
		return nil, 0, err
	}
	return s, result, nil
}

// scanArticleDetails reads one row of articleColumns and, when d is not
// nil, the detailColumns into it, undecoded, then the columns after them
// into more.
func scanArticleDetails(rows *sql.Rows, d *details, more ...any) (*sourcescore.ArticleScore, int64, error) {
	var (
		a         sourcescore.Article
		s         = sourcescore.ArticleScore{Article: &a}
		published sql.NullString
		inferred  string
		score     sql.NullFloat64
		uncapped  sql.NullFloat64
		result    int64
	)
	m := &a.Meta
	dest := []any{&a.ID, &a.File, &a.ContentHash, &m.Outlet, &m.URL, &published, &m.Language,
		&m.Story, &inferred, &a.Words, &score, &s.Grade, &uncapped, &s.NotScored, &result}
	if d != nil {
		dest = append(dest, &d[0], &d[1], &d[2], &d[3], &d[4])
	}
	dest = append(dest, more...)
	if err := rows.Scan(dest...); err != nil {
		return nil, 0, err
	}
	if score.Valid != s.Scored() {
		return nil, 0, fmt.Errorf("article %s: score %v with not_scored %q", a.File, score, s.NotScored)
	}
	s.Score = score.Float64 // 0 when not scored, as scoring leaves it
	// Stored before grade caps existed: never capped.
	s.Uncapped = s.Score
	if uncapped.Valid {
		s.Uncapped = uncapped.Float64
	}
	var err error
	if m.Published, err = parseDate(published); err != nil {
		return nil, 0, fmt.Errorf("article %s: %w", a.File, err)
	}
	readOrigins(m, inferred)
	return &s, result, nil
}

// decodeDetails fills s's families, rules, findings and caps from their
// stored JSON.
func decodeDetails(s *sourcescore.ArticleScore, d details) error {
	var err error
	if s.Families, err = parseFamilies(d[0]); err != nil {
		return fmt.Errorf("article %s: %w", s.Article.File, err)
	}
	if s.Rules, err = parseRules(d[1]); err != nil {
		return fmt.Errorf("article %s: %w", s.Article.File, err)
	}
	if s.Findings, err = parseFindings(d[2]); err != nil {
		return fmt.Errorf("article %s: %w", s.Article.File, err)
	}
	if s.Caps, err = parseCaps(d[3]); err != nil {
		return fmt.Errorf("article %s: %w", s.Article.File, err)
	}
	if s.Notes, err = decodeNotes(d[4]); err != nil {
		return fmt.Errorf("article %s: %w", s.Article.File, err)
	}
	return nil
}
