package store

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"sourcescore"
)

// An article's story notes come back as they were written; an article
// without notes comes back without; notes that do not parse are a
// problem Check names.
func TestDB_StoryNotes(t *testing.T) {
	ctx := context.Background()
	db := openTestDB(t)
	with, without := testScore(1, 2, 1), testScore(2, 2, 1)
	with.Notes = &sourcescore.StoryNotes{Story: "s",
		Denial:      sourcescore.DenialNote{State: sourcescore.DenialBuried, Rule: "denial.missing", Where: sourcescore.Mention{Evidence: "dementierte", Line: 9, Column: 4}, Sentence: 30, Sentences: 32},
		Primary:     sourcescore.Mention{Evidence: "Uferbote", Line: 2, Column: 1},
		Facts:       []sourcescore.FactNote{{Fact: "f", Description: "d", Date: "2025-01-05", State: sourcescore.FactWrong, Given: "2025-01-15", Where: sourcescore.Mention{Evidence: "15. Januar", Line: 3, Column: 7}}},
		Claims:      []sourcescore.ClaimNote{{Claim: "c", Description: "e"}},
		Translation: sourcescore.TranslationLikely, Sourcing: &sourcescore.Sourcing{Named: 2, Vague: 1}}
	id := writeRun(t, db, testRun(t0), nil, []*sourcescore.ArticleScore{with, without}, nil, nil)
	got, err := db.ArticleScores(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[1].Notes != nil {
		t.Fatalf("scores %d, second notes %+v; want 2 and none", len(got), got[1].Notes)
	}
	if diff := cmp.Diff(with.Notes, got[0].Notes); diff != "" {
		t.Errorf("notes read back (-want +got):\n%s", diff)
	}
	if err := db.Check(ctx); err != nil {
		t.Fatalf("Check: %v", err)
	}
	if _, err := db.db.ExecContext(ctx, `UPDATE results SET story_notes = '{"story":' WHERE article_id = ?`, with.Article.ID); err != nil {
		t.Fatal(err)
	}
	var ce *CheckError
	if err := db.Check(ctx); !errors.As(err, &ce) || len(ce.Problems) != 1 || !strings.Contains(ce.Problems[0], "details do not parse: stored details are not valid: story notes:") {
		t.Errorf("Check with broken notes: %v", err)
	}
}
