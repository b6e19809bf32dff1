package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"sourcescore"
	"sourcescore/analysis"
	"sourcescore/store"

	"github.com/spf13/pflag"
)

const explainExamples = `  sourcescore explain 002_b69c8368de298335.txt      # a file of the latest successful run
  sourcescore explain art-6bca87c7410afe49          # the same article by its id
  sourcescore explain --run 3 seeds/002_b69c8368de298335.txt
  sourcescore explain --format json 6bca87c7 | jq '.rules[] | select(.lost > 0)'

ARTICLE is an article id (the reports' article_id column, e.g.
art-6bca87c7410afe49; an id without "art-", as reports wrote them before,
is taken too) or a unique prefix of one (with or without "art-"), a file as
the reports' file column gives it, a path to the file (in the run's input
folder), or a unique end of such a path made of whole names
(the file name alone when no other folder has a file of that name).

The grade caps that applied are listed under the score ("capped at C by
denial.missing (scored 0): 86.3 → 79.9"), and the points a cap took are a
"cap" row of the family table and of the ledger.

The article's text is read again from the run's input folder (or --input)
to show each finding's line with the evidence marked; when the file has
changed or is gone since the run, the evidence is shown alone.
`

// explainFlags are the flags of explain.
type explainFlags struct {
	db, input, format string
	run               int64
}

func cmdExplain(fs *pflag.FlagSet) runner {
	var f explainFlags
	fs.StringVar(&f.db, "db", "out/sourcescore.db", "SQLite database `file` the runs are in")
	fs.Int64Var(&f.run, "run", 0, "run `id` (0: the latest successful run)")
	fs.StringVar(&f.input, "input", "", "`folder` to read the article's text from (default: the run's input folder)")
	fs.StringVar(&f.format, "format", "text", "output format: text or json")
	return func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
		if len(args) != 1 {
			return usageError{"explain takes one article: an id or a file (see sourcescore explain --help)"}
		}
		if f.format != "text" && f.format != "json" {
			return usageError{fmt.Sprintf("--format %q: use text or json", f.format)}
		}
		db, err := openExistingDB(ctx, f.db)
		if err != nil {
			return err
		}
		defer db.Close()
		run, err := pickRun(ctx, db, f.run, "--run ")
		if err != nil {
			return err
		}
		ref, err := findArticle(ctx, db, run, args[0])
		if err != nil {
			return err
		}
		s, err := db.ArticleScore(ctx, run.ID, ref.ID)
		if err != nil {
			return err
		}
		files, err := db.RuleFiles(ctx, run.ID)
		if err != nil {
			return err
		}
		input := f.input
		if input == "" {
			input = run.Input
		}
		x := analysis.Explain(run, files, s, analysis.ReadArticleText(input, s.Article))
		if f.format == "json" {
			enc := json.NewEncoder(stdout)
			enc.SetIndent("", "  ")
			enc.SetEscapeHTML(false)
			return enc.Encode(x)
		}
		printExplanation(stdout, x, markerFor(stdout))
		return nil
	}
}

// openExistingDB opens the database at path for the read-only commands:
// read-only (no lock, no migration, no write), refusing to create one that
// is not there.
func openExistingDB(ctx context.Context, path string) (*store.DB, error) {
	db, err := store.OpenReadOnly(ctx, path)
	if errors.Is(err, store.ErrMissing) {
		return nil, usageError{fmt.Sprintf("database %s does not exist\n\ttry: sourcescore run, or --db FILE", path)}
	}
	return db, err
}

// pickRun returns run id, or the latest successful run when id is 0. A run
// that is not there, or did not succeed, is a usage error with a hint that
// names other runs, each after hint ("--run " for a flag).
func pickRun(ctx context.Context, db *store.DB, id int64, hint string) (sourcescore.Run, error) {
	if id == 0 {
		r, err := db.LatestRun(ctx, sourcescore.RunSucceeded)
		if errors.Is(err, sourcescore.ErrNotFound) {
			return r, usageError{fmt.Sprintf("database %s holds no successful run\n\ttry: sourcescore run --db %s", db.Path(), db.Path())}
		}
		return r, err
	}
	r, err := db.Run(ctx, id)
	if errors.Is(err, sourcescore.ErrNotFound) {
		return r, usageError{fmt.Sprintf("run %d is not in %s\n\ttry: %s", id, db.Path(), runHint(ctx, db, hint))}
	}
	if err != nil {
		return r, err
	}
	if r.Status != sourcescore.RunSucceeded {
		msg := fmt.Sprintf("run %d %s", id, r.Status)
		if r.Error != "" {
			msg += ": " + r.Error
		}
		return r, usageError{msg + "; it has no scores\n\ttry: " + runHint(ctx, db, hint)}
	}
	return r, nil
}

// runHint names the newest successful runs, after prefix.
func runHint(ctx context.Context, db *store.DB, prefix string) string {
	runs, err := db.Runs(ctx, 0)
	if err != nil {
		return "the id of a successful run"
	}
	var ids []string
	for _, r := range runs {
		if r.Status == sourcescore.RunSucceeded && len(ids) < 5 {
			ids = append(ids, strconv.FormatInt(r.ID, 10))
		}
	}
	if len(ids) == 0 {
		return "sourcescore run (the database holds no successful run)"
	}
	if len(ids) == 1 {
		return prefix + ids[0] + " (the newest successful run)"
	}
	return prefix + strings.Join(ids, ", ") + " (the newest successful runs)"
}

// findArticle resolves what the user typed to one article of run: an
// article id, a file as stored, a path to the file (relative to the current
// folder or inside the run's input folder), a unique path suffix made of
// whole path components, or a unique id prefix.
func findArticle(ctx context.Context, db *store.DB, run sourcescore.Run, arg string) (store.ArticleRef, error) {
	refs, err := db.ArticleRefs(ctx, run.ID)
	if err != nil {
		return store.ArticleRef{}, err
	}
	ref, err := analysis.ResolveArticle(arg, run, refs)
	if err != nil {
		return ref, usageError{err.Error()}
	}
	return ref, nil
}

// marker marks evidence in its line.
type marker struct{ open, close string }

// markerFor marks with »…«, in bold as well when w is a terminal (and
// NO_COLOR is not set), so that output into files and tests stays plain.
func markerFor(w io.Writer) marker {
	if isTerminal(w) && os.Getenv("NO_COLOR") == "" {
		return marker{"\x1b[1m»", "«\x1b[0m"}
	}
	return marker{"»", "«"}
}

// isTerminal reports whether w is a character device such as a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// printExplanation writes x for a terminal.
func printExplanation(w io.Writer, x analysis.Explanation, mark marker) {
	a := x.Article
	fmt.Fprintf(w, "Article %s  %s\n", a.ID, a.File)
	inferred := func(field, v string) string {
		if v == "" {
			v = "(unknown)"
		}
		for _, f := range a.Inferred {
			if f == field {
				return v + "  (inferred from the text)"
			}
		}
		for _, f := range a.FromPage {
			if f == field {
				return v + "  (from the page's metadata)"
			}
		}
		return v
	}
	story := a.Story
	if story == "" {
		story = "(none)"
	}
	if a.Title != "" {
		fmt.Fprintf(w, "  title      %s\n", a.Title)
	}
	if a.Author != "" {
		fmt.Fprintf(w, "  author     %s\n", a.Author)
	}
	fmt.Fprintf(w, "  outlet     %s\n", inferred("outlet", a.Outlet))
	if slices.Contains(a.FromPage, "url") {
		fmt.Fprintf(w, "  url        %s\n", inferred("url", a.URL))
	}
	fmt.Fprintf(w, "  published  %s\n", inferred("published", a.Published))
	fmt.Fprintf(w, "  language   %s\n", inferred("language", a.Language))
	fmt.Fprintf(w, "  story      %s\n", story)
	fmt.Fprintf(w, "  words      %d\n", a.Words)
	if x.Scored {
		fmt.Fprintf(w, "Score %s, grade %s", one(x.Score), x.Grade)
	} else {
		fmt.Fprintf(w, "Not scored: %s", strings.TrimPrefix(x.Status, "not scored: "))
	}
	fmt.Fprintf(w, "  (run %d of %s)\n", x.Run.ID, x.Run.Started.UTC().Format("2006-01-02 15:04 UTC"))
	for _, c := range x.Caps {
		fmt.Fprintf(w, "  %s\n", capLine(c, x))
	}

	r := analysis.RoundLedger(x)
	printFamilies(w, x, r)
	printLedger(w, x, r)
	printFindings(w, x, mark)

	fmt.Fprintf(w, "\nText: %s: %s\n", x.Text.Path, x.Text.Note)
	fmt.Fprintf(w, "\nRules of run %d: rule set %s\n", x.Run.ID, x.Run.RuleSetHash)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, f := range x.Run.RuleFiles {
		fmt.Fprintf(tw, "  %s\t%s\n", f.Path, f.Hash)
	}
	tw.Flush()
}

// capLine says what a grade cap did to the article: "capped at C by
// translation.likely_mt (scored 0): 86.3 → 79.9", or that it applies
// without changing the score.
func capLine(c analysis.ExplainedCap, x analysis.Explanation) string {
	by := c.RuleID
	scored := trimZeros(fmt.Sprintf("%.3f", c.Score))
	atMost := trimZeros(fmt.Sprintf("%.3f", c.AtMost))
	if c.RuleID == "" {
		by = "family " + c.Family
		scored = trimZeros(one(c.Score))
		atMost = trimZeros(one(c.AtMost))
	}
	why := "scored " + scored
	if c.AtMost != 0 {
		why += ", at most " + atMost
	}
	if c.Lowered {
		return fmt.Sprintf("capped at %s by %s (%s): %s → %s", c.Grade, by, why, one(x.Uncapped), one(x.Score))
	}
	return fmt.Sprintf("cap at %s by %s (%s): its limit %s is not below the score, no change", c.Grade, by, why, one(c.Limit))
}

// trimZeros drops the trailing zeros of a decimal, and its point when
// nothing is left after it: "0.500" → "0.5", "0.000" → "0".
func trimZeros(s string) string {
	if !strings.Contains(s, ".") {
		return s
	}
	return strings.TrimSuffix(strings.TrimRight(s, "0"), ".")
}

// printFamilies writes the family table with each family's points.
func printFamilies(w io.Writer, x analysis.Explanation, r analysis.RoundedLedger) {
	fmt.Fprintln(w, "\nFamilies (points out of 100: each family's share of the article score)")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	row(tw, "FAMILY", "WEIGHT", "SCORE", "POINTS", "EARNED", "LOST", "NOTE")
	for i, f := range x.Families {
		if !f.Scored {
			row(tw, f.Family, num(f.Weight), "not scored", "-", "-", "-", f.Note)
			continue
		}
		row(tw, f.Family, num(f.Weight), one(*f.Score),
			tenths(r.FamPoints[i]), tenths(r.FamPoints[i]-r.FamLost[i]), tenths(r.FamLost[i]))
	}
	if x.CapLost > 0 {
		row(tw, "cap", "-", "-", "0.0", tenths(-r.CapLost), tenths(r.CapLost), x.CapNote())
	}
	tw.Flush()
}

// printLedger writes the deduction ledger: each rule's points, earned and
// lost, biggest loss first, with totals that add up to the score.
func printLedger(w io.Writer, x analysis.Explanation, r analysis.RoundedLedger) {
	if !x.Scored {
		fmt.Fprintln(w, "\nDeduction ledger: none, the article has no score")
		return
	}
	order := x.LedgerOrder()
	var totalP, totalL int
	for i := range r.RulePoints {
		totalP += r.RulePoints[i]
		totalL += r.RuleLost[i]
	}
	totalL += r.CapLost
	fmt.Fprintf(w, "\nDeduction ledger (points out of 100; the lost points add up to 100 - %s = %s)\n", one(x.Score), tenths(totalL))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	row(tw, "RULE", "WEIGHT", "SCORE", "POINTS", "EARNED", "LOST", "NOTE")
	// The rules that applied, the caps after them, the rules that did not
	// apply last.
	capRow := x.CapLost > 0
	for _, i := range order {
		rule := x.Rules[i]
		if !rule.Applied {
			if capRow {
				row(tw, "cap", "", "", "0.0", tenths(-r.CapLost), tenths(r.CapLost), x.CapNote())
				capRow = false
			}
			row(tw, rule.RuleID, num(rule.Weight), "-", "-", "-", "-", clip(rule.Note, 70))
			continue
		}
		p, l := r.RulePoints[i], r.RuleLost[i]
		row(tw, rule.RuleID, num(rule.Weight), fmt.Sprintf("%.3f", *rule.Score), tenths(p), tenths(p-l), tenths(l), clip(rule.Note, 70))
	}
	if capRow {
		row(tw, "cap", "", "", "0.0", tenths(-r.CapLost), tenths(r.CapLost), x.CapNote())
	}
	row(tw, "total", "", "", tenths(totalP), tenths(totalP-totalL), tenths(totalL), "= 100 - "+one(x.Score))
	tw.Flush()
}

// row writes one table row, leaving out empty cells at its end so that no
// line ends in blanks.
func row(w io.Writer, cells ...string) {
	for len(cells) > 0 && cells[len(cells)-1] == "" {
		cells = cells[:len(cells)-1]
	}
	fmt.Fprintln(w, strings.Join(cells, "\t"))
}

// printFindings writes each finding and, when the text is there, its line
// with the evidence marked.
func printFindings(w io.Writer, x analysis.Explanation, mark marker) {
	if len(x.Findings) == 0 {
		fmt.Fprintln(w, "\nFindings: none")
		return
	}
	fmt.Fprintf(w, "\nFindings (%d)\n", len(x.Findings))
	sevW, ruleW, posW := 0, 0, 0
	pos := make([]string, len(x.Findings))
	for i, f := range x.Findings {
		pos[i] = "-"
		if f.Line > 0 {
			pos[i] = fmt.Sprintf("%d:%d", f.Line, f.Column)
		}
		sevW = max(sevW, len(f.Severity))
		ruleW = max(ruleW, len(f.RuleID))
		posW = max(posW, len(pos[i]))
	}
	for i, f := range x.Findings {
		fmt.Fprintf(w, "  %-*s  %-*s  %-*s  %s\n", posW, pos[i], sevW, f.Severity, ruleW, f.RuleID, f.Message)
		indent := strings.Repeat(" ", 2+posW+2)
		switch {
		case f.Evidence == "":
			// about something absent: the message says it all
		case f.Context != nil:
			fmt.Fprintf(w, "%s%d | %s\n", indent, f.Line, markInLine(*f.Context, mark))
		default:
			fmt.Fprintf(w, "%sevidence: %s%s%s\n", indent, mark.open, clip(oneLine(f.Evidence), 100), mark.close)
		}
	}
}

// The context shown around evidence, in characters either side.
const (
	contextChars  = 60
	evidenceChars = 120
)

// markInLine shows the evidence in its line with up to contextChars
// characters either side, cut at a space where it can be.
func markInLine(c analysis.FindingContext, mark marker) string {
	before, after := []rune(c.Before), []rune(c.After)
	b := ""
	if len(before) > contextChars {
		cut := string(before[len(before)-contextChars:])
		if k := strings.IndexByte(cut, ' '); k >= 0 && k < contextChars/2 {
			cut = cut[k+1:]
		}
		b = "…" + cut
	} else {
		b = string(before)
	}
	a := ""
	if len(after) > contextChars {
		cut := string(after[:contextChars])
		if k := strings.LastIndexByte(cut, ' '); k > contextChars/2 {
			cut = cut[:k]
		}
		a = cut + "…"
	} else {
		a = string(after)
	}
	return b + mark.open + clip(c.Match, evidenceChars) + mark.close + a
}

// oneLine puts s on one line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// num formats a weight with as many decimals as it needs.
func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// tenths formats a count of tenths as a number with one decimal.
func tenths(n int) string {
	sign := ""
	if n < 0 {
		sign, n = "-", -n
	}
	return fmt.Sprintf("%s%d.%d", sign, n/10, n%10)
}

// one is a score (0–100) with one decimal, as every report shows it
// (sourcescore.FormatDecimal: the rule of SQL's round()).
func one(v float64) string { return sourcescore.FormatDecimal(v, 1) }
