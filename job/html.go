package job

import (
	"container/heap"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"

	"sourcescore"
	"sourcescore/analysis"
	"sourcescore/reports"
	"sourcescore/store"
)

// htmlPick keeps the articles report.html shows with their ledger and text:
// all of them when the run has at most limit, else the limit lowest-scoring
// (articles without a score before all: they need a look most), the earlier
// file first among equals. It holds at most limit+1 scores, so a run of any
// size costs the page the same memory.
type htmlPick struct {
	limit int
	seen  int
	kept  pickHeap
}

type picked struct {
	seq int
	s   *sourcescore.ArticleScore
}

// pickHeap is a max-heap on how little an article needs showing: its root
// is the one to drop.
type pickHeap []picked

func (h pickHeap) Len() int           { return len(h) }
func (h pickHeap) Less(i, j int) bool { return showsLess(h[i], h[j]) }
func (h pickHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *pickHeap) Push(x any)        { *h = append(*h, x.(picked)) }
func (h *pickHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// showsLess reports whether a needs showing less than b: a has a score and
// b has none, or a scored higher, or came later.
func showsLess(a, b picked) bool {
	if a.s.Scored() != b.s.Scored() {
		return a.s.Scored()
	}
	if a.s.Score != b.s.Score {
		return a.s.Score > b.s.Score
	}
	return a.seq > b.seq
}

func newHTMLPick(limit int) *htmlPick {
	if limit <= 0 {
		limit = reports.DefaultHTMLArticles
	}
	return &htmlPick{limit: limit}
}

// add offers s, the next article of the run, to the page.
func (p *htmlPick) add(s *sourcescore.ArticleScore) {
	p.seen++
	x := picked{seq: p.seen, s: s}
	if len(p.kept) >= p.limit && !showsLess(p.kept[0], x) {
		return
	}
	heap.Push(&p.kept, x)
	if len(p.kept) > p.limit {
		heap.Pop(&p.kept)
	}
}

// why says which articles the page shows, when not all.
func (p *htmlPick) why() string {
	if p.seen <= p.limit {
		return ""
	}
	return fmt.Sprintf("the %d lowest-scoring (articles without a score first)", p.limit)
}

// addTo gives the kept articles, explained, to the page in file order: the
// text of each is the one scored in this run, or its file read again from
// input (an article whose stored results were reused, or a stored run's)
// when it is unchanged.
func (p *htmlPick) addTo(rw interface {
	AddArticleText(reports.HTMLArticle, string)
}, run sourcescore.Run, files []store.RuleFile, input string) {
	kept := append(pickHeap(nil), p.kept...)
	slices.SortFunc(kept, func(a, b picked) int { return a.seq - b.seq })
	why := p.why()
	for _, k := range kept {
		var text analysis.ArticleText
		if k.s.Article.Text == "" {
			text = analysis.ReadArticleText(input, k.s.Article)
		}
		x := analysis.Explain(run, files, k.s, text)
		rw.AddArticleText(analysis.HTMLArticle(x, k.s, text), why)
	}
}

// htmlDiffArticles bounds the work of report.html's section of changes:
// when the previous run and this one hold more articles together, reading
// both back to compare them would cost a large run more than its scoring
// saved, and the section says to run sourcescore diff instead.
const htmlDiffArticles = 4000

// htmlChangesLimit is how many changed articles the section lists.
const htmlChangesLimit = 100

// previousRun is the previous successful run over a run's input folder,
// or why it could not be read (sourcescore.ErrNotFound: there is none).
// Reading it needs nothing of the run's own rows, so a run reads it once,
// before its commit.
type previousRun struct {
	run sourcescore.Run
	err error
}

func previousOf(ctx context.Context, db *store.DB, run sourcescore.Run) previousRun {
	r, err := db.PreviousRunOfInput(ctx, run)
	return previousRun{r, err}
}

// earlyChanges gives report.html its section of changes when that needs
// nothing of run's own rows, and reports whether it did: there is no
// earlier run of the input (no section), or the two runs are too large to
// compare (the section says so). Then the page can be rendered while the
// database commits; otherwise addChangesFrom gives it after the commit.
func earlyChanges(rw interface{ SetChanges(reports.HTMLChanges) }, run sourcescore.Run, prev previousRun) bool {
	switch {
	case errors.Is(prev.err, sourcescore.ErrNotFound):
		return true
	case prev.err == nil && prev.run.Articles+run.Articles > htmlDiffArticles:
		rw.SetChanges(reports.HTMLChanges{From: prev.run, Total: max(prev.run.Articles, run.Articles),
			Note: fmt.Sprintf("Runs %d and %d hold %d articles together, more than this page compares (%d): `sourcescore diff %d %d` lists what changed.",
				prev.run.ID, run.ID, prev.run.Articles+run.Articles, htmlDiffArticles, prev.run.ID, run.ID)})
		return true
	}
	return false
}

// pendingChanges gives report.html what changed since the previous run
// before run is committed, and reports whether it did: from snaps, a Snap
// of each of run's articles (nil when they were not kept), its rule files
// and its outlets' scores over all stories. It does what addChangesFrom
// does after the commit, with the same result.
func pendingChanges(ctx context.Context, db *store.DB, rw interface{ SetChanges(reports.HTMLChanges) }, run sourcescore.Run,
	prev previousRun, files []store.RuleFile, snaps []*analysis.ArticleSnap, outlets []sourcescore.OutletScore, log *slog.Logger) bool {
	if prev.err != nil || snaps == nil || len(snaps) != run.Articles || prev.run.Articles+run.Articles > htmlDiffArticles {
		return false
	}
	d, err := analysis.DiffPending(ctx, db, prev.run, run, files, snaps, outlets)
	if err != nil {
		log.Warn("report.html: no changes since the previous run", "run", run.ID, "error", err.Error())
		rw.SetChanges(reports.HTMLChanges{From: prev.run, Note: "The runs could not be compared: " + err.Error()})
		return true
	}
	rw.SetChanges(analysis.HTMLChanges(d, htmlChangesLimit))
	return true
}

// addChanges gives report.html what changed since the previous successful
// run over the same input folder; nothing for a first run. It reads run
// from db, so run must be committed. A comparison that fails is said on the
// page and logged, and costs the run nothing else.
func addChanges(ctx context.Context, db *store.DB, rw interface{ SetChanges(reports.HTMLChanges) }, run sourcescore.Run, log *slog.Logger) {
	addChangesFrom(ctx, db, rw, run, previousOf(ctx, db, run), log)
}

// addChangesFrom is addChanges with the previous run already read.
func addChangesFrom(ctx context.Context, db *store.DB, rw interface{ SetChanges(reports.HTMLChanges) }, run sourcescore.Run, prev previousRun, log *slog.Logger) {
	if earlyChanges(rw, run, prev) {
		return
	}
	err := prev.err
	var d *analysis.RunDiff
	if err == nil {
		d, err = analysis.Diff(ctx, db, prev.run, run)
	}
	if err != nil {
		log.Warn("report.html: no changes since the previous run", "run", run.ID, "error", err.Error())
		rw.SetChanges(reports.HTMLChanges{From: prev.run, Note: "The runs could not be compared: " + err.Error()})
		return
	}
	rw.SetChanges(analysis.HTMLChanges(d, htmlChangesLimit))
}

// addComparison gives the run's story comparisons to its reports: the rows
// of story_comparison.csv and the matrices of report.html.
func addComparison(rw *reports.RunWriter, cs []analysis.StoryComparison) error {
	for _, st := range analysis.HTMLStories(cs, rw.ShowsInHTML) {
		rw.AddStory(st)
	}
	return rw.AddStoryCells(analysis.CellCount(cs), analysis.EachCell(cs))
}
