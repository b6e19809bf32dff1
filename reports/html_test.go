package reports

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"sourcescore"
)

// htmlArticleSample is an article section whose text holds markup that must
// come out as text, evidence that overlaps, evidence that is not at its
// offset any more and a finding about something absent.
func htmlArticleSample() HTMLArticle {
	text := "Erste Zeile <script>alert(1)</script>\nDie Behörde sagte am Montag, es gebe keine Gefahr.\n"
	at := strings.Index(text, "Die Behörde sagte")
	return HTMLArticle{
		ID: "art-1", File: "a/one.txt", Outlet: "taz", Story: "wahl-2024", Published: "2024-03-01", Language: "de", Words: 14,
		Scored: true, Status: "scored", Score: 64.9, Uncapped: 70.2, Grade: "C",
		Caps:     []string{"capped at C by translation.likely_mt (scored 0): 70.2 → 64.9"},
		CapLost:  5.3,
		Families: []HTMLLedgerRow{{Name: "translation", Family: "translation", Weight: 0.2, Applied: true, Score: 40, Points: 20, Earned: 8, Lost: 12}},
		Rules: []HTMLLedgerRow{{Name: "translation.reporting_calque", Family: "translation", Weight: 2, Applied: true, Score: 0.4, Points: 20, Earned: 8, Lost: 12},
			{Name: "translation.casing_en", Family: "translation", Weight: 1, Note: "not scored: rule is for en"}},
		Findings: []sourcescore.Finding{
			{RuleID: "translation.reporting_calque", Severity: sourcescore.SeverityWarning, Message: "an institution that says",
				Evidence: "Die Behörde sagte", Offset: at, Pos: sourcescore.Position{Line: 2, Column: 1}},
			{RuleID: "translation.weekday", Severity: sourcescore.SeverityInfo, Message: "weekday",
				Evidence: "sagte am Montag", Offset: at + len("Die Behörde "), Pos: sourcescore.Position{Line: 2, Column: 14}},
			{RuleID: "dates.moved", Severity: sourcescore.SeverityError, Message: "evidence moved",
				Evidence: "nicht hier", Offset: 3, Pos: sourcescore.Position{Line: 1, Column: 4}},
			{RuleID: "denial.missing", Severity: sourcescore.SeverityError, Message: "no denial", Offset: -1},
		},
		Text: text,
	}
}

func renderSample(t *testing.T) (string, *html.Node) {
	t.Helper()
	p := NewHTMLReport(7)
	s := newSample()
	for _, a := range s.articles {
		p.AddArticle(a)
	}
	p.AddSkipped()
	p.AddOutlets(s.outlets, s.previous)
	p.AddTrend(s.trend)
	p.AddArticleText(htmlArticleSample(), "the lowest-scoring")
	p.AddStory(HTMLStory{Story: "wahl-2024",
		Columns: []HTMLColumn{{Name: "denial", Title: "the accused side's denial"}, {Name: "election", Title: "5 Nov 2024"}},
		Rows: []HTMLStoryRow{
			{ArticleID: "art-1", File: "a/one.txt", Outlet: "taz", Cells: []HTMLCell{{Text: "reported", Kind: "ok", Evidence: "2:1 wies <zurück>"}, {Text: "2024-11-05", Kind: "ok"}}},
			{ArticleID: "art-9", File: "b/two.txt", Outlet: "Kurzblatt", Cells: []HTMLCell{{Text: "missing", Kind: "bad"}, {Text: "not given", Kind: "none"}}},
		},
		Notes: []string{"election: 1 of 2 outlets give 2024-11-05"}})
	var b bytes.Buffer
	if err := p.Render(&b); err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	return b.String(), doc
}

// TestHTMLReport_selfContained: one file that fetches nothing and runs
// nothing, in which every in-page link has its target and every id is
// unique, and the article's markup stays text.
func TestHTMLReport_selfContained(t *testing.T) {
	page, doc := renderSample(t)
	ids := map[string]int{}
	var hrefs []string
	var scripts int
	walk(doc, func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		switch n.Data {
		case "script", "link", "iframe", "img", "object", "embed":
			scripts++
		}
		for _, a := range n.Attr {
			switch a.Key {
			case "id":
				ids[a.Val]++
			case "href":
				hrefs = append(hrefs, a.Val)
			case "src":
				t.Errorf("<%s src=%q>: the page must load nothing", n.Data, a.Val)
			}
		}
	})
	if scripts > 0 {
		t.Errorf("%d script, link, image or frame elements; want none", scripts)
	}
	for id, n := range ids {
		if n > 1 {
			t.Errorf("id %q used %d times", id, n)
		}
	}
	for _, h := range hrefs {
		if !strings.HasPrefix(h, "#") {
			t.Errorf("link %q leaves the page", h)
		} else if ids[h[1:]] == 0 {
			t.Errorf("link %q has no target", h)
		}
	}
	if !strings.Contains(page, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("the article's markup is not shown as text")
	}
}

// TestHTMLReport_highlights: each finding whose evidence stands at its
// offset is marked in the text and linked both ways with its list item;
// overlapping evidence is cut into parts that carry both findings; a
// finding whose evidence moved, or that is about an absence, is listed but
// not marked.
func TestHTMLReport_highlights(t *testing.T) {
	_, doc := renderSample(t)
	var marks []*html.Node
	walk(doc, func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "mark" {
			marks = append(marks, n)
		}
	})
	var got []string
	for _, m := range marks {
		got = append(got, attr(m, "class")+":"+textOf(m)+"→"+attr(m.FirstChild, "href"))
	}
	want := []string{
		"warning:Die Behörde →#art-1-f1",
		"warning:sagte→#art-1-f1",
		"info: am Montag→#art-1-f2",
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("marks:\n got %q\nwant %q", got, want)
	}
	if title := attr(marks[1], "title"); !strings.Contains(title, "translation.reporting_calque") || !strings.Contains(title, "translation.weekday") {
		t.Errorf("the overlapping part's title %q does not name both findings", title)
	}
	items := map[string]string{} // list item id → its link
	walk(doc, func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "li" && strings.HasPrefix(attr(n, "id"), "art-1-f") {
			link := ""
			walk(n, func(c *html.Node) {
				if c.Type == html.ElementNode && c.Data == "a" {
					link = attr(c, "href")
				}
			})
			items[attr(n, "id")] = link
		}
	})
	wantItems := map[string]string{"art-1-f1": "#art-1-e1", "art-1-f2": "#art-1-e2", "art-1-f3": "", "art-1-f4": ""}
	for id, link := range wantItems {
		if got, ok := items[id]; !ok || got != link {
			t.Errorf("finding %s links to %q (listed %v), want %q", id, got, ok, link)
		}
	}
}

// TestHTMLReport_outlets: outlets ranked by score, the unscored last, with
// a bar per family, the change since the last run and a trend line where
// there are two runs or more.
func TestHTMLReport_outlets(t *testing.T) {
	page, doc := renderSample(t)
	var rows []string
	walk(doc, func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "tr" && strings.HasPrefix(attr(n, "id"), "outlet-") {
			var cells []string
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode && c.Data == "td" {
					cells = append(cells, strings.Join(strings.Fields(textOf(c)), " "))
				}
			}
			rows = append(rows, strings.Join(cells[:5], " | "))
		}
	})
	want := []string{
		"1 | tazwahl-2024: 73.4 B (1) | 1 | 73.4 | B", // the story is on a line of its own
		"2 | (unknown) | 1 | 41.3 | D",
		" | Kurzblatt | 0 +1 not scored | – | not scored",
	}
	if strings.Join(rows, "\n") != strings.Join(want, "\n") {
		t.Errorf("outlet rows:\n%s\nwant\n%s", strings.Join(rows, "\n"), strings.Join(want, "\n"))
	}
	for _, s := range []string{
		`<polyline points="4,12.4 80,11.4 156,11.4"/>`, // taz over runs 3, 5 and 7: 70.04, 73.46, 73.44
		`class="change"`, // run 5 changed the rule set
		`-0.1`,           // taz's delta, as the cells show it
		"denial: 50.0 on average over 1 articles", // taz's denial bar
		"translation: not scored for any article",
	} {
		if !strings.Contains(page, s) {
			t.Errorf("page lacks %q", s)
		}
	}
}

// TestHTMLReport_story: the matrix has a coloured cell per column, the
// outlet of an article the page shows links to it, and evidence becomes a
// numbered footnote.
func TestHTMLReport_story(t *testing.T) {
	page, doc := renderSample(t)
	var cells []string
	walk(doc, func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "table" && attr(n, "class") == "matrix" {
			walk(n, func(c *html.Node) {
				if c.Type == html.ElementNode && c.Data == "td" {
					cells = append(cells, attr(c, "class")+":"+textOf(c))
				}
			})
		}
	})
	want := []string{":taza/one.txt", "ok:reported1", "ok:2024-11-05", ":Kurzblattb/two.txt", "bad:missing", "none:not given"}
	if strings.Join(cells, "|") != strings.Join(want, "|") {
		t.Errorf("matrix cells:\n got %q\nwant %q", cells, want)
	}
	for _, s := range []string{`<a href="#art-1">taz</a>`, `<li id="story-0-n1">taz: 2:1 wies &lt;zurück&gt;</li>`, "election: 1 of 2 outlets give 2024-11-05"} {
		if !strings.Contains(page, s) {
			t.Errorf("page lacks %q", s)
		}
	}
}

// TestRunWriter_NoHTML: with NoHTML the run folder has no report.html.
func TestRunWriter_NoHTML(t *testing.T) {
	out := t.TempDir()
	dir := writeRun(t, out, 3, Options{NoHTML: true}, newSample())
	if _, err := os.Stat(filepath.Join(dir, HTMLFile)); !os.IsNotExist(err) {
		t.Errorf("report.html written with NoHTML: %v", err)
	}
	dir = writeRun(t, out, 4, Options{}, newSample())
	if _, err := os.Stat(filepath.Join(dir, HTMLFile)); err != nil {
		t.Errorf("report.html: %v", err)
	}
}

func walk(n *html.Node, f func(*html.Node)) {
	f(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, f)
	}
}

func attr(n *html.Node, key string) string {
	if n == nil {
		return ""
	}
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func textOf(n *html.Node) string {
	var b strings.Builder
	walk(n, func(c *html.Node) {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	})
	return b.String()
}

// TestHTMLReport_bounded: a story of more rows than a matrix holds keeps
// the rows of the articles the page explains and says how many it shows;
// outlets beyond HTMLOutlets are left to outlet_scores.csv.
func TestHTMLReport_bounded(t *testing.T) {
	p := NewHTMLReport(1)
	st := HTMLStory{Story: "big", Columns: []HTMLColumn{{Name: "denial"}}}
	var outlets []sourcescore.OutletScore
	for i := 0; i < HTMLMatrixRows+50; i++ {
		id := "art-" + strconv.Itoa(i)
		st.Rows = append(st.Rows, HTMLStoryRow{ArticleID: id, File: id + ".txt", Outlet: "o" + strconv.Itoa(i), Cells: []HTMLCell{{Text: "missing", Kind: "bad"}}})
	}
	for i := 0; i < HTMLOutlets+5; i++ {
		outlets = append(outlets, sourcescore.OutletScore{Outlet: "o" + strconv.Itoa(i), Articles: 1, Score: float64(i % 100), Grade: "C"})
	}
	p.AddArticleText(HTMLArticle{ID: "art-340", File: "art-340.txt", Outlet: "o340", Scored: true, Status: "scored"}, "")
	p.AddStory(st)
	p.AddOutlets(outlets, nil)
	var b bytes.Buffer
	if err := p.Render(&b); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	if n := strings.Count(page, "<td class=\"bad\">missing</td>"); n != HTMLMatrixRows {
		t.Errorf("%d matrix rows, want %d", n, HTMLMatrixRows)
	}
	for _, s := range []string{`<a href="#art-340">o340</a>`, "300 of the story's 350 articles are in the matrix", "The first 1000 of 1\u202f005 outlets"} {
		if !strings.Contains(page, s) {
			t.Errorf("page lacks %q", s)
		}
	}
	if n := strings.Count(page, `id="outlet-`); n != HTMLOutlets {
		t.Errorf("%d outlet rows, want %d", n, HTMLOutlets)
	}
}
