package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"sourcescore"
)

func TestSchemaVersion(t *testing.T) {
	if SchemaVersion != len(migrations) {
		t.Errorf("SchemaVersion = %d, but there are %d migrations", SchemaVersion, len(migrations))
	}
}

func TestDB_Open(t *testing.T) {
	tests := []struct {
		name string
		path string // relative to a temporary folder
	}{
		{"new file in new folders", "a/b/c/sourcescore.db"},
		{"characters a DSN would misread", "we?ird #dir%41/x.db"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), tt.path)
			db, err := Open(context.Background(), path)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if _, err := os.Stat(path); err != nil {
				t.Errorf("database file: %v", err)
			}
			if got := userVersionOf(t, db); got != SchemaVersion {
				t.Errorf("user_version = %d, want %d", got, SchemaVersion)
			}

			var got []string
			rows, err := db.db.Query(`SELECT name FROM sqlite_schema WHERE type = 'table'
				AND name NOT LIKE 'sqlite_%' ORDER BY name`)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			for rows.Next() {
				var n string
				if err := rows.Scan(&n); err != nil {
					t.Fatal(err)
				}
				got = append(got, n)
			}
			want := []string{"database_id", "outlet_scores", "outlet_story_scores", "results", "run_articles", "run_rule_files", "runs", "skipped_files"}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("tables (-want +got):\n%s", diff)
			}
		})
	}
}

// TestDB_Open_connectionSettings checks that every pooled connection, not
// just the first, gets the DSN settings.
func TestDB_Open_connectionSettings(t *testing.T) {
	db := openTestDB(t)
	ctx := context.Background()
	var conns []interface{ Close() error }
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	for i := 0; i < 3; i++ {
		conn, err := db.db.Conn(ctx) // held open, so each is a different connection
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, conn)
		for _, p := range []struct{ pragma, want string }{
			{"journal_mode", "wal"},
			{"busy_timeout", "5000"},
			{"foreign_keys", "1"},
			{"cache_size", "-8192"},
		} {
			var got string
			if err := conn.QueryRowContext(ctx, "PRAGMA "+p.pragma).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != p.want {
				t.Errorf("connection %d: PRAGMA %s = %s, want %s", i, p.pragma, got, p.want)
			}
		}
	}
}

// TestDB_Open_upgrade builds databases at every older schema version that
// can hold a run, stores a run, and checks Open upgrades them in place.
func TestDB_Open_upgrade(t *testing.T) {
	ctx := context.Background()
	for from := SchemaVersion - 1; from >= 1; from-- {
		t.Run(fmt.Sprintf("from v%d", from), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "old.db")
			old, err := openRaw(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			if err := migrate(ctx, old.db, from); err != nil {
				t.Fatal(err)
			}
			if got := userVersionOf(t, old); got != from {
				t.Fatalf("old database at version %d, want %d", got, from)
			}
			// A run as the first schema stored it.
			res, err := old.db.Exec(`INSERT INTO runs (started, ended, status, input, rule_set_hash, articles, skipped, findings)
				VALUES ('2024-01-02T03:04:05.5Z', '2024-01-02T03:05:00Z', 'succeeded', '/in', 'abc', 7, 1, 30)`)
			if err != nil {
				t.Fatal(err)
			}
			id, _ := res.LastInsertId()
			if err := old.Close(); err != nil {
				t.Fatal(err)
			}

			db, err := Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if got := userVersionOf(t, db); got != SchemaVersion {
				t.Errorf("user_version = %d, want %d", got, SchemaVersion)
			}
			got, err := db.Run(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			want := sourcescore.Run{
				ID: id, Status: sourcescore.RunSucceeded, Input: "/in", RuleSetHash: "abc",
				Articles: 7, Skipped: 1, Findings: 30,
				Started: mustTime(t, "2024-01-02T03:04:05.5Z"), Ended: mustTime(t, "2024-01-02T03:05:00Z"),
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("run after upgrade (-want +got):\n%s", diff)
			}
			// What the later steps added works.
			if files, err := db.RuleFiles(ctx, id); err != nil || len(files) != 0 {
				t.Errorf("RuleFiles after upgrade = %v, %v; want none", files, err)
			}
			tx, err := db.BeginRun(ctx, testRun(t0), nil)
			if err != nil {
				t.Fatal(err)
			}
			defer tx.Rollback()
			if err := tx.AddArticle(ctx, testScore(1, 2, 1)); err != nil {
				t.Fatal(err)
			}
			if err := tx.SetReused(ctx, 1); err != nil {
				t.Fatal(err)
			}
			if err := tx.Commit(ctx, testRun(t0)); err != nil {
				t.Fatal(err)
			}
			if r, err := db.Run(ctx, tx.ID()); err != nil || r.Reused != 1 {
				t.Errorf("run written after upgrade: %+v, %v; want 1 reused", r, err)
			}
		})
	}
}

func TestDB_Open_futureSchema(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "future.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.db.Exec("PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
	db.Close()

	db, err = Open(ctx, path)
	if err == nil {
		db.Close()
		t.Fatal("Open of a database from the future succeeded")
	}
	if !errors.Is(err, sourcescore.ErrConfig) {
		t.Errorf("error %q does not match ErrConfig", err)
	}
	want := "open store " + path + ": configuration error: database schema version 99 is newer than version " + fmt.Sprint(SchemaVersion) + " this program knows; use a newer sourcescore or another database"
	if err.Error() != want {
		t.Errorf("error:\n got %s\nwant %s", err, want)
	}

	raw, err := openRaw(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if got := userVersionOf(t, raw); got != 99 {
		t.Errorf("refused database changed to version %d", got)
	}
}

func TestMigrate_badTarget(t *testing.T) {
	raw, err := openRaw(context.Background(), filepath.Join(t.TempDir(), "x.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if err := migrate(context.Background(), raw.db, SchemaVersion+1); err == nil {
		t.Error("migrate past the last version succeeded")
	}
}

// TestDB_Open_upgradeToCaps stores runs the way schema version 4 did (no
// grade caps) and checks that after the upgrade their articles read back as
// they were, uncapped score equal to the score and no caps, in the Go API
// and in the views, and that a capped article written after it keeps its
// caps.
func TestDB_Open_upgradeToCaps(t *testing.T) {
	ctx := context.Background()
	old, path := atVersion(t, 4)
	res, err := old.db.ExecContext(ctx, `INSERT INTO runs (started, ended, status, input, rule_set_hash, articles, findings)
		VALUES (?, ?, 'succeeded', '/in', 'abc', 2, 0)`, formatTime(t0), formatTime(t0.Add(time.Minute)))
	if err != nil {
		t.Fatal(err)
	}
	runV4, _ := res.LastInsertId()
	v4 := []*sourcescore.ArticleScore{trickyScore(), testScore(2, 21, 10)}
	for _, s := range v4 {
		a, m := s.Article, s.Article.Meta
		fams, _ := appendFamilies(nil, s.Families)
		rules, _ := appendRules(nil, s.Rules)
		finds, _ := appendFindings(nil, s.Findings)
		// The statement of schema version 4.
		res, err := old.db.ExecContext(ctx, `INSERT INTO results (article_id, file, content_hash, outlet, url,
			published, language, story, inferred, words, score, grade, families, rules, findings)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, a.ID, a.File, a.ContentHash, m.Outlet, m.URL,
			formatDate(m.Published), m.Language, m.Story, strings.Join(m.Inferred, ","), a.Words, s.Score, s.Grade,
			string(fams), string(rules), string(finds))
		if err != nil {
			t.Fatal(err)
		}
		result, _ := res.LastInsertId()
		if _, err := old.db.ExecContext(ctx, `INSERT INTO run_articles (run_id, file, article_id, result_id) VALUES (?, ?, ?, ?)`,
			runV4, a.File, a.ID, result); err != nil {
			t.Fatal(err)
		}
	}
	if err := old.Close(); err != nil {
		t.Fatal(err)
	}

	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if got := userVersionOf(t, db); got != SchemaVersion {
		t.Errorf("user_version = %d, want %d", got, SchemaVersion)
	}
	got, err := db.ArticleScores(ctx, runV4)
	if err != nil {
		t.Fatal(err)
	}
	want := []*sourcescore.ArticleScore{v4[1], v4[0]} // by file
	for _, s := range want {
		if s.Uncapped != s.Score || len(s.Caps) != 0 {
			t.Fatalf("fixture %s: uncapped %v caps %v", s.Article.ID, s.Uncapped, s.Caps)
		}
	}
	if diff := cmp.Diff(want, got, scoreOpts); diff != "" {
		t.Errorf("articles stored by version 4, after the upgrade (-want +got):\n%s", diff)
	}
	runV5 := writeRun(t, db, testRun(t0.Add(time.Hour)), nil, []*sourcescore.ArticleScore{cappedScore(3, 2, 1)}, nil, nil)
	type viewRow struct {
		Run             int64
		Article, Cap    string
		Score, Uncapped float64
	}
	rows, err := db.db.QueryContext(ctx, `SELECT run_id, article_id, cap, score, uncapped FROM articles ORDER BY run_id, file`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var view []viewRow
	for rows.Next() {
		var r viewRow
		if err := rows.Scan(&r.Run, &r.Article, &r.Cap, &r.Score, &r.Uncapped); err != nil {
			t.Fatal(err)
		}
		view = append(view, r)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	wantView := []viewRow{
		{runV4, "art-0002", "", 71.25, 71.25},
		{runV4, "art-0007", "", 71.25, 71.25},
		{runV5, "art-0003", "C by translation.likely_mt; D by family dates", 64.9, 86.25 + 1.0/3},
	}
	if diff := cmp.Diff(wantView, view); diff != "" {
		t.Errorf("articles view (-want +got):\n%s", diff)
	}
	if n := count(t, db, "caps"); n != 2 {
		t.Errorf("caps view has %d rows, want the 2 caps of the article written after the upgrade", n)
	}
	if err := db.Check(ctx); err != nil {
		t.Error(err)
	}
}

// TestDB_Open_upgradeKeepsArticles stores runs with articles the way
// schema version 3 did (a row per family score, rule score and finding)
// and checks that the upgrade to the shared results keeps every value and
// every order, and that the views give the old tables' rows.
func TestDB_Open_upgradeKeepsArticles(t *testing.T) {
	ctx := context.Background()
	old, path := atVersion(t, 3)
	runs := [][]*sourcescore.ArticleScore{
		{trickyScore(), testScore(2, 21, 10), testScore(3, 0, 0)},
		{testScore(2, 21, 10)},
	}
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := old.db.ExecContext(ctx, q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	var ids []int64
	for i, scores := range runs {
		res, err := old.db.ExecContext(ctx, `INSERT INTO runs (started, ended, status, input, rule_set_hash, articles, findings)
			VALUES (?, ?, 'succeeded', '/in', 'abc', ?, 0)`, formatTime(t0.Add(time.Duration(i)*time.Hour)),
			formatTime(t0.Add(time.Duration(i)*time.Hour+time.Minute)), len(scores))
		if err != nil {
			t.Fatal(err)
		}
		id, _ := res.LastInsertId()
		ids = append(ids, id)
		for _, s := range scores {
			a, m := s.Article, s.Article.Meta
			exec(`INSERT INTO articles (run_id, article_id, file, content_hash, outlet, url, published, language, story,
				inferred, words, score, grade) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				id, a.ID, a.File, a.ContentHash, m.Outlet, m.URL, formatDate(m.Published), m.Language, m.Story,
				strings.Join(m.Inferred, ","), a.Words, s.Score, s.Grade)
			for _, f := range s.Families {
				exec(`INSERT INTO family_scores (run_id, article_id, family, score, weight, scored, note)
					VALUES (?, ?, ?, ?, ?, ?, ?)`, id, a.ID, string(f.Family), f.Score, f.Weight, f.Scored, f.Note)
			}
			for _, r := range s.Rules {
				exec(`INSERT INTO rule_scores (run_id, article_id, rule_id, family, score, weight, applied, note)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, id, a.ID, r.RuleID, string(r.Family), r.Score, r.Weight, r.Applied, r.Note)
			}
			for _, f := range s.Findings {
				exec(`INSERT INTO findings (run_id, article_id, rule_id, family, severity, message, evidence, line, col,
					byte_offset) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, id, a.ID, f.RuleID, string(f.Family),
					f.Severity.String(), f.Message, f.Evidence, f.Pos.Line, f.Pos.Column, f.Offset)
			}
		}
	}
	// The old tables' findings, in the order their rows were added.
	const oldFindings = `SELECT run_id, article_id, rule_id, family, severity, message, evidence, line, col, byte_offset
		FROM findings ORDER BY run_id, article_id, %s`
	readFindings := func(db *DB, order string) [][]any {
		t.Helper()
		rows, err := db.db.QueryContext(ctx, fmt.Sprintf(oldFindings, order))
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out [][]any
		for rows.Next() {
			v := make([]any, 10)
			p := make([]any, 10)
			for i := range v {
				p[i] = &v[i]
			}
			if err := rows.Scan(p...); err != nil {
				t.Fatal(err)
			}
			out = append(out, v)
		}
		return out
	}
	before := readFindings(old, "id")
	if err := old.Close(); err != nil {
		t.Fatal(err)
	}

	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for i, id := range ids {
		got, err := db.ArticleScores(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		want := append([]*sourcescore.ArticleScore(nil), runs[i]...)
		slices.SortFunc(want, func(a, b *sourcescore.ArticleScore) int { return strings.Compare(a.Article.File, b.Article.File) })
		if diff := cmp.Diff(want, got, scoreOpts); diff != "" {
			t.Errorf("run %d after the upgrade (-want +got):\n%s", id, diff)
		}
	}
	if diff := cmp.Diff(before, readFindings(db, "seq")); diff != "" {
		t.Errorf("findings view (-old table +view):\n%s", diff)
	}
	if len(before) == 0 {
		t.Fatal("no findings written")
	}
	if err := db.Check(ctx); err != nil {
		t.Error(err)
	}
}

// atVersion makes a database file of the given old schema version in a
// temporary folder and returns it opened without upgrading, with its path.
func atVersion(t *testing.T, version int) (*DB, string) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), fmt.Sprintf("v%d.db", version))
	old, err := openRaw(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := migrate(ctx, old.db, version); err != nil {
		t.Fatal(err)
	}
	return old, path
}

// TestDB_Open_upgradeArticleIDs stores articles the way schema version 6
// did, with ids of 16 hex digits (which spreadsheets read as numbers), and
// checks that the upgrade gives each the "art-" prefix in results and
// run_articles alike, leaves ids of another form alone, and that every
// article of the run is still found by its new id.
func TestDB_Open_upgradeArticleIDs(t *testing.T) {
	ctx := context.Background()
	old, path := atVersion(t, 6)
	res, err := old.db.ExecContext(ctx, `INSERT INTO runs (started, ended, status, input, rule_set_hash, articles, findings)
		VALUES (?, ?, 'succeeded', '/in', 'abc', 3, 0)`, formatTime(t0), formatTime(t0.Add(time.Minute)))
	if err != nil {
		t.Fatal(err)
	}
	run, _ := res.LastInsertId()
	for i, id := range []string{"87412e3142195614", "0046048996130dd9", "art-0002"} {
		res, err := old.db.ExecContext(ctx, `INSERT INTO results (article_id, file, score, grade) VALUES (?, ?, 80, 'B')`,
			id, fmt.Sprintf("f%d.txt", i))
		if err != nil {
			t.Fatal(err)
		}
		result, _ := res.LastInsertId()
		if _, err := old.db.ExecContext(ctx, `INSERT INTO run_articles (run_id, file, article_id, result_id) VALUES (?, ?, ?, ?)`,
			run, fmt.Sprintf("f%d.txt", i), id, result); err != nil {
			t.Fatal(err)
		}
	}
	if err := old.Close(); err != nil {
		t.Fatal(err)
	}
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	want := []string{"art-87412e3142195614", "art-0046048996130dd9", "art-0002"}
	for _, table := range []string{"results", "run_articles"} {
		var got []string
		rows, err := db.db.QueryContext(ctx, `SELECT article_id FROM `+table+` ORDER BY file`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				t.Fatal(err)
			}
			got = append(got, id)
		}
		rows.Close()
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s.article_id after the upgrade (-want +got):\n%s", table, diff)
		}
	}
	stored, err := db.StoredArticles(ctx, run)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range want {
		if _, ok := stored[id]; !ok {
			t.Errorf("article %s of run %d not found after the upgrade (have %v)", id, run, stored)
		}
	}
	if err := db.Check(ctx); err != nil {
		t.Error(err)
	}
}

// TestDB_NotScored writes an article without a score beside two scored
// ones and checks that its score is NULL in results (not 0), that SQL's
// avg(score) over the articles view averages the scored ones only, that
// the view's status says why, that an outlet with no scored article has a
// NULL score and is no history point, and that the article reads back as
// written.
func TestDB_NotScored(t *testing.T) {
	ctx := context.Background()
	db := openTestDB(t)
	unscored := testScore(3, 2, 0)
	unscored.Score, unscored.Uncapped, unscored.Grade, unscored.NotScored = 0, 0, "", "language not detected"
	unscored.Article.Meta.Outlet = "Kurzblatt"
	a, b := testScore(1, 2, 1), testScore(2, 2, 1)
	a.Score, a.Uncapped, b.Score, b.Uncapped = 80, 80, 60, 60
	outlets := []sourcescore.OutletScore{{Outlet: "Kurzblatt", NotScored: 1}, {Outlet: "Tagesblatt", Articles: 2, Score: 70, Grade: "C"}}
	run := writeRun(t, db, testRun(t0), nil, []*sourcescore.ArticleScore{a, b, unscored}, nil, outlets)

	var (
		avg    float64
		nulls  int
		status string
	)
	if err := db.db.QueryRowContext(ctx, `SELECT avg(score), count(*) - count(score) FROM articles WHERE run_id = ?`, run).Scan(&avg, &nulls); err != nil {
		t.Fatal(err)
	}
	if avg != 70 || nulls != 1 {
		t.Errorf("avg(score) = %v with %d NULL scores, want 70 and 1", avg, nulls)
	}
	if err := db.db.QueryRowContext(ctx, `SELECT status FROM articles WHERE article_id = ?`, unscored.Article.ID).Scan(&status); err != nil {
		t.Fatal(err)
	}
	if status != "not scored: language not detected" {
		t.Errorf("status = %q", status)
	}
	got, err := db.ArticleScores(ctx, run)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]*sourcescore.ArticleScore{a, b, unscored}, got, scoreOpts); diff != "" {
		t.Errorf("read back (-want +got):\n%s", diff)
	}
	gotOutlets, err := db.OutletScores(ctx, run)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(outlets, gotOutlets); diff != "" {
		t.Errorf("outlet scores read back (-want +got):\n%s", diff)
	}
	if err := db.db.QueryRowContext(ctx, `SELECT count(*) FROM outlet_scores WHERE outlet = 'Kurzblatt' AND score IS NULL`).Scan(&nulls); err != nil || nulls != 1 {
		t.Errorf("outlet without a scored article: %d rows with a NULL score (%v), want 1", nulls, err)
	}
	if h, err := db.OutletHistory(ctx, "Kurzblatt"); err != nil || len(h) != 0 {
		t.Errorf("history of an outlet never scored: %v, %v; want none", h, err)
	}
	if _, err := db.db.ExecContext(ctx, `UPDATE results SET score = 0 WHERE not_scored <> ''`); err == nil {
		t.Error("a score beside a not_scored reason was stored")
	}
}

// TestDB_Open_upgradeNotScored stores, as schema version 7 did, an
// article no rule could score (score 0, no grade) beside a scored one, and
// checks that the upgrade gives it a NULL score and a reason, and keeps the
// other and the outlet scores.
func TestDB_Open_upgradeNotScored(t *testing.T) {
	ctx := context.Background()
	old, path := atVersion(t, 7)
	res, err := old.db.ExecContext(ctx, `INSERT INTO runs (started, ended, status, input, rule_set_hash, articles, findings)
		VALUES (?, ?, 'succeeded', '/in', 'abc', 2, 0)`, formatTime(t0), formatTime(t0.Add(time.Minute)))
	if err != nil {
		t.Fatal(err)
	}
	run, _ := res.LastInsertId()
	for i, row := range []struct {
		lang, grade string
		score       float64
	}{{"", "", 0}, {"de", "B", 81.5}} {
		res, err := old.db.ExecContext(ctx, `INSERT INTO results (article_id, file, language, score, grade, uncapped) VALUES (?, ?, ?, ?, ?, ?)`,
			fmt.Sprintf("art-%d", i), fmt.Sprintf("f%d.txt", i), row.lang, row.score, row.grade, row.score)
		if err != nil {
			t.Fatal(err)
		}
		result, _ := res.LastInsertId()
		if _, err := old.db.ExecContext(ctx, `INSERT INTO run_articles (run_id, file, article_id, result_id) VALUES (?, ?, ?, ?)`,
			run, fmt.Sprintf("f%d.txt", i), fmt.Sprintf("art-%d", i), result); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := old.db.ExecContext(ctx, `INSERT INTO outlet_scores (run_id, outlet, articles, score, grade) VALUES (?, 'X', 1, 81.5, 'B')`, run); err != nil {
		t.Fatal(err)
	}
	if err := old.Close(); err != nil {
		t.Fatal(err)
	}
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var avg float64
	if err := db.db.QueryRowContext(ctx, `SELECT avg(score) FROM articles`).Scan(&avg); err != nil || avg != 81.5 {
		t.Errorf("avg(score) = %v (%v), want 81.5: the unscored article is not averaged", avg, err)
	}
	got, err := db.ArticleScores(ctx, run)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].NotScored != "language not detected" || got[1].NotScored != "" || got[1].Score != 81.5 {
		t.Errorf("after the upgrade: %+v %+v", got[0], got[1])
	}
	o, err := db.OutletScores(ctx, run)
	if err != nil || len(o) != 1 || o[0].Score != 81.5 || o[0].Articles != 1 {
		t.Errorf("outlet scores after the upgrade: %+v, %v", o, err)
	}
	// The run's rows still go with the run.
	if _, err := db.db.ExecContext(ctx, `DELETE FROM runs WHERE id = ?`, run); err != nil {
		t.Fatal(err)
	}
	if n := count(t, db, "results"); n != 0 {
		t.Errorf("%d results left after deleting the run", n)
	}
	if err := db.Check(ctx); err != nil {
		t.Error(err)
	}
}

// TestDB_OutletStoryScores: an outlet's rows by story go to
// outlet_story_scores and read back apart from its row over all stories
// (which history follows), and the articles view spells the unknown outlet
// as the reports do.
func TestDB_OutletStoryScores(t *testing.T) {
	ctx := context.Background()
	db := openTestDB(t)
	a := testScore(1, 1, 0)
	a.Article.Meta.Outlet = ""
	all := []sourcescore.OutletScore{{Outlet: sourcescore.UnknownOutlet, Articles: 2, Score: 70, Grade: "C"}}
	stories := []sourcescore.OutletScore{
		{Outlet: sourcescore.UnknownOutlet, Story: sourcescore.NoStory, Articles: 1, Score: 60, Grade: "D"},
		{Outlet: sourcescore.UnknownOutlet, Story: "story-1", Articles: 1, NotScored: 1, Score: 80, Grade: "B"},
	}
	run := writeRun(t, db, testRun(t0), nil, []*sourcescore.ArticleScore{a}, nil, append(append([]sourcescore.OutletScore{}, all...), stories...))
	gotAll, err := db.OutletScores(ctx, run)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(all, gotAll); diff != "" {
		t.Errorf("outlet scores (-want +got):\n%s", diff)
	}
	gotStories, err := db.OutletStoryScores(ctx, run)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(stories, gotStories); diff != "" {
		t.Errorf("outlet scores by story (-want +got):\n%s", diff)
	}
	var outlet string
	if err := db.db.QueryRowContext(ctx, `SELECT outlet FROM articles WHERE run_id = ?`, run).Scan(&outlet); err != nil {
		t.Fatal(err)
	}
	if outlet != sourcescore.UnknownOutlet {
		t.Errorf("articles view: outlet %q, want %q as the reports write it", outlet, sourcescore.UnknownOutlet)
	}
	if _, err := db.db.ExecContext(ctx, `DELETE FROM runs WHERE id = ?`, run); err != nil {
		t.Fatal(err)
	}
	if n := count(t, db, "outlet_story_scores"); n != 0 {
		t.Errorf("%d outlet_story_scores rows left after deleting their run", n)
	}
}

// TestDB_ID: every database has an id of its own, kept across opens; one
// upgraded from schema version 9 gets one too.
func TestDB_ID(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	ids := map[string]string{}
	for _, name := range []string{"a.db", "b.db"} {
		db, err := Open(ctx, filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		id, err := db.ID(ctx)
		db.Close()
		if err != nil || len(id) != 32 {
			t.Fatalf("%s: id %q, %v", name, id, err)
		}
		ids[name] = id
	}
	if ids["a.db"] == ids["b.db"] {
		t.Errorf("two databases share the id %s", ids["a.db"])
	}
	db, err := OpenReadOnly(ctx, filepath.Join(dir, "a.db"))
	if err != nil {
		t.Fatal(err)
	}
	if id, err := db.ID(ctx); err != nil || id != ids["a.db"] {
		t.Errorf("a.db opened again: id %q (%v), want %q", id, err, ids["a.db"])
	}
	db.Close()

	old, path := atVersion(t, 9)
	old.Close()
	up, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer up.Close()
	if id, err := up.ID(ctx); err != nil || len(id) != 32 {
		t.Errorf("upgraded from version 9: id %q, %v", id, err)
	}
}
