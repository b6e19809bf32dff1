// Command sourcescore rates how reliable news outlets are, article by
// article: it scores articles with analyst-tuned rule files, stores every run
// in SQLite and writes CSV reports.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"

	"sourcescore"
	"sourcescore/store"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// memoryLimit is the soft limit of the Go runtime's memory (heap, stacks,
// runtime) unless GOMEMLIMIT sets another: the garbage collector works
// harder as it nears it, rather than let the heap double its live size
// (GOGC=100), so a run of 100,000 articles stays under 300 MB of resident
// memory with SQLite's caches beside it (README, Performance: 256 MiB left
// reruns of 100,000 articles at 298–310 MB, about 50 MB of it outside Go's
// heap; 232 MiB, once the story comparison kept one copy of repeated
// texts, 271–284 MB in the same CPU). Live memory above it is still
// allowed: it is no cap.
const memoryLimit = 232 << 20

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	// SIGHUP (the terminal or session gone) stops as SIGTERM does: the
	// run in progress is cancelled and recorded as cancelled.
	ctx, stop := signal.NotifyContext(context.Background(), stopSignals...)
	code := Run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// stopSignals stop a command: a run is cancelled and recorded as such, a
// schedule stops after its grace period.
var stopSignals = []os.Signal{os.Interrupt, syscall.SIGTERM, syscall.SIGHUP}

// Exit codes.
const (
	exitOK     = 0 // done
	exitFailed = 1 // failed at run time
	exitUsage  = 2 // bad usage or bad configuration: the user must fix something
)

// runner runs a command with its positional arguments, once its flags are
// parsed.
type runner func(ctx context.Context, args []string, stdout, stderr io.Writer) error

// command is one command that does something: where it stands in the
// tree, its help, and how it registers its flags.
type command struct {
	path    string // "run", "rules check"
	use     string // the synopsis after the command's name
	short   string
	example string                         // examples, then what else --help says
	flags   func(fs *pflag.FlagSet) runner // registers the flags, returns the command
}

// groups are the commands that only hold others.
var groups = []struct{ name, short, example string }{
	{"rules", "work with rule files: init, check, test, eval", `  sourcescore rules init myrules/
  sourcescore rules check myrules/
  sourcescore rules check --stories mystories/ --input week12/
  sourcescore rules test myrules/
  sourcescore rules eval --labels seeds/labels.csv --rules myrules/
  sourcescore run --rules myrules/`},
	{"story", "draft a story file from a folder of articles about one story: init", `  sourcescore story init --input week12/ --out mystories/ferry-2025.yaml
  sourcescore rules check --stories mystories/ --input week12/`},
	{"db", "check the database: integrity, foreign keys, stored details", `  sourcescore db check
  sourcescore db check --db /srv/news/sourcescore.db`},
}

func commands() []command {
	return []command{
		{"run", "run [flags]",
			"score the articles of a folder, store the run and write the reports", runExamples, cmdRun},
		{"check", "check [flags] FILE|DIR...",
			"score files or folders on the spot and print findings and scores; no database", checkExamples, cmdCheck},
		{"explain", "explain [flags] ARTICLE",
			"show why an article scored as it did: ledger, findings in context", explainExamples, cmdExplain},
		{"diff", "diff [flags] [RUN_A RUN_B]",
			"compare two runs: rule set, articles moved and by which rule, findings", diffExamples, cmdDiff},
		{"compare", "compare [flags] [STORY]",
			"compare the outlets on one story: denial, primary source, dates, claims left out", compareExamples, cmdCompare},
		{"schedule", "schedule --cron SPEC [flags]",
			"run on a cron schedule, one run at a time, until SIGINT, SIGTERM or SIGHUP", scheduleExamples, cmdSchedule},
		{"history", "history [flags] OUTLET", "an outlet's score in every run", historyExamples, cmdHistory},
		{"report", "report [flags]",
			"write the CSV reports of a stored run again, from the database", reportExamples, cmdReport},
		{"rules init", "init [flags] DIR", "write the built-in rule set to DIR, as a starting point for tuning",
			"  sourcescore rules init myrules/\n  sourcescore rules init myrules/ --force   # overwrite files already there\n", cmdRulesInit},
		{"rules check", "check [flags] [DIR]",
			"load and validate a rule set: every error with file:line:column; with --input, the manifest's stories", rulesCheckExamples, cmdRulesCheck},
		{"rules test", "test [flags] [DIR]", "run every rule's examples (texts that must and must not trigger it)",
			"  sourcescore rules test                    # the built-in rules\n  sourcescore rules test myrules/\n  sourcescore rules test myrules/ --rule translation.\n", cmdRulesTest},
		{"rules eval", "eval --labels FILE [flags]",
			"measure rules against a labelled corpus: precision and recall per rule", evalExamples, cmdRulesEval},
		{"story init", "init --input DIR [flags]",
			"draft a story file from a folder of articles about one story", storyInitExamples, cmdStoryInit},
		{"db check", "check [flags]", "check the database: integrity, foreign keys, every stored detail",
			fmt.Sprintf(dbExamples, store.SchemaVersion), cmdDBCheck},
		{"version", "version", "print the version, the commit and the Go and SQLite versions",
			"  sourcescore version\n  sourcescore --version\n", cmdVersion},
	}
}

const rootLong = `sourcescore rates how reliable news outlets are, article by article.

Exit codes: 0 done, 1 failed (a malformed database included), 2 bad usage or bad configuration,
3 database locked by another sourcescore (nothing done; try again later).

Memory: the Go runtime keeps to a soft limit of 232 MiB (the garbage collector works harder near it);
set GOMEMLIMIT (e.g. GOMEMLIMIT=1GiB) for another.`

const rootExamples = `  sourcescore run                         # score seeds/ with the built-in rules
  sourcescore run --input articles/ --rules myrules/
  sourcescore rules init myrules/         # write the built-in rules out for tuning
  sourcescore rules check myrules/
  sourcescore story init --input week12/ --out mystories/ferry-2025.yaml   # draft a story file
  sourcescore run --input week12/ --stories mystories/   # the built-in rules plus your stories
  sourcescore rules test myrules/             # the rules' own examples
  sourcescore check article.txt               # findings and score of one file, nothing stored
  sourcescore explain 002_b69c8368de298335.txt # why an article scored as it did
  sourcescore diff 1 2                        # what changed between runs 1 and 2
  sourcescore compare                         # the outlets on each story, fact by fact
  sourcescore schedule --cron '@hourly' --input articles/   # every hour, until stopped
  sourcescore db check                        # is the database sound?`

// usageError is a mistake in the command line: exit 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// newRoot builds the command tree (github.com/spf13/cobra): flags and
// arguments mix freely, every command has --help with its examples, and
// `completion` writes the shell completion scripts. ran is set when a
// command's own code ran, so that an error before it (an unknown command
// or flag) is a usage error.
func newRoot(stdout, stderr io.Writer, ran *bool) *cobra.Command {
	root := &cobra.Command{
		Use:           "sourcescore",
		Short:         "rate how reliable news outlets are, article by article",
		Long:          rootLong,
		Example:       rootExamples,
		Version:       versionInfo(),
		SilenceErrors: true,
		SilenceUsage:  true,
		Args:          cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			c.SetOut(stderr)
			c.Usage()
			return usageError{"name a command (see sourcescore --help)"}
		},
	}
	root.SetVersionTemplate("{{.Version}}")
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageError{fmt.Sprintf("%s: %v (see %s --help)", c.CommandPath(), err, c.CommandPath())}
	})
	parents := map[string]*cobra.Command{"": root}
	for _, g := range groups {
		name := g.name
		gc := &cobra.Command{Use: name + " <command>", Short: g.short, Example: g.example, Args: cobra.ArbitraryArgs,
			RunE: func(c *cobra.Command, args []string) error {
				c.SetOut(stderr)
				c.Usage()
				if len(args) == 0 {
					return usageError{fmt.Sprintf("%s needs a command (see sourcescore %s --help)", name, name)}
				}
				return usageError{fmt.Sprintf("unknown %s command %q (see sourcescore %s --help)", name, args[0], name)}
			}}
		parents[name] = gc
		root.AddCommand(gc)
	}
	for _, cmd := range commands() {
		parent, _, _ := strings.Cut(cmd.path, " ")
		if !strings.Contains(cmd.path, " ") {
			parent = ""
		}
		c := &cobra.Command{Use: cmd.use, Short: cmd.short, Example: strings.TrimRight(cmd.example, "\n"), Args: cobra.ArbitraryArgs}
		run := cmd.flags(c.Flags())
		c.RunE = func(c *cobra.Command, args []string) error {
			*ran = true
			return run(c.Context(), args, stdout, stderr)
		}
		parents[parent].AddCommand(c)
	}
	gen := &cobra.Command{Use: "gen-docs [flags]", Short: "write the man pages and shell completion scripts (make docs)", Hidden: true, Args: cobra.ArbitraryArgs}
	genRun := cmdGenDocs(gen.Flags())
	gen.RunE = func(c *cobra.Command, args []string) error {
		*ran = true
		return genRun(c.Context(), args, stdout, stderr)
	}
	root.AddCommand(gen)
	return root
}

// Run runs the command line args and returns the exit code.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	ran := false
	root := newRoot(stdout, stderr, &ran)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err != nil && !ran {
		var ue usageError
		if !errors.As(err, &ue) {
			err = usageError{err.Error()}
		}
	}
	return exitCode(err, stderr)
}

// exitCode prints err and maps it to an exit code.
func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return exitOK
	}
	var le lockedError
	if errors.As(err, &le) {
		fmt.Fprintf(stderr, "sourcescore: %v\n", err)
		return exitLocked
	}
	var ue usageError
	if errors.As(err, &ue) || errors.Is(err, sourcescore.ErrConfig) {
		fmt.Fprintf(stderr, "sourcescore: %v\n", err)
		return exitUsage
	}
	fmt.Fprintf(stderr, "sourcescore: %v\n", err)
	if store.IsCorrupt(err) {
		fmt.Fprintf(stderr, "\t%s\n", store.RecoverHint)
	}
	return exitFailed
}
