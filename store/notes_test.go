package store

import (
	"context"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"unsafe"

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

// readNotes reads what encodeNotes writes exactly as encoding/json does,
// and leaves to encoding/json (returns false) what it does not read so: the
// two must never give different notes for the same column.
func TestReadNotes_sameAsJSON(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	texts := []string{"", "dementierte", "„Lüge“ \"quoted\" \\ back\nslash", "\u2028\t<&>", "emoji 🙂 and \x01 control"}
	str := func() string { return texts[rng.IntN(len(texts))] }
	mention := func() sourcescore.Mention {
		return sourcescore.Mention{Evidence: str(), Line: rng.IntN(400), Column: rng.IntN(90)}
	}
	var columns []string
	for range 300 {
		n := sourcescore.StoryNotes{Story: str(), Primary: mention(), Translation: str(),
			Denial: sourcescore.DenialNote{State: str(), Rule: str(), Where: mention(), Sentence: rng.IntN(50), Sentences: rng.IntN(80)}}
		switch rng.IntN(3) {
		case 1:
			n.Facts = []sourcescore.FactNote{}
		case 2:
			for range 1 + rng.IntN(3) {
				n.Facts = append(n.Facts, sourcescore.FactNote{Fact: str(), Description: str(), Date: "2025-01-05",
					Scheduled: rng.IntN(2) == 0, State: str(), Given: str(), Where: mention()})
			}
		}
		for range rng.IntN(3) {
			n.Claims = append(n.Claims, sourcescore.ClaimNote{Claim: str(), Description: str(), Where: mention()})
		}
		if rng.IntN(2) == 0 {
			n.Sourcing = &sourcescore.Sourcing{Named: rng.IntN(9), Specific: rng.IntN(9), Vague: rng.IntN(9)}
		}
		s, err := encodeNotes(&n)
		if err != nil {
			t.Fatal(err)
		}
		columns = append(columns, s)
	}
	// Columns encodeNotes does not write: all must read as encoding/json
	// reads them, or be left to it.
	columns = append(columns,
		` { "story" : "s" , "facts" : null , "claims" : [ ] , "sourcing" : null } `,
		`{"story":"s","denial":null,"primary":{"line":2,"column":3,"evidence":"x"}}`,
		`{"Story":"case","facts":[{"FACT":"f"}]}`,
		`{"story":"s","extra":{"a":[1,2]}}`,
		`{"story":7}`,
		`{"primary":{"line":2.0}}`,
		`{"primary":{"line":1e2}}`,
		`{"facts":[{"scheduled":1}]}`,
		`{"facts":[null,{"fact":"b"}]}`,
		`{"story":"a","story":"b","sourcing":{"named":1},"sourcing":{"vague":2}}`,
		`{"story":"\ud83d\ude42 \ud800 \u00e9 \/"}`,
		"{\"story\":\"bad \xff byte\"}",
		`{"story":"s"} x`,
		`{"story":"s",}`,
		`[]`,
		`null`,
	)
	fast := 0
	for _, s := range columns {
		var want sourcescore.StoryNotes
		werr := json.Unmarshal([]byte(s), &want)
		got, ok := readNotes(s)
		if ok {
			fast++
			if werr != nil {
				t.Errorf("readNotes(%q) read what encoding/json refuses (%v)", s, werr)
			} else if diff := cmp.Diff(&want, got); diff != "" {
				t.Errorf("readNotes(%q) (-encoding/json +readNotes):\n%s", s, diff)
			}
		}
		dec, err := decodeNotes(s)
		switch {
		case (err != nil) != (werr != nil):
			t.Errorf("decodeNotes(%q) error %v, encoding/json's %v", s, err, werr)
		case err == nil:
			if diff := cmp.Diff(&want, dec); diff != "" {
				t.Errorf("decodeNotes(%q) (-encoding/json +decodeNotes):\n%s", s, diff)
			}
		}
	}
	if fast < 300 {
		t.Errorf("readNotes read %d of the columns encodeNotes wrote and the others; want all 300 of encodeNotes at least", fast)
	}
}

// The notes read back share no memory with the column they were read
// from: the story comparison keeps every article's notes to the end of a
// run, and a string inside the column would keep all of it alive (a rerun
// of 100,000 articles peaked at 321 MB instead of 283).
func TestReadNotes_copies(t *testing.T) {
	n := &sourcescore.StoryNotes{Story: "s", Translation: sourcescore.TranslationLikely,
		Denial:  sourcescore.DenialNote{State: sourcescore.DenialReported, Rule: "denial.missing", Where: sourcescore.Mention{Evidence: "wies zurück", Line: 3, Column: 1}},
		Primary: sourcescore.Mention{Evidence: "Uferbote", Line: 1, Column: 1},
		Facts:   []sourcescore.FactNote{{Fact: "f", Description: "d", Date: "2025-01-05", State: sourcescore.FactRight, Given: "2025-01-05"}},
		Claims:  []sourcescore.ClaimNote{{Claim: "c", Description: "e", Where: sourcescore.Mention{Evidence: "so", Line: 2, Column: 4}}}}
	column, err := encodeNotes(n)
	if err != nil {
		t.Fatal(err)
	}
	got, ok := readNotes(column)
	if !ok {
		t.Fatalf("readNotes(%q) failed", column)
	}
	start := uintptr(unsafe.Pointer(unsafe.StringData(column)))
	for _, s := range []string{got.Story, got.Translation, got.Denial.State, got.Denial.Rule, got.Denial.Where.Evidence,
		got.Primary.Evidence, got.Facts[0].Fact, got.Facts[0].Description, got.Facts[0].Date, got.Facts[0].State,
		got.Facts[0].Given, got.Claims[0].Claim, got.Claims[0].Description, got.Claims[0].Where.Evidence} {
		if p := uintptr(unsafe.Pointer(unsafe.StringData(s))); p >= start && p < start+uintptr(len(column)) {
			t.Errorf("%q points into the column it was read from", s)
		}
	}
}
