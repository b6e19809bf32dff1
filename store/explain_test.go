package store

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"sourcescore"
)

func TestDB_ArticleScore(t *testing.T) {
	db := openTestDB(t)
	ctx := context.Background()
	// Two runs, so that a query that forgot the run id would mix them up.
	other := testScore(1, 4, 2)
	other.Score = 12.5
	writeRun(t, db, testRun(t0), nil, []*sourcescore.ArticleScore{other}, nil, nil)
	scores := []*sourcescore.ArticleScore{testScore(2, 3, 0), testScore(1, 6, 5), testScore(3, 0, 0)}
	id := writeRun(t, db, testRun(t0.Add(1)), nil, scores, nil, nil)

	all, err := db.ArticleScores(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range all {
		got, err := db.ArticleScore(ctx, id, want.Article.ID)
		if err != nil {
			t.Fatalf("ArticleScore(%s): %v", want.Article.ID, err)
		}
		if diff := cmp.Diff(want, got, scoreOpts); diff != "" {
			t.Errorf("ArticleScore(%s) differs from ArticleScores (-want +got):\n%s", want.Article.ID, diff)
		}
	}
	// The article as written, too (ArticleScores could be wrong the same way).
	got, err := db.ArticleScore(ctx, id, scores[1].Article.ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(scores[1], got, scoreOpts); diff != "" {
		t.Errorf("ArticleScore differs from what was written (-want +got):\n%s", diff)
	}

	for _, tt := range []struct {
		name    string
		run     int64
		article string
	}{
		{"unknown article", id, "art-9999"},
		{"unknown run", 999, scores[0].Article.ID},
	} {
		if _, err := db.ArticleScore(ctx, tt.run, tt.article); !errors.Is(err, sourcescore.ErrNotFound) {
			t.Errorf("%s: error %v, want ErrNotFound", tt.name, err)
		}
	}
}

func TestDB_ArticleRefs(t *testing.T) {
	db := openTestDB(t)
	ctx := context.Background()
	id := writeRun(t, db, testRun(t0), nil, []*sourcescore.ArticleScore{testScore(2, 1, 0), testScore(1, 1, 0)}, nil, nil)
	got, err := db.ArticleRefs(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	want := []ArticleRef{{ID: "art-0001", File: "outlet/0001.txt"}, {ID: "art-0002", File: "outlet/0002.txt"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ArticleRefs (-want +got):\n%s", diff)
	}
	if _, err := db.ArticleRefs(ctx, 999); !errors.Is(err, sourcescore.ErrNotFound) {
		t.Errorf("ArticleRefs of an unknown run: error %v, want ErrNotFound", err)
	}
}
