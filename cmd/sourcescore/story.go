package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"sourcescore/job"

	"github.com/spf13/pflag"
)

const storyInitExamples = `  sourcescore story init --input week12/                  # the draft on stdout
  sourcescore story init --input week12/ --id ferry-2025 --out mystories/ferry-2025.yaml
  sourcescore rules check --stories mystories/ --input week12/   # then check it

The articles (every *.txt, *.html, *.htm and *.jsonl below --input, and
manifest.csv) are read as 'run' reads them. The draft lists what recurs across them, each with how many
articles give it: the names (runs of capitalised words, with their variants
as aliases), the two names found together in most articles (the match rule),
the publication most cited as the source ("laut X", "X berichtete",
"according to X", "X reported"), the names in the denial sentences (the
accused side), and the day-precise dates with the sentences that give them
(the facts; a date after every article's publication date is marked
scheduled, and a date only one article gives, a few days from one that more
articles give, is left out with a comment). Lines marked "check:" need a
person's decision. The draft loads as it is; --out never replaces a file
unless --force.
`

func cmdStoryInit(fs *pflag.FlagSet) runner {
	input := fs.String("input", "", "`folder` of articles about one story: every *.txt, *.html, *.htm and *.jsonl below it, plus manifest.csv when present")
	id := fs.String("id", "", "the story's `id` (default: the story the manifest names, when it is one the rule set does not have; else made from the accused side's name and the year)")
	out := fs.String("out", "", "write the story file to this `file` (default: stdout)")
	force := fs.Bool("force", false, "replace the --out file when it exists")
	rulesDir := fs.String("rules", "", "rule `folder` whose boilerplate markers and denial wording are used (default: the built-in rules)")
	stories := fs.String("stories", "", storiesUsage+"; the drafted id must not be one of them")
	var limits ruleLimits
	limits.register(fs)
	return func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
		if *input == "" {
			return usageError{"story init needs --input DIR (see sourcescore story init --help)"}
		}
		if len(args) > 0 {
			return usageError{fmt.Sprintf("story init takes no arguments, got %q (the folder goes in --input)", args[0])}
		}
		rs, err := limits.source(*rulesDir, *stories)
		if err != nil {
			return err
		}
		set, err := job.LoadRules(rs)
		if err != nil {
			return fmt.Errorf("rules not loaded:\n%w", err)
		}
		d, warnings, err := job.DraftStory(*input, set, *id)
		for _, w := range warnings {
			fmt.Fprintf(stderr, "warning: %s\n", w)
		}
		if err != nil {
			return err
		}
		if *out == "" {
			_, err := stdout.Write(d.YAML())
			return err
		}
		if err := job.WriteStoryFile(*out, d.YAML(), *force); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "story %s drafted from %d articles (%d facts): %s\ncheck the lines marked \"check:\", then: sourcescore rules check --stories %s --input %s\n",
			d.ID, d.Articles, d.Facts, *out, filepath.Dir(*out), *input)
		return nil
	}
}
