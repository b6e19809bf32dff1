package analysis

import (
	"fmt"
	"sourcescore/reports"
	"strings"
	"testing"

	"sourcescore"
)

// TestHTMLStories: each state of the matrix gets its colour and words, an
// omitted claim says how many outlets state it, and the notes under the
// matrix name the outlets that differ and that leave a claim out.
func TestHTMLStories(t *testing.T) {
	score := 61.25
	share := 0.5
	c := StoryComparison{Story: "ferry", Outlets: 3,
		Facts:  []FactConsensus{{Fact: "hearing", Description: "the hearing", Date: "2026-05-20", Consensus: "2026-05-20", Agree: 2, Given: 3, Differ: []string{"Blog"}}},
		Claims: []ClaimCount{{Claim: "logs", Description: "logs were backdated", StatedBy: []string{"Kurier", "Radio"}, OmittedBy: []string{"Blog"}}},
		Articles: []StoryArticle{{ArticleID: "art-1", File: "blog.txt", Outlet: "Blog", Noted: true, Score: &score, Grade: "D",
			Denial:      sourcescore.DenialNote{State: sourcescore.DenialBuried, Where: sourcescore.Mention{Evidence: "wies zurück", Line: 9, Column: 3}, Sentence: 12, Sentences: 13},
			Facts:       []StoryFact{{FactNote: sourcescore.FactNote{Fact: "hearing", State: sourcescore.FactWrong, Given: "2026-05-21", Where: sourcescore.Mention{Evidence: "21. Mai", Line: 4, Column: 7}}, Differs: true}},
			Claims:      []StoryClaim{{ClaimNote: sourcescore.ClaimNote{Claim: "logs"}, Omitted: true, StatedBy: 2, Of: 3}},
			Translation: sourcescore.TranslationUnlikely, Sourcing: &sourcescore.Sourcing{Named: 1, Vague: 1}, NamedShare: &share}},
	}
	got := HTMLStories([]StoryComparison{c}, func(string) bool { return false })
	if len(got) != 1 || len(got[0].Rows) != 1 {
		t.Fatalf("HTMLStories: %+v", got)
	}
	var cells []string
	for _, cell := range got[0].Rows[0].Cells {
		cells = append(cells, cell.Kind+":"+cell.Text+":"+cell.Evidence)
	}
	want := []string{
		"bad:missing:",
		"weak:buried:9:3 “wies zurück”, sentence 12 of 13",
		"weak:not named:",
		"bad:2026-05-21 (wrong):4:7 “21. Mai”",
		"bad:left out (2 of 3 state it):",
		"ok:no:",
		":50% of 2:",
		":61.3 D:",
	}
	if strings.Join(cells, "\n") != strings.Join(want, "\n") {
		t.Errorf("cells:\n%s\nwant\n%s", strings.Join(cells, "\n"), strings.Join(want, "\n"))
	}
	notes := strings.Join(got[0].Notes, "\n")
	for _, s := range []string{"hearing (2026-05-20): 2 of 3 outlets giving a date give 2026-05-20; Blog differs", "logs: stated by 2 of 3 outlets; left out by Blog"} {
		if !strings.Contains(notes, s) {
			t.Errorf("notes %q lack %q", notes, s)
		}
	}
	if n := len(got[0].Columns); n != len(got[0].Rows[0].Cells) {
		t.Errorf("%d columns, %d cells", n, len(got[0].Rows[0].Cells))
	}
}

// TestHTMLStories_bounded: a story of more articles than a matrix shows
// gives only the rows shown, those of the articles the page explains
// first, and says how many articles it has.
func TestHTMLStories_bounded(t *testing.T) {
	n := reports.HTMLMatrixRows + 25
	c := StoryComparison{Story: "big"}
	for i := range n {
		c.Articles = append(c.Articles, StoryArticle{ArticleID: fmt.Sprintf("art-%d", i), Outlet: fmt.Sprintf("o%d", i)})
	}
	explained := fmt.Sprintf("art-%d", n-1)
	got := HTMLStories([]StoryComparison{c}, func(id string) bool { return id == explained })[0]
	if len(got.Rows) != reports.HTMLMatrixRows || got.Total != n {
		t.Fatalf("%d rows of %d; want %d of %d", len(got.Rows), got.Total, reports.HTMLMatrixRows, n)
	}
	if got.Rows[0].ArticleID != "art-0" || got.Rows[len(got.Rows)-1].ArticleID != explained {
		t.Errorf("rows run %s … %s; want the first ones in order, then the explained %s", got.Rows[0].ArticleID, got.Rows[len(got.Rows)-1].ArticleID, explained)
	}
}
