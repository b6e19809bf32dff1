package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"sourcescore"
	"sourcescore/store"

	"github.com/spf13/pflag"
)

const historyExamples = `  sourcescore history ddbnews.org
  sourcescore history "Báo Dân trí" --db /var/lib/sourcescore/sourcescore.db
  sourcescore history --limit 24 ddbnews.org     # the last 24 runs
  sourcescore history '(unknown)'                # articles without an outlet
  sourcescore history --format json ddbnews.org | jq '.runs[-1].score'

Every successful run that scored the outlet, oldest first: its articles, score
and grade, the change from the run before as the scores show it, and the rule
set it scored with (the first 12 digits of its hash). A "*" marks a run whose
rule set differs from that of the outlet's run before: its change is partly or
wholly the rules' (a tuned weight), not the outlet's. Failed runs score nothing
and are left out. trend.csv in each run's reports has the same figures for the
last runs of every outlet, with rule_set and rule_set_changed.
`

func cmdHistory(fs *pflag.FlagSet) runner {
	db := fs.String("db", "out/sourcescore.db", "SQLite database `file`")
	limit := fs.Int("limit", 0, "show only the last `N` runs; 0 shows all")
	format := fs.String("format", "text", "output format: text or json (one JSON document)")
	return func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
		rest := args
		if len(rest) != 1 {
			return usageError{"history takes one outlet, as the reports name it (see sourcescore history --help)"}
		}
		if *format != "text" && *format != "json" {
			return usageError{fmt.Sprintf("--format %q: use text or json", *format)}
		}
		if *limit < 0 {
			return usageError{fmt.Sprintf("--limit %d: use 0 (all runs) or more", *limit)}
		}
		outlet := rest[0]
		d, err := openExistingDB(ctx, *db)
		if err != nil {
			return err
		}
		defer d.Close()
		runs, err := d.OutletHistory(ctx, outlet)
		if err != nil {
			return err
		}
		if len(runs) == 0 {
			return unknownOutlet(ctx, d, outlet)
		}
		if *format == "json" {
			return printHistoryJSON(stdout, outlet, *db, runs, *limit)
		}
		printHistory(stdout, outlet, *db, runs, *limit)
		return nil
	}
}

// unknownOutlet is the usage error for an outlet no run scored, with the
// nearest name as a hint.
func unknownOutlet(ctx context.Context, db *store.DB, outlet string) error {
	names, err := db.OutletNames(ctx)
	if err != nil {
		return err
	}
	msg := fmt.Sprintf("no successful run in %s scored outlet %q", db.Path(), outlet)
	switch s := sourcescore.Suggest(outlet, names); {
	case len(names) == 0:
		return usageError{msg + "\n\ttry: sourcescore run --db " + db.Path()}
	case s != "":
		return usageError{fmt.Sprintf("%s\n\ttry: %q", msg, s)}
	case len(names) <= 10:
		return usageError{fmt.Sprintf("%s\n\ttry: one of %s", msg, quoteAll(names))}
	default:
		return usageError{fmt.Sprintf("%s\n\ttry: one of %s, ... (%d outlets)", msg, quoteAll(names[:10]), len(names))}
	}
}

// quoteAll quotes names and joins them with commas.
func quoteAll(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	return strings.Join(q, ", ")
}

// printHistory prints an outlet's runs, the last limit of them (0: all).
func printHistory(w io.Writer, outlet, db string, runs []store.OutletRun, limit int) {
	n := len(runs)
	noun := "runs"
	if n == 1 {
		noun = "run"
	}
	fmt.Fprintf(w, "%s: %d successful %s in %s", outlet, n, noun, db)
	shown := runs
	if limit > 0 && limit < n {
		shown = runs[n-limit:]
		fmt.Fprintf(w, ", the last %d shown", limit)
	}
	fmt.Fprint(w, "\n\n")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "RUN\tSTARTED (UTC)\tARTICLES\tSCORE\tGRADE\tCHANGE\tRULE SET")
	first := n - len(shown)
	marked := false
	for i, r := range shown {
		change, rules := "", short(r.RuleSetHash)
		if k := first + i; k > 0 {
			change = scoreChange(r.Score, runs[k-1].Score)
		}
		if r.RuleSetChanged {
			change += " *"
			rules += "  * rule set changed"
			marked = true
		}
		fmt.Fprintf(tw, "%d\t%s\t%d\t%s\t%s\t%s\t%s\n", r.RunID, r.Started.UTC().Format("2006-01-02 15:04:05"),
			r.Articles, sourcescore.FormatDecimal(r.Score, 1), r.Grade, change, rules)
	}
	tw.Flush()
	if marked {
		fmt.Fprintln(w, "\n* the rule set changed since the outlet's run before: that change is partly or wholly the rules', not the outlet's\n  (sourcescore diff RUN_A RUN_B shows what moved and why)")
	}
}

// scoreChange is the change from score before to score now as the tables
// show them (one decimal): "+2.6", "-0.3", "0.0".
func scoreChange(now, before float64) string {
	tenths := func(v float64) int64 {
		f := sourcescore.RoundDecimal(v, 1)
		return int64(math.Round(f * 10))
	}
	d := tenths(now) - tenths(before)
	sign := ""
	switch {
	case d > 0:
		sign = "+"
	case d < 0:
		sign, d = "-", -d
	}
	return fmt.Sprintf("%s%d.%d", sign, d/10, d%10)
}

// historyJSON is `history --format json`, documented in the README
// (Running it, JSON).
type historyJSON struct {
	Outlet   string           `json:"outlet"`
	Database string           `json:"database"`
	RunsAll  int              `json:"successful_runs"` // that scored the outlet, before --limit
	Runs     []historyRunJSON `json:"runs"`            // oldest first; the last --limit of them
}

type historyRunJSON struct {
	Run            int64     `json:"run"`
	Started        time.Time `json:"started"`
	Articles       int       `json:"articles"`
	Score          *float64  `json:"score"`  // one decimal, as the table; null when none of its articles has a score
	Grade          string    `json:"grade"`  // "" when not scored
	Change         *float64  `json:"change"` // from the outlet's run before, as the scores show it; null for its first run
	RuleSet        string    `json:"rule_set"`
	RuleSetChanged bool      `json:"rule_set_changed"`
}

// printHistoryJSON writes the last limit (0: all) of an outlet's runs as
// historyJSON.
func printHistoryJSON(w io.Writer, outlet, db string, runs []store.OutletRun, limit int) error {
	doc := historyJSON{Outlet: outlet, Database: db, RunsAll: len(runs), Runs: []historyRunJSON{}}
	first := 0
	if limit > 0 && limit < len(runs) {
		first = len(runs) - limit
	}
	for k := first; k < len(runs); k++ {
		r := runs[k]
		j := historyRunJSON{Run: r.RunID, Started: r.Started.UTC(), Articles: r.Articles, Grade: r.Grade,
			RuleSet: r.RuleSetHash, RuleSetChanged: r.RuleSetChanged}
		if r.Scored() {
			j.Score = ptrTo(round1(r.Score))
		}
		if k > 0 && r.Scored() && runs[k-1].Scored() {
			j.Change = ptrTo(round1(round1(r.Score) - round1(runs[k-1].Score)))
		}
		doc.Runs = append(doc.Runs, j)
	}
	return writeJSON(w, doc)
}
