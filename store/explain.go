package store

import (
	"context"
	"database/sql"
	"fmt"

	"sourcescore"
)

// ArticleRef names one article of a run.
type ArticleRef struct {
	ID   string // the article's stable id
	File string // its path relative to the run's input folder
}

// ArticleRefs returns the id and file of every article of a run, sorted by
// file, then id. It fails with sourcescore.ErrNotFound when the run does not
// exist; a run without articles gives none.
func (db *DB) ArticleRefs(ctx context.Context, runID int64) ([]ArticleRef, error) {
	var out []ArticleRef
	err := db.queryRun(ctx, "articles", runID, `SELECT article_id, file
		FROM articles WHERE run_id = ? ORDER BY file, article_id`, func(rows *sql.Rows) error {
		var a ArticleRef
		if err := rows.Scan(&a.ID, &a.File); err != nil {
			return err
		}
		out = append(out, a)
		return nil
	})
	return out, err
}

// The queries of one article; the child rows come in insertion order, as
// ArticleScores gives them.
const (
	selectOneArticle = `SELECT article_id, file, content_hash, outlet, url, published, language, story,
		inferred, words, score, grade
		FROM articles WHERE run_id = ? AND article_id = ?`
	selectOneFamilies = `SELECT article_id, family, score, weight, scored, note
		FROM family_scores WHERE run_id = ? AND article_id = ? ORDER BY id`
	selectOneRules = `SELECT article_id, rule_id, family, score, weight, applied, note
		FROM rule_scores WHERE run_id = ? AND article_id = ? ORDER BY id`
	selectOneFindings = `SELECT article_id, rule_id, family, severity, message, evidence, line, col, byte_offset
		FROM findings WHERE run_id = ? AND article_id = ? ORDER BY id`
)

// ArticleScore returns one article score of a run, rebuilt as ArticleScores
// rebuilds each (Article without Text, Body or Lines; families, rules and
// findings in the order they were added). It fails with an error matching
// sourcescore.ErrNotFound when the run or the article is not in the
// database.
func (db *DB) ArticleScore(ctx context.Context, runID int64, articleID string) (*sourcescore.ArticleScore, error) {
	s, err := db.articleScore(ctx, runID, articleID)
	if err != nil {
		return nil, fmt.Errorf("read article %s of run %d: %w", articleID, runID, err)
	}
	return s, nil
}

func (db *DB) articleScore(ctx context.Context, runID int64, articleID string) (*sourcescore.ArticleScore, error) {
	// Runs are written whole in one transaction and never changed after,
	// so the four reads need no common snapshot.
	if err := checkRun(ctx, db.db, runID); err != nil {
		return nil, err
	}
	rows, err := db.db.QueryContext(ctx, selectOneArticle, runID, articleID)
	if err != nil {
		return nil, err
	}
	var s *sourcescore.ArticleScore
	if rows.Next() {
		s, err = scanArticle(rows)
	}
	if err == nil {
		err = rows.Err()
	}
	rows.Close()
	if err != nil {
		return nil, err
	}
	if s == nil {
		return nil, sourcescore.ErrNotFound
	}
	if s.Families, err = queryArticleRows(ctx, db.db, selectOneFamilies, runID, articleID, scanFamily); err != nil {
		return nil, err
	}
	if s.Rules, err = queryArticleRows(ctx, db.db, selectOneRules, runID, articleID, scanRule); err != nil {
		return nil, err
	}
	if s.Findings, err = queryArticleRows(ctx, db.db, selectOneFindings, runID, articleID, scanFinding); err != nil {
		return nil, err
	}
	return s, nil
}

// queryArticleRows reads the rows of one article from a child table.
func queryArticleRows[T any](ctx context.Context, q queryer, query string, runID int64, articleID string,
	scan func(*sql.Rows) (string, T, error)) ([]T, error) {
	rows, err := q.QueryContext(ctx, query, runID, articleID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		_, v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
