package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"sourcescore"
)

// migrations are the schema steps, in order: migrations[i] brings a database
// from PRAGMA user_version i to i+1. Steps are never edited once shipped;
// changes go into a new step at the end, so an older database upgrades in
// place.
//
// Times are RFC 3339 text in UTC with nine fractional digits (timeLayout); publication dates are
// YYYY-MM-DD text, NULL when unknown. Child rows of an article keep their
// insertion order through their INTEGER PRIMARY KEY.
var migrations = []string{
	// 1: base schema.
	`
CREATE TABLE runs (
	id            INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused, reports cite it
	started       TEXT    NOT NULL,
	ended         TEXT,                              -- NULL while running
	status        TEXT    NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
	input         TEXT    NOT NULL DEFAULT '',
	rule_set_hash TEXT    NOT NULL DEFAULT '',
	articles      INTEGER NOT NULL DEFAULT 0,
	skipped       INTEGER NOT NULL DEFAULT 0,
	findings      INTEGER NOT NULL DEFAULT 0,
	error         TEXT    NOT NULL DEFAULT ''
);

CREATE TABLE articles (
	run_id       INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
	article_id   TEXT    NOT NULL,
	file         TEXT    NOT NULL,
	content_hash TEXT    NOT NULL DEFAULT '',
	outlet       TEXT    NOT NULL DEFAULT '',
	url          TEXT    NOT NULL DEFAULT '',
	published    TEXT,                     -- YYYY-MM-DD, NULL when unknown
	language     TEXT    NOT NULL DEFAULT '',
	story        TEXT    NOT NULL DEFAULT '',
	inferred     TEXT    NOT NULL DEFAULT '', -- comma-separated field names
	words        INTEGER NOT NULL DEFAULT 0,
	score        REAL    NOT NULL,
	grade        TEXT    NOT NULL DEFAULT '',
	PRIMARY KEY (run_id, article_id)
);
CREATE INDEX articles_run_file ON articles (run_id, file, article_id);

CREATE TABLE family_scores (
	id         INTEGER PRIMARY KEY,
	run_id     INTEGER NOT NULL,
	article_id TEXT    NOT NULL,
	family     TEXT    NOT NULL,
	score      REAL    NOT NULL,
	weight     REAL    NOT NULL,
	scored     INTEGER NOT NULL,
	note       TEXT    NOT NULL DEFAULT '',
	FOREIGN KEY (run_id, article_id) REFERENCES articles (run_id, article_id) ON DELETE CASCADE
);
CREATE INDEX family_scores_article ON family_scores (run_id, article_id);

CREATE TABLE rule_scores (
	id         INTEGER PRIMARY KEY,
	run_id     INTEGER NOT NULL,
	article_id TEXT    NOT NULL,
	rule_id    TEXT    NOT NULL,
	family     TEXT    NOT NULL,
	score      REAL    NOT NULL,
	weight     REAL    NOT NULL,
	applied    INTEGER NOT NULL,
	note       TEXT    NOT NULL DEFAULT '',
	FOREIGN KEY (run_id, article_id) REFERENCES articles (run_id, article_id) ON DELETE CASCADE
);
CREATE INDEX rule_scores_article ON rule_scores (run_id, article_id);

CREATE TABLE findings (
	id          INTEGER PRIMARY KEY,
	run_id      INTEGER NOT NULL,
	article_id  TEXT    NOT NULL,
	rule_id     TEXT    NOT NULL,
	family      TEXT    NOT NULL,
	severity    TEXT    NOT NULL CHECK (severity IN ('info', 'warning', 'error')),
	message     TEXT    NOT NULL DEFAULT '',
	evidence    TEXT    NOT NULL DEFAULT '',
	line        INTEGER NOT NULL DEFAULT 0,  -- 0 for findings about absence
	col         INTEGER NOT NULL DEFAULT 0,  -- 0 for findings about absence
	byte_offset INTEGER NOT NULL DEFAULT -1, -- in the normalised text; -1 for findings about absence
	FOREIGN KEY (run_id, article_id) REFERENCES articles (run_id, article_id) ON DELETE CASCADE
);
CREATE INDEX findings_article ON findings (run_id, article_id);

CREATE TABLE outlet_scores (
	run_id   INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
	outlet   TEXT    NOT NULL,
	articles INTEGER NOT NULL,
	score    REAL    NOT NULL,
	grade    TEXT    NOT NULL DEFAULT '',
	PRIMARY KEY (run_id, outlet)
);

CREATE TABLE skipped_files (
	id     INTEGER PRIMARY KEY,
	run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
	file   TEXT    NOT NULL,
	reason TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX skipped_files_run ON skipped_files (run_id);
`,
	// 2: the rule files each run used, and indexes for run listings and
	// for an article's history across runs.
	`
CREATE TABLE run_rule_files (
	run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
	path   TEXT    NOT NULL,
	hash   TEXT    NOT NULL,
	PRIMARY KEY (run_id, path)
);
CREATE INDEX runs_status_started ON runs (status, started);
CREATE INDEX articles_article_run ON articles (article_id, run_id);
`,
	// 3: how many articles of a run reused the stored results of an
	// earlier run instead of being scored again, and an index for an
	// outlet's history across runs.
	`
ALTER TABLE runs ADD COLUMN reused INTEGER NOT NULL DEFAULT 0;
CREATE INDEX outlet_scores_outlet ON outlet_scores (outlet, run_id);
`,
	// 4: an article's results are stored once and shared by the runs that
	// read the article unchanged under the same rule set (incremental runs
	// used to copy every row). results holds one scoring of one article,
	// with its family scores, rule scores and findings as JSON arrays (see
	// detail.go); run_articles says which results each run holds. The old
	// tables become views of the same name and columns (id gives way to
	// seq, the row's place within its article), so that queries written for
	// them keep working. A results row goes when the last run holding it
	// is deleted. The details columns carry no json_valid CHECK: it cost a
	// sixth of a run's SQLite time (0.27 s of 1.6 s for 20,000 articles)
	// to re-parse what the encoder writes, which its tests and fuzz target
	// hold to valid JSON; DB.Check verifies every row.
	`
CREATE TABLE results (
	id           INTEGER PRIMARY KEY,
	article_id   TEXT    NOT NULL,
	file         TEXT    NOT NULL,
	content_hash TEXT    NOT NULL DEFAULT '',
	outlet       TEXT    NOT NULL DEFAULT '',
	url          TEXT    NOT NULL DEFAULT '',
	published    TEXT,                     -- YYYY-MM-DD, NULL when unknown
	language     TEXT    NOT NULL DEFAULT '',
	story        TEXT    NOT NULL DEFAULT '',
	inferred     TEXT    NOT NULL DEFAULT '', -- comma-separated field names
	words        INTEGER NOT NULL DEFAULT 0,
	score        REAL    NOT NULL,
	grade        TEXT    NOT NULL DEFAULT '',
	families     TEXT    NOT NULL DEFAULT '[]',
	rules        TEXT    NOT NULL DEFAULT '[]',
	findings     TEXT    NOT NULL DEFAULT '[]'
);

CREATE TABLE run_articles (
	run_id     INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
	file       TEXT    NOT NULL,
	article_id TEXT    NOT NULL,
	result_id  INTEGER NOT NULL REFERENCES results (id),
	PRIMARY KEY (run_id, file, article_id)
) WITHOUT ROWID;
CREATE UNIQUE INDEX run_articles_article ON run_articles (article_id, run_id);
CREATE INDEX run_articles_result ON run_articles (result_id);

INSERT INTO results (id, article_id, file, content_hash, outlet, url, published, language, story, inferred,
	words, score, grade, families, rules, findings)
SELECT a.rowid, a.article_id, a.file, a.content_hash, a.outlet, a.url, a.published, a.language, a.story,
	a.inferred, a.words, a.score, a.grade,
	(SELECT json_group_array(json_array(c.family, c.score, c.weight, c.scored, c.note) ORDER BY c.id)
		FROM family_scores c WHERE c.run_id = a.run_id AND c.article_id = a.article_id),
	(SELECT json_group_array(json_array(c.rule_id, c.family, c.score, c.weight, c.applied, c.note) ORDER BY c.id)
		FROM rule_scores c WHERE c.run_id = a.run_id AND c.article_id = a.article_id),
	(SELECT json_group_array(json_array(c.rule_id, c.family, c.severity, c.message, c.evidence, c.line, c.col,
		c.byte_offset) ORDER BY c.id)
		FROM findings c WHERE c.run_id = a.run_id AND c.article_id = a.article_id)
FROM articles a;
INSERT INTO run_articles (run_id, file, article_id, result_id)
	SELECT run_id, file, article_id, rowid FROM articles;

DROP TABLE findings;
DROP TABLE rule_scores;
DROP TABLE family_scores;
DROP TABLE articles;

CREATE TRIGGER run_articles_release AFTER DELETE ON run_articles
WHEN NOT EXISTS (SELECT 1 FROM run_articles WHERE result_id = OLD.result_id)
BEGIN
	DELETE FROM results WHERE id = OLD.result_id;
END;

CREATE VIEW articles AS
SELECT ra.run_id, ra.article_id, ra.file, r.content_hash, r.outlet, r.url, r.published, r.language, r.story,
	r.inferred, r.words, r.score, r.grade, ra.result_id
FROM run_articles ra JOIN results r ON r.id = ra.result_id;

CREATE VIEW family_scores AS
SELECT ra.run_id, ra.article_id, j.key + 1 AS seq, j.value ->> 0 AS family, j.value ->> 1 AS score,
	j.value ->> 2 AS weight, j.value ->> 3 AS scored, j.value ->> 4 AS note
FROM run_articles ra JOIN results r ON r.id = ra.result_id JOIN json_each(r.families) j;

CREATE VIEW rule_scores AS
SELECT ra.run_id, ra.article_id, j.key + 1 AS seq, j.value ->> 0 AS rule_id, j.value ->> 1 AS family,
	j.value ->> 2 AS score, j.value ->> 3 AS weight, j.value ->> 4 AS applied, j.value ->> 5 AS note
FROM run_articles ra JOIN results r ON r.id = ra.result_id JOIN json_each(r.rules) j;

CREATE VIEW findings AS
SELECT ra.run_id, ra.article_id, j.key + 1 AS seq, j.value ->> 0 AS rule_id, j.value ->> 1 AS family,
	j.value ->> 2 AS severity, j.value ->> 3 AS message, j.value ->> 4 AS evidence, j.value ->> 5 AS line,
	j.value ->> 6 AS col, j.value ->> 7 AS byte_offset
FROM run_articles ra JOIN results r ON r.id = ra.result_id JOIN json_each(r.findings) j;
`,
	// 5: grade caps. results.uncapped is the article's weighted mean before
	// the caps (NULL in rows stored before caps existed: their score was
	// never capped), results.caps the caps that applied, as a JSON array of
	// [rule_id, family, at_most, grade, score, limit] (see detail.go); rows
	// stored before get none. Both columns are added without rewriting a
	// row. The articles view gains uncapped and cap (the caps as the
	// reports' cap column writes them, '' for none); the caps view gives
	// one row per cap.
	`
ALTER TABLE results ADD COLUMN uncapped REAL;
ALTER TABLE results ADD COLUMN caps TEXT NOT NULL DEFAULT '[]';

DROP VIEW articles;
CREATE VIEW articles AS
SELECT ra.run_id, ra.article_id, ra.file, r.content_hash, r.outlet, r.url, r.published, r.language, r.story,
	r.inferred, r.words, r.score, r.grade, ra.result_id, coalesce(r.uncapped, r.score) AS uncapped,
	coalesce((SELECT group_concat(c, '; ') FROM (
		SELECT j.value ->> 3 || ' by ' || iif(j.value ->> 0 <> '', j.value ->> 0, 'family ' || (j.value ->> 1)) AS c
		FROM json_each(r.caps) j ORDER BY j.key)), '') AS cap
FROM run_articles ra JOIN results r ON r.id = ra.result_id;

CREATE VIEW caps AS
SELECT ra.run_id, ra.article_id, j.key + 1 AS seq, j.value ->> 0 AS rule_id, j.value ->> 1 AS family,
	j.value ->> 2 AS at_most, j.value ->> 3 AS grade, j.value ->> 4 AS score, j.value ->> 5 AS score_limit
FROM run_articles ra JOIN results r ON r.id = ra.result_id JOIN json_each(r.caps) j;
`,
	// 6: the state of a succeeded run's report folder. runs.reports is
	// '' when the folder was written (and for every run stored before),
	// 'pending' from the run's commit until its folder is in place and
	// latest points at it, 'failed' when writing it failed (runs.error
	// then says why). A succeeded run whose reports are not '' gets its
	// folder rebuilt from the database by the next run.
	`
ALTER TABLE runs ADD COLUMN reports TEXT NOT NULL DEFAULT '' CHECK (reports IN ('', 'pending', 'failed'));
`,
	// 7: article ids start with a letter ("art-" and 16 hex digits), so
	// that no spreadsheet reads one as a number (87412e3142195614 became
	// 1.79769313486232E+308, a leading zero was lost). The ids stored in
	// the old form, 16 hex digits, get the prefix, so an article keeps one
	// id across the upgrade and reruns still find their stored results.
	`
UPDATE results SET article_id = 'art-' || article_id
	WHERE length(article_id) = 16 AND article_id NOT GLOB '*[^0-9a-f]*';
UPDATE run_articles SET article_id = 'art-' || article_id
	WHERE length(article_id) = 16 AND article_id NOT GLOB '*[^0-9a-f]*';
`,
	// 8: an article no rule could score has no score: results.score and
	// uncapped are NULL for it (they were 0, which avg(score) counted) and
	// results.not_scored says why ('' for a scored article; a CHECK keeps
	// the two in step). Rows stored before with no grade were such
	// articles: they get NULL and a reason. outlet_scores.score is NULL
	// for an outlet none of whose articles has a score, and not_scored
	// counts its articles without one (articles counts those with one).
	// SQLite cannot drop a NOT NULL, so both tables are rebuilt:
	// run_articles too, which refers to results, so that no foreign key
	// points at a dropped table; the trigger and views are made again, the
	// articles view with a status column ('scored' or 'not scored: ' and
	// the reason).
	`
DROP TRIGGER run_articles_release;
DROP VIEW articles;
DROP VIEW family_scores;
DROP VIEW rule_scores;
DROP VIEW findings;
DROP VIEW caps;

CREATE TABLE results_new (
	id           INTEGER PRIMARY KEY,
	article_id   TEXT    NOT NULL,
	file         TEXT    NOT NULL,
	content_hash TEXT    NOT NULL DEFAULT '',
	outlet       TEXT    NOT NULL DEFAULT '',
	url          TEXT    NOT NULL DEFAULT '',
	published    TEXT,                     -- YYYY-MM-DD, NULL when unknown
	language     TEXT    NOT NULL DEFAULT '',
	story        TEXT    NOT NULL DEFAULT '',
	inferred     TEXT    NOT NULL DEFAULT '', -- comma-separated field names
	words        INTEGER NOT NULL DEFAULT 0,
	score        REAL,                     -- NULL when not scored
	grade        TEXT    NOT NULL DEFAULT '',
	families     TEXT    NOT NULL DEFAULT '[]',
	rules        TEXT    NOT NULL DEFAULT '[]',
	findings     TEXT    NOT NULL DEFAULT '[]',
	uncapped     REAL,
	caps         TEXT    NOT NULL DEFAULT '[]',
	not_scored   TEXT    NOT NULL DEFAULT '', -- why the article has no score; '' when it has one
	CHECK ((score IS NULL) = (not_scored <> ''))
);
INSERT INTO results_new (id, article_id, file, content_hash, outlet, url, published, language, story, inferred,
	words, score, grade, families, rules, findings, uncapped, caps, not_scored)
SELECT id, article_id, file, content_hash, outlet, url, published, language, story, inferred, words,
	iif(grade = '', NULL, score), grade, families, rules, findings, iif(grade = '', NULL, uncapped), caps,
	iif(grade = '', iif(language = '', 'language not detected', 'no rule applies'), '')
FROM results;

CREATE TABLE run_articles_new (
	run_id     INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
	file       TEXT    NOT NULL,
	article_id TEXT    NOT NULL,
	result_id  INTEGER NOT NULL REFERENCES results_new (id),
	PRIMARY KEY (run_id, file, article_id)
) WITHOUT ROWID;
INSERT INTO run_articles_new (run_id, file, article_id, result_id)
	SELECT run_id, file, article_id, result_id FROM run_articles;

DROP TABLE run_articles;
DROP TABLE results;
ALTER TABLE results_new RENAME TO results;
ALTER TABLE run_articles_new RENAME TO run_articles;
CREATE UNIQUE INDEX run_articles_article ON run_articles (article_id, run_id);
CREATE INDEX run_articles_result ON run_articles (result_id);

CREATE TRIGGER run_articles_release AFTER DELETE ON run_articles
WHEN NOT EXISTS (SELECT 1 FROM run_articles WHERE result_id = OLD.result_id)
BEGIN
	DELETE FROM results WHERE id = OLD.result_id;
END;

CREATE TABLE outlet_scores_new (
	run_id     INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
	outlet     TEXT    NOT NULL,
	articles   INTEGER NOT NULL,           -- articles with a score: the ones score averages
	score      REAL,                       -- NULL when no article of the outlet has a score
	grade      TEXT    NOT NULL DEFAULT '',
	not_scored INTEGER NOT NULL DEFAULT 0, -- articles without a score
	PRIMARY KEY (run_id, outlet)
);
INSERT INTO outlet_scores_new (run_id, outlet, articles, score, grade)
	SELECT run_id, outlet, articles, score, grade FROM outlet_scores;
DROP TABLE outlet_scores;
ALTER TABLE outlet_scores_new RENAME TO outlet_scores;
CREATE INDEX outlet_scores_outlet ON outlet_scores (outlet, run_id);

CREATE VIEW articles AS
SELECT ra.run_id, ra.article_id, ra.file, r.content_hash, r.outlet, r.url, r.published, r.language, r.story,
	r.inferred, r.words, r.score, r.grade, ra.result_id, coalesce(r.uncapped, r.score) AS uncapped,
	coalesce((SELECT group_concat(c, '; ') FROM (
		SELECT j.value ->> 3 || ' by ' || iif(j.value ->> 0 <> '', j.value ->> 0, 'family ' || (j.value ->> 1)) AS c
		FROM json_each(r.caps) j ORDER BY j.key)), '') AS cap,
	iif(r.not_scored = '', 'scored', 'not scored: ' || r.not_scored) AS status
FROM run_articles ra JOIN results r ON r.id = ra.result_id;

CREATE VIEW family_scores AS
SELECT ra.run_id, ra.article_id, j.key + 1 AS seq, j.value ->> 0 AS family, j.value ->> 1 AS score,
	j.value ->> 2 AS weight, j.value ->> 3 AS scored, j.value ->> 4 AS note
FROM run_articles ra JOIN results r ON r.id = ra.result_id JOIN json_each(r.families) j;

CREATE VIEW rule_scores AS
SELECT ra.run_id, ra.article_id, j.key + 1 AS seq, j.value ->> 0 AS rule_id, j.value ->> 1 AS family,
	j.value ->> 2 AS score, j.value ->> 3 AS weight, j.value ->> 4 AS applied, j.value ->> 5 AS note
FROM run_articles ra JOIN results r ON r.id = ra.result_id JOIN json_each(r.rules) j;

CREATE VIEW findings AS
SELECT ra.run_id, ra.article_id, j.key + 1 AS seq, j.value ->> 0 AS rule_id, j.value ->> 1 AS family,
	j.value ->> 2 AS severity, j.value ->> 3 AS message, j.value ->> 4 AS evidence, j.value ->> 5 AS line,
	j.value ->> 6 AS col, j.value ->> 7 AS byte_offset
FROM run_articles ra JOIN results r ON r.id = ra.result_id JOIN json_each(r.findings) j;

CREATE VIEW caps AS
SELECT ra.run_id, ra.article_id, j.key + 1 AS seq, j.value ->> 0 AS rule_id, j.value ->> 1 AS family,
	j.value ->> 2 AS at_most, j.value ->> 3 AS grade, j.value ->> 4 AS score, j.value ->> 5 AS score_limit
FROM run_articles ra JOIN results r ON r.id = ra.result_id JOIN json_each(r.caps) j;
`,
	// 9: outlet scores by story. outlet_story_scores holds one row per
	// outlet and story of a run (story '(no story)' for the articles that
	// match none), as outlet_scores holds one per outlet over all its
	// stories (the outlet's score, which history follows). Runs stored
	// before have none. The articles view spells the unknown outlet as
	// the reports and outlet_scores do, '(unknown)', not ''.
	`
CREATE TABLE outlet_story_scores (
	run_id     INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
	outlet     TEXT    NOT NULL,
	story      TEXT    NOT NULL,           -- '(no story)' for articles matching none
	articles   INTEGER NOT NULL,           -- articles with a score: the ones score averages
	score      REAL,                       -- NULL when none of them has a score
	grade      TEXT    NOT NULL DEFAULT '',
	not_scored INTEGER NOT NULL DEFAULT 0, -- articles without a score
	PRIMARY KEY (run_id, outlet, story)
);

DROP VIEW articles;
CREATE VIEW articles AS
SELECT ra.run_id, ra.article_id, ra.file, r.content_hash, iif(r.outlet = '', '(unknown)', r.outlet) AS outlet, r.url,
	r.published, r.language, r.story, r.inferred, r.words, r.score, r.grade, ra.result_id,
	coalesce(r.uncapped, r.score) AS uncapped,
	coalesce((SELECT group_concat(c, '; ') FROM (
		SELECT j.value ->> 3 || ' by ' || iif(j.value ->> 0 <> '', j.value ->> 0, 'family ' || (j.value ->> 1)) AS c
		FROM json_each(r.caps) j ORDER BY j.key)), '') AS cap,
	iif(r.not_scored = '', 'scored', 'not scored: ' || r.not_scored) AS status
FROM run_articles ra JOIN results r ON r.id = ra.result_id;
`,
	// 10: the database's id, random, made once: a report folder records
	// the id of the database whose runs it holds, so that another
	// database's run 1 is never written over this one's run-1 (see
	// DB.ID and reports.Claim).
	`
CREATE TABLE database_id (
	one INTEGER PRIMARY KEY CHECK (one = 1), -- a single row
	id  TEXT    NOT NULL
);
INSERT INTO database_id (one, id) VALUES (1, lower(hex(randomblob(16))));
`,
	// 11: what each article says about its story's facts, claims, denial
	// and primary source (sourcescore.StoryNotes as JSON), for the story
	// comparison; '' for an article that matches no story and for results
	// stored before.
	`
ALTER TABLE results ADD COLUMN story_notes TEXT NOT NULL DEFAULT '';
`,
	// 12: the state of each article's file when the run read it (its
	// identity, size and times: sourcescore.Article.FileState), so that
	// the next run can tell a file nobody has touched without reading it;
	// '' when it was not taken (a .jsonl line, a file changed moments
	// before it was read, rows stored before).
	`
ALTER TABLE run_articles ADD COLUMN file_state TEXT NOT NULL DEFAULT '';
`,
	// 13: the program that scored the run (its version and a hash of its
	// executable), so that the next run reuses no result a program other
	// than itself stored; '' for runs stored before, and for a caller that
	// does not say.
	`
ALTER TABLE runs ADD COLUMN program TEXT NOT NULL DEFAULT '';
`,
}

// SchemaVersion is the schema version (PRAGMA user_version) this program
// migrates databases to.
const SchemaVersion = 13

// migrate brings the database to schema version target, one step per
// transaction. The version is read inside each step's (immediate)
// transaction, so two processes opening the same file at once do not apply a
// step twice.
func migrate(ctx context.Context, db *sql.DB, target int) error {
	if target < 0 || target > len(migrations) {
		return fmt.Errorf("migrate to version %d: only versions 0 to %d exist", target, len(migrations))
	}
	for {
		done, err := migrateStep(ctx, db, target)
		if err != nil {
			return err
		}
		if done {
			return nil
		}
	}
}

// migrateStep applies the step after the database's current version, unless
// that version is already target. It reports whether target was reached.
func migrateStep(ctx context.Context, db *sql.DB, target int) (done bool, err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("migrate: begin: %w", err)
	}
	defer func() {
		if rerr := tx.Rollback(); rerr != nil && !errors.Is(rerr, sql.ErrTxDone) && err == nil {
			err = fmt.Errorf("migrate: rollback: %w", rerr)
		}
	}()

	v, err := userVersion(ctx, tx)
	if err != nil {
		return false, err
	}
	if v > len(migrations) {
		return false, fmt.Errorf("%w: database schema version %d is newer than version %d this program knows; use a newer sourcescore or another database",
			sourcescore.ErrConfig, v, len(migrations))
	}
	if v >= target {
		return true, nil
	}
	if _, err := tx.ExecContext(ctx, migrations[v]); err != nil {
		return false, fmt.Errorf("migrate to version %d: %w", v+1, err)
	}
	// PRAGMA takes no parameters; v+1 is an int we computed.
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", v+1)); err != nil {
		return false, fmt.Errorf("migrate to version %d: set user_version: %w", v+1, err)
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("migrate to version %d: commit: %w", v+1, err)
	}
	return v+1 >= target, nil
}

// queryer is what *sql.DB, *sql.Conn and *sql.Tx have in common.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// userVersion reads PRAGMA user_version.
func userVersion(ctx context.Context, q queryer) (int, error) {
	var v int
	if err := q.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	return v, nil
}
