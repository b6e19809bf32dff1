package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"

	"sourcescore"
	"sourcescore/analysis"
	"sourcescore/reports"
	"sourcescore/store"

	"github.com/spf13/pflag"
)

const diffExamples = `  sourcescore diff                  # the two latest successful runs
  sourcescore diff 1 2              # run 1 (before) against run 2 (after)
  sourcescore diff --out /tmp 4 latest --csv-delimiter ';' --csv-bom
  sourcescore diff --format json | jq '.article_changes[] | select(.change == "article_moved") | .file'

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

func cmdDiff(fs *pflag.FlagSet) runner {
	db := fs.String("db", "out/sourcescore.db", "SQLite database `file` the runs are in")
	out := fs.String("out", "out/reports", "`folder` to write diff-<A>-<B>.csv to")
	delimiter := fs.String("csv-delimiter", ",", "CSV field delimiter: ',' or ';' (';' also writes decimal commas, for German-locale Excel)")
	bom := fs.Bool("csv-bom", false, "start the CSV file with a UTF-8 byte-order mark (Excel)")
	format := fs.String("format", "text", "output format: text or json (one JSON document; the CSV is written either way)")
	return func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
		if *format != "text" && *format != "json" {
			return usageError{fmt.Sprintf("--format %q: use text or json", *format)}
		}
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
		d, err := analysis.Diff(ctx, st, a, b)
		if err != nil {
			return err
		}
		rows := d.Rows()
		written, err := reports.WriteDiff(*out, a.ID, b.ID, rows, opt)
		if err != nil {
			return err
		}
		if *format == "json" {
			return printDiffJSON(stdout, d, written, len(rows))
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

// printDiff writes the diff as tables.
func printDiff(w io.Writer, d *analysis.RunDiff) {
	runLine := func(r sourcescore.Run, rulesDir string) string {
		from := ""
		if rulesDir != "" {
			from = " from " + rulesDir
		}
		return fmt.Sprintf("run %d  %s  %d articles  input %s  rules%s, set %s", r.ID,
			r.Started.UTC().Format("2006-01-02 15:04 UTC"), r.Articles, r.Input, from, short(r.RuleSetHash))
	}
	fmt.Fprintf(w, "Run %d (before) against run %d (after)\n  %s\n  %s\n", d.A.ID, d.B.ID, runLine(d.A, d.RulesA), runLine(d.B, d.RulesB))
	if d.Empty() {
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

	moved := d.Moved()
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
			s := c.Snap()
			change := strings.TrimPrefix(c.Change, "article_")
			var points []int
			lines := c.Contributions()
			if c.Change == analysis.ChangeArticleMoved {
				// The change as the two scores show it, and the rules' and
				// caps' points rounded so that they add up to it.
				delta := tenthsShown(c.New.Score) - tenthsShown(c.Old.Score)
				change = signedTenths(delta)
				exact := make([]float64, len(lines))
				for i, ct := range lines {
					exact[i] = ct.Points
				}
				points = analysis.Apportion(exact, delta)
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
					row(tw, "  "+set.sign, c.Snap().File, at, f.Severity.String(), f.RuleID, ev)
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
		change := strings.TrimPrefix(o.Change(), "outlet_")
		var old, new, articles string = "-", "-", ""
		if o.Old != nil {
			old = one(o.Old.Score) + " " + o.Old.Grade
			articles = strconv.Itoa(o.Old.Articles)
		}
		if o.New != nil {
			new = one(o.New.Score) + " " + o.New.Grade
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
func scoreGrade(s *analysis.ArticleSnap) string {
	if s == nil {
		return "-"
	}
	if s.Grade == "" {
		return "not scored"
	}
	return one(s.Score) + " " + s.Grade
}

// tenthsShown is a score in tenths as the tables show it (one decimal).
func tenthsShown(v float64) int {
	f, _ := strconv.ParseFloat(one(v), 64)
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
