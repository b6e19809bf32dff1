package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"

	"sourcescore"
	"sourcescore/ingest"
	"sourcescore/job"

	"github.com/spf13/pflag"
)

const checkExamples = `  sourcescore check article.txt                    # findings and score of one article
  sourcescore check week12/                         # every article of a folder (its manifest.csv too)
  sourcescore check --fail-below 60 drafts/         # exit 1 when an article scores below 60 (CI, editors)
  sourcescore check --format json a.txt b.txt | jq '.articles[] | {file, score}'
  sourcescore check --rules myrules/ --stories mystories/ week12/

Scores with the current rules, as a run would, but stores nothing: no
database, no report folder. A file is read as part of its folder, so the
folder's manifest.csv gives it its outlet, date and story. Exit 0 when every
article was scored at or above --fail-below, 1 when one scored below it or a
file could not be scored, 2 on bad usage or a bad rule set.
`

// checkJSON is `check --format json`, documented in the README.
type checkJSON struct {
	Articles  []checkArticleJSON `json:"articles"`
	Skipped   []skippedJSON      `json:"skipped"`
	FailBelow float64            `json:"fail_below"`
	Below     int                `json:"below"`
}

type checkArticleJSON struct {
	File      string              `json:"file"`
	Outlet    string              `json:"outlet"`
	Story     string              `json:"story"`
	Language  string              `json:"language"`
	Published string              `json:"published"`
	Inferred  []string            `json:"inferred"`
	FromPage  []string            `json:"from_page"`
	Status    string              `json:"status"` // "scored", or "not scored: " and why
	Score     *float64            `json:"score"`  // null when not scored
	Grade     string              `json:"grade"`
	Families  map[string]*float64 `json:"families"`
	Findings  []checkFindingJSON  `json:"findings"`
}

type checkFindingJSON struct {
	Rule     string `json:"rule"`
	Severity string `json:"severity"`
	Line     int    `json:"line,omitempty"`
	Column   int    `json:"column,omitempty"`
	Evidence string `json:"evidence,omitempty"`
	Message  string `json:"message"`
}

func cmdCheck(fs *pflag.FlagSet) runner {
	rulesDir := fs.String("rules", "", "rule `folder` (default: the built-in rules)")
	stories := fs.String("stories", "", storiesUsage)
	format := fs.String("format", "text", "output: text (findings per article, then the score) or json (one document)")
	failBelow := fs.Float64("fail-below", 0, "exit 1 when an article scores below `SCORE` (0 to 100; 0: never)")
	workers := fs.Int("workers", 0, "worker goroutines (0: one per CPU)")
	maxArticle := fs.Int("max-article-bytes", ingest.DefaultArticleBytes, "largest article file read, in `bytes`; a larger one is skipped")
	var limits ruleLimits
	limits.register(fs)
	return func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
		if len(args) == 0 {
			return usageError{"check needs at least one FILE or DIR (see sourcescore check --help)"}
		}
		if *format != "text" && *format != "json" {
			return usageError{fmt.Sprintf("--format %q: use text or json", *format)}
		}
		if *failBelow < 0 || *failBelow > 100 {
			return usageError{fmt.Sprintf("--fail-below %g: use a score from 0 to 100", *failBelow)}
		}
		if *workers < 0 || *maxArticle < 1 {
			return usageError{"--workers must be 0 or more and --max-article-bytes 1 or more"}
		}
		rs, err := limits.source(*rulesDir, *stories)
		if err != nil {
			return err
		}
		set, err := job.LoadRules(rs)
		if err != nil {
			return fmt.Errorf("rules not loaded:\n%w", err)
		}
		res, err := job.Check(ctx, args, set, ingest.Limits{ArticleBytes: int64(*maxArticle)}, *workers)
		if err != nil {
			return err
		}
		below := 0
		for _, s := range res.Scores {
			if s.Scored() && s.Score < *failBelow { // an article not scored is said so, never below
				below++
			}
		}
		if *format == "json" {
			if err := printCheckJSON(stdout, res, *failBelow, below); err != nil {
				return err
			}
		} else {
			printCheck(stdout, res, *failBelow, below)
		}
		switch {
		case below > 0:
			return checkFailed{fmt.Sprintf("%s below %.1f (--fail-below)", count(below, "article"), *failBelow)}
		case len(res.Skipped) > 0:
			return checkFailed{fmt.Sprintf("%s could not be scored", count(len(res.Skipped), "file"))}
		}
		return nil
	}
}

// checkFailed is check's verdict: exit 1 with its message.
type checkFailed struct{ msg string }

func (e checkFailed) Error() string { return e.msg }

func printCheck(w io.Writer, res *job.Checked, failBelow float64, below int) {
	for _, s := range res.Scores {
		a := s.Article
		story := a.Meta.Story
		if story == "" {
			story = "no story"
		}
		score := s.Status()
		if s.Scored() {
			score = sourcescore.FormatDecimal(s.Score, 1) + " " + s.Grade
		}
		fmt.Fprintf(w, "%s  %s  %s  (%s, %s)\n", a.File, a.Meta.OutletName(), score, story, langOrUnknown(a.Meta.Language))
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		for _, f := range s.Findings {
			pos := "-"
			if f.Offset >= 0 {
				pos = f.Pos.String()
			}
			ev := ""
			if f.Evidence != "" {
				ev = " «" + clip(f.Evidence, 60) + "»"
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s%s\n", pos, f.Severity, f.RuleID, clip(f.Message, 90), ev)
		}
		tw.Flush()
	}
	for _, s := range res.Skipped {
		fmt.Fprintf(w, "skipped %s: %s\n", s.File, s.Reason)
	}
	fmt.Fprintf(w, "%s scored, %d skipped", count(len(res.Scores), "article"), len(res.Skipped))
	if failBelow > 0 {
		fmt.Fprintf(w, ", %d below %.1f", below, failBelow)
	}
	fmt.Fprintln(w)
}

func langOrUnknown(l string) string {
	if l == "" {
		return "language unknown"
	}
	return l
}

func printCheckJSON(w io.Writer, res *job.Checked, failBelow float64, below int) error {
	out := checkJSON{Articles: []checkArticleJSON{}, Skipped: []skippedJSON{}, FailBelow: failBelow, Below: below}
	for _, s := range res.Scores {
		a := s.Article
		aj := checkArticleJSON{File: a.File, Outlet: a.Meta.OutletName(), Story: a.Meta.Story, Language: a.Meta.Language,
			Inferred: nonNil(a.Meta.Inferred), FromPage: nonNil(a.Meta.FromPage), Status: s.Status(), Grade: s.Grade,
			Families: map[string]*float64{}, Findings: []checkFindingJSON{}}
		if s.Scored() {
			v := round1(s.Score)
			aj.Score = &v
		}
		if !a.Meta.Published.IsZero() {
			aj.Published = a.Meta.Published.Format("2006-01-02")
		}
		for _, f := range s.Families {
			if f.Scored && s.Scored() {
				v := round1(f.Score)
				aj.Families[string(f.Family)] = &v
			} else {
				aj.Families[string(f.Family)] = nil // not scored: null, never 0
			}
		}
		for _, f := range s.Findings {
			fj := checkFindingJSON{Rule: f.RuleID, Severity: f.Severity.String(), Evidence: f.Evidence, Message: f.Message}
			if f.Offset >= 0 {
				fj.Line, fj.Column = f.Pos.Line, f.Pos.Column
			}
			aj.Findings = append(aj.Findings, fj)
		}
		out.Articles = append(out.Articles, aj)
	}
	for _, s := range res.Skipped {
		out.Skipped = append(out.Skipped, skippedJSON{s.File, s.Reason})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
