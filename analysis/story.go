package analysis

import (
	"context"
	"fmt"
	"iter"
	"slices"
	"sort"

	"sourcescore"
	"sourcescore/reports"
	"sourcescore/store"
)

// StoryComparison compares the articles of a run about one story, outlet
// by outlet, against what the story file knows: a matrix of articles
// (rows) against the accused side's denial, the primary source, each dated
// fact, each key claim, likely machine translation, the share of named
// sources, and score and grade; with, per fact, the date most outlets give
// (the consensus) and, per claim, the outlets that state it. It is also
// the JSON output of compare, so its field names are part of the
// interface (see README).
type StoryComparison struct {
	Story    string          `json:"story"`    // the story's id
	Outlets  int             `json:"outlets"`  // distinct outlets with an article about it
	Facts    []FactConsensus `json:"facts"`    // one per fact of the story file, in its order (by date)
	Claims   []ClaimCount    `json:"claims"`   // one per key claim of the story file, in its order
	Articles []StoryArticle  `json:"articles"` // the matrix's rows, by outlet, then file
}

// StoryArticle is one row of the matrix: one article about the story.
// Values that could not be computed are null or "", never 0.
type StoryArticle struct {
	ArticleID   string                 `json:"article_id"`
	File        string                 `json:"file"`
	Outlet      string                 `json:"outlet"`
	Published   string                 `json:"published"`   // YYYY-MM-DD; "" when neither the manifest nor the text gives it
	Score       *float64               `json:"score"`       // null when the article is not scored
	Grade       string                 `json:"grade"`       // "" when not scored
	Noted       bool                   `json:"noted"`       // the run kept what the article says about the story; false for runs stored before, whose cells are all missing
	Denial      sourcescore.DenialNote `json:"denial"`      // the accused side's denial: reported, buried or missing, with where
	Primary     sourcescore.Mention    `json:"primary"`     // the first mention of the primary source; line 0 when it is not named
	Facts       []StoryFact            `json:"facts"`       // one per fact, in the order of StoryComparison.Facts
	Claims      []StoryClaim           `json:"claims"`      // one per claim, in the order of StoryComparison.Claims
	Translation string                 `json:"translation"` // "likely", "unlikely", or "" when no judgement rule applied
	Sourcing    *sourcescore.Sourcing  `json:"sourcing"`    // its attributions; null when no attribution rule applied
	NamedShare  *float64               `json:"named_share"` // named sources of all attributions (0–1); null when none was counted
}

// StoryFact is one fact in one article, with how it stands to the
// consensus.
type StoryFact struct {
	sourcescore.FactNote
	Differs bool `json:"differs"` // the article gives a date other than the consensus
}

// StoryClaim is one key claim in one article, with the omission it makes.
type StoryClaim struct {
	sourcescore.ClaimNote
	Stated   bool `json:"stated"`    // this article states it
	Omitted  bool `json:"omitted"`   // its outlet states it in no article, and most other outlets do
	OnlyHere bool `json:"only_here"` // its outlet is the only one that states it
	StatedBy int  `json:"stated_by"` // outlets that state it
	Of       int  `json:"of"`        // outlets of the story
}

// FactConsensus is one fact of the story across the outlets.
type FactConsensus struct {
	Fact        string   `json:"fact"`
	Description string   `json:"description"`
	Date        string   `json:"date"`      // the story file's date
	Scheduled   bool     `json:"scheduled"` // a scheduled event
	Consensus   string   `json:"consensus"` // the date most outlets give; "" when none gives one
	Agree       int      `json:"agree"`     // outlets giving the consensus date
	Given       int      `json:"given"`     // outlets giving a date
	Differ      []string `json:"differ"`    // outlets giving another date, in matrix order
	NotGiven    []string `json:"not_given"` // outlets giving none (or whose dates cannot be placed)
}

// ClaimCount is one key claim across the outlets.
type ClaimCount struct {
	Claim       string   `json:"claim"`
	Description string   `json:"description"`
	StatedBy    []string `json:"stated_by"`  // the outlets that state it, in matrix order
	OmittedBy   []string `json:"omitted_by"` // the outlets that leave it out although most others state it
}

// CompareRun compares the outlets on every story of a stored run, one
// comparison per story, by story id. It reads the run's articles one at a
// time and keeps only what the comparison needs.
func CompareRun(ctx context.Context, db *store.DB, runID int64) ([]StoryComparison, error) {
	var c StoryCollector
	if err := db.EachArticleScore(ctx, runID, func(s *sourcescore.ArticleScore) error {
		c.Add(s)
		return nil
	}); err != nil {
		return nil, err
	}
	return c.Compare(), nil
}

// StoryCollector gathers the articles of a run for the story comparison,
// one at a time (as the job scores them, or as a stored run is read), and
// compares them at the end. The zero value is ready to use.
type StoryCollector struct {
	rows map[string][]StoryArticle // by story
	defs map[string]*sourcescore.StoryNotes
	// same holds one copy of each short text that many rows repeat (an
	// outlet, a date, a state, a fact's or a claim's id and description):
	// the notes of a reused article are decoded from the database with
	// copies of their own, and a run of 100,000 articles about stories
	// held about 40 MB of the same descriptions.
	same map[string]string
}

// intern returns the collector's copy of s, keeping s as that copy when
// it has none.
func (c *StoryCollector) intern(s string) string {
	if s == "" {
		return ""
	}
	if t, ok := c.same[s]; ok {
		return t
	}
	c.same[s] = s
	return s
}

// Add takes one article: one about a story (its story notes, or its
// manifest's story for a run stored before notes were kept) becomes a row
// of that story's matrix; others are left out.
func (c *StoryCollector) Add(s *sourcescore.ArticleScore) {
	story := s.Article.Meta.Story
	if s.Notes != nil {
		story = s.Notes.Story
	}
	if story == "" {
		return
	}
	if c.rows == nil {
		c.rows, c.defs, c.same = map[string][]StoryArticle{}, map[string]*sourcescore.StoryNotes{}, map[string]string{}
	}
	a := StoryArticle{ArticleID: s.Article.ID, File: s.Article.File, Outlet: c.intern(s.Article.Meta.OutletName()),
		Published: c.intern(s.Article.Meta.PublishedString()), Grade: c.intern(s.Grade), Facts: []StoryFact{}, Claims: []StoryClaim{}}
	if s.Scored() {
		a.Score = ptr(s.Score)
	}
	if n := s.Notes; n != nil {
		a.Noted, a.Denial, a.Primary, a.Translation = true, n.Denial, n.Primary, c.intern(n.Translation)
		a.Denial.State, a.Denial.Rule = c.intern(a.Denial.State), c.intern(a.Denial.Rule)
		if len(n.Facts) > 0 {
			a.Facts = make([]StoryFact, 0, len(n.Facts))
		}
		for _, f := range n.Facts {
			f.Fact, f.Description, f.Date = c.intern(f.Fact), c.intern(f.Description), c.intern(f.Date)
			f.State, f.Given = c.intern(f.State), c.intern(f.Given)
			a.Facts = append(a.Facts, StoryFact{FactNote: f})
		}
		if len(n.Claims) > 0 {
			a.Claims = make([]StoryClaim, 0, len(n.Claims))
		}
		for _, cl := range n.Claims {
			cl.Claim, cl.Description = c.intern(cl.Claim), c.intern(cl.Description)
			a.Claims = append(a.Claims, StoryClaim{ClaimNote: cl, Stated: cl.Where.Said()})
		}
		if n.Sourcing != nil {
			src := *n.Sourcing
			a.Sourcing = &src
			if t := src.Total(); t > 0 {
				a.NamedShare = ptr(float64(src.Named) / float64(t))
			}
		}
		if c.defs[story] == nil {
			c.defs[story] = n
		}
	}
	c.rows[story] = append(c.rows[story], a)
}

// Compare returns the comparison of every story gathered, by story id.
func (c *StoryCollector) Compare() []StoryComparison {
	ids := make([]string, 0, len(c.rows))
	for id := range c.rows {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	out := make([]StoryComparison, 0, len(ids))
	for _, id := range ids {
		out = append(out, compareStory(id, c.rows[id], c.defs[id]))
	}
	return out
}

// compareStory builds one story's comparison from its rows; def is the
// notes of one of its articles, which list the story's facts and claims
// (nil when the run kept none).
func compareStory(id string, rows []StoryArticle, def *sourcescore.StoryNotes) StoryComparison {
	sort.SliceStable(rows, func(i, j int) bool {
		if rows[i].Outlet != rows[j].Outlet {
			return rows[i].Outlet < rows[j].Outlet
		}
		return rows[i].File < rows[j].File
	})
	sc := StoryComparison{Story: id, Facts: []FactConsensus{}, Claims: []ClaimCount{}, Articles: rows}
	var outlets []string // in matrix order
	seen, noted := map[string]bool{}, map[string]bool{}
	for _, r := range rows {
		noted[r.Outlet] = noted[r.Outlet] || r.Noted
		if !seen[r.Outlet] {
			seen[r.Outlet] = true
			outlets = append(outlets, r.Outlet)
		}
	}
	sc.Outlets = len(outlets)
	if def == nil {
		return sc
	}

	// Facts: the date each outlet gives (its first article giving one),
	// and the date most of them give.
	for fi, f := range def.Facts {
		fc := FactConsensus{Fact: f.Fact, Description: f.Description, Date: f.Date, Scheduled: f.Scheduled,
			Differ: []string{}, NotGiven: []string{}}
		given := map[string]string{} // outlet → date
		for _, r := range rows {
			if fi >= len(r.Facts) || r.Facts[fi].Fact != f.Fact {
				continue
			}
			if g := r.Facts[fi].Given; g != "" && given[r.Outlet] == "" {
				given[r.Outlet] = g
			}
		}
		count := map[string]int{}
		for _, g := range given {
			count[g]++
		}
		for date, n := range count {
			// Most outlets; on a tie, the story file's date, else the earlier.
			switch {
			case n > fc.Agree, n == fc.Agree && (date == f.Date || (fc.Consensus != f.Date && date < fc.Consensus)):
				fc.Consensus, fc.Agree = date, n
			}
		}
		fc.Given = len(given)
		for _, o := range outlets {
			switch g, ok := given[o]; {
			case !ok:
				fc.NotGiven = append(fc.NotGiven, o)
			case g != fc.Consensus:
				fc.Differ = append(fc.Differ, o)
			}
		}
		for i := range rows {
			if fi < len(rows[i].Facts) {
				g := rows[i].Facts[fi].Given
				rows[i].Facts[fi].Differs = g != "" && g != fc.Consensus
			}
		}
		sc.Facts = append(sc.Facts, fc)
	}

	// Claims: which outlets state each; an outlet that states it in no
	// article omits it when most of the other outlets state it; the only
	// outlet that states it has it alone.
	for ci, cl := range def.Claims {
		cc := ClaimCount{Claim: cl.Claim, Description: cl.Description, StatedBy: []string{}, OmittedBy: []string{}}
		states := map[string]bool{}
		for _, r := range rows {
			if ci < len(r.Claims) && r.Claims[ci].Stated {
				states[r.Outlet] = true
			}
		}
		for _, o := range outlets {
			if states[o] {
				cc.StatedBy = append(cc.StatedBy, o)
			}
		}
		n := len(cc.StatedBy)
		for _, o := range outlets {
			if noted[o] && !states[o] && omitted(n, len(outlets)) {
				cc.OmittedBy = append(cc.OmittedBy, o)
			}
		}
		for i := range rows {
			r := &rows[i]
			if ci >= len(r.Claims) {
				continue
			}
			c := &r.Claims[ci]
			c.StatedBy, c.Of = n, len(outlets)
			c.Omitted = r.Noted && !states[r.Outlet] && omitted(n, len(outlets))
			c.OnlyHere = states[r.Outlet] && n == 1 && len(outlets) > 1
		}
		sc.Claims = append(sc.Claims, cc)
	}
	return sc
}

// omitted reports whether an outlet that does not state a claim leaves
// out what most others state: more than half of the other outlets (of
// outlets in all) state it.
func omitted(statedBy, outlets int) bool {
	others := outlets - 1
	return others > 0 && 2*statedBy > others
}

// OmissionNote says what an omitted claim is: "reported by 7 of 9
// outlets; not here".
func (c StoryClaim) OmissionNote() string {
	switch {
	case c.Omitted:
		return fmt.Sprintf("reported by %d of %d outlets; not here", c.StatedBy, c.Of)
	case c.OnlyHere:
		return fmt.Sprintf("only here (1 of %d outlets)", c.Of)
	}
	return ""
}

// Cells returns the comparisons as the cells of story_comparison.csv: per
// story, per article in matrix order, its publication date, denial,
// primary source, facts, claims, translation judgement, named share and
// score. A value that cannot be computed is left empty.
func Cells(cs []StoryComparison) []reports.StoryCell {
	return slices.AppendSeq(make([]reports.StoryCell, 0, CellCount(cs)), EachCell(cs))
}

// CellCount is the number of cells Cells and EachCell give: per article,
// one for each aspect, fact and claim.
func CellCount(cs []StoryComparison) int {
	n := 0
	for _, c := range cs {
		n += len(c.Articles) * (cellsPerArticle + len(c.Facts) + len(c.Claims))
	}
	return n
}

// cellsPerArticle are the cells of an article besides its facts and
// claims: published, denial, primary source, translation, named share
// and score.
const cellsPerArticle = 6

// EachCell yields the cells of Cells one at a time, so that a run's
// comparison reaches its report without being held whole as cells.
func EachCell(cs []StoryComparison) iter.Seq[reports.StoryCell] {
	return func(yield func(reports.StoryCell) bool) {
		eachCell(cs, yield)
	}
}

func eachCell(cs []StoryComparison, yield func(reports.StoryCell) bool) {
	stop := false
	for _, c := range cs {
		for _, a := range c.Articles {
			base := reports.StoryCell{Story: c.Story, Outlet: a.Outlet, ArticleID: a.ArticleID, File: a.File}
			cell := func(aspect string, fill func(*reports.StoryCell)) {
				if stop {
					return
				}
				x := base
				x.Aspect = aspect
				fill(&x)
				stop = !yield(x)
			}
			at := func(x *reports.StoryCell, m sourcescore.Mention) {
				if m.Said() {
					x.Evidence, x.Line, x.Column = m.Evidence, m.Line, m.Column
				}
			}
			cell(reports.AspectPublished, func(x *reports.StoryCell) {
				x.State, x.Given = "known", a.Published
				if a.Published == "" {
					x.State = "missing"
				}
			})
			cell(reports.AspectDenial, func(x *reports.StoryCell) {
				x.State = a.Denial.State
				at(x, a.Denial.Where)
				if a.Denial.Sentence > 0 {
					x.Note = fmt.Sprintf("sentence %d of %d", a.Denial.Sentence, a.Denial.Sentences)
				}
			})
			cell(reports.AspectPrimarySource, func(x *reports.StoryCell) {
				switch {
				case !a.Noted:
				case a.Primary.Said():
					x.State = "named"
				default:
					x.State = "not_named"
				}
				at(x, a.Primary)
			})
			for i, f := range c.Facts {
				cell(reports.AspectFact, func(x *reports.StoryCell) {
					x.Item, x.Description, x.Expected, x.Consensus = f.Fact, f.Description, f.Date, f.Consensus
					if i >= len(a.Facts) {
						return
					}
					af := a.Facts[i]
					x.State, x.Given = af.State, af.Given
					at(x, af.Where)
					if af.Differs {
						x.Note = fmt.Sprintf("differs from the date %d of %d outlets give", f.Agree, f.Given)
					}
				})
			}
			for i, cl := range c.Claims {
				cell(reports.AspectClaim, func(x *reports.StoryCell) {
					x.Item, x.Description = cl.Claim, cl.Description
					if i >= len(a.Claims) {
						return
					}
					ac := a.Claims[i]
					x.State = "not_stated"
					if ac.Stated {
						x.State = "stated"
					}
					at(x, ac.Where)
					x.Note = ac.OmissionNote()
				})
			}
			cell(reports.AspectTranslation, func(x *reports.StoryCell) { x.State = a.Translation })
			cell(reports.AspectNamedShare, func(x *reports.StoryCell) {
				x.Share = a.NamedShare
				if s := a.Sourcing; s != nil {
					x.Note = fmt.Sprintf("%d named, %d specific anonymous, %d vague", s.Named, s.Specific, s.Vague)
				}
			})
			cell(reports.AspectScore, func(x *reports.StoryCell) { x.Score, x.Grade = a.Score, a.Grade })
			if stop {
				return
			}
		}
	}
}
