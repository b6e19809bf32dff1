package reports

import (
	"embed"
	"fmt"
	"html/template"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"sourcescore"
)

// HTMLFile is the run's report for people: one self-contained HTML page
// (inline CSS and SVG, no script, nothing fetched), readable offline and
// when mailed, and printable.
const HTMLFile = "report.html"

// DefaultHTMLArticles is how many articles report.html shows with their
// ledger, text and evidence, unless the caller says otherwise: a page
// of a few megabytes that a browser opens at once.
const DefaultHTMLArticles = 200

//go:embed html/report.html.tmpl
var htmlFiles embed.FS

// htmlTemplate is the page, parsed once.
var htmlTemplate = template.Must(template.New("report.html.tmpl").Funcs(template.FuncMap{
	"one":        func(v float64) string { return sourcescore.FormatDecimal(v, 1) },
	"three":      func(v float64) string { return sourcescore.FormatDecimal(v, 3) },
	"weight":     func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) },
	"pct":        func(v float64) string { return sourcescore.FormatDecimal(100*v, 0) + "%" },
	"lower":      strings.ToLower,
	"add":        func(a, b int) int { return a + b },
	"gradecls":   gradeClass,
	"thousands":  thousands,
	"signed":     func(v float64) string { return signed(v) },
	"barsHeight": func(n int) int { return 13 * n },
	"barY":       func(k int) int { return 13 * k },
	"barW":       func(v float64) float64 { return math.Round(math.Max(0, math.Min(100, v))*10) / 10 },
	"trendW":     func() int { return trendW },
	"trendH":     func() int { return trendH },
}).ParseFS(htmlFiles, "html/report.html.tmpl"))

// gradeClass is the CSS class that colours a grade: "g-A" to "g-F", "g-none"
// for a grade outside A–F (a scoring.yaml with other letters) or none.
func gradeClass(g string) string {
	if _, ok := gradeFills[g]; ok {
		return "g-" + g
	}
	return "g-none"
}

// thousands writes n with thin-space thousands separators: 20 000.
func thousands(n int) string {
	s := strconv.Itoa(n)
	if n < 0 || len(s) <= 3 {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString("\u202f")
		}
		b.WriteRune(r)
	}
	return b.String()
}

// HTMLReport gathers what report.html shows while the run's rows stream
// past: the outlets, their history and family means, and the articles the
// caller chose to show (AddArticleText), so that its memory stays bounded
// whatever the size of the run. A RunWriter keeps one and writes it with
// the other files; job uses one alone to write report.html of a stored run
// without touching its CSV files. Fed in the same order, it renders the
// same bytes.
type HTMLReport struct {
	runID    int64
	run      sourcescore.Run // set by SetRun; zero when the caller gave none
	hasRun   bool
	total    int // articles given, scored or not
	scored   int // of total, those with a score
	skipped  int
	articles []HTMLArticle
	shown    map[string]bool // the ids of articles, built by Shows; nil until then and after AddArticleText
	shownWhy string
	families map[string]*familyMean // by outlet
	outlets  []sourcescore.OutletScore
	previous map[string]Previous
	trend    []TrendPoint
	changes  *HTMLChanges
	stories  []HTMLStory
}

// HTMLStory is the comparison of the outlets on one story as report.html
// draws it: a matrix of articles (rows) against what the story file knows
// (columns), each cell coloured by what it says, and the lines that sum it
// up (the consensus on each date, the claims some outlets leave out).
type HTMLStory struct {
	Story   string
	Columns []HTMLColumn
	Rows    []HTMLStoryRow
	Notes   []string // one line each: "election: most give 2024-11-05 (4 of 5); 000 gives 2024-11-15"
	Total   int      // the story's articles; more than len(Rows) when only some were given (see MatrixRows); 0: len(Rows)
}

// HTMLColumn is a column of a story matrix.
type HTMLColumn struct {
	Name  string // the header
	Title string // what it means, on hover
}

// HTMLStoryRow is one article of a story matrix.
type HTMLStoryRow struct {
	ArticleID string // links to the article's section when the page shows it
	File      string
	Outlet    string
	Cells     []HTMLCell // one per column
}

// HTMLCell is one cell of a story matrix. Kind colours it: "ok" (green),
// "weak" (yellow), "bad" (red), "none" (grey: the value is missing), or ""
// for no colour. Evidence, when set, is shown on hover and as a numbered
// footnote under the matrix, so that a printout keeps it.
type HTMLCell struct {
	Text     string
	Kind     string
	Evidence string
}

// HTMLChanges is what changed since the previous run over the same input
// folder, as sourcescore diff says it: the rule files, and the articles
// that moved, appeared, disappeared or whose findings changed.
type HTMLChanges struct {
	From      sourcescore.Run // the previous run
	RuleFiles []string        // "changed rules/dates.yaml", ...; none when the rule set is the same
	Articles  []HTMLArticleChange
	Changed   int    // articles that changed in all; Articles may list fewer
	Total     int    // articles in either run
	Note      string // why the article changes are not listed, when they are not
}

// HTMLArticleChange is one article that changed since the previous run.
type HTMLArticleChange struct {
	File     string
	Outlet   string
	Change   string // "moved", "added", "removed", or "findings" when only its findings changed
	Old, New string // score and grade as shown ("73.4 B"), "" when not in that run
	Points   float64
	Why      []string // the rules and caps that moved it, biggest first ("dates.stale -2.3: 1.000 → 0.000")
	Added    int      // findings added
	Removed  int      // findings removed
}

// familyMean sums an outlet's family scores over its scored articles.
type familyMean struct {
	sum []float64 // by place in sourcescore.Families
	n   []int
}

// NewHTMLReport starts the page of run runID.
func NewHTMLReport(runID int64) *HTMLReport {
	return &HTMLReport{runID: runID, families: map[string]*familyMean{}}
}

// HTMLArticle is one article as report.html shows it: its identity, its
// score with the ledger of explain (points out of 100, rounded to tenths so
// that they add up as explain's do), its findings and its text. The caller
// builds it from the explanation of the article's score.
type HTMLArticle struct {
	ID        string
	File      string
	Outlet    string
	Story     string
	Published string // YYYY-MM-DD, or "" when unknown
	Language  string
	Words     int
	Scored    bool
	Status    string // "scored", or "not scored: " and why
	Score     float64
	Uncapped  float64
	Grade     string
	Caps      []string // the caps that applied, as explain says them ("capped at C by translation.likely_mt (scored 0): 85.4 → 79.9")
	CapLost   float64  // points the caps took, in the ledger's rounding
	Families  []HTMLLedgerRow
	Rules     []HTMLLedgerRow
	Findings  []sourcescore.Finding
	Text      string // the article's text; "" when it could not be read again
	TextNote  string // why the text is not shown, when it is not
}

// HTMLLedgerRow is a family's or a rule's line of an article's ledger.
type HTMLLedgerRow struct {
	Name    string  // the family, or the rule id
	Family  string  // the rule's family; the family itself for a family row
	Weight  float64 // its weight
	Applied bool    // the rule applied, the family was scored
	Score   float64 // 0–100 for a family, 0–1 for a rule; unused when not Applied
	Points  float64 // the points out of 100 it controls
	Earned  float64
	Lost    float64
	Note    string
}

// AddArticle counts s, an article of the run, towards its outlet's family
// means.
func (p *HTMLReport) AddArticle(s *sourcescore.ArticleScore) {
	p.total++
	if !s.Scored() {
		return
	}
	p.scored++
	outlet := s.Article.Meta.OutletName()
	m := p.families[outlet]
	if m == nil {
		m = &familyMean{sum: make([]float64, len(sourcescore.Families)), n: make([]int, len(sourcescore.Families))}
		p.families[outlet] = m
	}
	for _, f := range s.Families {
		if i := familyIndex(f.Family); i >= 0 && f.Scored {
			m.sum[i] += f.Score
			m.n[i]++
		}
	}
}

// familyIndex is f's place in sourcescore.Families, or -1.
func familyIndex(f sourcescore.Family) int {
	for i, g := range sourcescore.Families {
		if g == f {
			return i
		}
	}
	return -1
}

// htmlView is what the template renders.
type htmlView struct {
	RunID       int64
	HasRun      bool
	Run         sourcescore.Run
	Started     string // the run's start, UTC, or ""
	Families    []sourcescore.Family
	Total       int // articles in the run
	Scored      int
	Skipped     int
	Outlets     []outletView // ranked, best first; unscored last; at most HTMLOutlets
	AllOutlets  int          // the run's outlets
	Articles    []articleView
	Shown       int          // len(Articles)
	Partial     bool         // fewer articles shown than the run has
	ShownWhy    string       // which articles are shown, when not all
	Stories     []storyView  // the story comparisons
	HasChanges  bool         // Changes is set
	Changes     *HTMLChanges // what changed since the previous run; nil for a first run
	ChangesFrom string       // when the previous run started
}

// storyView is a story matrix with its footnotes numbered.
type storyView struct {
	HTMLStory
	Rows      []storyRowView
	Footnotes []string
}

// Bounds of the page, so that it stays a few megabytes and opens at once
// whatever the run's size; the CSV files hold everything.
const (
	HTMLMatrixRows = 300  // rows of a story matrix
	HTMLOutlets    = 1000 // outlets ranked
)

// matrixRows returns at most HTMLMatrixRows of a story's rows, in their
// order: all when there are no more, else the rows of the articles the
// page shows first, then the others in order.
func matrixRows(rows []HTMLStoryRow, shown func(string) bool) []HTMLStoryRow {
	if len(rows) <= HTMLMatrixRows {
		return rows
	}
	keep := MatrixRows(len(rows), func(i int) string { return rows[i].ArticleID }, shown)
	out := make([]HTMLStoryRow, 0, len(keep))
	for _, i := range keep {
		out = append(out, rows[i])
	}
	return out
}

// MatrixRows picks the rows of a story matrix of n rows that the page
// shows, at most HTMLMatrixRows, in their order: those of the articles
// shown (explained) on the page first, then the others from the top. id
// gives a row's article id. It lets a caller build only the rows kept.
func MatrixRows(n int, id func(i int) string, shown func(string) bool) []int {
	if n <= HTMLMatrixRows {
		out := make([]int, n)
		for i := range out {
			out[i] = i
		}
		return out
	}
	keep := make([]bool, n)
	k := 0
	for pass := 0; pass < 2 && k < HTMLMatrixRows; pass++ {
		for i := 0; i < n && k < HTMLMatrixRows; i++ {
			if !keep[i] && (pass == 1 || shown(id(i))) {
				keep[i] = true
				k++
			}
		}
	}
	out := make([]int, 0, k)
	for i, ok := range keep {
		if ok {
			out = append(out, i)
		}
	}
	return out
}

type storyRowView struct {
	HTMLStoryRow
	Anchor string // the article's section id, "" when the page does not show it
	Cells  []cellView
}

type cellView struct {
	HTMLCell
	Footnote int // its footnote's number, 0 for none
}

// outletView is one outlet's row of the ranking.
type outletView struct {
	sourcescore.OutletScore
	Bars           []barView
	HasPrevious    bool
	Previous       float64
	Delta          float64
	RuleSetChanged bool
	Trend          *trendView // nil with fewer than two points
	Stories        []sourcescore.OutletScore
}

// barView is an outlet's mean score in one family, as a bar.
type barView struct {
	Family sourcescore.Family
	Scored bool    // some article of the outlet has the family scored
	Score  float64 // mean family score, 0–100
	Title  string
}

// trendView is an outlet's score over the last runs as a small line chart
// of width trendW and height trendH, scores 0–100 bottom to top.
type trendView struct {
	Points  string     // the polyline's points
	Dots    []trendDot // one per run
	Changes []trendDot // runs whose rule set differs from the run before: a mark
	Title   string     // the scores, for a tooltip and a printout
}

type trendDot struct {
	X, Y  float64
	Title string
}

const (
	trendW = 160
	trendH = 36
)

// articleView is one article's section.
type articleView struct {
	HTMLArticle
	Anchor   string // its HTML id
	Rules    []ruleView
	Findings []findingView
	Parts    []textPart // the text, cut where evidence begins and ends
	HasText  bool
}

// ruleView is a rule's row of an article's ledger, linked to the rule's
// first finding in the article, when it has one.
type ruleView struct {
	HTMLLedgerRow
	Link  string
	Count int // the rule's findings in the article
}

// findingView is one finding of an article's list, linked to its evidence.
type findingView struct {
	sourcescore.Finding
	N        int    // its number in the article, from 1
	Anchor   string // the list item's id
	Mark     string // the id of its evidence in the text; "" when not shown there
	Severity string
	Where    string // "line:column", or "-" for a finding about something absent
}

// textPart is a run of an article's text: plain, or evidence of findings.
type textPart struct {
	Text     string
	Marks    []string // ids of the findings whose evidence starts here
	Evidence bool
	Severity string // the highest severity of the findings covering it
	Title    string // rule ids and messages of the findings covering it
	Link     string // the finding list item it links to
}

// SetRun says which run the page reports: when it started, its input folder
// and rule set.
func (p *HTMLReport) SetRun(run sourcescore.Run) { p.run, p.hasRun = run, true }

// AddSkipped counts an input of the run that could not be scored.
func (p *HTMLReport) AddSkipped() { p.skipped++ }

// AddOutlets adds outlet scores, over all stories and by story, with each
// outlet's previous score, as RunWriter.AddOutlets takes them.
func (p *HTMLReport) AddOutlets(o []sourcescore.OutletScore, previous map[string]Previous) {
	p.outlets = append(p.outlets, o...)
	if p.previous == nil {
		p.previous = map[string]Previous{}
	}
	for k, v := range previous {
		p.previous[k] = v
	}
}

// AddTrend adds outlets' scores in recent runs, oldest first, as
// RunWriter.AddTrend takes them.
func (p *HTMLReport) AddTrend(points []TrendPoint) { p.trend = append(p.trend, points...) }

// AddArticleText adds an article's section to the page: its ledger,
// findings and text. The caller chooses which articles the page shows (at
// most DefaultHTMLArticles, say); why says which, when not all of the run's
// ("the 200 lowest-scoring"), and is "" when all are.
func (p *HTMLReport) AddArticleText(a HTMLArticle, why string) {
	p.articles = append(p.articles, a)
	p.shown = nil
	p.shownWhy = why
}

// AddStory adds a story's matrix to the page; stories are drawn in the
// order added.
// Rows beyond what the matrix shows are dropped here, so that the page
// holds little of a large story: call it after AddArticleText, so that the
// rows of the articles the page explains are kept.
func (p *HTMLReport) AddStory(st HTMLStory) {
	st.Total = max(st.Total, len(st.Rows))
	st.Rows = matrixRows(st.Rows, p.Shows)
	p.stories = append(p.stories, st)
}

// Shows reports whether the page explains the article with this id (one
// given to AddArticleText).
func (p *HTMLReport) Shows(id string) bool { return p.shownIDs()[id] }

// shownIDs is the set of the ids of the articles the page explains, built
// once after the last AddArticleText.
func (p *HTMLReport) shownIDs() map[string]bool {
	if p.shown == nil {
		p.shown = make(map[string]bool, len(p.articles))
		for _, a := range p.articles {
			p.shown[a.ID] = true
		}
	}
	return p.shown
}

// SetChanges gives the page what changed since the previous run.
func (p *HTMLReport) SetChanges(c HTMLChanges) { p.changes = &c }

// Render writes the page.
func (p *HTMLReport) Render(w io.Writer) error {
	v := htmlView{RunID: p.runID, HasRun: p.hasRun, Run: p.run, Families: sourcescore.Families,
		Total: p.total, Scored: p.scored, Skipped: p.skipped}
	if p.hasRun && !p.run.Started.IsZero() {
		v.Started = p.run.Started.UTC().Format("2006-01-02 15:04 UTC")
	}
	v.Outlets = p.outletViews()
	if v.AllOutlets = len(v.Outlets); v.AllOutlets > HTMLOutlets {
		v.Outlets = v.Outlets[:HTMLOutlets]
	}
	shown := p.shownIDs()
	for _, st := range p.stories {
		sv := storyView{HTMLStory: st}
		for _, r := range matrixRows(st.Rows, func(id string) bool { return shown[id] }) {
			rv := storyRowView{HTMLStoryRow: r}
			if shown[r.ArticleID] {
				rv.Anchor = r.ArticleID
			}
			for _, c := range r.Cells {
				cv := cellView{HTMLCell: c}
				if c.Evidence != "" {
					sv.Footnotes = append(sv.Footnotes, r.Outlet+": "+c.Evidence)
					cv.Footnote = len(sv.Footnotes)
				}
				rv.Cells = append(rv.Cells, cv)
			}
			sv.Rows = append(sv.Rows, rv)
		}
		v.Stories = append(v.Stories, sv)
	}
	if p.changes != nil {
		v.HasChanges, v.Changes = true, p.changes
		v.ChangesFrom = p.changes.From.Started.UTC().Format("2006-01-02 15:04 UTC")
	}
	arts := append([]HTMLArticle(nil), p.articles...)
	sort.SliceStable(arts, func(i, j int) bool {
		a, b := arts[i], arts[j]
		if a.Story != b.Story {
			return a.Story < b.Story
		}
		return a.Outlet < b.Outlet
	})
	for _, a := range arts {
		v.Articles = append(v.Articles, articleViewOf(a))
	}
	v.Shown = len(v.Articles)
	v.Partial = v.Shown < v.Total
	v.ShownWhy = p.shownWhy
	return htmlTemplate.Execute(w, v)
}

// outletViews ranks the outlets over all stories, best first, with their
// stories, family bars and trend.
func (p *HTMLReport) outletViews() []outletView {
	byOutlet := map[string]*outletView{}
	var out []*outletView
	for _, o := range p.outlets {
		if o.Story != "" {
			if v := byOutlet[o.Outlet]; v != nil {
				v.Stories = append(v.Stories, o)
			}
			continue
		}
		v := &outletView{OutletScore: o}
		if prev, ok := p.previous[o.Outlet]; ok && o.Scored() {
			v.HasPrevious, v.Previous, v.RuleSetChanged = true, prev.Score, prev.RuleSetChanged
			v.Delta = shown100(o.Score) - shown100(prev.Score)
		}
		m := p.families[o.Outlet]
		for i, f := range sourcescore.Families {
			b := barView{Family: f}
			if m != nil && m.n[i] > 0 {
				b.Scored, b.Score = true, m.sum[i]/float64(m.n[i])
				b.Title = fmt.Sprintf("%s: %s on average over %d articles", f, sourcescore.FormatDecimal(b.Score, 1), m.n[i])
			} else {
				b.Title = fmt.Sprintf("%s: not scored for any article", f)
			}
			v.Bars = append(v.Bars, b)
		}
		v.Trend = p.trendOf(o.Outlet)
		byOutlet[o.Outlet] = v
		out = append(out, v)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Scored() != b.Scored() {
			return a.Scored()
		}
		if a.Scored() && shown100(a.Score) != shown100(b.Score) {
			return a.Score > b.Score
		}
		return a.Outlet < b.Outlet
	})
	views := make([]outletView, len(out))
	for i, v := range out {
		views[i] = *v
	}
	return views
}

// trendOf draws the outlet's trend points (oldest first) as a line chart.
func (p *HTMLReport) trendOf(outlet string) *trendView {
	var pts []TrendPoint
	for _, t := range p.trend {
		if t.Outlet == outlet {
			pts = append(pts, t)
		}
	}
	if len(pts) < 2 {
		return nil
	}
	t := &trendView{}
	var coords, titles []string
	step := float64(trendW-8) / float64(len(pts)-1)
	for i, pt := range pts {
		x := 4 + step*float64(i)
		y := 4 + (float64(trendH-8) * (100 - math.Max(0, math.Min(100, pt.Score))) / 100)
		x, y = math.Round(x*10)/10, math.Round(y*10)/10
		coords = append(coords, fmt.Sprintf("%g,%g", x, y))
		title := fmt.Sprintf("run %d (%s): %s, %s", pt.RunID, pt.Started.UTC().Format(time.DateOnly), sourcescore.FormatDecimal(pt.Score, 1), pt.Grade)
		if pt.HasPrevious && pt.RuleSetChanged {
			title += "; rule set changed since the run before"
			t.Changes = append(t.Changes, trendDot{X: x, Y: y, Title: title})
		}
		t.Dots = append(t.Dots, trendDot{X: x, Y: y, Title: title})
		titles = append(titles, title)
	}
	t.Points = strings.Join(coords, " ")
	t.Title = strings.Join(titles, "\n")
	return t
}

// articleViewOf lays out article a, the n-th shown.
func articleViewOf(a HTMLArticle) articleView {
	v := articleView{HTMLArticle: a, Anchor: a.ID, HasText: a.Text != ""}
	for i, f := range a.Findings {
		fv := findingView{Finding: f, N: i + 1, Anchor: fmt.Sprintf("%s-f%d", v.Anchor, i+1), Severity: f.Severity.String(), Where: "-"}
		if f.Offset >= 0 && f.Pos.Line > 0 {
			fv.Where = fmt.Sprintf("%d:%d", f.Pos.Line, f.Pos.Column)
		}
		if v.HasText && evidenceAt(a.Text, f) {
			fv.Mark = fmt.Sprintf("%s-e%d", v.Anchor, i+1)
		}
		v.Findings = append(v.Findings, fv)
	}
	if v.HasText {
		v.Parts = textParts(a.Text, v.Findings)
	}
	first, count := map[string]string{}, map[string]int{}
	for _, f := range v.Findings {
		if count[f.RuleID]++; first[f.RuleID] == "" {
			first[f.RuleID] = f.Anchor
		}
	}
	for _, r := range a.Rules {
		v.Rules = append(v.Rules, ruleView{HTMLLedgerRow: r, Link: first[r.Name], Count: count[r.Name]})
	}
	return v
}

// evidenceAt reports whether f's evidence stands at its offset in text.
func evidenceAt(text string, f sourcescore.Finding) bool {
	return f.Evidence != "" && f.Offset >= 0 && f.Offset+len(f.Evidence) <= len(text) &&
		text[f.Offset:f.Offset+len(f.Evidence)] == f.Evidence
}

// textParts cuts text at every place a shown finding's evidence begins or
// ends; a part covered by several findings carries all of them.
func textParts(text string, fs []findingView) []textPart {
	cuts := map[int]bool{0: true, len(text): true}
	for _, f := range fs {
		if f.Mark != "" {
			cuts[f.Offset], cuts[f.Offset+len(f.Evidence)] = true, true
		}
	}
	at := make([]int, 0, len(cuts))
	for c := range cuts {
		at = append(at, c)
	}
	sort.Ints(at)
	var parts []textPart
	for i := 0; i+1 < len(at); i++ {
		from, to := at[i], at[i+1]
		p := textPart{Text: text[from:to]}
		sev := sourcescore.Severity(-1)
		var titles []string
		for _, f := range fs {
			if f.Mark == "" {
				continue
			}
			if f.Offset == from {
				p.Marks = append(p.Marks, f.Mark)
			}
			if f.Offset <= from && to <= f.Offset+len(f.Evidence) {
				p.Evidence = true
				if f.Finding.Severity > sev {
					sev = f.Finding.Severity
				}
				if p.Link == "" {
					p.Link = f.Anchor
				}
				titles = append(titles, fmt.Sprintf("#%d %s (%s): %s", f.N, f.RuleID, f.Severity, f.Message))
			}
		}
		if p.Evidence {
			p.Severity = sev.String()
			p.Title = strings.Join(titles, "\n")
		}
		parts = append(parts, p)
	}
	return parts
}

// signed writes a change of score with its sign and one decimal: +1.5,
// -0.3, 0.0.
func signed(v float64) string {
	s := sourcescore.FormatDecimal(v, 1)
	if s != "0.0" && !strings.HasPrefix(s, "-") {
		s = "+" + s
	}
	if s == "-0.0" {
		s = "0.0"
	}
	return s
}

// WriteHTML writes page as report.html of run runID in outDir, replacing
// the one there atomically, and returns its path. The run folder is made
// when missing; one that is not a folder (a symlink) is refused with an
// error wrapping ErrRunDirNotFolder, never followed.
func WriteHTML(outDir string, runID int64, page []byte) (string, error) {
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return "", fmt.Errorf("create output folder: %w", err)
	}
	dir := Dir(outDir, runID)
	if _, err := makeRunDir(dir); err != nil {
		return "", err
	}
	path := filepath.Join(dir, HTMLFile)
	if err := WriteFile(path, page, true); err != nil {
		return "", fmt.Errorf("write %s: %w", path, err)
	}
	return path, nil
}
