package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"sourcescore"
	"sourcescore/job"
	"sourcescore/rules"
)

const rulesUsage = `Usage:
  sourcescore rules <init|check|test|eval> [flags]

Commands:
  init DIR   write the built-in rule set to DIR, as a starting point for tuning
  check      load and validate a rule set; report every error with file:line:column
  test       run every rule's examples (texts that must and must not trigger it)
  eval       measure rules against a labelled corpus: precision and recall per rule

Examples:
  sourcescore rules init myrules/
  sourcescore rules check --rules myrules/
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

func cmdRulesCheck(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("sourcescore rules check", "sourcescore rules check [--rules DIR]",
		"  sourcescore rules check                   # the built-in rules\n  sourcescore rules check --rules myrules/\n", stderr)
	dir := fs.String("rules", "", "rule `folder` to check (default: the built-in rules)")
	if err := parse(fs, args, stdout); err != nil {
		return err
	}
	set, err := job.LoadRules(*dir)
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
	return nil
}

// errTestsFailed makes `rules test` exit 1 without repeating its report.
var errTestsFailed = errors.New("rule examples failed")

func cmdRulesTest(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("sourcescore rules test", "sourcescore rules test [--rules DIR] [--rule PREFIX]",
		"  sourcescore rules test                    # the built-in rules\n  sourcescore rules test --rules myrules/\n  sourcescore rules test --rules myrules/ --rule translation.\n", stderr)
	dir := fs.String("rules", "", "rule `folder` to test (default: the built-in rules)")
	only := fs.String("rule", "", "test only rules whose id starts with `PREFIX`")
	if err := parse(fs, args, stdout); err != nil {
		return err
	}
	set, err := job.LoadRules(*dir)
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
