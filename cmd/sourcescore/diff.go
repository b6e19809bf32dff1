package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"path"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"

	"sourcescore"
	"sourcescore/reports"
	"sourcescore/scoring"
	"sourcescore/store"

	"github.com/spf13/pflag"
)

const diffExamples = `  sourcescore diff                  # the two latest successful runs
  sourcescore diff 1 2              # run 1 (before) against run 2 (after)
  sourcescore diff --out /tmp 4 latest --csv-delimiter ';' --csv-bom

The loop for tuning a rule set:
  sourcescore rules init myrules/   # then change a weight or a phrase
  sourcescore run --rules myrules/
  sourcescore diff                  # which articles moved, and by which rule

An article moved when its score as shown (one decimal), its grade or its
grade caps changed. The rules responsible are those whose points lost
changed, with the points they cost or gave back, biggest first, and what
changed about each (its weight, its score, or only its share when other
weights moved); a grade cap that appeared, went or took other points is a
"cap" line. Rule and cap points add up to the score change (rounded so
that the table adds up too). Findings are matched by rule, evidence and
line:column. Also written to <out>/diff-A-B.csv.
`

// The change column of diff.csv.
const (
	changeRuleSet         = "rule_set"
	changeRuleFileAdded   = "rule_file_added"
	changeRuleFileRemoved = "rule_file_removed"
	changeRuleFileChanged = "rule_file_changed"
	changeArticleMoved    = "article_moved"
	changeArticleAdded    = "article_added"
	changeArticleRemoved  = "article_removed"
	changeRule            = "rule"
	changeCap             = "cap"
	changeFindingAdded    = "finding_added"
	changeFindingRemoved  = "finding_removed"
	changeOutletMoved     = "outlet_moved"
	changeOutletAdded     = "outlet_added"
	changeOutletRemoved   = "outlet_removed"
)

func cmdDiff(fs *pflag.FlagSet) runner {
	db := fs.String("db", "out/sourcescore.db", "SQLite database `file` the runs are in")
	out := fs.String("out", "out/reports", "`folder` to write diff-<A>-<B>.csv to")
	delimiter := fs.String("csv-delimiter", ",", "CSV field delimiter: ',' or ';' (';' also writes decimal commas, for German-locale Excel)")
	bom := fs.Bool("csv-bom", false, "start the CSV file with a UTF-8 byte-order mark (Excel)")
	return func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
		var opt reports.Options
		switch *delimiter {
		case ",":
			opt.Delimiter = ','
		case ";":
			opt.Delimiter, opt.DecimalComma = ';', true
		default:
			return usageError{fmt.Sprintf("--csv-delimiter %q: use ',' or ';'", *delimiter)}
		}
		opt.BOM = *bom
		if len(args) != 0 && len(args) != 2 {
			return usageError{"diff takes two runs, RUN_A (before) and RUN_B (after), or none for the two latest successful runs (see sourcescore diff --help)"}
		}
		st, err := openExistingDB(ctx, *db)
		if err != nil {
			return err
		}
		defer st.Close()
		a, b, err := pickRuns(ctx, st, args)
		if err != nil {
			return err
		}
		d, err := diffRuns(ctx, st, a, b)
		if err != nil {
			return err
		}
		rows := d.rows()
		written, err := reports.WriteDiff(*out, a.ID, b.ID, rows, opt)
		if err != nil {
			return err
		}
		printDiff(stdout, d)
		fmt.Fprintf(stdout, "\nWritten: %s (%d rows)\n", written, len(rows))
		return nil
	}
}

// pickRuns returns the runs named by args ("latest" for the latest
// successful run), or the two latest successful runs when args is empty.
func pickRuns(ctx context.Context, db *store.DB, args []string) (a, b sourcescore.Run, err error) {
	if len(args) == 0 {
		runs, err := db.Runs(ctx, 0)
		if err != nil {
			return a, b, err
		}
		var ok []sourcescore.Run
		for _, r := range runs {
			if r.Status == sourcescore.RunSucceeded {
				ok = append(ok, r)
			}
		}
		if len(ok) < 2 {
			return a, b, usageError{fmt.Sprintf("diff needs two successful runs; %s holds %d\n\ttry: sourcescore run --rules DIR, then sourcescore diff", db.Path(), len(ok))}
		}
		return ok[1], ok[0], nil
	}
	var ids [2]int64
	for i, arg := range args {
		if arg == "latest" {
			continue
		}
		id, err := strconv.ParseInt(arg, 10, 64)
		if err != nil || id < 1 {
			return a, b, usageError{fmt.Sprintf("run %q: give a run id (a number, as 'sourcescore run' prints it) or latest", arg)}
		}
		ids[i] = id
	}
	if a, err = pickRun(ctx, db, ids[0], ""); err != nil {
		return a, b, err
	}
	b, err = pickRun(ctx, db, ids[1], "")
	return a, b, err
}

// runDiff is what changed between run A (before) and run B (after).
type runDiff struct {
	A, B      sourcescore.Run
	RulesA    string // the folder run A's rule files came from ("" when unknown)
	RulesB    string
	RuleFiles []ruleFileChange
	Articles  []articleChange // sorted by file, then id
	Total     int             // articles in either run
	Outlets   []outletChange  // sorted by outlet
}

// ruleFileChange is a rule file added, removed or changed.
type ruleFileChange struct {
	Path             string // relative to the rule folder; "wordlist:PATH" for word lists
	Change           string // changeRuleFile*
	OldHash, NewHash string
}

// articleSnap is what diff keeps of one article of a run.
type articleSnap struct {
	ID, File, Outlet string
	Score            float64
	Grade            string
	Caps             string  // the grade caps that applied, as the reports show them; "" for none
	CapLost          float64 // the points the caps took
	Rules            map[string]ruleSnap
	Findings         []sourcescore.Finding
}

// ruleSnap is one rule's score of one article, with its ledger entry.
type ruleSnap struct {
	Score, Weight float64
	Applied       bool
	Share, Lost   float64 // points it controls and lost (scoring.Ledger)
}

func snapOf(s *sourcescore.ArticleScore) *articleSnap {
	a := &articleSnap{ID: s.Article.ID, File: s.Article.File, Outlet: s.Article.Meta.OutletName(),
		Score: s.Score, Grade: s.Grade, Caps: s.CapsString(), CapLost: s.CapPoints(),
		Rules: map[string]ruleSnap{}, Findings: s.Findings}
	for i, c := range scoring.Ledger(s)[:len(s.Rules)] { // the cap line is CapLost
		r := s.Rules[i]
		a.Rules[r.RuleID] = ruleSnap{Score: r.Score, Weight: r.Weight, Applied: r.Applied, Share: c.Share, Lost: c.Lost}
	}
	return a
}

// articleChange is one article that moved, appeared, disappeared or whose
// findings changed.
type articleChange struct {
	Old, New       *articleSnap // nil when the article is not in that run
	Change         string       // changeArticle*, or "" when only findings changed
	Rules          []ruleChange // for a moved article: the rules responsible, biggest first
	Cap            *capChange   // for a moved article whose grade caps changed or took other points
	Added, Removed []sourcescore.Finding
}

// capChange is a change of an article's grade caps.
type capChange struct {
	Old, New         string  // the caps that applied, as the reports show them; "" for none
	OldLost, NewLost float64 // the points they took
	Points           float64 // the points the change gave back (+) or cost (-): OldLost - NewLost
}

// why says what changed about the caps.
func (c capChange) why() string {
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

// contribution is one line of what moved an article: a rule or the caps.
type contribution struct {
	ID     string  // the rule id, or changeCap
	Points float64 // what it gave back (+) or cost (-)
	Why    string  // what changed about it
	Rule   *ruleChange
}

// contributions returns the rules and the caps that moved c, biggest
// first: their points add up to the score change.
func (c articleChange) contributions() []contribution {
	out := make([]contribution, 0, len(c.Rules)+1)
	for i := range c.Rules {
		rc := &c.Rules[i]
		out = append(out, contribution{ID: rc.RuleID, Points: rc.Points, Why: rc.why(), Rule: rc})
	}
	if c.Cap != nil {
		out = append(out, contribution{ID: changeCap, Points: c.Cap.Points, Why: c.Cap.why()})
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

func (c articleChange) snap() *articleSnap {
	if c.New != nil {
		return c.New
	}
	return c.Old
}

// ruleChange is a rule whose part in an article's score changed.
type ruleChange struct {
	RuleID   string
	Old, New *ruleSnap // nil when the rule is not in that run
	Points   float64   // points it gave back (+) or cost (-): its lost points in A minus in B
}

// outletChange is an outlet whose score, grade or article count changed.
type outletChange struct {
	Outlet   string
	Old, New *sourcescore.OutletScore // nil when the outlet is not in that run
}

// shown is a score as the tables show it.
func shown(v float64) string { return sourcescore.FormatDecimal(v, 1) }

// diffRuns compares run a (before) with run b (after). It holds run A's
// articles in memory, one small record each, and streams run B's.
func diffRuns(ctx context.Context, db *store.DB, a, b sourcescore.Run) (*runDiff, error) {
	d := &runDiff{A: a, B: b}
	filesA, err := db.RuleFiles(ctx, a.ID)
	if err != nil {
		return nil, err
	}
	filesB, err := db.RuleFiles(ctx, b.ID)
	if err != nil {
		return nil, err
	}
	d.RulesA, d.RulesB, d.RuleFiles = compareRuleFiles(filesA, filesB)

	old := map[string]*articleSnap{}
	if err := db.EachArticleScore(ctx, a.ID, func(s *sourcescore.ArticleScore) error {
		old[s.Article.ID] = snapOf(s)
		return nil
	}); err != nil {
		return nil, err
	}
	d.Total = len(old)
	if err := db.EachArticleScore(ctx, b.ID, func(s *sourcescore.ArticleScore) error {
		n := snapOf(s)
		o := old[n.ID]
		if o == nil {
			d.Total++
		}
		delete(old, n.ID)
		if c, ok := compareArticle(o, n); ok {
			d.Articles = append(d.Articles, c)
		}
		return nil
	}); err != nil {
		return nil, err
	}
	for _, o := range old {
		c, _ := compareArticle(o, nil)
		d.Articles = append(d.Articles, c)
	}
	sort.Slice(d.Articles, func(i, j int) bool {
		x, y := d.Articles[i].snap(), d.Articles[j].snap()
		if x.File != y.File {
			return x.File < y.File
		}
		return x.ID < y.ID
	})

	outA, err := db.OutletScores(ctx, a.ID)
	if err != nil {
		return nil, err
	}
	outB, err := db.OutletScores(ctx, b.ID)
	if err != nil {
		return nil, err
	}
	d.Outlets = compareOutlets(outA, outB)
	return d, nil
}

// compareArticle compares an article in run A (o) and run B (n), either of
// which may be nil, and reports whether anything changed.
func compareArticle(o, n *articleSnap) (articleChange, bool) {
	c := articleChange{Old: o, New: n}
	switch {
	case o == nil:
		c.Change = changeArticleAdded
		c.Added = n.Findings
		return c, true
	case n == nil:
		c.Change = changeArticleRemoved
		c.Removed = o.Findings
		return c, true
	}
	if shown(o.Score) != shown(n.Score) || o.Grade != n.Grade || o.Caps != n.Caps {
		c.Change = changeArticleMoved
		c.Rules = compareRules(o.Rules, n.Rules)
		if cc := (capChange{Old: o.Caps, New: n.Caps, OldLost: o.CapLost, NewLost: n.CapLost,
			Points: o.CapLost - n.CapLost}); o.Caps != n.Caps || math.Abs(cc.Points) >= 0.005 {
			c.Cap = &cc
		}
	}
	c.Added, c.Removed = compareFindings(o.Findings, n.Findings)
	return c, c.Change != "" || len(c.Added) > 0 || len(c.Removed) > 0
}

// compareRules returns the rules whose part in the score changed: their
// lost points, score, weight or whether they applied. Sorted by the size
// of their points, then by id.
func compareRules(o, n map[string]ruleSnap) []ruleChange {
	ids := map[string]bool{}
	for id := range o {
		ids[id] = true
	}
	for id := range n {
		ids[id] = true
	}
	var out []ruleChange
	for id := range ids {
		c := ruleChange{RuleID: id}
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

// why says what changed about a rule.
func (c ruleChange) why() string {
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

// compareFindings returns the findings of n that o lacks and those of o
// that n lacks, matched by rule, evidence and line:column (counting
// repeats), each in its run's order.
func compareFindings(o, n []sourcescore.Finding) (added, removed []sourcescore.Finding) {
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
func compareOutlets(a, b []sourcescore.OutletScore) []outletChange {
	byName := map[string]*outletChange{}
	var names []string
	for _, o := range a {
		o := o
		byName[o.Outlet] = &outletChange{Outlet: o.Outlet, Old: &o}
		names = append(names, o.Outlet)
	}
	for _, o := range b {
		o := o
		if c, ok := byName[o.Outlet]; ok {
			c.New = &o
			continue
		}
		byName[o.Outlet] = &outletChange{Outlet: o.Outlet, New: &o}
		names = append(names, o.Outlet)
	}
	sort.Strings(names)
	var out []outletChange
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

func (c outletChange) change() string {
	switch {
	case c.Old == nil:
		return changeOutletAdded
	case c.New == nil:
		return changeOutletRemoved
	}
	return changeOutletMoved
}

// compareRuleFiles matches the rule files of two runs by their path inside
// their rule folder, so that a copied rule set compares file by file with
// the one it was copied from, and returns both folders and the changes.
func compareRuleFiles(a, b []store.RuleFile) (dirA, dirB string, changes []ruleFileChange) {
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
			changes = append(changes, ruleFileChange{Path: p, Change: changeRuleFileAdded, NewHash: hb})
		case !inB:
			changes = append(changes, ruleFileChange{Path: p, Change: changeRuleFileRemoved, OldHash: ha})
		case ha != hb:
			changes = append(changes, ruleFileChange{Path: p, Change: changeRuleFileChanged, OldHash: ha, NewHash: hb})
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

// empty reports whether nothing changed at all.
func (d *runDiff) empty() bool {
	return d.A.RuleSetHash == d.B.RuleSetHash && len(d.RuleFiles) == 0 && len(d.Articles) == 0 && len(d.Outlets) == 0
}

// moved counts the articles that moved, appeared or disappeared.
func (d *runDiff) moved() int {
	n := 0
	for _, c := range d.Articles {
		if c.Change != "" {
			n++
		}
	}
	return n
}

// rows returns the diff as rows of diff.csv: the rule set and rule files,
// then per article its row, its rules and its findings, then the outlets.
func (d *runDiff) rows() []reports.DiffRow {
	var rows []reports.DiffRow
	if d.A.RuleSetHash != d.B.RuleSetHash {
		rows = append(rows, reports.DiffRow{Change: changeRuleSet, Detail: d.A.RuleSetHash + " -> " + d.B.RuleSetHash})
	}
	for _, f := range d.RuleFiles {
		rows = append(rows, reports.DiffRow{Change: f.Change, RuleFile: f.Path, Detail: hashChange(f.OldHash, f.NewHash)})
	}
	for _, c := range d.Articles {
		s := c.snap()
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
		for _, ct := range c.contributions() {
			r := base
			r.RuleRow, r.Points, r.Detail = true, ptr(ct.Points), strings.ReplaceAll(ct.Why, "→", "->")
			if ct.Rule == nil {
				r.Change = changeCap
				rows = append(rows, r)
				continue
			}
			rc := ct.Rule
			r.Change, r.RuleID = changeRule, rc.RuleID
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
		}{{changeFindingRemoved, c.Removed}, {changeFindingAdded, c.Added}} {
			for _, f := range set.findings {
				r := base
				r.Change, r.RuleID, r.Severity, r.Evidence, r.Detail = set.change, f.RuleID, f.Severity.String(), f.Evidence, f.Message
				r.Line, r.Column = f.Pos.Line, f.Pos.Column
				rows = append(rows, r)
			}
		}
	}
	for _, o := range d.Outlets {
		r := reports.DiffRow{Change: o.change(), Outlet: o.Outlet}
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

func hashChange(old, new string) string {
	switch {
	case old == "":
		return new
	case new == "":
		return old
	}
	return old + " -> " + new
}

// printDiff writes the diff as tables.
func printDiff(w io.Writer, d *runDiff) {
	runLine := func(r sourcescore.Run, rulesDir string) string {
		from := ""
		if rulesDir != "" {
			from = " from " + rulesDir
		}
		return fmt.Sprintf("run %d  %s  %d articles  input %s  rules%s, set %s", r.ID,
			r.Started.UTC().Format("2006-01-02 15:04 UTC"), r.Articles, r.Input, from, short(r.RuleSetHash))
	}
	fmt.Fprintf(w, "Run %d (before) against run %d (after)\n  %s\n  %s\n", d.A.ID, d.B.ID, runLine(d.A, d.RulesA), runLine(d.B, d.RulesB))
	if d.empty() {
		fmt.Fprintln(w, "\nNo changes: the same rule set, and the same scores, grades and findings for every article.")
		return
	}

	if d.A.RuleSetHash == d.B.RuleSetHash {
		fmt.Fprintf(w, "\nRule set: the same (%s)\n", short(d.A.RuleSetHash))
	} else {
		fmt.Fprintf(w, "\nRule set changed: %s → %s\n", d.A.RuleSetHash, d.B.RuleSetHash)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		for _, f := range d.RuleFiles {
			row(tw, "  "+strings.TrimPrefix(f.Change, "rule_file_"), f.Path, shortOr(f.OldHash)+" → "+shortOr(f.NewHash))
		}
		tw.Flush()
	}

	moved := d.moved()
	if moved == 0 {
		fmt.Fprintf(w, "\nArticles moved: none of %d\n", d.Total)
	} else {
		fmt.Fprintf(w, "\nArticles moved: %d of %d (points: what each rule or grade cap cost (-) or gave back (+); they add up to the change)\n", moved, d.Total)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		row(tw, "ARTICLE", "FILE", "OUTLET", fmt.Sprintf("RUN %d", d.A.ID), fmt.Sprintf("RUN %d", d.B.ID), "CHANGE", "RULE", "POINTS", "WHAT CHANGED")
		for _, c := range d.Articles {
			if c.Change == "" {
				continue
			}
			s := c.snap()
			change := strings.TrimPrefix(c.Change, "article_")
			var points []int
			lines := c.contributions()
			if c.Change == changeArticleMoved {
				// The change as the two scores show it, and the rules' and
				// caps' points rounded so that they add up to it.
				delta := tenthsShown(c.New.Score) - tenthsShown(c.Old.Score)
				change = signedTenths(delta)
				exact := make([]float64, len(lines))
				for i, ct := range lines {
					exact[i] = ct.Points
				}
				points = apportion(exact, delta)
			}
			cells := []string{s.ID, s.File, s.Outlet, scoreGrade(c.Old), scoreGrade(c.New), change}
			if len(lines) == 0 {
				row(tw, cells...)
			}
			for i, ct := range lines {
				if i > 0 {
					cells = []string{"", "", "", "", "", ""}
				}
				row(tw, append(cells, ct.ID, signedTenths(points[i]), ct.Why)...)
			}
		}
		tw.Flush()
	}

	var nf int
	for _, c := range d.Articles {
		nf += len(c.Added) + len(c.Removed)
	}
	if nf == 0 {
		fmt.Fprintln(w, "\nFindings added or removed: none")
	} else {
		fmt.Fprintf(w, "\nFindings added (+) or removed (-): %d\n", nf)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		for _, c := range d.Articles {
			for _, set := range []struct {
				sign     string
				findings []sourcescore.Finding
			}{{"-", c.Removed}, {"+", c.Added}} {
				for _, f := range set.findings {
					at := "-"
					if f.Pos.Line > 0 {
						at = f.Pos.String()
					}
					ev := f.Message
					if f.Evidence != "" {
						ev = "»" + clip(oneLine(f.Evidence), 60) + "«"
					}
					row(tw, "  "+set.sign, c.snap().File, at, f.Severity.String(), f.RuleID, ev)
				}
			}
		}
		tw.Flush()
	}

	if len(d.Outlets) == 0 {
		fmt.Fprintln(w, "\nOutlets moved: none")
		return
	}
	fmt.Fprintf(w, "\nOutlets moved: %d\n", len(d.Outlets))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	row(tw, "OUTLET", fmt.Sprintf("RUN %d", d.A.ID), fmt.Sprintf("RUN %d", d.B.ID), "CHANGE", "ARTICLES")
	for _, o := range d.Outlets {
		change := strings.TrimPrefix(o.change(), "outlet_")
		var old, new, articles string = "-", "-", ""
		if o.Old != nil {
			old = shown(o.Old.Score) + " " + o.Old.Grade
			articles = strconv.Itoa(o.Old.Articles)
		}
		if o.New != nil {
			new = shown(o.New.Score) + " " + o.New.Grade
			articles = strconv.Itoa(o.New.Articles)
		}
		if o.Old != nil && o.New != nil {
			change = signedTenths(tenthsShown(o.New.Score) - tenthsShown(o.Old.Score))
			if o.Old.Articles != o.New.Articles {
				articles = fmt.Sprintf("%d → %d", o.Old.Articles, o.New.Articles)
			}
		}
		row(tw, o.Outlet, old, new, change, articles)
	}
	tw.Flush()
}

// scoreGrade shows an article's score and grade, or "-" when it is not in
// the run.
func scoreGrade(s *articleSnap) string {
	if s == nil {
		return "-"
	}
	if s.Grade == "" {
		return "not scored"
	}
	return shown(s.Score) + " " + s.Grade
}

// tenthsShown is a score in tenths as the tables show it (one decimal).
func tenthsShown(v float64) int {
	f, _ := strconv.ParseFloat(shown(v), 64)
	return int(math.Round(f * 10))
}

// signedTenths formats tenths with a sign, "0.0" for none.
func signedTenths(n int) string {
	if n > 0 {
		return "+" + tenths(n)
	}
	return tenths(n)
}

func shortOr(hash string) string {
	if hash == "" {
		return "-"
	}
	return short(hash)
}
