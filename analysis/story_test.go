package analysis

import (
	"fmt"
	"strings"
	"testing"
	"unsafe"

	"github.com/google/go-cmp/cmp"

	"sourcescore"
)

// storyArticle is an article of story "s" by outlet, giving fact "f" the
// date given ("" for none) and stating the claims marked true.
func storyArticle(file, outlet, given string, claims ...bool) *sourcescore.ArticleScore {
	n := &sourcescore.StoryNotes{Story: "s", Facts: []sourcescore.FactNote{{Fact: "f", Date: "2025-01-05", State: sourcescore.FactNotGiven}}}
	if given != "" {
		n.Facts[0].Given, n.Facts[0].State = given, sourcescore.FactWrong
		if given == "2025-01-05" {
			n.Facts[0].State = sourcescore.FactRight
		}
	}
	for i, stated := range claims {
		c := sourcescore.ClaimNote{Claim: string(rune('a' + i))}
		if stated {
			c.Where = sourcescore.Mention{Evidence: "x", Line: 1, Column: 1}
		}
		n.Claims = append(n.Claims, c)
	}
	return &sourcescore.ArticleScore{Article: &sourcescore.Article{ID: file, File: file, Meta: sourcescore.Metadata{Outlet: outlet, Story: "s"}},
		Grade: "A", Score: 90, Notes: n}
}

// TestCompareStory_consensus: the date most outlets give (an outlet's two
// articles count once); on a tie the story file's date, else the earlier.
func TestCompareStory_consensus(t *testing.T) {
	tests := []struct {
		name   string
		given  [][2]string // outlet, date
		want   string
		differ []string
	}{
		{"majority", [][2]string{{"A", "2025-01-05"}, {"B", "2025-01-06"}, {"C", "2025-01-06"}}, "2025-01-06", []string{"A"}},
		{"two articles of one outlet count once", [][2]string{{"A", "2025-01-07"}, {"A", "2025-01-07"}, {"B", "2025-01-05"}, {"C", "2025-01-05"}}, "2025-01-05", []string{"A"}},
		{"tie: the story file's date", [][2]string{{"A", "2025-01-09"}, {"B", "2025-01-05"}}, "2025-01-05", []string{"A"}},
		{"tie without it: the earlier", [][2]string{{"A", "2025-01-09"}, {"B", "2025-01-08"}}, "2025-01-08", []string{"A"}},
		{"none gives one", [][2]string{{"A", ""}, {"B", ""}}, "", []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var c StoryCollector
			for i, g := range tt.given {
				c.Add(storyArticle(string(rune('0'+i))+".txt", g[0], g[1]))
			}
			got := c.Compare()
			if len(got) != 1 {
				t.Fatalf("%d stories", len(got))
			}
			f := got[0].Facts[0]
			if f.Consensus != tt.want || !cmp.Equal(f.Differ, tt.differ) {
				t.Errorf("consensus %q, differ %v; want %q, %v", f.Consensus, f.Differ, tt.want, tt.differ)
			}
		})
	}
}

// TestCompareStory_omissions: an outlet omits a claim that more than half
// of the other outlets state; a claim one outlet alone states is only
// there; an article of a run stored without notes has no cells and omits
// nothing.
func TestCompareStory_omissions(t *testing.T) {
	var c StoryCollector
	c.Add(storyArticle("1.txt", "A", "", true, true))
	c.Add(storyArticle("2.txt", "B", "", true, false))
	c.Add(storyArticle("3.txt", "C", "", false, false))
	c.Add(storyArticle("4.txt", "D", "", true, false))
	old := &sourcescore.ArticleScore{Article: &sourcescore.Article{ID: "5", File: "5.txt", Meta: sourcescore.Metadata{Outlet: "E", Story: "s"}}, NotScored: "language not detected"}
	c.Add(old)
	c.Add(&sourcescore.ArticleScore{Article: &sourcescore.Article{ID: "6", File: "6.txt"}}) // no story: left out
	sc := c.Compare()[0]
	if sc.Outlets != 5 || len(sc.Articles) != 5 {
		t.Fatalf("%d outlets, %d articles; want 5 and 5", sc.Outlets, len(sc.Articles))
	}
	// Claim a: A, B, D of 5 outlets; for C, 3 of the 4 others: omitted.
	// E kept no notes: no omission, no cells.
	if got := sc.Claims[0]; !cmp.Equal(got.StatedBy, []string{"A", "B", "D"}) || !cmp.Equal(got.OmittedBy, []string{"C"}) {
		t.Errorf("claim a: %+v", got)
	}
	c3 := sc.Articles[2].Claims[0]
	if !c3.Omitted || c3.OmissionNote() != "reported by 3 of 5 outlets; not here" {
		t.Errorf("C's claim a: %+v, note %q", c3, c3.OmissionNote())
	}
	// Claim b: A alone.
	if a := sc.Articles[0].Claims[1]; !a.OnlyHere || a.OmissionNote() != "only here (1 of 5 outlets)" {
		t.Errorf("A's claim b: %+v", a)
	}
	if got := sc.Claims[1]; len(got.OmittedBy) != 0 {
		t.Errorf("claim b omitted by %v; one outlet is no majority", got.OmittedBy)
	}
	e := sc.Articles[4]
	if e.Noted || e.Score != nil || len(e.Claims) != 0 || e.Denial.State != "" || e.NamedShare != nil {
		t.Errorf("E without notes: %+v; want no cells and no score", e)
	}
	// In the CSV cells, E's values are empty, never 0.
	for _, cell := range Cells([]StoryComparison{sc}) {
		if cell.File == "5.txt" && (cell.State != "" && cell.Aspect != "published" || cell.Score != nil || cell.Share != nil) {
			t.Errorf("cell of an article without notes: %+v", cell)
		}
	}
}

// TestEachCell_count: CellCount is the number of cells EachCell yields (the
// report writer leaves the workbook's sheet out by it before the first
// cell), on stories with and without facts and claims; EachCell stops when
// told to.
func TestEachCell_count(t *testing.T) {
	var c StoryCollector
	c.Add(storyArticle("1.txt", "A", "", true, true))
	c.Add(storyArticle("2.txt", "B", "", true, false))
	c.Add(&sourcescore.ArticleScore{Article: &sourcescore.Article{ID: "5", File: "5.txt", Meta: sourcescore.Metadata{Outlet: "E", Story: "t"}}, NotScored: "language not detected"})
	cs := c.Compare()
	if len(cs) != 2 {
		t.Fatalf("%d stories; want 2", len(cs))
	}
	if n, got := CellCount(cs), len(Cells(cs)); n != got || n == 0 {
		t.Errorf("CellCount = %d, Cells gives %d", n, got)
	}
	seen := 0
	for range EachCell(cs) {
		seen++
		if seen == 3 {
			break
		}
	}
	if seen != 3 {
		t.Errorf("EachCell went on to %d cells after break", seen)
	}
}

// TestStoryCollector_sameTexts: the rows of articles whose notes carry
// copies of the same texts (as notes decoded from the database do) share
// one copy of each, and the comparison is the one of the articles as given.
func TestStoryCollector_sameTexts(t *testing.T) {
	clone := func(s *sourcescore.ArticleScore) *sourcescore.ArticleScore {
		n := *s.Notes
		n.Facts = append([]sourcescore.FactNote(nil), n.Facts...)
		for i := range n.Facts {
			f := &n.Facts[i]
			f.Fact, f.Description, f.Date, f.State = strings.Clone(f.Fact), strings.Clone("what happened on the day"), strings.Clone(f.Date), strings.Clone(f.State)
		}
		n.Claims = append([]sourcescore.ClaimNote(nil), n.Claims...)
		for i := range n.Claims {
			n.Claims[i].Claim, n.Claims[i].Description = strings.Clone(n.Claims[i].Claim), strings.Clone("what it says")
		}
		out := *s
		out.Notes = &n
		return &out
	}
	var plain, copies StoryCollector
	for i, outlet := range []string{"A", "B", "C"} {
		a := storyArticle(fmt.Sprintf("%d.txt", i), outlet, "2025-01-06", true, false)
		plain.Add(clone(a))
		copies.Add(clone(a))
	}
	if diff := cmp.Diff(plain.Compare(), copies.Compare()); diff != "" {
		t.Fatalf("the comparison changed (-want +got):\n%s", diff)
	}
	rows := copies.rows["s"]
	for _, r := range rows[1:] {
		for i := range r.Facts {
			if unsafe.StringData(r.Facts[i].Description) != unsafe.StringData(rows[0].Facts[i].Description) ||
				unsafe.StringData(r.Facts[i].State) != unsafe.StringData(rows[0].Facts[i].State) {
				t.Errorf("%s: fact %d holds a copy of its own", r.File, i)
			}
		}
		for i := range r.Claims {
			if unsafe.StringData(r.Claims[i].Description) != unsafe.StringData(rows[0].Claims[i].Description) {
				t.Errorf("%s: claim %d holds a copy of its own", r.File, i)
			}
		}
	}
}
