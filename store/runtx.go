package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"sourcescore"
)

// RuleFile is one rule file a run used, with the hash of its contents.
type RuleFile struct {
	Path string // the rule file's path as the run named it
	Hash string // hex hash of its contents
}

// RunTx is one run being written: a single SQLite transaction that holds the
// run row and everything added to it. Nothing of it is visible to other
// connections, or survives a crash, until Commit. A RunTx is used by one
// goroutine. After any error it is aborted: the transaction is rolled back
// at once and every later call fails.
type RunTx struct {
	tx  *sql.Tx
	id  int64
	err error // the error that aborted the transaction
	end bool  // committed or rolled back

	// Statements prepared once on tx.
	result, link, skipped, outlet, outletStory *sql.Stmt

	// Rows written, stored in the run row by Commit.
	articles, skippedN, findings int

	buf []byte // reused for the JSON of an article's details
}

// The statements a RunTx prepares.
const (
	insertRun = `INSERT INTO runs (started, status, input, rule_set_hash, program) VALUES (?, 'running', ?, ?, ?)`

	insertRuleFile = `INSERT INTO run_rule_files (run_id, path, hash) VALUES (?, ?, ?)`

	insertResult = `INSERT INTO results (article_id, file, content_hash, outlet, url,
		published, language, story, inferred, words, score, grade, families, rules, findings, uncapped, caps, not_scored,
		story_notes)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

	insertLink = `INSERT INTO run_articles (run_id, file, article_id, result_id, file_state) VALUES (?, ?, ?, ?, ?)`

	insertSkipped = `INSERT INTO skipped_files (run_id, file, reason) VALUES (?, ?, ?)`

	insertOutlet = `INSERT INTO outlet_scores (run_id, outlet, articles, not_scored, score, grade) VALUES (?, ?, ?, ?, ?, ?)`

	insertOutletStory = `INSERT INTO outlet_story_scores (run_id, outlet, story, articles, not_scored, score, grade)
		VALUES (?, ?, ?, ?, ?, ?, ?)`

	finishRun = `UPDATE runs SET ended = ?, status = 'succeeded', articles = ?, skipped = ?, findings = ?, error = '',
		reports = 'pending'
		WHERE id = ? AND status = 'running'`
)

// BeginRun starts writing a run: it opens the run's transaction, inserts the
// run row with status running (r.Started, r.Input, r.RuleSetHash, r.Program; a zero
// Started means now) and the rule files, and prepares the statements the
// other methods use. ctx governs the whole transaction: when it is
// cancelled, the run is rolled back. Always defer Rollback.
func (db *DB) BeginRun(ctx context.Context, r sourcescore.Run, files []RuleFile) (*RunTx, error) {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("begin run: %w", err)
	}
	t := &RunTx{tx: tx}
	if err := t.begin(ctx, r, files); err != nil {
		t.abort(ctx, err)
		return nil, fmt.Errorf("begin run: %w", err)
	}
	return t, nil
}

// begin fills a fresh RunTx: run row, rule files, statements.
func (t *RunTx) begin(ctx context.Context, r sourcescore.Run, files []RuleFile) error {
	started := r.Started
	if started.IsZero() {
		started = time.Now()
	}
	res, err := t.tx.ExecContext(ctx, insertRun, formatTime(started), r.Input, r.RuleSetHash, r.Program)
	if err != nil {
		return fmt.Errorf("insert run: %w", err)
	}
	if t.id, err = res.LastInsertId(); err != nil {
		return fmt.Errorf("insert run: %w", err)
	}

	for _, f := range files {
		if _, err := t.tx.ExecContext(ctx, insertRuleFile, t.id, f.Path, f.Hash); err != nil {
			return fmt.Errorf("insert rule file %s: %w", f.Path, err)
		}
	}

	for _, p := range []struct {
		stmt  **sql.Stmt
		query string
	}{
		{&t.result, insertResult},
		{&t.link, insertLink},
		{&t.skipped, insertSkipped},
		{&t.outlet, insertOutlet},
		{&t.outletStory, insertOutletStory},
	} {
		if *p.stmt, err = t.tx.PrepareContext(ctx, p.query); err != nil {
			return fmt.Errorf("prepare: %w", err)
		}
	}
	return nil
}

// ID returns the run's database id. It is final: Commit keeps it.
func (t *RunTx) ID() int64 { return t.id }

// usable reports why the RunTx cannot take more writes, or nil.
func (t *RunTx) usable() error {
	if t.err != nil {
		return fmt.Errorf("run %d aborted by an earlier error: %w", t.id, t.err)
	}
	if t.end {
		return fmt.Errorf("run %d: %w", t.id, sql.ErrTxDone)
	}
	return nil
}

// abort records err, rolls the transaction back and releases the write
// lock. It returns err. When ctx is done, the error says so: database/sql
// closes a cancelled transaction's statements from its own goroutine, so
// the driver's error alone may be "statement is closed" or "transaction
// has already been committed or rolled back" rather than the cause.
func (t *RunTx) abort(ctx context.Context, err error) error {
	if cerr := ctx.Err(); cerr != nil && !errors.Is(err, cerr) {
		err = fmt.Errorf("%w: %w", err, cerr)
	}
	if t.err == nil {
		t.err = err
	}
	t.close()
	return err
}

// close ends the transaction if it is still open, closing the statements.
func (t *RunTx) close() error {
	if t.end {
		return nil
	}
	t.end = true
	for _, s := range []*sql.Stmt{t.result, t.link, t.skipped, t.outlet, t.outletStory} {
		if s != nil {
			s.Close()
		}
	}
	if err := t.tx.Rollback(); err != nil && !errors.Is(err, sql.ErrTxDone) {
		return err
	}
	return nil
}

// AddArticle writes one article, scored or not (a NULL score and the
// reason when s.NotScored): its results (the article's row
// with its score before grade caps, its family scores, rule scores,
// findings and caps, in their slice order, which the queries return them
// in) and the run's link to them. s.Article.ID must
// be set and unique within the run.
func (t *RunTx) AddArticle(ctx context.Context, s *sourcescore.ArticleScore) error {
	if err := t.usable(); err != nil {
		return fmt.Errorf("add article: %w", err)
	}
	if err := t.addArticle(ctx, s); err != nil {
		return t.abort(ctx, fmt.Errorf("add article: %w", err))
	}
	t.articles++
	t.findings += len(s.Findings)
	return nil
}

func (t *RunTx) addArticle(ctx context.Context, s *sourcescore.ArticleScore) error {
	if s == nil || s.Article == nil {
		return errors.New("nil article score")
	}
	a := s.Article
	if a.ID == "" {
		return fmt.Errorf("%s: empty article id", a.File)
	}
	for _, f := range append(a.Meta.Inferred[:len(a.Meta.Inferred):len(a.Meta.Inferred)], a.Meta.FromPage...) {
		if strings.Contains(f, ",") || strings.HasPrefix(f, pagePrefix) {
			return fmt.Errorf("%s: inferred field name %q contains a comma or starts with %q", a.File, f, pagePrefix)
		}
	}
	// The four arrays are built in one buffer, reused for every article.
	b, err := appendFamilies(t.buf[:0], s.Families)
	if err != nil {
		return fmt.Errorf("%s: %w", a.File, err)
	}
	nf := len(b)
	if b, err = appendRules(b, s.Rules); err != nil {
		return fmt.Errorf("%s: %w", a.File, err)
	}
	nr := len(b)
	if b, err = appendFindings(b, s.Findings); err != nil {
		return fmt.Errorf("%s: %w", a.File, err)
	}
	nfi := len(b)
	if b, err = appendCaps(b, s.Caps); err != nil {
		return fmt.Errorf("%s: %w", a.File, err)
	}
	t.buf = b
	notes, err := encodeNotes(s.Notes)
	if err != nil {
		return fmt.Errorf("%s: %w", a.File, err)
	}
	m := a.Meta
	score, uncapped := sql.NullFloat64{Float64: s.Score, Valid: s.Scored()}, sql.NullFloat64{Float64: s.Uncapped, Valid: s.Scored()}
	res, err := t.result.ExecContext(ctx, a.ID, a.File, a.ContentHash, m.Outlet, m.URL,
		formatDate(m.Published), m.Language, m.Story, originColumn(m), a.Words,
		score, s.Grade, string(b[:nf]), string(b[nf:nr]), string(b[nr:nfi]), uncapped, string(b[nfi:]), s.NotScored, notes)
	if err != nil {
		return fmt.Errorf("%s: %w", a.File, err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return fmt.Errorf("%s: %w", a.File, err)
	}
	if _, err := t.link.ExecContext(ctx, t.id, a.File, a.ID, id, a.FileState); err != nil {
		return fmt.Errorf("%s: %w", a.File, err)
	}
	return nil
}

// AddStored adds to the run an article whose results are stored already,
// as the results row result of an earlier run (StoredArticle.Result): the
// run shares that row instead of writing the same rows again. s is the
// article's score as stored (its findings are counted for the run row),
// with the state of its file as this run found it (Article.FileState).
func (t *RunTx) AddStored(ctx context.Context, result int64, s *sourcescore.ArticleScore) error {
	if err := t.usable(); err != nil {
		return fmt.Errorf("add stored article: %w", err)
	}
	if s == nil || s.Article == nil {
		return t.abort(ctx, errors.New("add stored article: nil article score"))
	}
	if _, err := t.link.ExecContext(ctx, t.id, s.Article.File, s.Article.ID, result, s.Article.FileState); err != nil {
		return t.abort(ctx, fmt.Errorf("add stored article %s: %w", s.Article.File, err))
	}
	t.articles++
	t.findings += len(s.Findings)
	return nil
}

// AddSkipped records an input file the run could not score.
func (t *RunTx) AddSkipped(ctx context.Context, s sourcescore.Skipped) error {
	if err := t.usable(); err != nil {
		return fmt.Errorf("add skipped: %w", err)
	}
	if _, err := t.skipped.ExecContext(ctx, t.id, s.File, s.Reason); err != nil {
		return t.abort(ctx, fmt.Errorf("add skipped %s: %w", s.File, err))
	}
	t.skippedN++
	return nil
}

// AddOutlets records the run's outlet scores: those over all of an
// outlet's stories (Story "") in outlet_scores, those of one story in
// outlet_story_scores. Each outlet, and each outlet and story, may be
// added once.
func (t *RunTx) AddOutlets(ctx context.Context, o []sourcescore.OutletScore) error {
	if err := t.usable(); err != nil {
		return fmt.Errorf("add outlets: %w", err)
	}
	for _, s := range o {
		score := sql.NullFloat64{Float64: s.Score, Valid: s.Scored()}
		var err error
		if s.Story == "" {
			_, err = t.outlet.ExecContext(ctx, t.id, s.Outlet, s.Articles, s.NotScored, score, s.Grade)
		} else {
			_, err = t.outletStory.ExecContext(ctx, t.id, s.Outlet, s.Story, s.Articles, s.NotScored, score, s.Grade)
		}
		if err != nil {
			return t.abort(ctx, fmt.Errorf("add outlet %s: %w", s.Outlet, err))
		}
	}
	return nil
}

// Commit marks the run succeeded, with r.Ended (zero means now) and the
// numbers of articles, skipped files and findings this RunTx wrote (the
// count fields of r are not used, so the row always agrees with the rows
// stored), and commits the transaction. The run's reports are pending
// until DB.ReportsWritten (or DB.ReportsFailed) says otherwise.
func (t *RunTx) Commit(ctx context.Context, r sourcescore.Run) error {
	if err := t.usable(); err != nil {
		return fmt.Errorf("commit run: %w", err)
	}
	ended := r.Ended
	if ended.IsZero() {
		ended = time.Now()
	}
	res, err := t.tx.ExecContext(ctx, finishRun, formatTime(ended), t.articles, t.skippedN, t.findings, t.id)
	if err != nil {
		return t.abort(ctx, fmt.Errorf("commit run %d: %w", t.id, err))
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return t.abort(ctx, fmt.Errorf("commit run %d: run row not found (%d rows, %v)", t.id, n, err))
	}
	for _, s := range []*sql.Stmt{t.result, t.link, t.skipped, t.outlet, t.outletStory} {
		s.Close()
	}
	t.end = true
	if err := t.tx.Commit(); err != nil {
		t.err = err
		return fmt.Errorf("commit run %d: %w", t.id, err)
	}
	return nil
}

// Rollback abandons the run and everything added to it. It is a no-op after
// Commit or an earlier Rollback, so it can always be deferred.
func (t *RunTx) Rollback() error {
	if err := t.close(); err != nil {
		return fmt.Errorf("roll back run %d: %w", t.id, err)
	}
	return nil
}

// RecordFailedRun stores a run that failed, in its own small transaction: a
// run row with status failed, r.Started, r.Ended (zero means now), r.Input,
// r.RuleSetHash, r.Error and the counts of r as the job reached them. No
// articles or other rows are stored with it. It returns the run's id.
func (db *DB) RecordFailedRun(ctx context.Context, r sourcescore.Run) (int64, error) {
	now := time.Now()
	if r.Started.IsZero() {
		r.Started = now
	}
	if r.Ended.IsZero() {
		r.Ended = now
	}
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("record failed run: %w", err)
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `INSERT INTO runs (started, ended, status, input, rule_set_hash, program,
		articles, skipped, findings, error) VALUES (?, ?, 'failed', ?, ?, ?, ?, ?, ?, ?)`,
		formatTime(r.Started), formatTime(r.Ended), r.Input, r.RuleSetHash, r.Program,
		r.Articles, r.Skipped, r.Findings, r.Error)
	if err != nil {
		return 0, fmt.Errorf("record failed run: %w", err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, fmt.Errorf("record failed run: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("record failed run: %w", err)
	}
	return id, nil
}
