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
	"sourcescore/ingest"
	"sourcescore/job"
	"sourcescore/rules"

	"github.com/spf13/pflag"
)

func cmdRulesInit(fs *pflag.FlagSet) runner {
	force := fs.Bool("force", false, "overwrite rule files that already exist in DIR")
	return func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
		if len(args) != 1 {
			return usageError{"rules init takes one folder (see sourcescore rules init --help)"}
		}
		written, err := writeBuiltin(args[0], *force)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote %d rule files to %s\nedit them, then: sourcescore rules check --rules %s\n", written, args[0], args[0])
		return nil
	}
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

A story fact whose cues hold a date other than the fact's is a warning
(exit 0), with its file:line:column: an article that gives that date would
be told it disagrees with the fact. So is a pattern with no literal text
the engine can look for first (it would run over the whole text of every
article: slow on a large run). run prints both too.
`

// ruleFolderArg takes the rule folder from a positional argument, as in
// `rules check myrules/` (the way `rules init DIR` takes it), or from
// --rules: the folder is never ignored. Both naming different folders,
// or more than one argument, is a usage error.
func ruleFolderArg(name string, args []string, dir *string) error {
	switch {
	case len(args) == 0:
		return nil
	case len(args) > 1:
		return usageError{fmt.Sprintf("%s takes one rule folder, got %d arguments %q", name, len(args), args)}
	case *dir != "" && filepath.Clean(*dir) != filepath.Clean(args[0]):
		return usageError{fmt.Sprintf("%s: two rule folders, --rules %s and %s: give one", name, *dir, args[0])}
	}
	*dir = args[0]
	return nil
}

func cmdRulesCheck(fs *pflag.FlagSet) runner {
	dir := fs.String("rules", "", "rule `folder` to check (default: the built-in rules)")
	stories := fs.String("stories", "", storiesUsage)
	input := fs.String("input", "", "also check the articles of this `folder` (and its manifest.csv) against the stories")
	format := fs.String("format", "text", "output: text, or json (one document: the set, its errors with file, line and column, the input's warnings)")
	var limits ruleLimits
	limits.register(fs)
	return func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
		if err := ruleFolderArg("rules check", args, dir); err != nil {
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
				return fmt.Errorf("%s in the rule set (%w)", count(len(list), "error"), sourcescore.ErrConfig)
			}
			return err
		}
		fmt.Fprintf(stdout, "%s: %d rules, %d stories, %d grade caps, %d files, set %s: ok\n", set.Source, len(set.Rules),
			len(set.Stories), len(set.Scoring.Caps), len(set.Files), short(set.Hash))
		for _, w := range set.Warnings {
			fmt.Fprintf(stdout, "warning: %s\n", w.Error())
		}
		if *input == "" {
			return nil
		}
		c, err := job.CheckInput(*input, set)
		if err != nil {
			var me *ingest.ManifestError
			if errors.As(err, &me) {
				fmt.Fprintln(stdout, me.Error())
				return fmt.Errorf("%s in %s (%w)", count(len(me.Problems), "error"), me.Path, sourcescore.ErrConfig)
			}
			return err
		}
		fmt.Fprintf(stdout, "%s: %s, %s\n", *input, count(c.Articles, "article"), count(len(c.Warnings), "warning"))
		for _, w := range c.Warnings {
			fmt.Fprintf(stdout, "warning: %s\n", w)
		}
		return nil
	}
}

// errTestsFailed makes `rules test` exit 1 without repeating its report.
var errTestsFailed = errors.New("rule examples failed")

func cmdRulesTest(fs *pflag.FlagSet) runner {
	dir := fs.String("rules", "", "rule `folder` to test (default: the built-in rules)")
	stories := fs.String("stories", "", storiesUsage)
	only := fs.String("rule", "", "test only rules whose id starts with `PREFIX`")
	var limits ruleLimits
	limits.register(fs)
	return func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
		if err := ruleFolderArg("rules test", args, dir); err != nil {
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
}

// count says "1 article", "3 articles".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
