package analysis

import (
	"context"
	"fmt"
	"math"
	"path"
	"sort"
	"strconv"
	"strings"

	"sourcescore"
	"sourcescore/reports"
	"sourcescore/scoring"
	"sourcescore/store"
)

// The change column of diff.csv (reports.DiffRow.Change).
const (
	ChangeRuleSet         = "rule_set"
	ChangeRuleFileAdded   = "rule_file_added"
	ChangeRuleFileRemoved = "rule_file_removed"
	ChangeRuleFileChanged = "rule_file_changed"
	ChangeArticleMoved    = "article_moved"
	ChangeArticleAdded    = "article_added"
	ChangeArticleRemoved  = "article_removed"
	ChangeRule            = "rule"
	ChangeCap             = "cap"
	ChangeFindingAdded    = "finding_added"
	ChangeFindingRemoved  = "finding_removed"
	ChangeOutletMoved     = "outlet_moved"
	ChangeOutletAdded     = "outlet_added"
	ChangeOutletRemoved   = "outlet_removed"
)

// RunDiff is what changed between run A (before) and run B (after): the
// rule files, the articles that moved, appeared, disappeared or whose
// findings changed, and the outlets that moved.
type RunDiff struct {
	A, B      sourcescore.Run
	RulesA    string // the folder run A's rule files came from ("" when unknown)
	RulesB    string
	RuleFiles []RuleFileChange
	Articles  []ArticleChange // sorted by file, then id
	Total     int             // articles in either run
	Outlets   []OutletChange  // sorted by outlet
}

// RuleFileChange is a rule file added, removed or changed.
type RuleFileChange struct {
	Path             string // relative to the rule folder; "wordlist:PATH" for word lists
	Change           string // ChangeRuleFile*
	OldHash, NewHash string
}

// ArticleSnap is what diff keeps of one article of a run.
type ArticleSnap struct {
	ID, File, Outlet string
	Score            float64
	Grade            string
	Caps             string  // the grade caps that applied, as the reports show them; "" for none
	CapLost          float64 // the points the caps took
	Rules            map[string]RuleSnap
	Findings         []sourcescore.Finding
}

// RuleSnap is one rule's score of one article, with its ledger entry.
type RuleSnap struct {
	Score, Weight float64
	Applied       bool
	Share, Lost   float64 // points it controls and lost (scoring.Ledger)
}

// Snap is what Diff keeps of an article score.
func Snap(s *sourcescore.ArticleScore) *ArticleSnap {
	a := &ArticleSnap{ID: s.Article.ID, File: s.Article.File, Outlet: s.Article.Meta.OutletName(),
		Score: s.Score, Grade: s.Grade, Caps: s.CapsString(), CapLost: s.CapPoints(),
		Rules: map[string]RuleSnap{}, Findings: s.Findings}
	for i, c := range scoring.Ledger(s)[:len(s.Rules)] { // the cap line is CapLost
		r := s.Rules[i]
		a.Rules[r.RuleID] = RuleSnap{Score: r.Score, Weight: r.Weight, Applied: r.Applied, Share: c.Share, Lost: c.Lost}
	}
	return a
}

// ArticleChange is one article that moved, appeared, disappeared or whose
// findings changed.
type ArticleChange struct {
	Old, New       *ArticleSnap // nil when the article is not in that run
	Change         string       // ChangeArticle*, or "" when only findings changed
	Rules          []RuleChange // for a moved article: the rules responsible, biggest first
	Cap            *CapChange   // for a moved article whose grade caps changed or took other points
	Added, Removed []sourcescore.Finding
}

// CapChange is a change of an article's grade caps.
type CapChange struct {
	Old, New         string  // the caps that applied, as the reports show them; "" for none
	OldLost, NewLost float64 // the points they took
	Points           float64 // the points the change gave back (+) or cost (-): OldLost - NewLost
}

// Why says what changed about the caps.
func (c CapChange) Why() string {
	caps := func(s string) string {
		if s == "" {
			return "none"
		}
		return s
	}
	var parts []string
	if c.Old != c.New {
		parts = append(parts, caps(c.Old)+" → "+caps(c.New))
	} else {
		parts = append(parts, caps(c.New))
	}
	if math.Abs(c.Points) >= 0.005 {
		parts = append(parts, fmt.Sprintf("took %s → %s points", shown(c.OldLost), shown(c.NewLost)))
	} else if c.New != "" {
		parts = append(parts, "takes no points: the score is not above its limit")
	}
	return strings.Join(parts, ", ")
}

// Contribution is one line of what moved an article: a rule or the caps.
type Contribution struct {
	ID     string  // the rule id, or ChangeCap
	Points float64 // what it gave back (+) or cost (-)
	Why    string  // what changed about it
	Rule   *RuleChange
}

// Contributions returns the rules and the caps that moved c, biggest
// first: their points add up to the score change.
func (c ArticleChange) Contributions() []Contribution {
	out := make([]Contribution, 0, len(c.Rules)+1)
	for i := range c.Rules {
		rc := &c.Rules[i]
		out = append(out, Contribution{ID: rc.RuleID, Points: rc.Points, Why: rc.Why(), Rule: rc})
	}
	if c.Cap != nil {
		out = append(out, Contribution{ID: ChangeCap, Points: c.Cap.Points, Why: c.Cap.Why()})
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := math.Abs(out[i].Points), math.Abs(out[j].Points)
		if math.Abs(a-b) > 1e-9 {
			return a > b
		}
		return out[i].ID < out[j].ID
	})
	return out
}

// Snap is the article in run B, or in run A when it is not in run B.
func (c ArticleChange) Snap() *ArticleSnap {
	if c.New != nil {
		return c.New
	}
	return c.Old
}

// RuleChange is a rule whose part in an article's score changed.
type RuleChange struct {
	RuleID   string
	Old, New *RuleSnap // nil when the rule is not in that run
	Points   float64   // points it gave back (+) or cost (-): its lost points in A minus in B
}

// OutletChange is an outlet whose score, grade or article count changed.
type OutletChange struct {
	Outlet   string
	Old, New *sourcescore.OutletScore // nil when the outlet is not in that run
}

// shown is a score as the tables show it.
func shown(v float64) string { return sourcescore.FormatDecimal(v, 1) }

// Diff compares run a (before) with run b (after). It holds run A's
// articles in memory, one small record each, and streams run B's.
func Diff(ctx context.Context, db *store.DB, a, b sourcescore.Run) (*RunDiff, error) {
	filesB, err := db.RuleFiles(ctx, b.ID)
	if err != nil {
		return nil, err
	}
	outB, err := db.OutletScores(ctx, b.ID)
	if err != nil {
		return nil, err
	}
	return diff(ctx, db, a, b, filesB, outB, func(fn func(*ArticleSnap)) error {
		return db.EachArticleScore(ctx, b.ID, func(s *sourcescore.ArticleScore) error {
			fn(Snap(s))
			return nil
		})
	})
}

// DiffPending is Diff for a run b that is not stored yet, from what the
// job holds of it: its rule files, a Snap of each of its articles and its
// outlets' scores over all stories. Run a is read from db. It gives the
// RunDiff that Diff gives once b is stored (TestDiffPending_sameAsDiff), so
// that report.html can show the changes while the run commits.
func DiffPending(ctx context.Context, db *store.DB, a, b sourcescore.Run, filesB []store.RuleFile, articlesB []*ArticleSnap, outletsB []sourcescore.OutletScore) (*RunDiff, error) {
	return diff(ctx, db, a, b, filesB, outletsB, func(fn func(*ArticleSnap)) error {
		for _, n := range articlesB {
			fn(n)
		}
		return nil
	})
}

// diff compares stored run a with run b, given by its rule files, its
// outlets' scores over all stories and eachB, which calls fn with a Snap of
// each of its articles.
func diff(ctx context.Context, db *store.DB, a, b sourcescore.Run, filesB []store.RuleFile, outB []sourcescore.OutletScore,
	eachB func(fn func(*ArticleSnap)) error) (*RunDiff, error) {
	d := &RunDiff{A: a, B: b}
	filesA, err := db.RuleFiles(ctx, a.ID)
	if err != nil {
		return nil, err
	}
	d.RulesA, d.RulesB, d.RuleFiles = CompareRuleFiles(filesA, filesB)

	old := map[string]*ArticleSnap{}
	if err := db.EachArticleScore(ctx, a.ID, func(s *sourcescore.ArticleScore) error {
		old[s.Article.ID] = Snap(s)
		return nil
	}); err != nil {
		return nil, err
	}
	d.Total = len(old)
	if err := eachB(func(n *ArticleSnap) {
		o := old[n.ID]
		if o == nil {
			d.Total++
		}
		delete(old, n.ID)
		if c, ok := compareArticle(o, n); ok {
			d.Articles = append(d.Articles, c)
		}
	}); err != nil {
		return nil, err
	}
	for _, o := range old {
		c, _ := compareArticle(o, nil)
		d.Articles = append(d.Articles, c)
	}
	sort.Slice(d.Articles, func(i, j int) bool {
		x, y := d.Articles[i].Snap(), d.Articles[j].Snap()
		if x.File != y.File {
			return x.File < y.File
		}
		return x.ID < y.ID
	})

	outA, err := db.OutletScores(ctx, a.ID)
	if err != nil {
		return nil, err
	}
	d.Outlets = compareOutlets(outA, outB)
	return d, nil
}

// compareArticle compares an article in run A (o) and run B (n), either of
// which may be nil, and reports whether anything changed.
func compareArticle(o, n *ArticleSnap) (ArticleChange, bool) {
	c := ArticleChange{Old: o, New: n}
	switch {
	case o == nil:
		c.Change = ChangeArticleAdded
		c.Added = n.Findings
		return c, true
	case n == nil:
		c.Change = ChangeArticleRemoved
		c.Removed = o.Findings
		return c, true
	}
	if shown(o.Score) != shown(n.Score) || o.Grade != n.Grade || o.Caps != n.Caps {
		c.Change = ChangeArticleMoved
		c.Rules = compareRules(o.Rules, n.Rules)
		if cc := (CapChange{Old: o.Caps, New: n.Caps, OldLost: o.CapLost, NewLost: n.CapLost,
			Points: o.CapLost - n.CapLost}); o.Caps != n.Caps || math.Abs(cc.Points) >= 0.005 {
			c.Cap = &cc
		}
	}
	c.Added, c.Removed = CompareFindings(o.Findings, n.Findings)
	return c, c.Change != "" || len(c.Added) > 0 || len(c.Removed) > 0
}

// compareRules returns the rules whose part in the score changed: their
// lost points, score, weight or whether they applied. Sorted by the size
// of their points, then by id.
func compareRules(o, n map[string]RuleSnap) []RuleChange {
	ids := map[string]bool{}
	for id := range o {
		ids[id] = true
	}
	for id := range n {
		ids[id] = true
	}
	var out []RuleChange
	for id := range ids {
		c := RuleChange{RuleID: id}
		var lostA, lostB float64
		if r, ok := o[id]; ok {
			c.Old = &r
			lostA = r.Lost
		}
		if r, ok := n[id]; ok {
			c.New = &r
			lostB = r.Lost
		}
		c.Points = lostA - lostB
		if math.Abs(c.Points) >= 0.005 || c.Old == nil || c.New == nil || c.Old.Weight != c.New.Weight ||
			c.Old.Applied != c.New.Applied || (c.Old.Applied && math.Abs(c.Old.Score-c.New.Score) > 1e-9) {
			out = append(out, c)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := math.Abs(out[i].Points), math.Abs(out[j].Points)
		if math.Abs(a-b) > 1e-9 {
			return a > b
		}
		return out[i].RuleID < out[j].RuleID
	})
	return out
}

// Why says what changed about a rule.
func (c RuleChange) Why() string {
	switch {
	case c.Old == nil:
		return "new rule"
	case c.New == nil:
		return "rule removed"
	case c.Old.Applied != c.New.Applied && c.New.Applied:
		return "now scored"
	case c.Old.Applied != c.New.Applied:
		return "no longer scored"
	}
	var parts []string
	if c.Old.Weight != c.New.Weight {
		parts = append(parts, "weight "+num(c.Old.Weight)+" → "+num(c.New.Weight))
	}
	if c.New.Applied && math.Abs(c.Old.Score-c.New.Score) > 1e-9 {
		parts = append(parts, fmt.Sprintf("score %.3f → %.3f", c.Old.Score, c.New.Score))
	}
	if len(parts) == 0 {
		return fmt.Sprintf("share %s → %s points (other weights changed)", shown(c.Old.Share), shown(c.New.Share))
	}
	return strings.Join(parts, ", ")
}

// findingKey identifies a finding across runs.
func findingKey(f sourcescore.Finding) string {
	return f.RuleID + "\x00" + f.Evidence + "\x00" + f.Pos.String()
}

// CompareFindings returns the findings of n that o lacks and those of o
// that n lacks, matched by rule, evidence and line:column (counting
// repeats), each in its run's order.
func CompareFindings(o, n []sourcescore.Finding) (added, removed []sourcescore.Finding) {
	count := map[string]int{}
	for _, f := range o {
		count[findingKey(f)]++
	}
	for _, f := range n {
		k := findingKey(f)
		if count[k] > 0 {
			count[k]--
			continue
		}
		added = append(added, f)
	}
	for _, f := range o {
		k := findingKey(f)
		if count[k] > 0 {
			count[k]--
			removed = append(removed, f)
		}
	}
	return added, removed
}

// compareOutlets returns the outlets whose score as shown, grade or number
// of articles changed, and those in one run only.
func compareOutlets(a, b []sourcescore.OutletScore) []OutletChange {
	byName := map[string]*OutletChange{}
	var names []string
	for _, o := range a {
		o := o
		byName[o.Outlet] = &OutletChange{Outlet: o.Outlet, Old: &o}
		names = append(names, o.Outlet)
	}
	for _, o := range b {
		o := o
		if c, ok := byName[o.Outlet]; ok {
			c.New = &o
			continue
		}
		byName[o.Outlet] = &OutletChange{Outlet: o.Outlet, New: &o}
		names = append(names, o.Outlet)
	}
	sort.Strings(names)
	var out []OutletChange
	for _, name := range names {
		c := byName[name]
		if c.Old != nil && c.New != nil && shown(c.Old.Score) == shown(c.New.Score) &&
			c.Old.Grade == c.New.Grade && c.Old.Articles == c.New.Articles {
			continue
		}
		out = append(out, *c)
	}
	return out
}

// Change is the change column of c's row: ChangeOutletAdded, Removed or
// Moved.
func (c OutletChange) Change() string {
	switch {
	case c.Old == nil:
		return ChangeOutletAdded
	case c.New == nil:
		return ChangeOutletRemoved
	}
	return ChangeOutletMoved
}

// CompareRuleFiles matches the rule files of two runs by their path inside
// their rule folder, so that a copied rule set compares file by file with
// the one it was copied from, and returns both folders and the changes.
func CompareRuleFiles(a, b []store.RuleFile) (dirA, dirB string, changes []RuleFileChange) {
	dirA, relA := relRuleFiles(a)
	dirB, relB := relRuleFiles(b)
	paths := map[string]bool{}
	for p := range relA {
		paths[p] = true
	}
	for p := range relB {
		paths[p] = true
	}
	for p := range paths {
		ha, inA := relA[p]
		hb, inB := relB[p]
		switch {
		case !inA:
			changes = append(changes, RuleFileChange{Path: p, Change: ChangeRuleFileAdded, NewHash: hb})
		case !inB:
			changes = append(changes, RuleFileChange{Path: p, Change: ChangeRuleFileRemoved, OldHash: ha})
		case ha != hb:
			changes = append(changes, RuleFileChange{Path: p, Change: ChangeRuleFileChanged, OldHash: ha, NewHash: hb})
		}
	}
	sort.Slice(changes, func(i, j int) bool { return changes[i].Path < changes[j].Path })
	return dirA, dirB, changes
}

// relRuleFiles returns the folder the rule files of a run share and each
// file's hash by its path inside that folder. Word lists
// ("wordlist:PATH") keep their name.
func relRuleFiles(files []store.RuleFile) (string, map[string]string) {
	var dir []string
	first := true
	for _, f := range files {
		if strings.HasPrefix(f.Path, "wordlist:") {
			continue
		}
		parts := strings.Split(path.Dir(f.Path), "/")
		if first {
			dir, first = parts, false
			continue
		}
		k := 0
		for k < len(dir) && k < len(parts) && dir[k] == parts[k] {
			k++
		}
		dir = dir[:k]
	}
	prefix := strings.Join(dir, "/")
	out := map[string]string{}
	for _, f := range files {
		p := f.Path
		if !strings.HasPrefix(p, "wordlist:") && prefix != "" && prefix != "." {
			p = strings.TrimPrefix(strings.TrimPrefix(p, prefix), "/")
		}
		out[p] = f.Hash
	}
	return prefix, out
}

// Empty reports whether nothing changed at all.
func (d *RunDiff) Empty() bool {
	return d.A.RuleSetHash == d.B.RuleSetHash && len(d.RuleFiles) == 0 && len(d.Articles) == 0 && len(d.Outlets) == 0
}

// Moved counts the articles that moved, appeared or disappeared.
func (d *RunDiff) Moved() int {
	n := 0
	for _, c := range d.Articles {
		if c.Change != "" {
			n++
		}
	}
	return n
}

// Rows returns the diff as rows of diff.csv: the rule set and rule files,
// then per article its row, its rules and its findings, then the outlets.
func (d *RunDiff) Rows() []reports.DiffRow {
	var rows []reports.DiffRow
	if d.A.RuleSetHash != d.B.RuleSetHash {
		rows = append(rows, reports.DiffRow{Change: ChangeRuleSet, Detail: d.A.RuleSetHash + " -> " + d.B.RuleSetHash})
	}
	for _, f := range d.RuleFiles {
		rows = append(rows, reports.DiffRow{Change: f.Change, RuleFile: f.Path, Detail: hashChange(f.OldHash, f.NewHash)})
	}
	for _, c := range d.Articles {
		s := c.Snap()
		base := reports.DiffRow{ArticleID: s.ID, File: s.File, Outlet: s.Outlet}
		if c.Change != "" {
			r := base
			r.Change = c.Change
			if c.Old != nil {
				r.Old, r.OldGrade = ptr(c.Old.Score), c.Old.Grade
			}
			if c.New != nil {
				r.New, r.NewGrade = ptr(c.New.Score), c.New.Grade
			}
			if c.Old != nil && c.New != nil {
				r.Points = ptr(c.New.Score - c.Old.Score)
			}
			rows = append(rows, r)
		}
		for _, ct := range c.Contributions() {
			r := base
			r.RuleRow, r.Points, r.Detail = true, ptr(ct.Points), strings.ReplaceAll(ct.Why, "→", "->")
			if ct.Rule == nil {
				r.Change = ChangeCap
				rows = append(rows, r)
				continue
			}
			rc := ct.Rule
			r.Change, r.RuleID = ChangeRule, rc.RuleID
			if rc.Old != nil {
				r.OldWeight = ptr(rc.Old.Weight)
				if rc.Old.Applied {
					r.Old = ptr(rc.Old.Score)
				}
			}
			if rc.New != nil {
				r.NewWeight = ptr(rc.New.Weight)
				if rc.New.Applied {
					r.New = ptr(rc.New.Score)
				}
			}
			rows = append(rows, r)
		}
		for _, set := range []struct {
			change   string
			findings []sourcescore.Finding
		}{{ChangeFindingRemoved, c.Removed}, {ChangeFindingAdded, c.Added}} {
			for _, f := range set.findings {
				r := base
				r.Change, r.RuleID, r.Severity, r.Evidence, r.Detail = set.change, f.RuleID, f.Severity.String(), f.Evidence, f.Message
				r.Line, r.Column = f.Pos.Line, f.Pos.Column
				rows = append(rows, r)
			}
		}
	}
	for _, o := range d.Outlets {
		r := reports.DiffRow{Change: o.Change(), Outlet: o.Outlet}
		if o.Old != nil {
			r.Old, r.OldGrade = ptr(o.Old.Score), o.Old.Grade
		}
		if o.New != nil {
			r.New, r.NewGrade = ptr(o.New.Score), o.New.Grade
		}
		if o.Old != nil && o.New != nil {
			r.Points = ptr(o.New.Score - o.Old.Score)
			if o.Old.Articles != o.New.Articles {
				r.Detail = fmt.Sprintf("articles %d -> %d", o.Old.Articles, o.New.Articles)
			}
		}
		rows = append(rows, r)
	}
	return rows
}

// hashChange is the detail of a rule file's row: its hash, or both.
func hashChange(old, new string) string {
	switch {
	case old == "":
		return new
	case new == "":
		return old
	}
	return old + " -> " + new
}

// num formats a weight with as many decimals as it needs.
func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
