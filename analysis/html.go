package analysis

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"sourcescore"
	"sourcescore/reports"
)

// CapNote names the caps that lowered the score as explain's cap rows do:
// "capped at C by translation.likely_mt: 85.4 → 79.9", or "" when no cap
// lowered it.
func (x Explanation) CapNote() string {
	if x.CapLost <= 0 {
		return ""
	}
	var by []string
	grade := ""
	for _, c := range x.Caps {
		if c.Lowered {
			grade = c.Grade
			if c.RuleID != "" {
				by = append(by, c.RuleID)
			} else {
				by = append(by, "family "+c.Family)
			}
		}
	}
	return fmt.Sprintf("capped at %s by %s: %s → %s", grade, strings.Join(by, ", "),
		sourcescore.FormatDecimal(x.Uncapped, 1), sourcescore.FormatDecimal(x.Score, 1))
}

// LedgerOrder is the order the deduction ledger lists x's rules in, as
// indexes into x.Rules: the rules that applied, biggest loss first (then
// by family, then id), then those that did not apply.
func (x Explanation) LedgerOrder() []int {
	order := make([]int, len(x.Rules))
	for i := range order {
		order[i] = i
	}
	famRank := map[string]int{}
	for i, f := range sourcescore.Families {
		famRank[string(f)] = i
	}
	sort.SliceStable(order, func(i, j int) bool {
		p, q := x.Rules[order[i]], x.Rules[order[j]]
		if p.Applied != q.Applied {
			return p.Applied
		}
		if p.Lost != q.Lost {
			return p.Lost > q.Lost
		}
		if famRank[p.Family] != famRank[q.Family] {
			return famRank[p.Family] < famRank[q.Family]
		}
		return p.RuleID < q.RuleID
	})
	return order
}

// HTMLArticle is the explanation x as report.html's section of the article:
// the ledger in explain's rounding (families in their order; rules that
// applied, biggest loss first, then those that did not), the findings, and
// the text when it was read again unchanged (text.Article; else why not).
// s is the article's score x explains.
func HTMLArticle(x Explanation, s *sourcescore.ArticleScore, text ArticleText) reports.HTMLArticle {
	r := RoundLedger(x)
	a := reports.HTMLArticle{
		ID: x.Article.ID, File: x.Article.File, Outlet: x.Article.Outlet, Story: x.Article.Story,
		Published: x.Article.Published, Language: x.Article.Language, Words: x.Article.Words,
		Scored: x.Scored, Status: x.Status, Score: x.Score, Uncapped: x.Uncapped, Grade: x.Grade,
		CapLost:  float64(r.CapLost) / 10,
		Findings: append([]sourcescore.Finding(nil), s.Findings...),
	}
	if a.Story == "" {
		a.Story = sourcescore.NoStory
	}
	if note := x.CapNote(); note != "" {
		a.Caps = []string{note}
	}
	for i, f := range x.Families {
		row := reports.HTMLLedgerRow{Name: f.Family, Family: f.Family, Weight: f.Weight, Applied: f.Scored, Note: f.Note,
			Points: float64(r.FamPoints[i]) / 10, Earned: float64(r.FamPoints[i]-r.FamLost[i]) / 10, Lost: float64(r.FamLost[i]) / 10}
		if f.Score != nil {
			row.Score = *f.Score
		}
		a.Families = append(a.Families, row)
	}
	order := x.LedgerOrder()
	for _, i := range order {
		rule := x.Rules[i]
		row := reports.HTMLLedgerRow{Name: rule.RuleID, Family: rule.Family, Weight: rule.Weight, Applied: rule.Applied, Note: rule.Note,
			Points: float64(r.RulePoints[i]) / 10, Earned: float64(r.RulePoints[i]-r.RuleLost[i]) / 10, Lost: float64(r.RuleLost[i]) / 10}
		if rule.Score != nil {
			row.Score = *rule.Score
		}
		a.Rules = append(a.Rules, row)
	}
	switch {
	case s.Article != nil && s.Article.Text != "":
		a.Text = s.Article.Text // scored in this run: the text the rules saw
	case text.Article != nil:
		a.Text = text.Article.Text
	default:
		a.TextNote = text.Note
		if a.TextNote == "" {
			a.TextNote = "it was not read"
		}
	}
	return a
}

// HTMLChanges is d, the difference between the previous run and this one,
// as report.html's section of changes: at most limit articles, those that
// moved most first (then the ones added, removed, or whose findings
// changed, by file).
func HTMLChanges(d *RunDiff, limit int) reports.HTMLChanges {
	c := reports.HTMLChanges{From: d.A, Total: d.Total, Changed: len(d.Articles)}
	for _, f := range d.RuleFiles {
		c.RuleFiles = append(c.RuleFiles, strings.TrimPrefix(f.Change, "rule_file_")+" "+f.Path)
	}
	shownScore := func(s *ArticleSnap) string {
		if s == nil {
			return ""
		}
		if s.Grade == "" {
			return "not scored"
		}
		return sourcescore.FormatDecimal(s.Score, 1) + " " + s.Grade
	}
	for _, a := range d.Articles {
		snap := a.Snap()
		h := reports.HTMLArticleChange{File: snap.File, Outlet: snap.Outlet, Old: shownScore(a.Old), New: shownScore(a.New),
			Added: len(a.Added), Removed: len(a.Removed)}
		switch a.Change {
		case ChangeArticleMoved:
			h.Change = "moved"
			h.Points = sourcescore.RoundDecimal(a.New.Score, 1) - sourcescore.RoundDecimal(a.Old.Score, 1)
			for _, k := range a.Contributions() {
				h.Why = append(h.Why, fmt.Sprintf("%s %s: %s", k.ID, signedPoints(k.Points), k.Why))
			}
		case ChangeArticleAdded:
			h.Change = "added"
		case ChangeArticleRemoved:
			h.Change = "removed"
		default:
			h.Change = "findings"
		}
		c.Articles = append(c.Articles, h)
	}
	rank := map[string]int{"moved": 0, "added": 1, "removed": 2, "findings": 3}
	sort.SliceStable(c.Articles, func(i, j int) bool {
		p, q := c.Articles[i], c.Articles[j]
		if rank[p.Change] != rank[q.Change] {
			return rank[p.Change] < rank[q.Change]
		}
		return math.Abs(p.Points) > math.Abs(q.Points)
	})
	if limit > 0 && len(c.Articles) > limit {
		c.Articles = c.Articles[:limit]
	}
	return c
}

// signedPoints writes points with their sign and one decimal.
func signedPoints(v float64) string {
	s := sourcescore.FormatDecimal(v, 1)
	switch {
	case s == "-0.0":
		return "0.0"
	case strings.HasPrefix(s, "-"):
		return s
	}
	return "+" + s
}

// HTMLStories draws the comparisons as report.html's story matrices: per
// article, its publication date, the denial, the primary source, each
// fact, each claim, likely machine translation, the share of named
// sources and its score, each cell coloured by what it says and carrying
// its evidence; under each matrix, the consensus on each date and the
// claims left out. shows tells the articles the page explains: in a story
// of more than reports.HTMLMatrixRows articles their rows are kept first
// (reports.MatrixRows), and only the rows kept are built.
func HTMLStories(cs []StoryComparison, shows func(id string) bool) []reports.HTMLStory {
	out := make([]reports.HTMLStory, 0, len(cs))
	for _, c := range cs {
		h := reports.HTMLStory{Story: c.Story, Columns: []reports.HTMLColumn{
			{Name: "published", Title: "the publication date, from the manifest, the page or the text"},
			{Name: "denial", Title: "the accused side's denial: reported, buried (only late in the text) or missing"},
			{Name: "primary source", Title: "the story's primary source, named or not"},
		}}
		for _, f := range c.Facts {
			h.Columns = append(h.Columns, reports.HTMLColumn{Name: f.Fact, Title: f.Description + ": " + f.Date})
		}
		for _, cl := range c.Claims {
			h.Columns = append(h.Columns, reports.HTMLColumn{Name: cl.Claim, Title: cl.Description})
		}
		h.Columns = append(h.Columns,
			reports.HTMLColumn{Name: "machine translation", Title: "the translation family's judgement: likely machine-translated or not"},
			reports.HTMLColumn{Name: "named", Title: "named sources among the attributions"},
			reports.HTMLColumn{Name: "score", Title: "the article's score and grade"})
		// Only the rows the matrix shows are built: a story of tens of
		// thousands of articles would otherwise make as many rows of cells.
		h.Total = len(c.Articles)
		for _, i := range reports.MatrixRows(len(c.Articles), func(i int) string { return c.Articles[i].ArticleID }, shows) {
			a := c.Articles[i]
			h.Rows = append(h.Rows, reports.HTMLStoryRow{ArticleID: a.ArticleID, File: a.File, Outlet: a.Outlet, Cells: storyCells(c, a)})
		}
		for _, f := range c.Facts {
			switch {
			case f.Given == 0:
				h.Notes = append(h.Notes, fmt.Sprintf("%s (%s): no outlet gives a date", f.Fact, f.Date))
			case len(f.Differ) > 0:
				h.Notes = append(h.Notes, fmt.Sprintf("%s (%s): %d of %d outlets giving a date give %s; %s differ%s",
					f.Fact, f.Date, f.Agree, f.Given, f.Consensus, strings.Join(f.Differ, ", "), plural(len(f.Differ), "s", "")))
			}
		}
		for _, cl := range c.Claims {
			if len(cl.OmittedBy) > 0 {
				h.Notes = append(h.Notes, fmt.Sprintf("%s: stated by %d of %d outlets; left out by %s",
					cl.Claim, len(cl.StatedBy), c.Outlets, strings.Join(cl.OmittedBy, ", ")))
			}
		}
		out = append(out, h)
	}
	return out
}

// storyCells is the matrix row of article a of comparison c.
func storyCells(c StoryComparison, a StoryArticle) []reports.HTMLCell {
	at := func(m sourcescore.Mention) string {
		if !m.Said() {
			return ""
		}
		return fmt.Sprintf("%d:%d “%s”", m.Line, m.Column, m.Evidence)
	}
	unknown := reports.HTMLCell{Text: "?", Kind: "none"}
	var cells []reports.HTMLCell
	if a.Published != "" {
		cells = append(cells, reports.HTMLCell{Text: a.Published, Kind: "ok"})
	} else {
		cells = append(cells, reports.HTMLCell{Text: "missing", Kind: "bad"})
	}
	switch d := a.Denial; d.State {
	case sourcescore.DenialReported:
		cells = append(cells, reports.HTMLCell{Text: "reported", Kind: "ok", Evidence: at(d.Where) + sentenceOf(d)})
	case sourcescore.DenialBuried:
		cells = append(cells, reports.HTMLCell{Text: "buried", Kind: "weak", Evidence: at(d.Where) + sentenceOf(d)})
	case sourcescore.DenialMissing:
		cells = append(cells, reports.HTMLCell{Text: "missing", Kind: "bad"})
	default:
		cells = append(cells, unknown)
	}
	switch {
	case !a.Noted:
		cells = append(cells, unknown)
	case a.Primary.Said():
		cells = append(cells, reports.HTMLCell{Text: "named", Kind: "ok", Evidence: at(a.Primary)})
	default:
		cells = append(cells, reports.HTMLCell{Text: "not named", Kind: "weak"})
	}
	for i := range c.Facts {
		if i >= len(a.Facts) {
			cells = append(cells, unknown)
			continue
		}
		f := a.Facts[i]
		var cell reports.HTMLCell
		switch f.State {
		case sourcescore.FactRight:
			cell = reports.HTMLCell{Text: f.Given, Kind: "ok", Evidence: at(f.Where)}
		case sourcescore.FactWrong:
			cell = reports.HTMLCell{Text: f.Given + " (wrong)", Kind: "bad", Evidence: at(f.Where)}
		case sourcescore.FactNotGiven:
			cell = reports.HTMLCell{Text: "–", Kind: "none"}
		default:
			cell = reports.HTMLCell{Text: "?", Kind: "none", Evidence: "its dates cannot be placed: no publication date"}
		}
		if f.Differs && f.State != sourcescore.FactWrong {
			cell.Text += " (differs)"
		}
		cells = append(cells, cell)
	}
	for i := range c.Claims {
		if !a.Noted || i >= len(a.Claims) {
			cells = append(cells, unknown)
			continue
		}
		cl := a.Claims[i]
		switch {
		case cl.Stated && cl.OnlyHere:
			cells = append(cells, reports.HTMLCell{Text: "only here", Kind: "weak", Evidence: at(cl.Where)})
		case cl.Stated:
			cells = append(cells, reports.HTMLCell{Text: "stated", Kind: "ok", Evidence: at(cl.Where)})
		case cl.Omitted:
			cells = append(cells, reports.HTMLCell{Text: fmt.Sprintf("left out (%d of %d state it)", cl.StatedBy, cl.Of), Kind: "bad"})
		default:
			cells = append(cells, reports.HTMLCell{Text: "–", Kind: "none"})
		}
	}
	switch a.Translation {
	case sourcescore.TranslationLikely:
		cells = append(cells, reports.HTMLCell{Text: "likely", Kind: "bad"})
	case sourcescore.TranslationUnlikely:
		cells = append(cells, reports.HTMLCell{Text: "no", Kind: "ok"})
	default:
		cells = append(cells, unknown)
	}
	if a.NamedShare != nil && a.Sourcing != nil {
		cells = append(cells, reports.HTMLCell{Text: fmt.Sprintf("%s of %d", sourcescore.FormatDecimal(100**a.NamedShare, 0)+"%", a.Sourcing.Total())})
	} else {
		cells = append(cells, reports.HTMLCell{Text: "–", Kind: "none"})
	}
	if a.Score != nil {
		cells = append(cells, reports.HTMLCell{Text: sourcescore.FormatDecimal(*a.Score, 1) + " " + a.Grade})
	} else {
		cells = append(cells, reports.HTMLCell{Text: "not scored", Kind: "none"})
	}
	return cells
}

// sentenceOf says where in the body a denial stands.
func sentenceOf(d sourcescore.DenialNote) string {
	if d.Sentence == 0 {
		return ""
	}
	return fmt.Sprintf(", sentence %d of %d", d.Sentence, d.Sentences)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
