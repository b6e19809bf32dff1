package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"sourcescore"
	"sourcescore/ingest"
	"sourcescore/job"
	"sourcescore/rules"
)

const rulesUsage = `Usage:
  sourcescore rules <init|check|test|eval> [flags]

Commands:
  init DIR   write the built-in rule set to DIR, as a starting point for tuning
  check      load and validate a rule set; report every error with file:line:column;
             with --input DIR, check its manifest's stories and which articles match a story
  test       run every rule's examples (texts that must and must not trigger it)
  eval       measure rules against a labelled corpus: precision and recall per rule

Examples:
  sourcescore rules init myrules/
  sourcescore rules check --rules myrules/
  sourcescore rules check --stories mystories/ --input week12/
  sourcescore rules test --rules myrules/
  sourcescore rules eval --labels seeds/labels.csv --rules myrules/
  sourcescore run --rules myrules/
`

func cmdRules(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, rulesUsage)
		return usageError{"rules needs a command: init, check, test or eval"}
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, rulesUsage)
		return nil
	case "init":
		return cmdRulesInit(args[1:], stdout, stderr)
	case "check":
		return cmdRulesCheck(args[1:], stdout, stderr)
	case "test":
		return cmdRulesTest(args[1:], stdout, stderr)
	case "eval":
		return cmdRulesEval(args[1:], stdout, stderr)
	}
	fmt.Fprint(stderr, rulesUsage)
	return usageError{fmt.Sprintf("unknown rules command %q", args[0])}
}

func cmdRulesInit(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("sourcescore rules init", "sourcescore rules init [--force] DIR",
		"  sourcescore rules init myrules/\n  sourcescore rules init --force myrules/   # overwrite files already there\n", stderr)
	force := fs.Bool("force", false, "overwrite rule files that already exist in DIR")
	if err := parse(fs, args, stdout); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usageError{"rules init takes one folder (see sourcescore rules init --help)"}
	}
	written, err := writeBuiltin(fs.Arg(0), *force)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %d rule files to %s\nedit them, then: sourcescore rules check --rules %s\n", written, fs.Arg(0), fs.Arg(0))
	return nil
}

// writeBuiltin copies the built-in rule files into dir.
func writeBuiltin(dir string, force bool) (int, error) {
	src := rules.BuiltinFS()
	n := 0
	err := fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		target := filepath.Join(dir, filepath.FromSlash(p))
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if _, err := os.Stat(target); err == nil && !force {
			return usageError{fmt.Sprintf("%s exists; use --force to overwrite it", target)}
		}
		data, err := fs.ReadFile(src, p)
		if err != nil {
			return err
		}
		if err := os.WriteFile(target, data, 0o644); err != nil {
			return err
		}
		n++
		return nil
	})
	return n, err
}

const rulesCheckExamples = `  sourcescore rules check                   # the built-in rules
  sourcescore rules check --rules myrules/
  sourcescore rules check --stories mystories/ --input week12/   # your stories, against this week's articles

With --input, the articles of DIR are read as a run reads them: a manifest
that names a story the rule set does not have is an error (exit 2), and
stories whose match rules match none of the articles, and articles that
match no story, are warnings (exit 0).
`

// ruleFolderArg takes the rule folder from a positional argument, as in
// `rules check myrules/` (the way `rules init DIR` takes it), or from
// --rules: the folder is never ignored. Both naming different folders,
// or more than one argument, is a usage error.
func ruleFolderArg(flags *flag.FlagSet, dir *string) error {
	name := strings.TrimPrefix(flags.Name(), "sourcescore ")
	switch {
	case flags.NArg() == 0:
		return nil
	case flags.NArg() > 1:
		return usageError{fmt.Sprintf("%s takes one rule folder, got %d arguments %q (flags go before the folder)", name, flags.NArg(), flags.Args())}
	case *dir != "" && filepath.Clean(*dir) != filepath.Clean(flags.Arg(0)):
		return usageError{fmt.Sprintf("%s: two rule folders, --rules %s and %s: give one", name, *dir, flags.Arg(0))}
	}
	*dir = flags.Arg(0)
	return nil
}

func cmdRulesCheck(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("sourcescore rules check", "sourcescore rules check [--rules DIR | DIR] [--stories DIR] [--input DIR]", rulesCheckExamples, stderr)
	dir := fs.String("rules", "", "rule `folder` to check (default: the built-in rules)")
	stories := fs.String("stories", "", storiesUsage)
	input := fs.String("input", "", "also check the articles of this `folder` (and its manifest.csv) against the stories")
	format := fs.String("format", "text", "output: text, or json (one document: the set, its errors with file, line and column, the input's warnings)")
	var limits ruleLimits
	limits.register(fs)
	if err := parse(fs, args, stdout); err != nil {
		return err
	}
	if err := ruleFolderArg(fs, dir); err != nil {
		return err
	}
	if *format != "text" && *format != "json" {
		return usageError{fmt.Sprintf("--format %q: use text or json", *format)}
	}
	if *format == "json" {
		return rulesCheckJSON(stdout, limits, *dir, *stories, *input)
	}
	rs, err := limits.source(*dir, *stories)
	if err != nil {
		return err
	}
	set, err := job.LoadRules(rs)
	if err != nil {
		var list rules.ErrorList
		if errors.As(err, &list) {
			for _, e := range list {
				fmt.Fprintln(stdout, e.Error())
			}
			return fmt.Errorf("%d errors in the rule set (%w)", len(list), sourcescore.ErrConfig)
		}
		return err
	}
	fmt.Fprintf(stdout, "%s: %d rules, %d stories, %d grade caps, %d files, set %s: ok\n", set.Source, len(set.Rules),
		len(set.Stories), len(set.Scoring.Caps), len(set.Files), short(set.Hash))
	if *input == "" {
		return nil
	}
	c, err := job.CheckInput(*input, set)
	if err != nil {
		var me *ingest.ManifestError
		if errors.As(err, &me) {
			fmt.Fprintln(stdout, me.Error())
			return fmt.Errorf("%d errors in %s (%w)", len(me.Problems), me.Path, sourcescore.ErrConfig)
		}
		return err
	}
	fmt.Fprintf(stdout, "%s: %s, %s\n", *input, count(c.Articles, "article"), count(len(c.Warnings), "warning"))
	for _, w := range c.Warnings {
		fmt.Fprintf(stdout, "warning: %s\n", w)
	}
	return nil
}

// errTestsFailed makes `rules test` exit 1 without repeating its report.
var errTestsFailed = errors.New("rule examples failed")

func cmdRulesTest(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("sourcescore rules test", "sourcescore rules test [--stories DIR] [--rule PREFIX] [--rules DIR | DIR]",
		"  sourcescore rules test                    # the built-in rules\n  sourcescore rules test --rules myrules/\n  sourcescore rules test --rules myrules/ --rule translation.\n", stderr)
	dir := fs.String("rules", "", "rule `folder` to test (default: the built-in rules)")
	stories := fs.String("stories", "", storiesUsage)
	only := fs.String("rule", "", "test only rules whose id starts with `PREFIX`")
	var limits ruleLimits
	limits.register(fs)
	if err := parse(fs, args, stdout); err != nil {
		return err
	}
	if err := ruleFolderArg(fs, dir); err != nil {
		return err
	}
	rs, err := limits.source(*dir, *stories)
	if err != nil {
		return err
	}
	set, err := job.LoadRules(rs)
	if err != nil {
		return fmt.Errorf("rules not loaded:\n%w", err)
	}
	passed, failed := 0, 0
	var current string
	var lines []string
	flushRule := func() {
		if current == "" {
			return
		}
		if len(lines) == 0 {
			fmt.Fprintf(stdout, "ok    %s\n", current)
		} else {
			fmt.Fprintf(stdout, "FAIL  %s\n%s", current, strings.Join(lines, ""))
		}
		lines = nil
	}
	for _, r := range set.Test() {
		if !strings.HasPrefix(r.RuleID, *only) {
			continue
		}
		if r.RuleID != current {
			flushRule()
			current = r.RuleID
		}
		if r.Passed {
			passed++
			continue
		}
		failed++
		diff := "        " + strings.ReplaceAll(r.Diff, "\n", "\n        ")
		lines = append(lines, fmt.Sprintf("      %s:%d: %s[%d]\n%s\n", r.File, r.Line, r.Want, r.Index, diff))
	}
	flushRule()
	fmt.Fprintf(stdout, "%d passed, %d failed\n", passed, failed)
	if failed > 0 {
		return errTestsFailed
	}
	return nil
}

// count says "1 article", "3 articles".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
