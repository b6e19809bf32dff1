package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"sourcescore"
)

const runColumns = `id, started, ended, status, input, rule_set_hash, articles, reused, skipped, findings, error`

// scanRun reads one row of runColumns.
func scanRun(row interface{ Scan(...any) error }) (sourcescore.Run, error) {
	var (
		r              sourcescore.Run
		started, ended sql.NullString
		status         string
	)
	if err := row.Scan(&r.ID, &started, &ended, &status, &r.Input, &r.RuleSetHash,
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

// OutletScores returns the outlet scores of a run, sorted by outlet.
func (db *DB) OutletScores(ctx context.Context, runID int64) ([]sourcescore.OutletScore, error) {
	var out []sourcescore.OutletScore
	err := db.queryRun(ctx, "outlet scores", runID, `SELECT outlet, articles, score, grade
		FROM outlet_scores WHERE run_id = ? ORDER BY outlet`, func(rows *sql.Rows) error {
		var o sourcescore.OutletScore
		if err := rows.Scan(&o.Outlet, &o.Articles, &o.Score, &o.Grade); err != nil {
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
// Body or Lines), family scores, rule scores and findings in the order they
// were added. It holds the whole run in memory; EachArticleScore streams.
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

// The article query and the child queries share one order (file, then
// article id, then insertion), so that one pass over the four cursors
// rebuilds each article.
const (
	selectArticles = `SELECT article_id, file, content_hash, outlet, url, published, language, story,
		inferred, words, score, grade
		FROM articles WHERE run_id = ? ORDER BY file, article_id`

	// CROSS JOIN makes articles the outer loop, so that both tables are
	// read in index order and SQLite needs no sort.
	childOrder = ` c ON c.run_id = a.run_id AND c.article_id = a.article_id
		WHERE a.run_id = ? ORDER BY a.file, a.article_id, c.id`

	selectFamilies = `SELECT c.article_id, c.family, c.score, c.weight, c.scored, c.note
		FROM articles a CROSS JOIN family_scores` + childOrder
	selectRules = `SELECT c.article_id, c.rule_id, c.family, c.score, c.weight, c.applied, c.note
		FROM articles a CROSS JOIN rule_scores` + childOrder
	selectFindings = `SELECT c.article_id, c.rule_id, c.family, c.severity, c.message, c.evidence,
		c.line, c.col, c.byte_offset
		FROM articles a CROSS JOIN findings` + childOrder
)

func (db *DB) eachArticleScore(ctx context.Context, runID int64, fn func(*sourcescore.ArticleScore) error) error {
	// One connection: its statements read one snapshot of the database.
	conn, err := db.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if err := checkRun(ctx, conn, runID); err != nil {
		return err
	}

	families, err := openCursor(ctx, conn, selectFamilies, runID, scanFamily)
	if err != nil {
		return err
	}
	defer families.close()
	rules, err := openCursor(ctx, conn, selectRules, runID, scanRule)
	if err != nil {
		return err
	}
	defer rules.close()
	findings, err := openCursor(ctx, conn, selectFindings, runID, scanFinding)
	if err != nil {
		return err
	}
	defer findings.close()

	rows, err := conn.QueryContext(ctx, selectArticles, runID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		s, err := scanArticle(rows)
		if err != nil {
			return err
		}
		id := s.Article.ID
		if s.Families, err = families.take(id); err != nil {
			return err
		}
		if s.Rules, err = rules.take(id); err != nil {
			return err
		}
		if s.Findings, err = findings.take(id); err != nil {
			return err
		}
		if err := fn(s); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for _, c := range []interface{ left() (string, bool) }{families, rules, findings} {
		if id, ok := c.left(); ok {
			return fmt.Errorf("rows of article %q out of order", id)
		}
	}
	return nil
}

func scanArticle(rows *sql.Rows) (*sourcescore.ArticleScore, error) {
	var (
		a         sourcescore.Article
		s         = sourcescore.ArticleScore{Article: &a}
		published sql.NullString
		inferred  string
	)
	m := &a.Meta
	if err := rows.Scan(&a.ID, &a.File, &a.ContentHash, &m.Outlet, &m.URL, &published, &m.Language,
		&m.Story, &inferred, &a.Words, &s.Score, &s.Grade); err != nil {
		return nil, err
	}
	var err error
	if m.Published, err = parseDate(published); err != nil {
		return nil, fmt.Errorf("article %s: %w", a.File, err)
	}
	if inferred != "" {
		m.Inferred = strings.Split(inferred, ",")
	}
	return &s, nil
}

func scanFamily(rows *sql.Rows) (string, sourcescore.FamilyScore, error) {
	var (
		id, family string
		f          sourcescore.FamilyScore
	)
	err := rows.Scan(&id, &family, &f.Score, &f.Weight, &f.Scored, &f.Note)
	f.Family = sourcescore.Family(family)
	return id, f, err
}

func scanRule(rows *sql.Rows) (string, sourcescore.RuleScore, error) {
	var (
		id, family string
		r          sourcescore.RuleScore
	)
	err := rows.Scan(&id, &r.RuleID, &family, &r.Score, &r.Weight, &r.Applied, &r.Note)
	r.Family = sourcescore.Family(family)
	return id, r, err
}

func scanFinding(rows *sql.Rows) (string, sourcescore.Finding, error) {
	var (
		id, family, severity string
		f                    sourcescore.Finding
	)
	if err := rows.Scan(&id, &f.RuleID, &family, &severity, &f.Message, &f.Evidence,
		&f.Pos.Line, &f.Pos.Column, &f.Offset); err != nil {
		return id, f, err
	}
	f.Family = sourcescore.Family(family)
	var err error
	if f.Severity, err = sourcescore.ParseSeverity(severity); err != nil {
		return id, f, fmt.Errorf("finding of %s in article %s: %w", f.RuleID, id, err)
	}
	return id, f, nil
}

// cursor walks the rows of one child table, which come grouped by article
// in article order, one row ahead.
type cursor[T any] struct {
	rows *sql.Rows
	scan func(*sql.Rows) (string, T, error)
	ok   bool   // a row is ahead
	id   string // its article id
	val  T      // its value
	err  error
}

func openCursor[T any](ctx context.Context, conn *sql.Conn, query string, runID int64,
	scan func(*sql.Rows) (string, T, error)) (*cursor[T], error) {
	rows, err := conn.QueryContext(ctx, query, runID)
	if err != nil {
		return nil, err
	}
	c := &cursor[T]{rows: rows, scan: scan}
	c.next()
	if c.err != nil {
		rows.Close()
		return nil, c.err
	}
	return c, nil
}

func (c *cursor[T]) next() {
	c.ok = c.rows.Next()
	if !c.ok {
		c.err = c.rows.Err()
		return
	}
	c.id, c.val, c.err = c.scan(c.rows)
	c.ok = c.err == nil
}

// take returns the rows of article id, which must be the current article.
func (c *cursor[T]) take(id string) ([]T, error) {
	var out []T
	for c.ok && c.id == id {
		out = append(out, c.val)
		c.next()
	}
	return out, c.err
}

// left reports the article id of a row not taken.
func (c *cursor[T]) left() (string, bool) { return c.id, c.ok }

func (c *cursor[T]) close() { c.rows.Close() }
