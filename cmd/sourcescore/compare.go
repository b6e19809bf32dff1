package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"sourcescore"
	"sourcescore/analysis"

	"github.com/spf13/pflag"
)

const compareExamples = `  sourcescore compare                        # every story of the latest successful run
  sourcescore compare musk-putin-2024        # one story
  sourcescore compare --run 3 norvalis-2026
  sourcescore compare --format json | jq '.[] | .facts[] | {fact, consensus, differ}'

For each story, a matrix of its articles (one row each, by outlet) against
what the story file knows: the accused side's denial (reported, buried or
missing, with line:column), whether the primary source is named, each dated
fact (the date given when it is right, "wrong" and the date given, "-" when
the article gives none), likely machine translation, the share of named
sources among its attributions, and score and grade. Then, per fact, the
date most outlets give and the outlets that differ; per key claim (the
story file's claims), the outlets that state it; and per outlet, the claims
it leaves out that most other outlets state ("reported by 7 of 9 outlets;
not here") and those only it states. A cell that cannot be computed is
"?" (a run stored before the comparison existed keeps no notes).
Also in every run folder as story_comparison.csv and a sheet of report.xlsx.
`

func cmdCompare(fs *pflag.FlagSet) runner {
	db := fs.String("db", "out/sourcescore.db", "SQLite database `file` the runs are in")
	runID := fs.Int64("run", 0, "run `id` (0: the latest successful run)")
	format := fs.String("format", "text", "output format: text or json (one JSON document: an array of stories)")
	return func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
		if len(args) > 1 {
			return usageError{"compare takes at most one story (see sourcescore compare --help)"}
		}
		if *format != "text" && *format != "json" {
			return usageError{fmt.Sprintf("--format %q: use text or json", *format)}
		}
		st, err := openExistingDB(ctx, *db)
		if err != nil {
			return err
		}
		defer st.Close()
		run, err := pickRun(ctx, st, *runID, "--run ")
		if err != nil {
			return err
		}
		all, err := analysis.CompareRun(ctx, st, run.ID)
		if err != nil {
			return err
		}
		stories := all
		if len(args) == 1 {
			stories = nil
			var ids []string
			for _, c := range all {
				ids = append(ids, c.Story)
				if c.Story == args[0] {
					stories = append(stories, c)
				}
			}
			if len(stories) == 0 {
				return unknownStory(args[0], run.ID, ids)
			}
		}
		if *format == "json" {
			if stories == nil {
				stories = []analysis.StoryComparison{}
			}
			return writeJSON(stdout, stories)
		}
		if len(stories) == 0 {
			fmt.Fprintf(stdout, "Run %d has no article about a story: nothing to compare.\n", run.ID)
			return nil
		}
		for i, c := range stories {
			if i > 0 {
				fmt.Fprintln(stdout)
			}
			printComparison(stdout, run, c)
		}
		return nil
	}
}

// unknownStory is the usage error for a story the run has no article of.
func unknownStory(story string, run int64, ids []string) error {
	msg := fmt.Sprintf("run %d has no article about story %q", run, story)
	switch s := sourcescore.Suggest(story, ids); {
	case len(ids) == 0:
		return usageError{msg + "\n\ttry: another run (--run); this one has no article about a story"}
	case s != "":
		return usageError{fmt.Sprintf("%s\n\ttry: %s", msg, s)}
	default:
		return usageError{fmt.Sprintf("%s\n\ttry: one of %s", msg, strings.Join(ids, ", "))}
	}
}

// printComparison writes one story's matrix, its facts' consensus, its
// claims and each outlet's omissions.
func printComparison(w io.Writer, run sourcescore.Run, c analysis.StoryComparison) {
	fmt.Fprintf(w, "Story %s: %d articles from %d outlets (run %d of %s)\n\n", c.Story, len(c.Articles), c.Outlets,
		run.ID, run.Started.UTC().Format("2006-01-02 15:04 UTC"))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	head := []string{"OUTLET", "FILE", "PUBLISHED", "DENIAL", "PRIMARY SOURCE"}
	for _, f := range c.Facts {
		head = append(head, strings.ToUpper(f.Fact))
	}
	if len(c.Claims) > 0 {
		head = append(head, "CLAIMS")
	}
	head = append(head, "MT", "NAMED", "SCORE")
	row(tw, head...)
	for _, a := range c.Articles {
		cells := []string{a.Outlet, a.File, orDash(a.Published, "missing"), denialCell(a), primaryCell(a)}
		for i := range c.Facts {
			cells = append(cells, factCell(a, i))
		}
		if len(c.Claims) > 0 {
			cells = append(cells, claimsCell(a, len(c.Claims)))
		}
		score := "not scored"
		if a.Score != nil {
			score = one(*a.Score) + " " + a.Grade
		}
		cells = append(cells, translationCell(a), namedCell(a), score)
		row(tw, cells...)
	}
	tw.Flush()

	if len(c.Facts) > 0 {
		fmt.Fprintln(w, "\nFacts: the story file's date, the date most outlets give, the outlets that differ")
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		for _, f := range c.Facts {
			consensus := "no outlet gives a date"
			if f.Consensus != "" {
				consensus = fmt.Sprintf("%s by %d of %d %s giving one", f.Consensus, f.Agree, f.Given, outlets(f.Given))
			}
			differ := "none differ"
			if len(f.Differ) > 0 {
				differ = "differ: " + strings.Join(differWith(c, f.Fact), ", ")
			}
			row(tw, "  "+f.Fact, f.Date, consensus, differ, fmt.Sprintf("(%d give none)", len(f.NotGiven)))
		}
		tw.Flush()
	}
	if len(c.Claims) == 0 {
		fmt.Fprintln(w, "\nClaims: the story file lists none (add claims: to it for omissions; see README, Adding a story)")
		return
	}
	fmt.Fprintln(w, "\nClaims: the outlets that state each")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for i, cl := range c.Claims {
		row(tw, fmt.Sprintf("  %d %s", i+1, cl.Claim), fmt.Sprintf("%d of %d", len(cl.StatedBy), c.Outlets), cl.Description)
	}
	tw.Flush()
	fmt.Fprintln(w, "\nOmissions and claims only one outlet states")
	listed := false
	for _, a := range c.Articles {
		for _, cl := range a.Claims {
			if note := cl.OmissionNote(); note != "" {
				fmt.Fprintf(w, "  %s (%s): %s: %s\n", a.Outlet, a.File, cl.Claim, note)
				listed = true
			}
		}
	}
	if !listed {
		fmt.Fprintln(w, "  none")
	}
}

// orDash is s, or alt when s is empty.
func orDash(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}

// at is a line:column.
func at(m sourcescore.Mention) string { return strconv.Itoa(m.Line) + ":" + strconv.Itoa(m.Column) }

func denialCell(a analysis.StoryArticle) string {
	d := a.Denial
	switch d.State {
	case "":
		return "?"
	case sourcescore.DenialMissing:
		return "missing"
	}
	return fmt.Sprintf("%s %s (sentence %d of %d)", d.State, at(d.Where), d.Sentence, d.Sentences)
}

func primaryCell(a analysis.StoryArticle) string {
	switch {
	case !a.Noted:
		return "?"
	case a.Primary.Said():
		return "named " + at(a.Primary)
	}
	return "not named"
}

func factCell(a analysis.StoryArticle, i int) string {
	if i >= len(a.Facts) {
		return "?"
	}
	f := a.Facts[i]
	switch f.State {
	case sourcescore.FactRight:
		return "right " + at(f.Where)
	case sourcescore.FactWrong:
		return "wrong: " + f.Given + " " + at(f.Where)
	case sourcescore.FactNotGiven:
		return "-"
	}
	return "?"
}

// claimsCell shows which claims an article states: their numbers, a "!"
// after one only its outlet states, and the omitted ones after "omits".
func claimsCell(a analysis.StoryArticle, n int) string {
	if len(a.Claims) != n {
		return "?"
	}
	var stated, omits []string
	for i, c := range a.Claims {
		switch {
		case c.OnlyHere:
			stated = append(stated, strconv.Itoa(i+1)+"!")
		case c.Stated:
			stated = append(stated, strconv.Itoa(i+1))
		case c.Omitted:
			omits = append(omits, strconv.Itoa(i+1))
		}
	}
	s := orDash(strings.Join(stated, ","), "none")
	if len(omits) > 0 {
		s += "; omits " + strings.Join(omits, ",")
	}
	return s
}

func translationCell(a analysis.StoryArticle) string { return orDash(a.Translation, "?") }

func namedCell(a analysis.StoryArticle) string {
	if a.NamedShare == nil {
		if a.Sourcing != nil {
			return "no sources"
		}
		return "?"
	}
	return fmt.Sprintf("%s%% of %d", strconv.Itoa(int(*a.NamedShare*100+0.5)), a.Sourcing.Total())
}

// differWith names the outlets that give fact another date than the
// consensus, each with the date it gives.
func differWith(c analysis.StoryComparison, fact string) []string {
	var out []string
	for _, a := range c.Articles {
		for _, f := range a.Facts {
			if f.Fact == fact && f.Differs {
				out = append(out, fmt.Sprintf("%s %s (%s)", a.Outlet, f.Given, at(f.Where)))
			}
		}
	}
	return out
}

// outlets is "outlet" or "outlets" for n.
func outlets(n int) string {
	if n == 1 {
		return "outlet"
	}
	return "outlets"
}
