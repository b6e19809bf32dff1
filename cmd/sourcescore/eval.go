package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"

	"sourcescore"
	"sourcescore/ingest"
	"sourcescore/job"
	"sourcescore/reports"
	"sourcescore/rules"

	"github.com/spf13/pflag"
)

const evalExamples = `  sourcescore rules eval --labels seeds/labels.csv
  sourcescore rules eval --labels corpus/labels.csv --rules myrules/ --csv out/eval.csv

The labels file is a CSV with the columns file,rule,expected:
  file      an article, relative to --input (default: the labels file's folder)
  rule      a rule id (denial.missing) or a family (translation)
  expected  fires | does not fire
A rule fires on an article when it reports a problem there, at any
severity (positive evidence such as a named source does not count); a
family fires when any of its rules does. An article the rules fail on is
left out of the evaluation, with its reason on stderr.
`

func cmdRulesEval(fs *pflag.FlagSet) runner {
	labelsPath := fs.String("labels", "", "labels `file` (CSV: file,rule,expected)")
	input := fs.String("input", "", "input `folder` the labelled files are in (default: the labels file's folder)")
	dir := fs.String("rules", "", "rule `folder` (default: the built-in rules)")
	stories := fs.String("stories", "", storiesUsage)
	csvOut := fs.String("csv", "", "also write the table as CSV to this `file`")
	format := fs.String("format", "text", "output: text (the table, then the misses) or json (one document: per rule or family its counts, precision, recall and misses)")
	var limits ruleLimits
	limits.register(fs)
	return func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
		if *format != "text" && *format != "json" {
			return usageError{fmt.Sprintf("--format %q: use text or json", *format)}
		}
		if *labelsPath == "" {
			return usageError{"rules eval needs --labels FILE (see sourcescore rules eval --help)"}
		}
		if *input == "" {
			*input = filepath.Dir(*labelsPath)
		}
		rs, err := limits.source(*dir, *stories)
		if err != nil {
			return err
		}
		set, err := job.LoadRules(rs)
		if err != nil {
			return fmt.Errorf("rules not loaded:\n%w", err)
		}
		labels, err := readLabels(*labelsPath, set)
		if err != nil {
			return err
		}
		src, err := ingest.Open(*input, ingest.Limits{})
		if err != nil {
			return err
		}
		defer src.Close()
		if err := job.CheckManifest(src, set); err != nil {
			return err
		}
		ev := rules.NewEvaluation()
		results := map[string]rules.Result{}
		failed := map[string]bool{} // articles the rules failed on: their labels are left out, and stderr says so
		for _, l := range labels {
			if failed[l.File] {
				continue
			}
			res, ok := results[l.File]
			if !ok {
				a, err := src.Read(l.File, &set.Boilerplate)
				if err != nil {
					return fmt.Errorf("%s:%d: %w", *labelsPath, l.Line, err)
				}
				if res, err = applyRecovered(set, a); err != nil {
					failed[l.File] = true
					fmt.Fprintf(stderr, "sourcescore: %s: %v; its labels are left out of the evaluation\n", l.File, err)
					continue
				}
				results[l.File] = res
			}
			ev.Add(l, res)
		}
		rows := ev.Results()
		if *format == "json" {
			if err := printEvalJSON(stdout, rows); err != nil {
				return err
			}
		} else {
			printEval(stdout, rows)
		}
		if *csvOut != "" {
			if err := writeEvalCSV(*csvOut, rows); err != nil {
				return err
			}
			if *format == "text" {
				fmt.Fprintf(stdout, "\nwritten to %s\n", *csvOut)
			}
		}
		return nil
	}
}

// applyRecovered applies the rules to a, turning a panic into an error, as
// a run skips such an article with its reason instead of stopping.
func applyRecovered(set *rules.Set, a *sourcescore.Article) (res rules.Result, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("internal error while scoring: %v", p)
		}
	}()
	return set.Apply(a), nil
}

// readLabels reads and checks a labels file.
func readLabels(path string, set *rules.Set) ([]rules.Label, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read labels: %w: %w", err, sourcescore.ErrConfig)
	}
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w (%w)", path, err, sourcescore.ErrConfig)
	}
	if len(recs) == 0 || strings.Join(recs[0], ",") != "file,rule,expected" {
		return nil, fmt.Errorf("%s:1: the header must be file,rule,expected (%w)", path, sourcescore.ErrConfig)
	}
	var labels []rules.Label
	var problems []string
	for i, rec := range recs[1:] {
		line := i + 2
		if len(rec) != 3 {
			problems = append(problems, fmt.Sprintf("%s:%d: want 3 cells, found %d", path, line, len(rec)))
			continue
		}
		l := rules.Label{File: strings.TrimSpace(rec[0]), Target: strings.TrimSpace(rec[1]), Line: line}
		switch strings.ToLower(strings.TrimSpace(rec[2])) {
		case "fires":
			l.Fires = true
		case "does not fire":
		default:
			problems = append(problems, fmt.Sprintf("%s:%d: expected %q must be fires or does not fire", path, line, rec[2]))
			continue
		}
		if !set.KnownTarget(l.Target) {
			problems = append(problems, fmt.Sprintf("%s:%d: %q is neither a rule id nor a family of the rule set", path, line, l.Target))
			continue
		}
		labels = append(labels, l)
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("%s\n%w", strings.Join(problems, "\n"), sourcescore.ErrConfig)
	}
	return labels, nil
}

func ratio(v float64, ok bool) string {
	if !ok {
		return "-"
	}
	return strconv.FormatFloat(v, 'f', 2, 64)
}

func printEval(w io.Writer, rows []rules.Confusion) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "RULE OR FAMILY\tTP\tFP\tFN\tTN\tPRECISION\tRECALL")
	var tp, fp, fn, tn int
	for _, c := range rows {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%s\t%s\n", c.Target, c.TP, c.FP, c.FN, c.TN, ratio(c.Precision()), ratio(c.Recall()))
		tp, fp, fn, tn = tp+c.TP, fp+c.FP, fn+c.FN, tn+c.TN
	}
	all := rules.Confusion{Target: "all", TP: tp, FP: fp, FN: fn, TN: tn}
	fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%s\t%s\n", all.Target, tp, fp, fn, tn, ratio(all.Precision()), ratio(all.Recall()))
	tw.Flush()
	for _, c := range rows {
		for _, m := range c.Misses {
			fmt.Fprintf(w, "%s: %s\n", c.Target, m)
		}
	}
}

// writeEvalCSV writes the table atomically: a temp file renamed into place.
func writeEvalCSV(path string, rows []rules.Confusion) error {
	var b bytes.Buffer
	cw := csv.NewWriter(&b)
	cw.Write([]string{"target", "tp", "fp", "fn", "tn", "precision", "recall"})
	for _, c := range rows {
		cw.Write([]string{reports.Neutralise(c.Target), strconv.Itoa(c.TP), strconv.Itoa(c.FP), strconv.Itoa(c.FN), strconv.Itoa(c.TN), ratio(c.Precision()), ratio(c.Recall())})
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return reports.WriteFile(path, b.Bytes(), true)
}
