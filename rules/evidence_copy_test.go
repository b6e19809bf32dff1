package rules

import (
	"testing"
	"unsafe"
)

// TestApply_evidenceCopied: the evidence of findings and of story notes
// shares no memory with the article's text. They outlive it (the reports
// hold findings back for the workbook, the story comparison keeps every
// article's notes to the end of the run), and a substring would keep each
// whole text alive: 140 MB of texts at 20,000 articles.
func TestApply_evidenceCopied(t *testing.T) {
	set := builtin(t)
	for i, text := range seedArticles(t) {
		a := article(string(text), "de", "2024-10-25", "")
		lo := uintptr(unsafe.Pointer(unsafe.StringData(a.Text)))
		hi := lo + uintptr(len(a.Text))
		inText := func(s string) bool {
			p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
			return s != "" && p >= lo && p < hi
		}
		res := set.Apply(a)
		checked := 0
		for _, f := range res.Findings {
			if f.Evidence == "" {
				continue
			}
			checked++
			if inText(f.Evidence) || inText(f.Message) {
				t.Errorf("seed %d: %s: evidence %q or message points into the text", i, f.RuleID, f.Evidence)
			}
		}
		if checked == 0 {
			t.Fatalf("seed %d: no finding with evidence; the test checks nothing", i)
		}
		if n := res.Notes; n != nil {
			for _, m := range []string{n.Denial.Where.Evidence, n.Primary.Evidence} {
				if inText(m) {
					t.Errorf("seed %d: story note %q points into the text", i, m)
				}
			}
			for _, f := range n.Facts {
				if inText(f.Where.Evidence) {
					t.Errorf("seed %d: fact %s: %q points into the text", i, f.Fact, f.Where.Evidence)
				}
			}
		}
	}
}
