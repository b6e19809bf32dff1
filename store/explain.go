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
		FROM run_articles WHERE run_id = ? ORDER BY file, article_id`, func(rows *sql.Rows) error {
		var a ArticleRef
		if err := rows.Scan(&a.ID, &a.File); err != nil {
			return err
		}
		out = append(out, a)
		return nil
	})
	return out, err
}

// selectOneArticle reads one article of a run with its details.
const selectOneArticle = `SELECT ` + articleColumns + detailColumns + runArticles + ` AND ra.article_id = ?`

// ArticleScore returns one article score of a run, rebuilt as ArticleScores
// rebuilds each (Article without Text, Body or Lines; families, rules,
// findings and caps in the order they were added). It fails with an error matching
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
	if err := checkRun(ctx, db.db, runID); err != nil {
		return nil, err
	}
	rows, err := db.db.QueryContext(ctx, selectOneArticle, runID, articleID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return nil, err
		}
		return nil, sourcescore.ErrNotFound
	}
	s, _, err := scanArticle(rows, true)
	if err != nil {
		return nil, err
	}
	return s, rows.Err()
}
