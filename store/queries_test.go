package store

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"sourcescore"
)

// threeRuns stores a succeeded, a failed and a succeeded run, started an
// hour apart, and returns their ids in that order.
func threeRuns(tb testing.TB, db *DB) [3]int64 {
	tb.Helper()
	var ids [3]int64
	ids[0] = writeRun(tb, db, testRun(t0), nil, nil, nil, nil)
	failed := testRun(t0.Add(time.Hour))
	failed.Error = "boom"
	var err error
	if ids[1], err = db.RecordFailedRun(context.Background(), failed); err != nil {
		tb.Fatal(err)
	}
	ids[2] = writeRun(tb, db, testRun(t0.Add(2*time.Hour)), nil, nil, nil, nil)
	return ids
}

func TestDB_Run(t *testing.T) {
	db := openTestDB(t)
	ids := threeRuns(t, db)
	tests := []struct {
		id         int64
		wantStatus sourcescore.RunStatus
		wantErr    error
	}{
		{ids[0], sourcescore.RunSucceeded, nil},
		{ids[1], sourcescore.RunFailed, nil},
		{999, "", sourcescore.ErrNotFound},
	}
	for _, tt := range tests {
		got, err := db.Run(context.Background(), tt.id)
		if !errors.Is(err, tt.wantErr) {
			t.Errorf("Run(%d): error %v, want %v", tt.id, err, tt.wantErr)
			continue
		}
		if err == nil && (got.ID != tt.id || got.Status != tt.wantStatus) {
			t.Errorf("Run(%d) = %+v, want id %d, status %s", tt.id, got, tt.id, tt.wantStatus)
		}
	}
}

func TestDB_LatestRun(t *testing.T) {
	db := openTestDB(t)
	ids := threeRuns(t, db)
	tests := []struct {
		status  sourcescore.RunStatus
		wantID  int64
		wantErr error
	}{
		{"", ids[2], nil},
		{sourcescore.RunSucceeded, ids[2], nil},
		{sourcescore.RunFailed, ids[1], nil},
		{sourcescore.RunRunning, 0, sourcescore.ErrNotFound},
	}
	for _, tt := range tests {
		got, err := db.LatestRun(context.Background(), tt.status)
		if !errors.Is(err, tt.wantErr) {
			t.Errorf("LatestRun(%q): error %v, want %v", tt.status, err, tt.wantErr)
			continue
		}
		if got.ID != tt.wantID {
			t.Errorf("LatestRun(%q) = run %d, want %d", tt.status, got.ID, tt.wantID)
		}
	}

	empty := openTestDB(t)
	if _, err := empty.LatestRun(context.Background(), ""); !errors.Is(err, sourcescore.ErrNotFound) {
		t.Errorf("LatestRun on an empty database: error %v, want ErrNotFound", err)
	}
}

func TestDB_Runs(t *testing.T) {
	db := openTestDB(t)
	ids := threeRuns(t, db)
	tests := []struct {
		limit int
		want  []int64
	}{
		{0, []int64{ids[2], ids[1], ids[0]}},
		{-1, []int64{ids[2], ids[1], ids[0]}},
		{2, []int64{ids[2], ids[1]}},
		{10, []int64{ids[2], ids[1], ids[0]}},
	}
	for _, tt := range tests {
		runs, err := db.Runs(context.Background(), tt.limit)
		if err != nil {
			t.Fatal(err)
		}
		var got []int64
		for _, r := range runs {
			got = append(got, r.ID)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Runs(%d) ids (-want +got):\n%s", tt.limit, diff)
		}
	}
}

// TestDB_runQueries_notFound checks that every query about one run tells a
// missing run from an empty one.
func TestDB_runQueries_notFound(t *testing.T) {
	db := openTestDB(t)
	ctx := context.Background()
	empty := writeRun(t, db, testRun(t0), nil, nil, nil, nil)
	queries := []struct {
		name string
		call func(id int64) (n int, err error)
	}{
		{"ArticleScores", func(id int64) (int, error) { s, err := db.ArticleScores(ctx, id); return len(s), err }},
		{"OutletScores", func(id int64) (int, error) { s, err := db.OutletScores(ctx, id); return len(s), err }},
		{"SkippedFiles", func(id int64) (int, error) { s, err := db.SkippedFiles(ctx, id); return len(s), err }},
		{"RuleFiles", func(id int64) (int, error) { s, err := db.RuleFiles(ctx, id); return len(s), err }},
	}
	for _, q := range queries {
		t.Run(q.name, func(t *testing.T) {
			if n, err := q.call(empty); err != nil || n != 0 {
				t.Errorf("empty run: %d rows, error %v; want none, nil", n, err)
			}
			if _, err := q.call(empty + 1); !errors.Is(err, sourcescore.ErrNotFound) {
				t.Errorf("missing run: error %v, want ErrNotFound", err)
			}
		})
	}
}

func TestDB_EachArticleScore(t *testing.T) {
	db := openTestDB(t)
	ctx := context.Background()
	var scores []*sourcescore.ArticleScore
	for i := range 50 {
		scores = append(scores, testScore(49-i, 1+i%4, i%5)) // written in reverse file order
	}
	id := writeRun(t, db, testRun(t0), nil, scores, nil, nil)

	var got []*sourcescore.ArticleScore
	err := db.EachArticleScore(ctx, id, func(s *sourcescore.ArticleScore) error {
		got = append(got, s)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := make([]*sourcescore.ArticleScore, len(scores))
	for i, s := range scores {
		want[len(scores)-1-i] = s
	}
	if diff := cmp.Diff(want, got, scoreOpts); diff != "" {
		t.Errorf("EachArticleScore (-want +got):\n%s", diff)
	}

	stop := errors.New("stop")
	calls := 0
	err = db.EachArticleScore(ctx, id, func(*sourcescore.ArticleScore) error {
		calls++
		if calls == 3 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || calls != 3 {
		t.Errorf("stopping: error %v after %d calls, want %v after 3", err, calls, stop)
	}
}

// TestDB_Runs_sameSecond checks that runs started within one second are
// ordered by time, which needs stored times to sort as text.
func TestDB_Runs_sameSecond(t *testing.T) {
	db := openTestDB(t)
	base := time.Date(2025, 1, 1, 12, 0, 5, 0, time.UTC)
	later := writeRun(t, db, testRun(base.Add(500*time.Millisecond)), nil, nil, nil, nil)
	earlier := writeRun(t, db, testRun(base), nil, nil, nil, nil) // whole second, inserted last
	runs, err := db.Runs(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	got := []int64{runs[0].ID, runs[1].ID}
	if diff := cmp.Diff([]int64{later, earlier}, got); diff != "" {
		t.Errorf("Runs ids (-want +got):\n%s", diff)
	}
	latest, err := db.LatestRun(context.Background(), sourcescore.RunSucceeded)
	if err != nil {
		t.Fatal(err)
	}
	if latest.ID != later {
		t.Errorf("LatestRun = %d, want %d", latest.ID, later)
	}
}
