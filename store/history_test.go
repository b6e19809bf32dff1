package store

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"sourcescore"
)

func TestRunTx_SetReused(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name     string
		articles int
		reused   int
		wantErr  bool
	}{
		{"some", 3, 2, false},
		{"all", 3, 3, false},
		{"none", 0, 0, false},
		{"more than the articles", 2, 3, true},
		{"negative", 2, -1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := openTestDB(t)
			tx, err := db.BeginRun(ctx, testRun(t0), nil)
			if err != nil {
				t.Fatal(err)
			}
			defer tx.Rollback()
			for i := 0; i < tt.articles; i++ {
				if err := tx.AddArticle(ctx, testScore(i, 2, 1)); err != nil {
					t.Fatal(err)
				}
			}
			err = tx.SetReused(ctx, tt.reused)
			if tt.wantErr {
				if err == nil {
					t.Fatal("SetReused succeeded, want an error")
				}
				if err := tx.Commit(ctx, testRun(t0)); err == nil {
					t.Error("Commit after a failed SetReused succeeded")
				}
				if got := count(t, db, "runs"); got != 0 {
					t.Errorf("%d runs stored after a failed SetReused, want 0", got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if err := tx.Commit(ctx, testRun(t0)); err != nil {
				t.Fatal(err)
			}
			got, err := db.Run(ctx, tx.ID())
			if err != nil {
				t.Fatal(err)
			}
			if got.Reused != tt.reused || got.Articles != tt.articles {
				t.Errorf("run has %d articles, %d reused; want %d, %d", got.Articles, got.Reused, tt.articles, tt.reused)
			}
		})
	}
}

func TestDB_LatestRunOfInput(t *testing.T) {
	ctx := context.Background()
	db := openTestDB(t)
	in := func(input string, started time.Time) sourcescore.Run {
		r := testRun(started)
		r.Input = input
		return r
	}
	a1 := writeRun(t, db, in("/a", t0), nil, nil, nil, nil)
	b1 := writeRun(t, db, in("/b", t0.Add(time.Hour)), nil, nil, nil, nil)
	failed := in("/a", t0.Add(2*time.Hour))
	failed.Error = "boom"
	if _, err := db.RecordFailedRun(ctx, failed); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		input   string
		wantID  int64
		wantErr error
	}{
		{"/a", a1, nil}, // the failed run after it does not count
		{"/b", b1, nil},
		{"/c", 0, sourcescore.ErrNotFound},
	}
	for _, tt := range tests {
		got, err := db.LatestRunOfInput(ctx, tt.input)
		if !errors.Is(err, tt.wantErr) {
			t.Errorf("LatestRunOfInput(%s): error %v, want %v", tt.input, err, tt.wantErr)
			continue
		}
		if err == nil && got.ID != tt.wantID {
			t.Errorf("LatestRunOfInput(%s) = run %d, want %d", tt.input, got.ID, tt.wantID)
		}
	}
}

func TestDB_StoredArticles(t *testing.T) {
	ctx := context.Background()
	db := openTestDB(t)
	a, b := testScore(1, 3, 2), cappedScore(2, 2, 0)
	a.Article.FileState = "2049:1234:5678:1700000000000000000:1700000000000000001"
	id := writeRun(t, db, testRun(t0), nil, []*sourcescore.ArticleScore{a, b}, nil, nil)
	got, err := db.StoredArticles(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	heads := map[string]*sourcescore.ArticleScore{}
	for _, s := range []*sourcescore.ArticleScore{a, b} {
		art := *s.Article
		art.FileState = "" // the run's, read by Stored only
		heads[s.Article.ID] = &sourcescore.ArticleScore{Article: &art, Score: s.Score, Grade: s.Grade, Uncapped: s.Uncapped}
	}
	gotHeads := map[string]*sourcescore.ArticleScore{}
	for id, s := range got {
		gotHeads[id] = s.Score
	}
	if diff := cmp.Diff(heads, gotHeads, scoreOpts); diff != "" {
		t.Errorf("StoredArticles (-want +got):\n%s", diff)
	}
	// Stored reads one with the rest and its file's state, as written;
	// Full decodes it.
	for _, want := range []*sourcescore.ArticleScore{a, b} {
		st, err := db.Stored(ctx, id, want.Article.ID)
		if err != nil {
			t.Fatal(err)
		}
		if st.Result != got[want.Article.ID].Result {
			t.Errorf("Stored %s: results row %d, StoredArticles says %d", want.Article.ID, st.Result, got[want.Article.ID].Result)
		}
		full, err := st.Full()
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, full, scoreOpts); diff != "" {
			t.Errorf("Stored %s (-want +got):\n%s", want.Article.ID, diff)
		}
	}
	if _, err := db.Stored(ctx, id, "no-such-article"); !errors.Is(err, sourcescore.ErrNotFound) {
		t.Errorf("Stored of a missing article: %v, want ErrNotFound", err)
	}
	if _, err := got[a.Article.ID].Full(); err == nil {
		t.Error("Full of an article from StoredArticles: no error, want 'details not read'")
	}
	if _, err := db.StoredArticles(ctx, 999); !errors.Is(err, sourcescore.ErrNotFound) {
		t.Errorf("StoredArticles of a missing run: %v, want ErrNotFound", err)
	}
}

// outletRuns stores three successful runs and a failed one, an hour apart,
// with these outlet scores, and returns the runs in order.
//
//	run 1: Anzeiger 50, Bote 60
//	run 2: failed
//	run 3: Bote 70
//	run 4: Anzeiger 55, Bote 72.5, Chronik 80, with another rule set (c0ffee)
func outletRunsFixture(tb testing.TB, db *DB) []sourcescore.Run {
	tb.Helper()
	var runs []sourcescore.Run
	add := func(i int, outlets ...sourcescore.OutletScore) {
		r := testRun(t0.Add(time.Duration(i) * time.Hour))
		if i == 3 {
			r.RuleSetHash = "c0ffee"
		}
		r.ID = writeRun(tb, db, r, nil, nil, nil, outlets)
		runs = append(runs, r)
	}
	o := func(name string, articles int, score float64) sourcescore.OutletScore {
		return sourcescore.OutletScore{Outlet: name, Articles: articles, Score: score, Grade: "C"}
	}
	add(0, o("Anzeiger", 2, 50), o("Bote", 1, 60))
	failed := testRun(t0.Add(time.Hour))
	failed.Error = "boom"
	id, err := db.RecordFailedRun(context.Background(), failed)
	if err != nil {
		tb.Fatal(err)
	}
	failed.ID = id
	runs = append(runs, failed)
	add(2, o("Bote", 3, 70))
	add(3, o("Anzeiger", 1, 55), o("Bote", 2, 72.5), o("Chronik", 4, 80))
	return runs
}

func TestDB_PreviousOutletScores(t *testing.T) {
	ctx := context.Background()
	db := openTestDB(t)
	runs := outletRunsFixture(t, db)
	next := testRun(runs[3].Started) // a run being written (not stored) that started with run 4
	next.ID = runs[3].ID + 1
	tests := []struct {
		name   string
		before sourcescore.Run
		want   map[string]float64
	}{
		{"first run", runs[0], map[string]float64{}},
		{"after a failed run", runs[2], map[string]float64{"Anzeiger": 50, "Bote": 60}},
		{"an outlet's last run is older", runs[3], map[string]float64{"Anzeiger": 50, "Bote": 70}},
		{"a new run", next, map[string]float64{"Anzeiger": 55, "Bote": 72.5, "Chronik": 80}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := db.PreviousOutletScores(ctx, tt.before)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}

	// Runs started in the same instant are ordered by id.
	same := testRun(t0.Add(3 * time.Hour))
	same.ID = runs[3].ID - 1 // run 3, as if it had started with run 4
	got, err := db.PreviousOutletScores(ctx, same)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]float64{"Anzeiger": 50, "Bote": 70}, got); diff != "" {
		t.Errorf("same start, lower id (-want +got):\n%s", diff)
	}

	// The whole previous run: its id and rule set.
	prev, err := db.PreviousOutletRuns(ctx, next)
	if err != nil {
		t.Fatal(err)
	}
	if b := prev["Bote"]; b.RunID != runs[3].ID || b.RuleSetHash != "c0ffee" || !b.RuleSetChanged || b.Score != 72.5 {
		t.Errorf("previous run of Bote: %+v", b)
	}
}

func TestDB_OutletTrend(t *testing.T) {
	ctx := context.Background()
	db := openTestDB(t)
	runs := outletRunsFixture(t, db)
	next := testRun(t0.Add(4 * time.Hour))
	next.ID = runs[3].ID + 1
	// Run 4 changed the rule set for the outlets scored before it
	// (Anzeiger, Bote), not for Chronik, which it scored first.
	at := func(r sourcescore.Run, outlet string, articles int, score float64) OutletRun {
		first := r.ID == runs[0].ID || outlet == "Chronik"
		return OutletRun{RunID: r.ID, Started: r.Started, RuleSetHash: r.RuleSetHash, HasPrevious: !first,
			RuleSetChanged: r.ID == runs[3].ID && !first,
			OutletScore:    sourcescore.OutletScore{Outlet: outlet, Articles: articles, Score: score, Grade: "C"}}
	}
	tests := []struct {
		name   string
		before sourcescore.Run
		n      int
		want   []OutletRun
	}{
		{"all", next, 10, []OutletRun{
			at(runs[0], "Anzeiger", 2, 50), at(runs[3], "Anzeiger", 1, 55),
			at(runs[0], "Bote", 1, 60), at(runs[2], "Bote", 3, 70), at(runs[3], "Bote", 2, 72.5),
			at(runs[3], "Chronik", 4, 80),
		}},
		{"last two successful runs", next, 2, []OutletRun{
			at(runs[3], "Anzeiger", 1, 55),
			at(runs[2], "Bote", 3, 70), at(runs[3], "Bote", 2, 72.5),
			at(runs[3], "Chronik", 4, 80),
		}},
		{"before run 3", runs[2], 10, []OutletRun{at(runs[0], "Anzeiger", 2, 50), at(runs[0], "Bote", 1, 60)}},
		{"none asked", next, 0, nil},
		{"none before", runs[0], 10, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := db.OutletTrend(ctx, tt.before, tt.n)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestDB_OutletHistory(t *testing.T) {
	ctx := context.Background()
	db := openTestDB(t)
	runs := outletRunsFixture(t, db)
	got, err := db.OutletHistory(ctx, "Bote")
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	var scores []float64
	for _, o := range got {
		ids = append(ids, o.RunID)
		scores = append(scores, o.Score)
	}
	if diff := cmp.Diff([]int64{runs[0].ID, runs[2].ID, runs[3].ID}, ids); diff != "" {
		t.Errorf("runs of Bote (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]float64{60, 70, 72.5}, scores); diff != "" {
		t.Errorf("scores of Bote (-want +got):\n%s", diff)
	}
	var changed []bool
	var sets []string
	for _, o := range got {
		changed, sets = append(changed, o.RuleSetChanged), append(sets, o.RuleSetHash)
	}
	if diff := cmp.Diff([]bool{false, false, true}, changed); diff != "" {
		t.Errorf("rule set changed, Bote (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"feedface", "feedface", "c0ffee"}, sets); diff != "" {
		t.Errorf("rule sets of Bote (-want +got):\n%s", diff)
	}
	if got, err := db.OutletHistory(ctx, "Nirgendwo"); err != nil || len(got) != 0 {
		t.Errorf("history of an outlet never scored = %v, %v; want none", got, err)
	}
	names, err := db.OutletNames(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"Anzeiger", "Bote", "Chronik"}, names); diff != "" {
		t.Errorf("OutletNames (-want +got):\n%s", diff)
	}
}
